"""Settings come from the environment; production refuses to start without
its secrets and is clean under `manage.py check --deploy`."""
import os
import subprocess
import sys
import unittest

from .support import ROOT


def manage(*args, **env):
    full = {k: v for k, v in os.environ.items()
            if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    full.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=120)


PRODUCTION = {"DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
              "SECRET_KEY": "x7Gq2Lp9Vt4Rk8Wn1Bz6Hc3Jm5Fd0Ys-ProductionTestKey-Qa8Ue2", "ALLOWED_HOSTS": "archive.example.com",
              "DATABASE_URL": "sqlite:///:memory:"}


class ProductionSettingsTests(unittest.TestCase):
    def test_check_deploy_is_clean(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        self.assertIn("no issues", result.stdout)

    def test_production_needs_a_secret_key_and_hosts(self):
        for missing in ("SECRET_KEY", "ALLOWED_HOSTS"):
            with self.subTest(missing=missing):
                env = {k: v for k, v in PRODUCTION.items() if k != missing}
                result = manage("check", **env)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(missing, result.stderr)

    def test_a_malformed_boolean_is_an_error_not_a_default(self):
        result = manage("check", DEBUG="perhaps", **PRODUCTION)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DEBUG must be true or false", result.stderr)
