"""Settings shared by every environment. Anything that differs between
machines comes from the environment (see env.py)."""
import datetime
from pathlib import Path

from csp.constants import NONE, SELF

from .env import database_from_env, env_bool, env_date, env_int, env_list, env_str, replicas_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Before haystack: its update_index and rebuild_index are replaced by
    # resumable ones.
    "articles",
    "haystack",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Which database a request reads from, before sessions are read.
    "articles.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: a reader's answer from the cache, or into it (articles/cache.py).
    "articles.cache.ResponseCacheMiddleware",
]

# Content-Security-Policy (django-csp): the site's own scripts, styles,
# images and fonts only; no inline script or style, no plugins, no framing,
# forms post only here. The admin works under it (it has no inline script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {"default": database_from_env(BASE_DIR)}
# Read replicas (articles/replicas.py): readers' requests read from one that
# answers and is at most DATABASE_REPLICA_MAX_LAG seconds behind (checked at
# most every DATABASE_REPLICA_CHECK_SECONDS by each process); all else, and
# everything when none is, from the primary.
_replicas = replicas_from_env(DATABASES["default"])
DATABASES.update(_replicas)
DATABASE_REPLICAS = list(_replicas)
DATABASE_ROUTERS = ["articles.replicas.ReplicaRouter"] if DATABASE_REPLICAS else []
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 10, minimum=0)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5, minimum=0)

# Caches: local memory in each process, or Redis (Django's own backend) when
# REDIS_URL is set, e.g. redis://127.0.0.1:6379/0; several servers then share
# it. Readers' answers are kept there keyed by the archive version
# (articles/cache.py), so they are never stale and need no expiry; old
# versions' answers are evicted, least recently used first (with Redis, set
# maxmemory and maxmemory-policy allkeys-lru).
if env_str("REDIS_URL"):
    # Django's Redis backend, tolerant of a Redis that is down (the pages are
    # then answered from the database): articles/cache.py.
    CACHES = {"default": {"BACKEND": "articles.cache.TolerantRedisCache",
                          "LOCATION": env_str("REDIS_URL"), "KEY_PREFIX": "archive",
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 3000, minimum=1)}}}
# How long a reader's answer is kept in that cache (0: answers are not cached).
ARCHIVE_CACHE_SECONDS = env_int("ARCHIVE_CACHE_SECONDS", 24 * 60 * 60, minimum=0)
# Larger answers are not kept there (a page's dump may be megabytes).
ARCHIVE_CACHE_MAX_BYTES = env_int("ARCHIVE_CACHE_MAX_BYTES", 512 * 1024, minimum=0)
# Cookies that change a page's HTML, whose values are part of its cache key
# (none do today: the text size and 简/繁 are in the browser and the URL).
ARCHIVE_CACHE_COOKIES = env_list("ARCHIVE_CACHE_COOKIES", [])
# Cache-Control max-age of public pages: how long a browser, proxy or CDN may
# keep them without asking again (they revalidate with ETag/Last-Modified).
PUBLIC_MAX_AGE = env_int("PUBLIC_MAX_AGE", 300, minimum=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: readers (and editors) are Chinese, whatever their browser
# asks for; there is no language negotiation.
LANGUAGE_CODE = "zh-hans"
# The archive's own messages (the importer's, the parser's warnings as the
# admin shows them): English in the code, Chinese in locale/zh_Hans/.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# The manifest of hashed names, beside STATIC_ROOT: not served (newsroom/storage.py).
STATIC_MANIFEST_ROOT = STATIC_ROOT.with_name(STATIC_ROOT.name + "-manifest")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "newsroom.storage.StaticFilesStorage"},
}

# Uploaded and rendered files (page images, photos, page PDFs) go through
# Django's storage API: the local file system under MEDIA_ROOT by default;
# set STORAGES["default"] for another backend. Their names carry a hash of
# their content, so they are served as immutable (articles/views/media.py
# when ARCHIVE_SERVE_MEDIA is on; otherwise the web server or the storage).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
if MEDIA_URL.startswith(("http://", "https://")):
    # Files served from another host (a storage backend's): images from there too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append("/".join(MEDIA_URL.split("/")[:3]))
ARCHIVE_SERVE_MEDIA = env_bool("ARCHIVE_SERVE_MEDIA", True)
# Page PDFs (articles/importing/rendering.py): the largest accepted, and the
# time and memory the worker that reads and renders one may take.
ARCHIVE_MAX_PDF_BYTES = env_int("ARCHIVE_MAX_PDF_BYTES", 50 * 1024 * 1024, minimum=1)
ARCHIVE_RENDER_SECONDS = env_int("ARCHIVE_RENDER_SECONDS", 60, minimum=1)
ARCHIVE_RENDER_MEMORY_MB = env_int("ARCHIVE_RENDER_MEMORY_MB", 1024, minimum=64)
# Widths of a page's images in pixels: for the screen, the thumbnail, the zoom.
ARCHIVE_PAGE_IMAGE_WIDTH = env_int("ARCHIVE_PAGE_IMAGE_WIDTH", 1200, minimum=100)
ARCHIVE_THUMBNAIL_WIDTH = env_int("ARCHIVE_THUMBNAIL_WIDTH", 240, minimum=50)
ARCHIVE_ZOOM_WIDTH = env_int("ARCHIVE_ZOOM_WIDTH", 2400, minimum=100)

# Search: haystack over the database's own full-text engine (articles.search).
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "articles.search.backend.DatabaseEngine"},
}
HAYSTACK_SIGNAL_PROCESSOR = "articles.search.signals.TransactionalSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

# The newspaper this archive keeps.
NEWSPAPER_NAME = env_str("NEWSPAPER_NAME", "晋中日报")
NEWSPAPER_SHORT = env_str("NEWSPAPER_SHORT", "JZ")
# Highest page number a dump may claim (anything above is a naming error).
ARCHIVE_MAX_PAGES = env_int("ARCHIVE_MAX_PAGES", 64, minimum=1)
# Largest dump the import (command and upload) accepts, in bytes: a page is
# tens of kilobytes, and the import needs memory in step with the size.
ARCHIVE_MAX_DUMP_BYTES = env_int("ARCHIVE_MAX_DUMP_BYTES", 5 * 1024 * 1024, minimum=1)
# Earliest issue date the import accepts (the latest is tomorrow): a date
# outside is a naming error unless the archive really goes back that far.
ARCHIVE_FIRST_DATE = env_date("ARCHIVE_FIRST_DATE", datetime.date(1900, 1, 1))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
