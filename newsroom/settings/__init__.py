"""Settings, split by environment (as on djangoproject.com):

- ``local``: the embedded default for a laptop: SQLite, DEBUG on.
- ``production``: PostgreSQL, gunicorn, whitenoise; strict, from the
  environment, and clean under ``manage.py check --deploy``.
- ``test``: what the test suite runs with.
"""
