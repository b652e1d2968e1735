"""The search page."""
from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from ..search import service


def search(request):
    form = service.SearchForm.from_params(request.GET)
    outcome = service.run(form)
    response = render(request, "articles/search.html", {"form": form, "outcome": outcome, "filters": form.form},
                      status=400 if form.errors else 200)
    patch_cache_control(response, public=True, max_age=min(60, settings.PUBLIC_MAX_AGE))
    return response
