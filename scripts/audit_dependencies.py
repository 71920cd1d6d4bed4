"""Run pip-audit on a lock file and say plainly what it could and could not check
(`make audit`).

pip-audit asks a vulnerability service (PyPI's per-version JSON API, or OSV) about every
package pinned in the lock. Where that service cannot be reached, pip-audit either "skips"
each package and still prints "No known vulnerabilities found" (a green that checked
nothing), or stops with a connection error. This wrapper counts what was really audited:

- any known vulnerability (not listed in IGNORED with a reason): exit 1;
- nothing could be audited (no service reachable): a loud NOT AUDITED, exit 0, or exit 2
  with --strict (use it wherever the service is reachable, e.g. a developer's machine);
- some packages skipped: listed, exit 0.

pip-audit's own environment variables choose the service, e.g.
PIP_AUDIT_VULNERABILITY_SERVICE=osv and PIP_AUDIT_OSV_URL=… (docs/security-checks.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess  # our own pip-audit with fixed arguments  # nosec B404
import sys

# Vulnerability id -> why it does not apply to Consulta. Keep each entry justified.
IGNORED: dict[str, str] = {}
# What pip-audit writes when it could not talk to the service at all: its own message for a
# connection it gave up on, or the exception that stopped it.
UNREACHABLE_MARKS = (
    "your network may be blocking this service",
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "ServiceError",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lock", help="a requirements file with every package pinned and hashed")
    parser.add_argument("--strict", action="store_true", help="fail when nothing was audited")
    args = parser.parse_args(argv)
    # --disable-pip: read the pins and hashes as they are, resolve and install nothing.
    command = [sys.executable, "-m", "pip_audit", "--requirement", args.lock,
               "--require-hashes", "--disable-pip", "--format", "json",
               "--progress-spinner", "off"]  # fmt: skip
    for vuln_id in IGNORED:
        command += ["--ignore-vuln", vuln_id]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return _no_report(done, args.lock, strict=args.strict)
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    found = [(d, v) for d in audited for v in d.get("vulns", [])]
    for dependency, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
              f"(fixed in {fixes})")  # fmt: skip
    print(
        f"pip-audit: {len(audited)} of {len(dependencies)} packages in {args.lock} audited, "
        f"{len(found)} known vulnerabilities, {len(IGNORED)} ignored with a reason"
    )
    if found:
        return 1
    if skipped and not audited:
        print(
            f"NOT AUDITED: no vulnerability service answered for any of {len(skipped)} "
            "packages (pip-audit needs PyPI's per-version JSON API or OSV; see "
            "docs/security-checks.md)."
        )
        return 2 if args.strict else 0
    for dependency in skipped:
        print(f"skipped {dependency['name']}: {dependency['skip_reason']}")
    return 0


def _no_report(done: subprocess.CompletedProcess[str], lock: str, *, strict: bool) -> int:
    """pip-audit stopped without a report: an unreachable service, or a real error."""
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    if any(mark in done.stderr for mark in UNREACHABLE_MARKS):
        reason = lines[-1] if lines else "no answer"
        print(f"pip-audit: 0 packages in {lock} audited: the vulnerability service could not be "
              f"reached ({reason[:300]})")  # fmt: skip
        print(
            "NOT AUDITED: no vulnerability service answered (pip-audit needs PyPI's "
            "per-version JSON API or OSV; see docs/security-checks.md)."
        )
        return 2 if strict else 0
    print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
    print("pip-audit did not produce a report", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
