import json

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from .. import editing
from ..models import Credit, Item, Mention
from ..models.managers import PAGE_DUMP_FIELDS
from .display import confidence_badge

SUBHEAD_MARK = "■ "


class BodyField(forms.CharField):
    """The body as editors read it: paragraphs separated by a blank line, a
    subhead marked with "■ " at its start."""

    widget = forms.Textarea(attrs={"rows": 24, "cols": 90, "class": "body-editor"})

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return "\n\n".join((SUBHEAD_MARK if b.get("type") == "subhead" else "") + b.get("text", "")
                           for b in value or [])

    def to_python(self, value):
        text = super().to_python(value) or ""
        blocks = []
        for chunk in text.replace("\r\n", "\n").split("\n\n"):
            chunk = chunk.strip()
            if not chunk:
                continue
            if chunk.startswith(SUBHEAD_MARK.strip()):
                blocks.append({"type": "subhead", "text": chunk[len(SUBHEAD_MARK.strip()):].strip()})
            else:
                blocks.append({"type": "paragraph", "text": " ".join(chunk.split("\n"))})
        return blocks


class ItemForm(forms.ModelForm):
    body = BodyField(label="正文", required=False,
                     help_text="段落之间空一行；小标题以“■ ”开头。保存后本条目标记为“编辑已修改”，重新导入不会覆盖。")

    class Meta:
        model = Item
        fields = "__all__"


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["order", "role", "person"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["order", "person", "title"]


class EditedFilter(admin.SimpleListFilter):
    title = "编辑已修改"
    parameter_name = "edited"

    def lookups(self, request, model_admin):
        return [("yes", "是"), ("no", "否")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(edited=self.value() == "yes")
        return queryset


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    form = ItemForm
    list_display = ["title_display", "date", "page_number", "kind", "status", "edited", "confidence_shown", "column",
                    "credits_list"]
    list_filter = ["kind", "status", EditedFilter, "page__section", "column_section"]
    date_hierarchy = "page__issue__date"
    search_fields = ["headline", "kicker", "subtitle", "byline", "column", "body"]
    list_select_related = ["page", "page__issue"]
    autocomplete_fields = ["continues", "column_section"]
    readonly_fields = ["page_link", "fingerprint", "edited", "edited_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["page_link", "position", "kind", "status"]}),
        ("标题", {"fields": ["kicker", "headline", "subtitle", "column", "column_section"]}),
        ("署名与电头", {"fields": ["byline", "dateline"]}),
        ("正文", {"fields": ["body"]}),
        ("转版", {"fields": ["continued_from_page", "continued_to_page", "continues"]}),
        ("记录", {"classes": ["collapse"],
                "fields": ["role", "edited", "edited_at", "fingerprint", "created_at", "updated_at"]}),
    ]
    inlines = [CreditInline, MentionInline]
    actions = ["publish", "withdraw"]
    list_per_page = 50

    @admin.display(description="标题", ordering="headline")
    def title_display(self, obj):
        return obj.title

    @admin.display(description="置信度", ordering="confidence")
    def confidence_shown(self, obj):
        return confidence_badge(obj.confidence)

    @admin.display(description="日期", ordering="page__issue__date")
    def date(self, obj):
        return obj.page.issue.date

    @admin.display(description="版次", ordering="page__number")
    def page_number(self, obj):
        return obj.page.number

    @admin.display(description="署名")
    def credits_list(self, obj):
        return "、".join(c.person.name for c in obj.credits.all())

    @admin.display(description="所在版面")
    def page_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:articles_page_change", args=[obj.page_id]), obj.page)

    def get_queryset(self, request):
        # Not the pages' dumps: a list of 50 items would read each page's whole text.
        return super().get_queryset(request).prefetch_related("credits__person").defer(*PAGE_DUMP_FIELDS)

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            editing.mark_edited(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed() and not form.instance.edited:
            editing.mark_edited(form.instance)
            form.instance.save(update_fields=["edited", "edited_at", "updated_at"])

    @admin.action(description="发布所选条目", permissions=["change"])
    def publish(self, request, queryset):
        n = editing.set_status(queryset, Item.PUBLISHED)
        messages.success(request, f"已发布 {n} 个条目。")

    @admin.action(description="撤回所选条目（读者不再可见）", permissions=["change"])
    def withdraw(self, request, queryset):
        n = editing.set_status(queryset, Item.WITHDRAWN)
        messages.success(request, f"已撤回 {n} 个条目。")
