"""Public media (Wagtail's images and their renditions) from local disk, on a one-machine install.

With a bucket configured (AWS_STORAGE_BUCKET_NAME) the bucket or a CDN in front of it serves
media and this view is not routed (lms/urls.py). Without one, nothing else would answer
/media/ with DEBUG off, and every cover and lesson image would break.

Only image files under Wagtail's image folders are served, each with a type fixed by its
extension and `nosniff`: documents go through Wagtail's serve view, which checks collection
privacy, and nothing uploaded can come back as a page or a script of this site. No directory
is listed, and a path that tries to leave MEDIA_ROOT is a 404 like any missing file.
"""

import stat
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

SERVED_FOLDERS = ("images", "original_images")
CONTENT_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# Renditions get a new name when their image or its focal point changes, but an original
# replaced under the same name must show within a day.
MAX_AGE_SECONDS = 24 * 60 * 60


def servable_type(path: str) -> str | None:
    """The content type to send for `path` (relative to MEDIA_ROOT), or None if it is not served."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] not in SERVED_FOLDERS:
        return None
    # No empty, dot or hidden segments ("..", ".", "//", ".htaccess"), no backslashes or NULs.
    if any(not part or part.startswith(".") or "\\" in part or "\x00" in part for part in parts):
        return None
    return CONTENT_TYPES.get(Path(parts[-1]).suffix.lower())


@require_safe
def public_media(request, path: str):
    """Send one public image from MEDIA_ROOT with caching headers; 404 for anything else."""
    content_type = servable_type(path)
    if content_type is None:
        raise Http404
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
        status = full_path.stat()
    except (SuspiciousFileOperation, OSError, ValueError):
        raise Http404 from None
    if not stat.S_ISREG(status.st_mode):
        raise Http404
    if was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), status.st_mtime):
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    else:
        response = HttpResponseNotModified()
    response["Last-Modified"] = http_date(status.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    return response
