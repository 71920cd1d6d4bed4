"""Run a gunicorn server on a free loopback port for the length of a benchmark.

`GunicornServer` starts gunicorn in its own session (process group) so that it can be stopped
as one unit and never outlives the benchmark, waits until it answers HTTP with all workers
booted, and stops it with SIGTERM (graceful) falling back to SIGKILL on its own group.

`RssSampler` samples the server's process tree from /proc while load runs and keeps the peak
of the summed RSS. Forked workers share pages with the master, so the RSS sum overstates real
memory use; PSS (proportional set size, shared pages split between sharers) is reported beside
it when the kernel offers /proc/<pid>/smaps_rollup.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EMPTY_CONFIG = Path(__file__).resolve().parent / "gunicorn_conf.py"
# Workers warm up before they answer (app/intake/warm.py); on a busy machine that takes a while.
STARTUP_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
# gunicorn's "address in use" retries take ~5 s; a port stolen between our probe and its
# bind is rare, so a couple of fresh ports is plenty.
START_ATTEMPTS = 3


class ServerError(RuntimeError):
    """The server did not start or answer; the message carries its log's tail."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _gunicorn_has_setting(name: str) -> bool:
    try:
        from gunicorn.config import KNOWN_SETTINGS
    except ImportError:
        return False
    return any(setting.name == name for setting in KNOWN_SETTINGS)


def _parent_map() -> dict[int, int]:
    """pid -> parent pid for every process we can see."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        # The command name is in parentheses and may contain spaces or ')': split after the
        # last ')'; then field 0 is the state and field 1 the parent pid.
        fields = stat.rpartition(")")[2].split()
        if len(fields) > 1:
            parents[int(entry.name)] = int(fields[1])
    return parents


def process_tree(root_pid: int) -> list[int]:
    """`root_pid` and all its descendants that are alive now."""
    parents = _parent_map()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    tree: list[int] = []
    todo = [root_pid] if root_pid in parents else []
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(root_pid: int) -> float:
    """User + system CPU time used so far by `root_pid` and its live descendants (seconds).

    Divided by the work done between two readings, it is a cost per request that a machine
    busy with other work moves much less than requests per second."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in process_tree(root_pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _memory_kb(pid: int) -> tuple[int, int | None]:
    """(RSS, PSS) of one process in kB; 0 / None for what cannot be read."""
    rss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                break
    except OSError:
        return 0, None
    pss: int | None = None
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
                break
    except OSError:
        pass
    return rss, pss


class RssSampler:
    """Context manager: samples a process tree's memory in a thread; keeps the peaks (MB)."""

    def __init__(self, root_pid: int, interval_s: float = 0.1) -> None:
        self.root_pid = root_pid
        self.interval_s = interval_s
        self.peak_rss_mb = 0.0
        self.peak_pss_mb: float | None = None
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def sample(self) -> None:
        rss_total = 0
        pss_total: int | None = 0
        for pid in process_tree(self.root_pid):
            rss, pss = _memory_kb(pid)
            rss_total += rss
            pss_total = None if pss is None or pss_total is None else pss_total + pss
        self.samples += 1
        self.peak_rss_mb = max(self.peak_rss_mb, round(rss_total / 1024, 1))
        if pss_total is not None:
            self.peak_pss_mb = max(self.peak_pss_mb or 0.0, round(pss_total / 1024, 1))

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def __enter__(self) -> RssSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


class GunicornServer:
    """``with GunicornServer("wsgi:app", env, log_path=…) as server:`` serves on ``.port``."""

    def __init__(
        self,
        app: str,
        env: Mapping[str, str],
        *,
        workers: int = 2,
        log_path: Path,
        ready_path: str = "/",
        cwd: Path = ROOT,
    ) -> None:
        self.app = app
        self.env = dict(env)
        self.workers = workers
        self.ready_path = ready_path
        self.log_path = log_path
        self.cwd = cwd
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self.process is None:
            raise ServerError("server not started")
        return self.process.pid

    def command(self, port: int) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(EMPTY_CONFIG),
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{port}",
            # Access logging would cost the server a write per request and skew the figures.
            "--log-level",
            "warning",
        ]
        # gunicorn >= 25 opens a control socket at one shared default path
        # (~/.gunicorn/gunicorn.ctl): a benchmark server would clobber another gunicorn's.
        if _gunicorn_has_setting("control_socket_disable"):
            cmd.append("--no-control-socket")
        cmd.append(self.app)
        return cmd

    def start(self) -> None:
        last_error: ServerError | None = None
        for _ in range(START_ATTEMPTS):
            self.port = free_port()
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    self.command(self.port),
                    cwd=self.cwd,
                    env=self.env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    # Own session: Ctrl-C in the terminal reaches only us, and we can stop the
                    # whole tree by its process group, which is this server's pid.
                    start_new_session=True,
                )
            try:
                self._wait_until_ready()
                return
            except ServerError as exc:
                last_error = exc
                self.stop()
        assert last_error is not None
        raise last_error

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def _wait_until_ready(self) -> None:
        """Until the server answers HTTP and all its workers have booted (so warm-up is fair)."""
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        answered = False
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(
                    f"gunicorn {self.app} exited with {self.process.returncode}:\n"
                    + self._log_tail()
                )
            if not answered:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                try:
                    conn.request("GET", self.ready_path)
                    conn.getresponse().read()
                    answered = True
                except (OSError, http.client.HTTPException):
                    pass
                finally:
                    conn.close()
            if answered and len(process_tree(self.pid)) >= 1 + self.workers:
                return
            time.sleep(0.05)
        raise ServerError(
            f"gunicorn {self.app} did not answer within {STARTUP_TIMEOUT_S:.0f} s:\n"
            + self._log_tail()
        )

    def stop(self) -> None:
        """SIGTERM the master (graceful), then SIGKILL whatever is left of its process group."""
        if self.process is None:
            return
        process, self.process = self.process, None
        pgid = process.pid  # start_new_session made the master its group's leader
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_S)
        # Normally the group is already empty (ProcessLookupError): the graceful stop worked.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        process.wait()

    def rss_sampler(self, interval_s: float = 0.1) -> RssSampler:
        return RssSampler(self.pid, interval_s)

    def __enter__(self) -> GunicornServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
