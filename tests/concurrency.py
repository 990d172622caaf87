"""Run many clients at once against the real database, each on its own connection."""

import threading
import time
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

    before = server_connections()
    threads = [threading.Thread(target=client, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    wait_for_server_connections(before)
    return results, errors


def server_connections() -> int | None:
    """Connections PostgreSQL holds open to this test database (None on SQLite)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def wait_for_server_connections(target: int | None, timeout: float = 15) -> None:
    """Wait until the server has let go of the clients' connections.

    A backend exits a moment after its client closes; 50 clients of one test still leaving
    while 50 of the next arrive would exceed PostgreSQL's default of 100 connections.
    """
    deadline = time.monotonic() + timeout
    while target is not None and server_connections() > target and time.monotonic() < deadline:
        time.sleep(0.05)
