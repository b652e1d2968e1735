from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from .. import editing
from ..models import Item, Person, PersonAlias, PersonRedirect


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name", "organisation"]


class RedirectInline(admin.TabularInline):
    model = PersonRedirect
    extra = 0
    can_delete = False
    fields = ["slug", "name", "merged_at"]
    readonly_fields = fields
    verbose_name_plural = "合并进来的人物（原网址转到这里）"

    def has_add_permission(self, request, obj=None):
        return False


class MergeForm(forms.Form):
    """Which person to keep: nothing is chosen for the editor."""
    keep = forms.ModelChoiceField(queryset=Person.objects.none(), label="保留", widget=forms.RadioSelect,
                                  empty_label=None, error_messages={"required": "请选择要保留的人物。"})

    def __init__(self, people, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people


def merge_candidates(people):
    """The people to choose from, each with what tells them apart: how many
    items credit or name them, their latest item, their organisation."""
    rows = []
    for person in people.annotate(n_credits=Count("credits", distinct=True), n_mentions=Count("mentions", distinct=True)):
        latest = (Item.objects.with_page().filter(Q(credits__person=person) | Q(mentions__person=person))
                  .exclude(kind=Item.BANNER).newest_first().first())
        rows.append({"person": person, "latest": latest})
    return rows


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "credits_count", "mentions_count", "slug"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "aliases__name", "slug"]
    readonly_fields = ["slug", "created_at"]
    # A stable order, so that the list and the look-ups page consistently.
    ordering = ["name", "pk"]
    inlines = [AliasInline, RedirectInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_credits=Count("credits", distinct=True), n_mentions=Count("mentions", distinct=True))

    @admin.display(description="署名次数", ordering="n_credits")
    def credits_count(self, obj):
        return obj.n_credits

    @admin.display(description="被提及次数", ordering="n_mentions")
    def mentions_count(self, obj):
        return obj.n_mentions

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def has_merge_permission(self, request):
        """Merging moves credits and deletes the merged people: both rights.
        (An action's permissions=["change", "delete"] would need only one.)"""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="合并所选人物（保留其一，其余成为别名）", permissions=["merge"])
    def merge(self, request, queryset):
        people = queryset.order_by("pk")
        if people.count() < 2:
            messages.warning(request, "请至少选择两个人物。")
            return None
        if "apply" in request.POST:
            form = MergeForm(people, request.POST)
            if form.is_valid():
                keep = form.cleaned_data["keep"]
                n = editing.merge_people(keep, [p for p in people if p.pk != keep.pk])
                messages.success(request, f"已将 {n} 个人物合并到 {keep}；他们原来的网址转到 {keep} 的页面。")
                return None
        else:
            form = MergeForm(people)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": "合并人物",
                   "people": people, "candidates": merge_candidates(people), "form": form,
                   "chosen": str(form["keep"].value() or ""), "action_checkbox_name": ACTION_CHECKBOX_NAME}
        return TemplateResponse(request, "admin/articles/person/merge.html", context)
