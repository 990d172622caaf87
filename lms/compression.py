"""HTML and other text compressed on the way out (issue 15: a 12 KB course page is 3 KB gzipped).

Django's GZipMiddleware pads each compressed response with a random-length gzip header field
(Django 4.2+, "Heal the Breach"), and every CSRF token is masked afresh per response, so a
BREACH attacker cannot read a secret from the compressed sizes. Static files never reach it:
WhiteNoise, above it, answers them with its own precompressed copies.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class GZipTextMiddleware(GZipMiddleware):
    """GZipMiddleware for text only: images and PDFs are compressed already and would grow."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
