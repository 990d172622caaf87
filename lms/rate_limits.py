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
app servers, and concurrent requests of one client are counted one after another: each sees
every request counted before it and none counted after, so exactly the allowance is let
through, never fewer. On Redis, a key per bucket, counted and read in one MULTI/EXEC
transaction. On the database cache, one row per client holding its buckets, read and
written in one transaction that first takes a lock named by the client (a PostgreSQL
advisory lock; on SQLite every transaction already holds the write lock).
"""

import math
import time
import zlib

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction

BUCKET_SECONDS = 5
BUCKETS = 13  # the current one and the twelve before it: sixty seconds at least, sixty-five at most
KEEP_SECONDS = (BUCKETS + 2) * BUCKET_SECONDS  # a counter outlives every request that reads it


def refused_for(scope: str, client: str, allowance: int, clock=time.time) -> int:
    """Count one request of `client` in `scope`; 0 if it is within `allowance`, else the
    seconds until a request would be let through again. `clock` gives the time (tests)."""
    prefix = f"{scope}:{client}"
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        now = clock()
        return _verdict(_count_in_buckets(cache, prefix, now), allowance, now)
    if not isinstance(cache, DatabaseCache):
        raise ImproperlyConfigured("Rate limits count in the database cache or in Redis (REDIS_URL).")
    database = router.db_for_write(cache.cache_model_class)
    with transaction.atomic(using=database):
        connection = connections[database]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(prefix.encode())])
        now = clock()  # read under the lock, so the order of the clock is the order of counting
        return _verdict(_count_in_one_row(cache, prefix, now), allowance, now)


def _count_in_buckets(cache, prefix: str, now: float) -> dict[int, int]:
    """On Redis: a key per bucket; add one to the current and read the twelve before it and
    the one after, in one transaction (MULTI/EXEC), so no other request is counted between.

    Apart, a request counted first could read the count of one counted after it, and both
    be refused: fewer than the allowance let through (CI saw 9 of 10).

    The one after holds a request only if a concurrent one read the clock later but was
    counted earlier; reading it means the one counted second sees the first, so the
    allowance holds across a bucket's boundary.
    """
    current = int(now // BUCKET_SECONDS)
    key = cache.make_and_validate_key(f"{prefix}:{current}")
    others = [*range(current - BUCKETS + 1, current), current + 1]
    with cache._cache.get_client(key, write=True).pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, KEEP_SECONDS)  # from the last request: outlives every read of it
        pipe.mget([cache.make_and_validate_key(f"{prefix}:{bucket}") for bucket in others])
        mine, _, found = pipe.execute()
    return {**{bucket: int(n or 0) for bucket, n in zip(others, found, strict=True)}, current: mine}


def _count_in_one_row(cache, prefix: str, now: float) -> dict[int, int]:
    """On the database cache, under the client's lock: the buckets in one row per client.

    One row, not one per bucket: the database cache culls a third of its rows, the first by
    key, whenever it holds more than MAX_ENTRIES; rows are what a flood of lookups would
    multiply, and allauth's login limits ("allauth:rl:…") sort before ours.
    """
    current = int(now // BUCKET_SECONDS)
    kept = cache.get(prefix) or {}
    counts = {bucket: n for bucket, n in kept.items() if current - BUCKETS < bucket <= current + 1}
    counts[current] = counts.get(current, 0) + 1
    cache.set(prefix, counts, timeout=KEEP_SECONDS)
    return counts


def _verdict(counts: dict[int, int], allowance: int, now: float) -> int:
    """0 if the requests counted from the last BUCKETS buckets (and a next one) are within
    `allowance`, else the seconds until one more would be."""
    current = int(now // BUCKET_SECONDS)
    first = current - BUCKETS + 1
    window = [counts.get(bucket, 0) for bucket in range(first, current + 2)]
    if sum(window) <= allowance:
        return 0
    return _seconds_until_within(window, allowance, first, now)


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
