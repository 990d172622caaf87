"""Demo content for `manage.py seed_demo`: a programme, its pictures and worksheets, waves and demo accounts.

Everything the demo needs is generated offline. The package is split by concept:

- specs: the shapes the demo is described in (accounts, course, lessons, posters, worksheets, waves,
  journeys);
- content: the accounts, posters, worksheets, the programmes and their waves; the lessons of each
  module of today's programme are in content_konten, content_branding and content_umkm, the
  citizen-journalism programme and its participants' journeys in content_pewarta;
- artwork: drawing the posters (Pillow) and rendering the worksheets (WeasyPrint);
- journeys: bringing a demo participant to their stage through the functions real people use;
- seeding: `seed()`, which adds whatever part of the demo is missing and changes nothing else.
"""

from courses.demo.artwork import render_poster, render_worksheet
from courses.demo.content import (
    ACCOUNTS,
    COURSE,
    COURSE_SLUG,
    DEMO_PASSWORD,
    JOURNEYS,
    PEWARTA_SLUG,
    POSTERS,
    WAVES,
    WORKSHEETS,
)
from courses.demo.seeding import DemoSeedError, ProgrammeSeed, SeedResult, seed

__all__ = [
    "ACCOUNTS",
    "COURSE",
    "COURSE_SLUG",
    "DEMO_PASSWORD",
    "JOURNEYS",
    "PEWARTA_SLUG",
    "POSTERS",
    "WAVES",
    "WORKSHEETS",
    "DemoSeedError",
    "ProgrammeSeed",
    "SeedResult",
    "render_poster",
    "render_worksheet",
    "seed",
]
