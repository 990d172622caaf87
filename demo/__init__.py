"""The demo app: content for `manage.py seed_demo` (programmes, pictures, worksheets, waves, demo accounts)
and `manage.py seed_certificate_demo` (the demo's certificates). It sits above courses and
certificates and uses them the way people do; neither imports it.

Everything the demo needs is generated offline. The package is split by concept:

- specs: the shapes the demo is described in (accounts, course, lessons, posters, worksheets, waves,
  journeys);
- content: the accounts, posters, worksheets, the programmes and their waves; the lessons of each
  module of today's programme are in content_konten, content_branding and content_umkm, the
  citizen-journalism programme in content_pewarta, its waves and participants' journeys in
  content_pewarta_people;
- artwork: drawing the posters (Pillow) and rendering the worksheets (WeasyPrint);
- journeys: bringing a demo participant to their stage through the functions real people use;
- seeding: `seed()`, which adds whatever part of the demo is missing and changes nothing else.
"""
