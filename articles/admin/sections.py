from django.contrib import admin
from django.db.models import Count

from ..models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "pages_count", "items_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]
    # A stable order, so that the list and the look-ups page consistently.
    ordering = ["name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_pages=Count("pages", distinct=True), n_items=Count("items", distinct=True))

    @admin.display(description="版数", ordering="n_pages")
    def pages_count(self, obj):
        return obj.n_pages

    @admin.display(description="条目数", ordering="n_items")
    def items_count(self, obj):
        return obj.n_items
