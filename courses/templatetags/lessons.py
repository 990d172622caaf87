"""{% lesson_body page %}: a lesson's blocks, the same for every reader rendered once.

Text, images, videos, documents, callouts and checklists read the same to everyone: each is
rendered once per published revision and language and kept in the per-process
"template_fragments" cache (docs/design.md, "Caches"). The quiz and the assignment show what
this reader did so far, so they render on every view, with the page's context.
"""

from django import template
from django.core.cache import caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

PER_READER_BLOCKS = {"quiz", "assignment"}
# A bound on how long a rendered block outlives a change its revision does not show (an image
# file replaced under the same image, say).
FRAGMENT_SECONDS = 3600


def fragment_key(page, block_id: str) -> str:
    revision = page.live_revision_id or page.latest_revision_id or 0
    return f"lesson-block:{page.pk}:{revision}:{block_id}:{get_language()}"


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    fragments = caches["template_fragments"]
    raw_blocks = list(page.body.raw_data)
    previewing = getattr(context.get("request"), "is_preview", False)  # a draft: nothing kept
    cacheable = [
        (index, fragment_key(page, raw["id"]))
        for index, raw in enumerate(raw_blocks)
        if not previewing and raw.get("id") and raw["type"] not in PER_READER_BLOCKS
    ]
    found = fragments.get_many([key for _index, key in cacheable])
    keys = dict(cacheable)
    parts = []
    for index, _raw in enumerate(raw_blocks):
        key = keys.get(index)
        html = found.get(key) if key else None
        if html is None:
            html = page.body[index].render_as_block(context=context.flatten())
            if key:
                fragments.set(key, html, FRAGMENT_SECONDS)
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 (each part is a block's own rendering)
