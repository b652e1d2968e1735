# The archive's web image: gunicorn serving Django, static files by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=newsroom.settings.production

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files are collected into the image (WhiteNoise serves them, hashed
# and compressed). The settings need a key and a host to load; these are
# throw-away values for this one step.
RUN SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdefghijklmnop \
    ALLOWED_HOSTS=localhost python manage.py collectstatic --no-input \
    && python -c "import jieba; jieba.initialize()" \
    && useradd --create-home --uid 1000 archive && mkdir -p /app/var/media && chown -R archive /app/var

USER archive
EXPOSE 8000
CMD ["gunicorn", "newsroom.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
