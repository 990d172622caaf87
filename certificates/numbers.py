"""Serial numbers and verification codes."""

import secrets

from django.db import transaction

from certificates.models import SerialCounter

# No 0/O, 1/I/L: a code read out over the phone or typed from paper cannot be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # 31**12 ≈ 7.9e17 codes: guessing a valid one is hopeless at any rate limit
LOOKALIKES = str.maketrans({"0": "", "O": "", "1": "", "I": "", "L": ""})


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a person typed (spaces, dashes, lower case) as a stored code; '' if it cannot be one."""
    code = "".join(ch for ch in raw.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def take_serials(pattern: str, year: int, count: int = 1) -> list[str]:
    """The next `count` serials of `pattern` for `year`, taken under a row lock.

    The counter row is locked until the caller's transaction ends, so concurrent issuers
    wait for each other and never get the same number; a rolled-back issue gives its
    numbers back with the rest of the transaction, a committed one never does.
    """
    counter_year = year if "{year" in pattern else 0
    with transaction.atomic():
        SerialCounter.objects.bulk_create([SerialCounter(pattern=pattern, year=counter_year)], ignore_conflicts=True)
        counter = SerialCounter.objects.select_for_update().get(pattern=pattern, year=counter_year)
        first = counter.last_value + 1
        counter.last_value += count
        counter.save(update_fields=["last_value"])
    return [pattern.format(seq=seq, year=year) for seq in range(first, first + count)]
