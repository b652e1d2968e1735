"""Settings come from the environment; production refuses to start without
its secrets and is clean under `manage.py check --deploy`."""
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

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


ASK_STATIC = """
import django, json
django.setup()
from django.templatetags.static import static
from django.test import Client
client = Client()
answers = {}
for url in ("/static/staticfiles.json", static("css/site.css")):
    answers[url] = client.get(url, secure=True, HTTP_HOST="archive.example.com").status_code
print(json.dumps(answers))
"""


class ProductionStaticFilesTests(unittest.TestCase):
    def test_static_files_are_served_hashed_and_their_manifest_is_not(self):
        import json
        with tempfile.TemporaryDirectory() as tmp:
            env = {**PRODUCTION, "STATIC_ROOT": str(Path(tmp) / "static")}
            collected = manage("collectstatic", "--no-input", "-v", "0", **env)
            self.assertEqual(collected.returncode, 0, collected.stderr)
            self.assertTrue((Path(tmp) / "static-manifest" / "staticfiles.json").exists())
            full = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")}
            result = subprocess.run([sys.executable, "-c", ASK_STATIC], cwd=ROOT, env={**full, **env},
                                    capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        answers = json.loads(result.stdout.strip().splitlines()[-1])
        self.assertEqual(answers.pop("/static/staticfiles.json"), 404)
        [(hashed, status)] = answers.items()
        self.assertRegex(hashed, r"^/static/css/site\.[0-9a-f]{12}\.css$")
        self.assertEqual(status, 200)
