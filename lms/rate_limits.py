"""Counting a client's requests against a per-minute allowance, in the shared cache.

A fixed one-minute window lets a client through twice its allowance across a minute's
boundary (the allowance at 0:59 and again at 1:00). Here a minute is counted in buckets of
five seconds, and a request is weighed against its own bucket and the twelve before it:
those cover every span of sixty seconds that ends with the request, so no client gets more
than the allowance in any sixty seconds. The price is a slightly stricter rate for a client
that keeps exactly at the allowance: the allowance per sixty-five seconds is never refused.

Refused requests count too, so a client that keeps hammering stays refused; the answer says
when a request would be let through again if it stopped (`Retry-After`).

The counters are in the shared cache (the database or Redis), so the allowance holds across
app servers. Each request adds one to its bucket and reads the others: one INCR and one MGET
on Redis; on the database cache, one transaction that first takes a lock named by
the client (a PostgreSQL advisory lock; on SQLite every transaction already holds the write
lock), so concurrent requests of one client are counted one after another.
"""

import math
import time
import zlib

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction

BUCKET_SECONDS = 5
BUCKETS = 13  # the current one and the twelve before it: sixty seconds at least, sixty-five at most


def refused_for(scope: str, client: str, allowance: int, clock=time.time) -> int:
    """Count one request of `client` in `scope`; 0 if it is within `allowance`, else the
    seconds until a request would be let through again. `clock` gives the time (tests)."""
    prefix = f"{scope}:{client}"
    cache = caches["default"]
    if not isinstance(cache, DatabaseCache):
        return _count(cache, prefix, allowance, clock())
    database = router.db_for_write(cache.cache_model_class)
    with transaction.atomic(using=database):
        connection = connections[database]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(prefix.encode())])
        return _count(cache, prefix, allowance, clock())  # the time read under the lock


def _count(cache, prefix: str, allowance: int, now: float) -> int:
    """Add one to the current bucket, then read the twelve before it and the one after.

    The one after holds a request only if a concurrent one read the clock later but counted
    itself earlier (on Redis, which takes no lock): reading it means that of any two requests
    the one counted second sees the first, so the allowance holds across a bucket's boundary.
    """
    current = int(now // BUCKET_SECONDS)
    key = f"{prefix}:{current}"
    cache.add(key, 0, timeout=(BUCKETS + 2) * BUCKET_SECONDS)
    try:
        mine = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=(BUCKETS + 2) * BUCKET_SECONDS)
        mine = 1
    earlier = [f"{prefix}:{bucket}" for bucket in range(current - BUCKETS + 1, current)]
    found = cache.get_many([*earlier, f"{prefix}:{current + 1}"])
    counts = [int(found.get(k, 0)) for k in earlier] + [mine, int(found.get(f"{prefix}:{current + 1}", 0))]
    if sum(counts) <= allowance:
        return 0
    return _seconds_until_within(counts, allowance, current - BUCKETS + 1, now)


def _seconds_until_within(counts: list[int], allowance: int, first: int, now: float) -> int:
    """How long until the oldest buckets (`counts[0]` is bucket `first`) have left the count,
    so that one more request fits."""
    total = sum(counts)
    for offset, count in enumerate(counts):
        total -= count
        if total + 1 <= allowance:
            # A bucket is counted until the current bucket is BUCKETS after it.
            leaves_at = (first + offset + BUCKETS) * BUCKET_SECONDS
            return max(1, math.ceil(leaves_at - now))
    return (BUCKETS + 1) * BUCKET_SECONDS  # an allowance of 0: never; say so in the longest term
