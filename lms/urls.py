from allauth.account.views import LogoutView
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import media, offline, sessions, views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("luring/token/", offline.offline_token, name="offline_token"),
    # Signing out (here, everywhere, or by deleting the account) clears the browser's copy of the site.
    path("akun/keluar-semua/", offline.clears_site_data(sessions.logout_everywhere), name="logout_everywhere"),
    path("akun/logout/", offline.clears_site_data(LogoutView.as_view()), name="account_logout"),
    path("akun/", include("allauth.urls")),
    path("akun/profil/", views.profile, name="profile"),
    path("akun/data-saya/", views.request_data_export, name="data_export"),
    path("akun/data-saya/<int:request_id>/unduh/", views.download_data_export, name="data_export_download"),
    path("akun/hapus/", offline.clears_site_data(views.delete_account), name="delete_account"),
    path("privasi/", views.privacy_notice, name="privacy"),
    path("", include("courses.urls")),
    path("", include("certificates.views")),
    path("pemberitahuan/", views.notices, name="notices"),
    path("i18n/setlang/", views.set_language, name="set_language"),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    # One machine: public images from MEDIA_ROOT, DEBUG or not (with a bucket, it or its CDN serves them).
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [path(f"{media_prefix}/<path:path>", media.public_media, name="public_media")]

urlpatterns += [path("", include(wagtail_urls))]
