"""Security headers and a strict CSP on the public site (settings: test_settings.py)."""

import re

import pytest


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
