"""CPU per request of the public list and the API list against the textbook page (issue 20,
point 8), in one process: wall times on a shared machine are noisy, `time.process_time` is not
(on PostgreSQL it leaves out the server's share, which the wall-clock scenario measures).

    INSTANCE_PATH=<folder with a migrated, seeded consulta.sqlite3> \
        python -m benchmarks.public_cpu [--seed 200000] [--runs 100] [--profile list_first_page] \
        [--dump <folder>]

`--seed` adds that many published comments first (benchmarks.scenarios.public.seed); run it
once on a fresh database (`flask --app wsgi db upgrade` and `flask --app wsgi seed`), then
measure as often as needed on the same rows. The targets are the scenario's
(benchmarks.scenarios.public.targets). `--dump` writes each page's HTML and JSON for a
before/after diff.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from pathlib import Path

from benchmarks.queue_cpu import cpu_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--profile", default=None)
    parser.add_argument("--dump", default=None)
    parser.add_argument("--only", action="append", default=None, help="a target to measure")
    args = parser.parse_args(argv)

    from app import create_app
    from app.db import db
    from benchmarks.scenarios.public import seed, targets_and_statements
    from benchmarks.textbook.listing import create_list_app

    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    if args.seed:
        with app.app_context():
            print(seed(args.seed))
            db.session.commit()
    targets, statements = targets_and_statements(app)
    client = app.test_client()
    textbook = create_list_app(app.config["SQLALCHEMY_DATABASE_URI"], statements).test_client()
    if args.dump:
        folder = Path(args.dump)
        folder.mkdir(parents=True, exist_ok=True)
        for name, (kind, url) in targets.items():
            for lang in ("en", "es"):
                answer = client.get(url.replace("/en/", f"/{lang}/", 1))
                suffix = "html" if kind == "html" else "json"
                (folder / f"{name}-{lang}.{suffix}").write_bytes(answer.data)
    if args.profile:
        url = targets[args.profile][1]
        client.get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(25)
        return 0
    print(f"{'target':<16} {'app ms':>8} {'textbook ms':>12} {'ratio':>6}")
    for name, (kind, url) in targets.items():
        if args.only and name not in args.only:
            continue
        assert client.get(url).status_code == 200, name
        app_ms = cpu_ms(lambda url=url: client.get(url), args.runs)
        path = f"/public/{name}" if kind == "html" else f"/json/{name}"
        list_ms = cpu_ms(lambda path=path: textbook.get(path), args.runs)
        print(f"{name:<16} {app_ms:>8.2f} {list_ms:>12.2f} {app_ms / list_ms:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
