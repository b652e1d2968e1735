"""Static files for production: hashed and compressed (WhiteNoise), with the
manifest kept beside STATIC_ROOT instead of in it. WhiteNoise serves every
file in STATIC_ROOT, and the manifest (staticfiles.json, a list of every
static file) is no reader's business."""
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("manifest_storage", FileSystemStorage(location=settings.STATIC_MANIFEST_ROOT))
        super().__init__(*args, **kwargs)
