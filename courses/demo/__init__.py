"""Demo content for `manage.py seed_demo`: a programme, its pictures and worksheets, waves and demo accounts.

Everything the demo needs is generated offline. The package is split by concept:

- specs: the shapes the demo is described in (accounts, course, lessons, posters, worksheets, waves);
- content: the accounts, posters, worksheets, the course and its waves; the lessons of each
  module are in content_konten, content_branding and content_umkm;
- artwork: drawing the posters (Pillow) and rendering the worksheets (WeasyPrint);
- seeding: `seed()`, which adds whatever part of the demo is missing and changes nothing else.
"""

from courses.demo.artwork import render_poster, render_worksheet
from courses.demo.content import ACCOUNTS, COURSE, COURSE_SLUG, DEMO_PASSWORD, POSTERS, WAVES, WORKSHEETS
from courses.demo.seeding import DemoSeedError, SeedResult, seed

__all__ = [
    "ACCOUNTS",
    "COURSE",
    "COURSE_SLUG",
    "DEMO_PASSWORD",
    "POSTERS",
    "WAVES",
    "WORKSHEETS",
    "DemoSeedError",
    "SeedResult",
    "render_poster",
    "render_worksheet",
    "seed",
]
