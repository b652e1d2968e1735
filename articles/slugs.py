"""Slugs for URLs: readable (Chinese stays Chinese, modern browsers show it),
made once and kept."""
import re

from django.utils.text import slugify

_KEEP = re.compile(r"[^\w\u3400-\u9fff-]+", re.UNICODE)


def make_slug(text):
    slug = slugify(_KEEP.sub("-", text or ""), allow_unicode=True).strip("-")
    return slug[:100] or "x"


def unique_slug(model, text, prefix=""):
    base = prefix + make_slug(text)
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
