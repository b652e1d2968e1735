"""The test suite: PostgreSQL from DATABASE_URL (CI), or SQLite when it
points at one. Fast password hashing; static files without a manifest."""
from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-not-secret-3b9e1c7a5d2f4e8a"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
