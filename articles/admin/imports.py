from django.contrib import admin

from ..models import ImportFile, ImportRun


class ImportFileInline(admin.TabularInline):
    model = ImportFile
    extra = 0
    can_delete = False
    fields = ["path", "issue_date", "page_number", "status", "items", "message", "conflicts", "page"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The load log: read only."""
    list_display = ["pk", "started_at", "source", "who", "status", "files", "imported", "skipped", "failed",
                    "conflicts", "items", "people"]
    list_filter = ["status", "source", "dry_run", "force"]
    date_hierarchy = "started_at"
    search_fields = ["file_results__path", "username", "user__username"]
    inlines = [ImportFileInline]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    @admin.display(description="操作人")
    def who(self, obj):
        return obj.user or obj.username or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
