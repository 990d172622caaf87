"""Sinau settings: one file, read from the environment.

Production's values unless the environment says otherwise: DEBUG off, so HTTPS redirects,
secure cookies and HSTS apply, and DJANGO_SECRET_KEY and SITE_URL must be given. The local
demo says otherwise explicitly (`make run`: DJANGO_DEBUG=1 and a published key), as do the
tests (tests/environment.py, tests/settings.py) and the benchmarks (bench/*/run.py); README.md
lists every variable and what each command sets. A value that cannot be read, or a choice
outside its list, stops the start-up with a message naming the variable.
"""

from pathlib import Path

import dj_database_url
from botocore.config import Config as BotoConfig
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from lms.env import env_bool, env_choice, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if DEBUG and not SECRET_KEY:
    # A one-off local command (DJANGO_DEBUG=1 manage.py ...) signs nothing that must outlive
    # it; `make run` passes a key so its web server and worker agree.
    SECRET_KEY = get_random_secret_key()
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set: settings are production's unless the environment says "
        "otherwise (for local work, DJANGO_DEBUG=1; see README.md, Configuration)"
    )
if not DEBUG and SECRET_KEY.startswith(("insecure-", "django-insecure-")):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is a published development key; production needs its own")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Links in emails and the QR codes printed on certificates: a wrong default would outlive the fix.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
if not SITE_URL:
    raise ImproperlyConfigured("SITE_URL must be set when DJANGO_DEBUG is off, e.g. https://sinau.example.go.id")

INSTALLED_APPS = [
    "lms",
    "courses",
    "certificates",
    "demo",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "lms.apps.SinauUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "storages",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.compression.GZipTextMiddleware",  # below WhiteNoise: pages only (docs/design.md, "Page weight")
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Indonesian unless the person chose English with the switcher; never the browser's language.
    "lms.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site and root paths from this process's memory (no query per request).
    "lms.sites.SiteMemoryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# SQLite by default; DATABASE_URL (postgres://...) for CI and production.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Persistent connections are checked before a request (or a worker's loop) reuses them, so
    # a database restart costs a reconnect rather than one 500 per connection (issue 17).
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # BEGIN IMMEDIATE takes the write lock at the start of a transaction, so two
            # writers queue instead of one failing with "database is locked" mid-way.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            # Tests that run concurrent clients need a file: the in-memory test database
            # is shared through table locks that refuse concurrent writers outright.
            "TEST": {"NAME": env_str("SQLITE_TEST_PATH") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
# Shared between processes so rate limits and locks hold across app servers.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Past MAX_ENTRIES rows (Django's default: 300) the database cache deletes the first third
    # by key: a flood of lookups from a few hundred addresses would erase allauth's login limits.
    _DB_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "sinau_cache"}
    CACHES = {"default": {**_DB_CACHE, "OPTIONS": {"MAX_ENTRIES": 1_000_000}}}
# Per process, on purpose (docs/design.md, "Caches"): what any process may recompute and no
# other needs to see at once. Wagtail's image renditions (read on every page with an image;
# in the database cache each read also wrote). The site, its root paths and course outlines
# are kept in lms/memory.py (no pickling; lms/sites.py, courses/outline.py).
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"}
# Lesson blocks that read the same to everyone, rendered once per revision and language
# (courses/templatetags/lessons.py); Django's {% cache %} uses this alias too.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template_fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# How long a process keeps the site for a host, the sites' root paths and course outlines.
SITE_MEMORY_SECONDS = 60

# --- Background tasks ---------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend",
            ["django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"],
        ),
    }
}
# Task workers (`manage.py run_worker`, lms/workers.py): each says it is alive every few seconds;
# the tasks of a worker silent for longer are queued again, each at most TASK_MAX_ATTEMPTS times
# in all, then marked failed with the error for staff (admin: Background tasks).
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 5)
WORKER_SILENCE_SECONDS = env_int("WORKER_SILENCE_SECONDS", 30)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
if not 1 <= WORKER_HEARTBEAT_SECONDS < WORKER_SILENCE_SECONDS or TASK_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("Need 1 <= WORKER_HEARTBEAT_SECONDS < WORKER_SILENCE_SECONDS and TASK_MAX_ATTEMPTS >= 1")

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "lms.User"
# Django's database sessions and model backend, each reading in one prepared query (lms/signed_in.py).
SESSION_ENGINE = "lms.signed_in"
AUTHENTICATION_BACKENDS = [
    "lms.signed_in.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_choice("ACCOUNT_EMAIL_VERIFICATION", "mandatory", ["mandatory", "optional", "none"])
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sinau] "
# Five failed logins per address in five minutes, ten per minute per IP.
_LOGIN_ATTEMPTS_LIMIT = env_int("LOGIN_ATTEMPTS_LIMIT", 5)
ACCOUNT_RATE_LIMITS = {"login_failed": f"10/m/ip,{_LOGIN_ATTEMPTS_LIMIT}/300s/key"}
# When those five failures (anyone's, from anywhere) hold the password login of an address,
# its owner still signs in with a code emailed to that address ("Kirim kode masuk kepada saya" on the
# login page), which the one who failed never sees.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Reverse proxies in front of the app whose X-Forwarded-For entry is trusted (0: none; 1 behind
# the nginx the README describes). allauth reads the client's address through it, and every
# limiter counts that address: the login limits and the certificate lookups alike.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if not 0 <= ALLAUTH_TRUSTED_PROXY_COUNT <= 5:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be between 0 and 5")
# Public certificate lookups allowed per client address per minute (counted in the shared cache).
CERTIFICATE_LOOKUPS_PER_MINUTE = env_int("CERTIFICATE_LOOKUPS_PER_MINUTE", 30)
# An ASN registration on a NIP nobody has confirmed yet (staff, or the nominating office's
# import) holds its seat this many hours, then lapses and the waitlist moves up
# (manage.py lapse_unconfirmed_asn); 0: such a registration takes no seat at all.
ASN_UNCONFIRMED_HOLD_HOURS = env_int("ASN_UNCONFIRMED_HOLD_HOURS", 48)
if not 0 <= ASN_UNCONFIRMED_HOLD_HOURS <= 24 * 365:
    raise ImproperlyConfigured("ASN_UNCONFIRMED_HOLD_HOURS must be between 0 and 8760")

# --- Email ------------------------------------------------------------------
_EMAIL_BACKENDS = {name: f"django.core.mail.backends.{name}.EmailBackend" for name in ("smtp", "console", "locmem")}
EMAIL_BACKEND = env_choice(
    "EMAIL_BACKEND", _EMAIL_BACKENDS["console" if DEBUG else "smtp"], list(_EMAIL_BACKENDS.values())
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sinau <noreply@sinau.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time --------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# Sinau's own catalogue first, then Indonesian for the strings that Wagtail, allauth, Django,
# django-filter and taggit leave in English or word differently (see locale/overrides).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# The switcher's choice lives in Django's language cookie for a year; the Wagtail admin
# follows a staff member's own preference (Account settings) or else the same cookie.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Private files (submissions, certificate PDFs) live outside MEDIA_ROOT and have no
# URL: they are only ever streamed by permission-checked views.
PRIVATE_ROOT = Path(env_str("PRIVATE_ROOT", str(BASE_DIR / "private")))

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _s3_common = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,
        "client_config": BotoConfig(
            # botocore presigns with SigV2 unless told otherwise (us-east-1, custom endpoints),
            # and S3 refuses SigV2 for buckets made since June 2020 and in newer regions.
            signature_version=env_choice("AWS_S3_SIGNATURE_VERSION", "s3v4", ["s3v4", "s3"]),
            # botocore waits 60 s to connect and 60 s for an answer, up to 5 times: a bucket
            # that stopped answering held a worker (and the person) for minutes before the
            # 503 page. Here a few seconds, then lms.storage's 503 (issue 17).
            connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 3),
            read_timeout=env_int("AWS_S3_READ_TIMEOUT", 20),
            retries={"mode": "standard", "max_attempts": env_int("AWS_S3_MAX_ATTEMPTS", 3)},
        ),
    }
    # Public media: plain URLs; the bucket policy (or a CDN) grants read on media/.
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_common,
            "location": "media",
            "querystring_auth": env_bool("AWS_MEDIA_QUERYSTRING_AUTH", False),
        },
    }
    # Private files: a separate bucket if configured, else the private/ prefix; every
    # URL is presigned and short-lived. No ACL is sent: objects are private by default, and
    # buckets with ACLs disabled (AWS's default since 2023) refuse uploads that carry one.
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", AWS_STORAGE_BUCKET_NAME),
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("PRIVATE_URL_EXPIRY_SECONDS", 300),
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # FileSystemStorage reads base_url=None as MEDIA_URL; this subclass makes no URL at all.
    _private_storage = {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    }
STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env_bool("STATIC_PLAIN_STORAGE", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Sinau"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = []  # nothing in Sinau fetches oEmbed; see courses.blocks.VideoBlock
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Security -----------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading HSTS commits the whole domain (often the city's go.id domain) to HTTPS
# in browsers for good: a decision for the office, so it is opt-in and its
# deploy-check reminder is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# The public site runs under a strict policy: no inline script or style, nothing
# from another origin except the video providers' players, which load only when a
# participant taps a poster. The Wagtail admin ships inline scripts of its own,
# so it is excluded (it is reachable by trainers and staff only).
_VIDEO_FRAMES = [
    "https://www.youtube-nocookie.com",
    "https://www.tiktok.com",
    "https://www.instagram.com",
]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + env_list("CSP_EXTRA_IMG_SRC"),
        "font-src": ["'self'"],
        "frame-src": _VIDEO_FRAMES,
        "connect-src": ["'self'"],
        # The offline-reading service worker, /sw.js (lms/offline.py).
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
    },
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint and fontTools narrate every render at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Upload limits for participants' files, used by later capabilities (assignments).
SUBMISSION_MAX_UPLOAD_BYTES = env_int("SUBMISSION_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)

# --- Personal data (UU PDP 27/2022) ---------------------------------------------
# How long a person's "Unduh data saya" ZIP stays downloadable before it is deleted.
DATA_EXPORT_DAYS = env_int("DATA_EXPORT_DAYS", 7)
# How long the record of an export or an account deletion (who, when, what was erased) is kept.
PRIVACY_RECORD_DAYS = env_int("PRIVACY_RECORD_DAYS", 5 * 365)
