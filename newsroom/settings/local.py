"""The embedded default: a laptop, SQLite, DEBUG on."""
from .base import *  # noqa: F401,F403
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "local-only-not-secret-8c1f0e2a9b7d4e6f")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
