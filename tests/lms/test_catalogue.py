"""The Indonesian catalogues: complete, in one vocabulary, and read in the right order.

locale/id holds Sinau's own strings (`makemessages` writes it); locale/overrides/id holds
Indonesian for the strings of Wagtail, allauth, Django, django-filter and taggit that their
own catalogues leave in English or word differently. Every model of ours has a translated
name, singular and plural.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
OVERRIDES = ROOT / "locale" / "overrides" / "id" / "LC_MESSAGES"
CATALOGUES = [OURS, OVERRIDES / "django.po", OVERRIDES / "djangojs.po"]
SITE_PACKAGES = Path(translation.__file__).resolve().parents[3]
PACKAGES = ["wagtail", "allauth", "django", "django_filters", "taggit"]


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The key gettext looks up: context and id joined by EOT, as Django's pgettext does."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (header and obsolete `#~` entries left out)."""
    entries, entry, last = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.msgid:
                entries.append(entry)
            entry, last = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith('"') and last:
            value = ast.literal_eval(line)
            if last == "msgstr":
                entry.msgstr[-1] += value
            else:
                setattr(entry, last, getattr(entry, last) + value)
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[\d+\])? (".*")$', line):
            last, value = match.group(1), ast.literal_eval(match.group(2))
            if last == "msgstr":
                entry.msgstr.append(value)
            else:
                setattr(entry, last, value)
    return entries


def indonesian() -> dict:
    """Every Indonesian message Django knows, as the site reads it (ours, then overrides, then packages)."""
    catalog = trans_real.translation("id")._catalog
    return {key: catalog[key] for key in {key for part in catalog._catalogs for key in part}}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    entries = read_po(path)
    assert len(entries) > 40
    assert [entry.msgid for entry in entries if not all(entry.msgstr)] == []
    assert [entry.msgid for entry in entries if "fuzzy" in entry.flags] == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_override_translates_a_string_the_packages_still_have(domain):
    known = set()
    for package in PACKAGES:
        for po in (SITE_PACKAGES / package).glob(f"**/locale/*/LC_MESSAGES/{domain}.po"):
            if re.search(r"/locale/(en|id|id_ID|fr)/", str(po)):
                known |= {entry.key for entry in read_po(po)}
    gone = [entry.msgid for entry in read_po(OVERRIDES / f"{domain}.po") if entry.key not in known]
    assert gone == [], "strings no longer in Wagtail/allauth/Django: drop or update their overrides"


def test_our_catalogue_wins_over_the_overrides_and_the_overrides_over_the_packages():
    ours = {entry.key: entry.msgstr[0] for entry in read_po(OURS) if not entry.msgid_plural}
    overrides = {entry.key: entry.msgstr[0] for entry in read_po(OVERRIDES / "django.po") if not entry.msgid_plural}
    with translation.override("id"):
        assert translation.gettext("Password") == "Kata sandi"  # wagtail.admin's says "Kata Kunci"
        assert translation.gettext("Request changes") == "Minta perubahan"  # Wagtail has none
        for key, text in overrides.items():
            assert translation.gettext(key) == ours.get(key, text), key


def test_the_wagtail_admins_script_strings_are_indonesian(client, staff):
    client.force_login(staff)
    script = client.get("/admin/jsi18n/").content.decode()
    assert "Ciutkan semua" in script and "Tindakan lainnya" in script


def test_every_message_keeps_one_vocabulary():
    wrong = re.compile(r"e-mail|surel|silahkan|kursus|partisipan|kata kunci", re.IGNORECASE)
    allowed_kata_kunci = re.compile(r"search term|keyword|^terms$", re.IGNORECASE)
    problems = []
    for key, text in indonesian().items():
        msgid = (key if isinstance(key, str) else key[0]).split("\x04")[-1]
        wrong_word = wrong.search(text) and not allowed_kata_kunci.search(msgid)
        wrong_password = re.search(r"password", msgid, re.IGNORECASE) and "kata sandi" not in text.lower()
        if wrong_word or wrong_password:
            problems.append((msgid, text))
    assert problems == []


@pytest.mark.parametrize(
    ("english", "indonesian_word"),
    [("participants?", "peserta"), ("waves?", "gelombang"), ("trainers?", "pelatih"), ("courses?", "pelatihan")],
)
def test_our_messages_name_people_and_programmes_the_same_way(english, indonesian_word):
    word = re.compile(rf"(?<![\w.(]){english}(?![\w.)])", re.IGNORECASE)
    problems = [
        (entry.msgid, entry.msgstr[0])
        for entry in read_po(OURS)
        if word.search(f"{entry.msgid} {entry.msgid_plural or ''}") and indonesian_word not in entry.msgstr[0].lower()
    ]
    assert problems == []


# Model names that read the same in both languages; none so far.
LOANWORDS: set[str] = set()


def our_models():
    for label in ["lms", "courses", "certificates"]:
        yield from apps.get_app_config(label).get_models()


@pytest.mark.parametrize("model", list(our_models()), ids=lambda model: model._meta.label)
def test_every_model_has_translated_names_singular_and_plural(model):
    meta = model._meta
    assert "verbose_name" in meta.original_attrs and "verbose_name_plural" in meta.original_attrs
    assert isinstance(meta.verbose_name, Promise) and isinstance(meta.verbose_name_plural, Promise)
    for name in [meta.verbose_name, meta.verbose_name_plural]:
        with translation.override("en"):
            english = str(name)
        with translation.override("id"):
            indonesian_name = str(name)
        assert indonesian_name != english or english in LOANWORDS, english


@pytest.mark.parametrize("model", list(our_models()), ids=lambda model: model._meta.label)
def test_every_field_of_our_models_has_a_translated_name(model):
    # Fields Wagtail or Django add (the page's own fields, Orderable's sort_order) have theirs.
    ours = [
        field for field in model._meta.get_fields(include_parents=False) if field.concrete and not field.auto_created
    ]
    inherited = {"sort_order"}
    untranslated = [
        field.name for field in ours if field.name not in inherited and not isinstance(field.verbose_name, Promise)
    ]
    assert untranslated == []
