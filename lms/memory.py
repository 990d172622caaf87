"""Per-process memory for what every request reads and rarely changes: a dict with expiry.

Django's local-memory cache pickles each value on every read; for page objects (a course's
outline of 40 lessons, the site's root page) that cost more than the query it saved. Values
kept here are shared by the requests of the process as they are: read them, never change
them. Each process has its own (docs/design.md, "Caches"); what must be shared goes to the
"default" cache.
"""

import threading
import time

_MISSING = object()


class ProcessMemory:
    def __init__(self):
        self._items: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, default=None):
        item = self._items.get(key, _MISSING)
        if item is _MISSING or item[0] < time.monotonic():
            return default
        return item[1]

    def set(self, key: str, value, seconds: float) -> None:
        with self._lock:
            self._items[key] = (time.monotonic() + seconds, value)

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


process_memory = ProcessMemory()
