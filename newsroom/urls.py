from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "晋中日报档案 · 编辑后台"
admin.site.site_title = "报纸档案后台"
admin.site.index_title = "档案管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

handler404 = "articles.views.errors.not_found"
handler500 = "articles.views.errors.server_error"
