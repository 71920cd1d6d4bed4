"""Run pip-audit on the installed dependencies and say plainly what it could and could not
check (`make audit`).

pip-audit asks a vulnerability service (PyPI's per-version JSON API, or OSV) about every
installed package. Where that service cannot be reached, pip-audit "skips" each package and
still prints "No known vulnerabilities found": a green that checked nothing. This wrapper
counts what was really audited:

- any known vulnerability (not listed in IGNORED with a reason): exit 1;
- nothing could be audited (no service reachable): a loud NOT AUDITED, exit 0, or exit 2
  with --strict (use it wherever the service is reachable, e.g. a developer's machine);
- some packages skipped (e.g. the project itself, which is not on PyPI): listed, exit 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess  # our own pip-audit with fixed arguments  # nosec B404
import sys

# Vulnerability id -> why it does not apply to Consulta. Keep each entry justified.
IGNORED: dict[str, str] = {}
# Not published on PyPI, so never auditable there: the project itself.
LOCAL_PACKAGES = {"consulta"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true", help="fail when nothing was audited")
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "pip_audit", "--local", "--format", "json",
               "--progress-spinner", "off"]  # fmt: skip
    for vuln_id in IGNORED:
        command += ["--ignore-vuln", vuln_id]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        print("pip-audit did not produce a report", file=sys.stderr)
        return 2
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    found = [(d, v) for d in audited for v in d.get("vulns", [])]
    for dependency, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
              f"(fixed in {fixes})")  # fmt: skip
    unexpected = [d for d in skipped if d["name"] not in LOCAL_PACKAGES]
    print(
        f"pip-audit: {len(audited)} of {len(dependencies)} installed packages audited, "
        f"{len(found)} known vulnerabilities, {len(IGNORED)} ignored with a reason"
    )
    if found:
        return 1
    if unexpected and not audited:
        print(
            f"NOT AUDITED: no vulnerability service answered for any of {len(unexpected)} "
            "packages (pip-audit needs PyPI's per-version JSON API or OSV; see "
            "docs/security-checks.md)."
        )
        return 2 if args.strict else 0
    for dependency in unexpected:
        print(f"skipped {dependency['name']} {dependency.get('version', '')}: "
              f"{dependency['skip_reason']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
