"""Settings: production's unless the environment says otherwise; a bad value stops the start-up.

Each case imports lms/settings.py (or runs manage.py) in a fresh process whose environment
holds only the variables named, not the ones this test run sets (tests/environment.py).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from lms.env import env_bool, env_choice, env_int, env_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-key", "SITE_URL": "https://sinau.go.id"}
READ_SETTINGS = (
    "import json, lms.settings as s; print(json.dumps({name: getattr(s, name) for name in "
    "('DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', "
    "'SECURE_HSTS_SECONDS', 'ALLOWED_HOSTS', 'EMAIL_BACKEND', 'SITE_URL', 'INSTALLED_APPS') "
    "} | {'hashers': getattr(s, 'PASSWORD_HASHERS', None), 'tasks': s.TASKS['default']['BACKEND']}))"
)


def bare_environment(**variables) -> dict:
    """Only what runs Python, plus `variables`: no DJANGO_*, SITE_URL, ... from this test run."""
    return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **variables}


def python(code: str, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=bare_environment(**variables), capture_output=True, text=True
    )


def read_settings(**variables) -> dict:
    result = python(READ_SETTINGS, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refusal(**variables) -> str:
    """The last line of the traceback when lms/settings.py refuses to load."""
    result = python("import lms.settings", **variables)
    assert result.returncode == 1, result.stdout
    return result.stderr.strip().splitlines()[-1]


def manage(args, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=bare_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Production unless told otherwise --------------------------------------------------------


def test_without_a_say_from_the_environment_the_settings_are_productions():
    values = read_settings(**PRODUCTION)
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["ALLOWED_HOSTS"] == []
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["hashers"] is None  # Django's own list: PBKDF2 first


def test_production_refuses_to_start_without_a_secret_key():
    assert refusal(SITE_URL="https://sinau.go.id").startswith(
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set"
    )
    result = manage(["check"])
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_key_published_in_the_makefile():
    key = re.search(r"export DJANGO_SECRET_KEY := (\S+)", (ROOT / "Makefile").read_text()).group(1)
    message = refusal(DJANGO_SECRET_KEY=key, SITE_URL="https://sinau.go.id")
    assert message.endswith("DJANGO_SECRET_KEY is a published development key; production needs its own")
    assert read_settings(DJANGO_DEBUG="1", DJANGO_SECRET_KEY=key)["DEBUG"] is True


def test_production_refuses_to_start_without_its_own_address():
    assert refusal(DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"]).endswith(
        "SITE_URL must be set when DJANGO_DEBUG is off, e.g. https://sinau.example.go.id"
    )


def test_the_fast_password_hasher_is_no_switch_of_the_production_settings():
    assert read_settings(**PRODUCTION, FAST_PASSWORD_HASHER="1")["hashers"] is None
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests/settings.py


def test_debug_on_is_the_local_posture_with_a_fresh_key_for_one_off_commands():
    values = read_settings(DJANGO_DEBUG="1")
    assert values["DEBUG"] is True and values["SECURE_SSL_REDIRECT"] is False and values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is False
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["SITE_URL"] == "http://127.0.0.1:8000"


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        ["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION, DJANGO_ALLOWED_HOSTS="sinau.malangkota.go.id"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_unused_wagtail_apps_are_not_installed():
    apps = read_settings(**PRODUCTION)["INSTALLED_APPS"]
    assert "wagtail.contrib.forms" not in apps and "wagtail.contrib.settings" not in apps


# --- Closed choices and typed values ------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackends",
            "TASKS_BACKEND must be one of django_tasks_db.DatabaseBackend, "
            "django_tasks.backends.immediate.ImmediateBackend, not 'django_tasks_db.DatabaseBackends'",
        ),
        (
            "ACCOUNT_EMAIL_VERIFICATION",
            "mandantory",
            "ACCOUNT_EMAIL_VERIFICATION must be one of mandatory, optional, none, not 'mandantory'",
        ),
        ("LOG_LEVEL", "verbose", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'verbose'"),
        (
            "EMAIL_BACKEND",
            "smtp",
            "EMAIL_BACKEND must be one of django.core.mail.backends.smtp.EmailBackend, "
            "django.core.mail.backends.console.EmailBackend, django.core.mail.backends.locmem.EmailBackend, "
            "not 'smtp'",
        ),
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be one of 1/0/true/false/yes/no/on/off, not 'maybe'"),
        ("SITE_URL", "sinau.go.id", "SITE_URL must be an absolute http:// or https:// address, not 'sinau.go.id'"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT must be an integer, not 'smtp'"),
    ],
)
def test_a_value_outside_its_list_stops_the_start_up_naming_the_variable_and_the_choices(variable, value, message):
    assert refusal(**(PRODUCTION | {variable: value})) == f"django.core.exceptions.ImproperlyConfigured: {message}"


def test_the_s3_signature_version_is_checked_when_a_bucket_is_configured():
    message = refusal(**PRODUCTION, AWS_STORAGE_BUCKET_NAME="sinau", AWS_S3_SIGNATURE_VERSION="v4")
    assert message.endswith("AWS_S3_SIGNATURE_VERSION must be one of s3v4, s3, not 'v4'")


def test_each_listed_choice_is_taken_as_given():
    values = read_settings(
        **PRODUCTION,
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert values["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_env_helpers_refuse_values_they_cannot_read(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_CHOICE", "Info")
    with pytest.raises(ImproperlyConfigured, match="SOME_CHOICE must be one of INFO, DEBUG, not 'Info'"):
        env_choice("SOME_CHOICE", "INFO", ["INFO", "DEBUG"])
    monkeypatch.setenv("SOME_URL", "https://sinau.go.id/?next=/")
    with pytest.raises(ImproperlyConfigured, match="SOME_URL must be an absolute"):
        env_url("SOME_URL")


def test_env_helpers_fall_back_to_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("SOME_CHOICE", raising=False)
    assert env_choice("SOME_CHOICE", "INFO", ["INFO", "DEBUG"]) == "INFO"
    monkeypatch.setenv("SOME_CHOICE", " DEBUG ")
    assert env_choice("SOME_CHOICE", "INFO", ["INFO", "DEBUG"]) == "DEBUG"
    monkeypatch.setenv("SOME_URL", "https://sinau.go.id/")
    assert env_url("SOME_URL") == "https://sinau.go.id"
