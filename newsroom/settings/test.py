"""The test suite: PostgreSQL from DATABASE_URL (CI), or SQLite when it
points at one. Fast password hashing; static files without a manifest."""
from .base import *  # noqa: F401,F403
from .base import STATIC_ROOT

SECRET_KEY = "test-only-not-secret-3b9e1c7a5d2f4e8a"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In CI (CI=true) a skipped browser or shared-data test fails the run.
TEST_RUNNER = "newsroom.testing.ArchiveTestRunner"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each test process its own cache, whatever REDIS_URL says (the Redis
# backend's tests name their server with TEST_REDIS_URL).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# WhiteNoise wants the collected static folder to exist; tests serve from the
# finders.
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# 404s are what many tests ask for: do not log them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
