"""Security headers, a strict CSP on the public site, and settings that refuse bad values."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.env import env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def test_public_pages_send_a_strict_content_security_policy(client, lesson):
    response = client.get(lesson.url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/akun/login/", "/akun/signup/", "/privasi/", "lesson", "course"])
def test_public_pages_have_no_inline_script_or_style(client, course, lesson, enrolment, path):
    client.force_login(enrolment.user)
    url = {"lesson": lesson.url, "course": course.url}.get(path, path)
    html = client.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> found"
    assert "<style" not in html and " style=" not in html
    assert "onclick=" not in html and "javascript:" not in html


def test_pages_load_nothing_from_another_origin(client, lesson, enrolment):
    client.force_login(enrolment.user)
    html = client.get(lesson.url).content.decode()
    for attribute in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not attribute.startswith(("http://", "https://", "//")), attribute


def test_env_helpers_refuse_values_they_cannot_read(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)


def _manage(args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 64 + "-a-long-random-production-secret-key",
        DJANGO_ALLOWED_HOSTS="sinau.malangkota.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage(["check"], DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
