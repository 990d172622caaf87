"""Private files (submissions, certificate PDFs): where they live and how they reach their owner.

Public media goes through Django's default storage and is linked directly. Private files sit in
the "private" storage, which has no public URL: on local disk they are streamed by the view that
checked permission; on S3 that view redirects to a presigned URL that expires within minutes, so
the bytes never pass through an app server and a leaked link soon stops working.
"""

import functools
import logging
import mimetypes
import posixpath

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

# Types a browser shows without running anything; everything else (HTML, SVG, ...) is sent as a
# download, so an uploaded file can never execute as a page of this site.
INLINE_CONTENT_TYPES = {"application/pdf", "image/gif", "image/jpeg", "image/png", "image/webp"}


# What a storage raises when it cannot be reached or refuses to work: S3 unreachable, timing out
# or answering 5xx (botocore), a local disk full or unmounted (OSError).
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)
RETRY_AFTER_SECONDS = 120


def storage_unavailable(request, *, upload: bool = False) -> HttpResponse:
    """The 503 page: the files cannot be reached now; with `upload`, what was sent was not kept."""
    response = render(request, "503.html", {"upload": upload}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def answers_503_when_storage_is_down(view=None, *, upload: bool = False):
    """Decorate a view that reads or writes files: a storage outage gets the 503 page, not a 500.

    The view must leave nothing half-saved when the storage raises (a row is written only once
    its file is stored); `upload=True` makes the page say that what was sent was not kept.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except STORAGE_ERRORS as error:
                logger.warning("File storage unavailable for %s: %r", request.path, error, exc_info=error)
                return storage_unavailable(request, upload=upload)

        return wrapped

    return decorate(view) if view is not None else decorate


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private storage: a FileSystemStorage that refuses to make URLs.

    FileSystemStorage reads base_url=None as "use MEDIA_URL", so the plain class would hand out
    /media/... links for private files. Asking this one for a URL raises Django's own
    "not accessible via a URL" ValueError; serve the file with serve_private_file() instead.
    """

    @property
    def base_url(self):
        return None


def private_storage() -> Storage:
    """The storage for files only their owner, trainers and staff may read (settings.STORAGES["private"])."""
    return storages["private"]


def serve_private_file(name: str, *, download_name: str | None = None) -> HttpResponse:
    """Send the private file `name` to a client whose permission the caller has already checked.

    Streams it from local disk, or on S3 redirects to a short-lived presigned URL. With
    `download_name` the browser saves the file under that name instead of showing it.
    Raises Http404 when the file is missing.
    """
    storage = private_storage()
    if isinstance(storage, S3Storage):
        return _redirect_to_presigned_url(storage, name, download_name)
    return _stream(storage, name, download_name)


def _redirect_to_presigned_url(storage: S3Storage, name: str, download_name: str | None) -> HttpResponse:
    # One HEAD request: a redirect to a missing key would show the participant S3's XML error.
    if not storage.exists(name):
        raise Http404("No such private file.")
    parameters = {}
    if download_name:
        parameters["ResponseContentDisposition"] = content_disposition_header(True, download_name)
    response = HttpResponseRedirect(storage.url(name, parameters=parameters))
    # The target URL expires; a cached redirect would outlive it and leak it to shared caches.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _stream(storage: Storage, name: str, download_name: str | None) -> HttpResponse:
    try:
        file = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("No such private file.") from None
    filename = download_name or posixpath.basename(name)
    content_type, _encoding = mimetypes.guess_type(filename)
    as_attachment = download_name is not None or content_type not in INLINE_CONTENT_TYPES
    response = FileResponse(file, as_attachment=as_attachment, filename=filename)
    # Permission-checked content: a browser may keep it, a shared proxy must not.
    patch_cache_control(response, private=True)
    return response


class LazyPrivateStorage(LazyObject):
    """storages["private"], looked up when first used and again after settings change.

    A FileField evaluates a callable storage once, when its model loads; handing it
    this object keeps the field following STORAGES (local disk or S3), as Django's
    own default_storage does.
    """

    def _setup(self):
        self._wrapped = storages["private"]


lazy_private_storage = LazyPrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        lazy_private_storage._wrapped = empty
