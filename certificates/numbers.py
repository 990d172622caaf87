"""Serial numbers and verification codes."""

import re
import secrets
from string import Formatter

from django.db import transaction

from certificates.models import Certificate, SerialCounter

# No 0/O, 1/I/L: a code read out over the phone or typed from paper cannot be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # 31**12 ≈ 7.9e17 codes: guessing a valid one is hopeless at any rate limit
LOOKALIKES = str.maketrans({"0": "", "O": "", "1": "", "I": "", "L": ""})
# Python's format-spec mini-language: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
SPEC_RE = re.compile(
    r"(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[-+ ])?(?P<z>z)?(?P<alt>#)?(?P<zero>0)?"
    r"(?P<width>\d+)?(?P<grouping>[,_])?(?:\.(?P<precision>\d+))?(?P<type>[bcdeEfFgGnosxX%])?",
    re.S,
)
# Numbers a canonical spec must render exactly as the spelling it replaces.
PROBES = (1, 7, 42, 999, 1000, 12345, 1234567, 2026)


class SerialsExhausted(Exception):
    """The pattern printed only serials already taken, round after round (a pattern that hardly uses {seq})."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a person typed (spaces, dashes, lower case) as a stored code; '' if it cannot be one."""
    code = "".join(ch for ch in raw.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def _canonical_spec(spec: str) -> str:
    """One spelling for an integer format spec: '05', '05d', '>05d' and '0=5d' all become '0>5d'.

    Defaults are written out (type d, fill ' ', align '>'), what cannot change an integer is
    dropped ('-' sign, '#' with d, a width of 0 or 1), the '0' flag becomes fill and align.
    A spec the rules do not cover, or whose rewrite would print any number differently, is
    kept as written: at worst two spellings keep two counters, never one counter for two meanings.
    """
    match = SPEC_RE.fullmatch(spec)
    if match is None:
        return spec
    part = match.groupdict()
    if part["type"] not in (None, "d") or part["z"] or part["precision"] is not None:
        return spec
    fill, align, sign, grouping = part["fill"], part["align"], part["sign"] or "", part["grouping"] or ""
    keep_zero = ""
    if part["zero"]:
        if align is None and grouping:
            keep_zero = "0"  # zero padding with separators in it: only the flag spells it
        elif fill is None:
            fill, align = "0", align or "="
    if sign == "-":
        sign = ""
    if align == "=" and not sign and not grouping:
        align = ">"  # nothing to pad after: '=' pads like '>'
    width = int(part["width"] or 0)
    if keep_zero:
        head = ""
    elif width <= 1:
        head, width = "", 0
    else:
        head = (fill or " ") + (align or ">")
    canonical = f"{head}{sign}{keep_zero}{width or ''}{grouping}d"
    try:
        same = all(format(n, canonical) == format(n, spec) for n in PROBES)
    except ValueError:
        same = False
    return canonical if same else spec


def canonical_pattern(pattern: str) -> str:
    """The pattern in one spelling, so spellings that print the same serials share one counter.

    `{seq:05}/X/{year}` and `{seq:05d}/X/{year}` are the same pattern; `{seq:05d}/X` and
    `{seq:06d}/X` are not. A pattern that does not parse is its own canonical form.
    """
    out = []
    try:
        parsed = list(Formatter().parse(pattern))
    except ValueError:
        return pattern
    for literal, field, spec, conversion in parsed:
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is None:
            continue
        if field in ("seq", "year"):
            if conversion and not spec:
                conversion = None  # str(), repr() and ascii() of an integer print it as it is
            if not conversion:
                spec = _canonical_spec(spec or "")
        out.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def uses_year(pattern: str) -> bool:
    try:
        return any(
            field == "year" or (field or "").startswith(("year.", "year["))
            for _l, field, _s, _c in Formatter().parse(pattern)
        )
    except ValueError:
        return "{year" in pattern


def take_serials(pattern: str, year: int, count: int = 1) -> list[str]:
    """The next `count` serials of `pattern` for `year`, taken under a row lock.

    The counter (one per canonical pattern, see canonical_pattern) is locked until the
    caller's transaction ends, so concurrent issuers wait for each other and never get the
    same number; a rolled-back issue gives its numbers back with the rest of the transaction,
    a committed one never does. A serial some certificate already carries (a pattern changed
    to one printing the same numbers, an old counter) is passed over, so none is refused later.
    """
    key = canonical_pattern(pattern)
    counter_year = year if uses_year(pattern) else 0
    serials: list[str] = []
    with transaction.atomic():
        SerialCounter.objects.bulk_create([SerialCounter(pattern=key, year=counter_year)], ignore_conflicts=True)
        counter = SerialCounter.objects.select_for_update().get(pattern=key, year=counter_year)
        for _round in range(100):
            wanted = count - len(serials)
            if not wanted:
                break
            first = counter.last_value + 1
            counter.last_value += wanted
            candidates = [pattern.format(seq=seq, year=year) for seq in range(first, first + wanted)]
            taken = set(Certificate.objects.filter(serial__in=candidates).values_list("serial", flat=True))
            taken.update(serials)
            serials += [serial for serial in dict.fromkeys(candidates) if serial not in taken]
        if len(serials) < count:
            raise SerialsExhausted(pattern)
        counter.save(update_fields=["last_value"])
    return serials
