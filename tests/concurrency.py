"""Run many clients at once against the real database, each on its own connection."""

import threading
from collections.abc import Callable, Sequence

from django.db import connections


def run_concurrently(work: Callable, items: Sequence, clients: int = 50) -> tuple[list, list]:
    """Call `work(item)` for every item from `clients` threads released together.

    Each thread opens its own database connection (Django connections are per
    thread) and waits at a barrier so the first calls really collide. Returns
    (results, errors); errors are (item, exception) pairs.
    """
    chunks = [items[i::clients] for i in range(clients)]
    barrier = threading.Barrier(len(chunks))
    results, errors, lock = [], [], threading.Lock()

    def client(chunk):
        try:
            barrier.wait(timeout=60)
            for item in chunk:
                try:
                    outcome = work(item)
                except Exception as error:
                    with lock:
                        errors.append((item, error))
                else:
                    with lock:
                        results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results, errors
