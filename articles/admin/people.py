from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.template.response import TemplateResponse

from .. import editing
from ..models import Person, PersonAlias


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name", "organisation"]


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Person.objects.none(), label="保留", widget=forms.RadioSelect,
                                  empty_label=None)

    def __init__(self, people, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "credits_count", "mentions_count", "slug"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "aliases__name", "slug"]
    readonly_fields = ["slug", "created_at"]
    inlines = [AliasInline]
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
                messages.success(request, f"已将 {n} 个人物合并到 {keep}。")
                return None
        else:
            form = MergeForm(people, initial={"keep": people.first().pk})
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": "合并人物",
                   "people": people, "form": form, "action_checkbox_name": ACTION_CHECKBOX_NAME}
        return TemplateResponse(request, "admin/articles/person/merge.html", context)
