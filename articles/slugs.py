"""Slugs for URLs: readable (Chinese stays Chinese, modern browsers show it),
made once and kept."""
import re

from django.utils.text import slugify

_KEEP = re.compile(r"[^\w\u3400-\u9fff-]+", re.UNICODE)


def make_slug(text):
    slug = slugify(_KEEP.sub("-", text or ""), allow_unicode=True).strip("-")
    return slug[:100] or "x"


def first_free_slug(base, is_taken):
    """`base`, or the first of base-2, base-3… that `is_taken` says is free."""
    slug, n = base, 2
    while is_taken(slug):
        slug = f"{base}-{n}"
        n += 1
    return slug


def unique_slug(model, text, prefix=""):
    return first_free_slug(prefix + make_slug(text), lambda slug: model.objects.filter(slug=slug).exists())
