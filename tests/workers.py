"""An RQ worker for tests: works the queue in this process until it is empty.

RQ's worker listens for commands on a Redis pub/sub channel in a thread of its own; when a
burst ends before that thread has subscribed, stopping it waits out the thread's 60-second poll
(seen: a 4-second test taking 64). Tests send no commands, so this worker does not listen."""

from __future__ import annotations

from typing import Any

from rq import SimpleWorker


class BurstWorker(SimpleWorker):
    def subscribe(self) -> None:
        pass

    def unsubscribe(self) -> None:
        pass


def work_until_empty(queue: Any) -> bool:
    """Run every job waiting on `queue`; whether any was run."""
    return bool(BurstWorker([queue], connection=queue.connection).work(burst=True))
