from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.views import media

admin.site.site_header = "晋中日报档案 · 编辑后台"
admin.site.site_title = "报纸档案后台"
admin.site.index_title = "档案管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
if settings.MEDIA_URL.startswith("/"):
    # Page images and photos from the storage (articles/views/media.py),
    # unless they are served from another host (a storage backend's URLs).
    urlpatterns.insert(1, path(settings.MEDIA_URL.lstrip("/") + "<path:path>", media.media, name="media"))

handler404 = "articles.views.errors.not_found"
handler500 = "articles.views.errors.server_error"
