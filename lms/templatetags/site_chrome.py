"""{% site_header %} and {% site_footer %}: the frame of every page, rendered once per process.

The header and footer read the same for everyone of a kind — the language, signed in or not,
with the admin link or not (decided at login, lms/navigation.py) — but for two things: the
CSRF token of their forms (log out, change language) and the page to come back to after
changing the language. Each kind is rendered once per process and kept in its memory
(lms/memory.py) with stand-ins for those two, put in for each request: the frame cost a
lesson view about an eighth of its time (README, "Performance").
"""

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lms.memory import process_memory
from lms.navigation import ADMIN_LINK_KEY

register = template.Library()

CSRF_STAND_IN = "\x1fcsrf-token\x1f"
PATH_STAND_IN = "\x1fnext-path\x1f"
# Templates change only with a deploy, which starts new processes.
FRAME_SECONDS = 24 * 3600


def _frame(template_name: str, kind: tuple, context: dict) -> str:
    key = f"site-frame:{template_name}:{get_language()}:{':'.join(map(str, kind))}"
    html = process_memory.get(key)
    if html is None:
        html = render_to_string(template_name, {**context, "csrf_token": CSRF_STAND_IN, "next_path": PATH_STAND_IN})
        process_memory.set(key, html, FRAME_SECONDS)
    return html


def _fill(html: str, request) -> str:
    token = ""
    if request is not None:  # one masked token for the header's and footer's forms
        token = getattr(request, "_site_frame_csrf_token", None) or get_token(request)
        request._site_frame_csrf_token = token
    path = escape(request.get_full_path()) if request is not None else "/"
    return mark_safe(html.replace(CSRF_STAND_IN, token).replace(PATH_STAND_IN, path))  # noqa: S308 (both escaped)


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    session = getattr(request, "session", None)
    admin_link = bool(signed_in and session is not None and session.get(ADMIN_LINK_KEY))
    kind = (signed_in, admin_link)
    html = _frame("includes/site_header.html", kind, {"signed_in": signed_in, "admin_link": admin_link})
    return _fill(html, request)


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    return _fill(_frame("includes/site_footer.html", (), {}), context.get("request"))
