import base64
import os
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..importing import ImportPathError, source_for_file
from ..importing.paths import IMAGE_EXTENSIONS, DumpSource
from ..importing.runner import ImportRunner, Job
from ..models import ImportRun, Issue, Item, Page
from ..messages import parser_message
from ..pagedump import DumpError, decode_dump
from . import proofing
from .display import DOUBTFUL, confidence_badge


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ["number", "name", "label", "section", "imported_at", "open_link"]
    readonly_fields = ["label", "imported_at", "open_link"]
    show_change_link = True
    ordering = ["number"]

    @admin.display(description="")
    def open_link(self, obj):
        return format_html('<a href="{}">查看</a>', obj.get_absolute_url()) if obj.pk else ""


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["date", "number", "edition", "pages_count", "updated_at"]
    date_hierarchy = "date"
    search_fields = ["number", "edition"]
    inlines = [PageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_pages=Count("pages"))

    @admin.display(description="版数", ordering="n_pages")
    def pages_count(self, obj):
        return obj.n_pages

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class ItemOnPageInline(admin.TabularInline):
    model = Item
    extra = 0
    fields = ["position", "kind", "headline", "confidence_shown", "status", "edited", "open_link"]
    readonly_fields = ["kind", "headline", "confidence_shown", "edited", "open_link"]
    show_change_link = True
    ordering = ["position"]

    @admin.display(description="置信度")
    def confidence_shown(self, obj):
        return confidence_badge(obj.confidence)

    @admin.display(description="")
    def open_link(self, obj):
        return format_html('<a href="{}">编辑</a>', reverse("admin:articles_item_change", args=[obj.pk])) if obj.pk else ""

    def has_add_permission(self, request, obj=None):
        return False


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.pdf,.jpg,.jpeg,.png,.webp"}))
        # An empty file goes on to the importer, which says so in the
        # preview beside the other files.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class PageTextForm(forms.Form):
    text = forms.CharField(
        label="正文（原始文本）", strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 60, "lang": "zh", "spellcheck": "false"}),
        help_text="按版面从上到下、逐栏录入或粘贴；标题、作者、图片说明各占一行，文章之间空一行。保存后自动切分为文章。")

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError("正文是空的。")
        if len(text.encode("utf-8")) > settings.ARCHIVE_MAX_DUMP_BYTES:
            raise forms.ValidationError(
                f"正文太长（超过 {filesizeformat(settings.ARCHIVE_MAX_DUMP_BYTES)}），请分版录入。")
        try:
            decode_dump(text.encode("utf-8"))     # what the importer will check (control characters)
        except DumpError as e:
            raise forms.ValidationError(parser_message(str(e)))
        return text


class UploadForm(forms.Form):
    files = MultipleFileField(label="版面文件",
                              help_text="可多选。文件名如 2021-02-04-01.txt，或带版名：2021-02-04-02_综合新闻.txt；"
                                        "否则请填写日期和版次。版名也可以在下一步（预览）填写。"
                                        "版面PDF（2021-02-04-01.pdf）可单独上传，也可与同名文本一起上传；"
                                        "同名图片（.jpg、.png、.webp）作为版面图。")
    date = forms.DateField(label="出版日期", required=False, help_text="文件名不含日期时填写，如 2021-02-04")
    page = forms.IntegerField(label="版次", required=False, min_value=1, help_text="仅上传一个文件且文件名不含版次时填写")
    force = forms.BooleanField(label="内容未变也重新导入", required=False)

    def clean(self):
        data = super().clean()
        files = data.get("files") or []
        if data.get("page") and len(files) != 1:
            raise forms.ValidationError("版次只能用于单个文件。")
        # The same limits as the import command's (ARCHIVE_MAX_DUMP_BYTES,
        # ARCHIVE_MAX_PDF_BYTES for a PDF or image).
        for f in files:
            binary = is_print_upload(f.name)
            limit = settings.ARCHIVE_MAX_PDF_BYTES if binary else settings.ARCHIVE_MAX_DUMP_BYTES
            if f.size > limit:
                raise forms.ValidationError(
                    f"{f.name} 太大（{filesizeformat(f.size)}，上限 {filesizeformat(limit)}），"
                    + ("不像是一个版面的文件。" if binary else "不像是一个版面的文本。"))
        return data


def is_print_upload(name):
    """A page PDF or page image (kept in storage between preview and import),
    not a dump (kept in the session)."""
    return name.lower().endswith((".pdf",) + IMAGE_EXTENSIONS)


UPLOAD_SESSION_KEY = "articles-upload-{}"


class ProofedFilter(admin.SimpleListFilter):
    title = "校对修改过"
    parameter_name = "proofed"

    def lookups(self, request, model_admin):
        return [("yes", "是"), ("no", "否")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(proofed_at__isnull=self.value() == "no")
        return queryset


class PrintedFilter(admin.SimpleListFilter):
    """Pages by their printed image: a scan (a PDF without a text layer)
    waits for an editor to enter its text."""
    title = "版面图"
    parameter_name = "printed"

    def lookups(self, request, model_admin):
        return [("layout", "按PDF版式切分"), ("scan", "扫描件（无文字层）"), ("image", "有版面图"), ("none", "无版面图")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "layout":
            return queryset.filter(printed__layout=True)
        if value == "scan":
            return queryset.filter(printed__has_text=False)
        if value == "image":
            return queryset.filter(printed__isnull=False)
        if value == "none":
            return queryset.filter(printed__isnull=True)
        return queryset


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    # Laid out for 1280 px: the page's date, number and name are its name
    # (__str__), not three more columns.
    list_display = ["__str__", "label", "items_count", "furniture_count", "confidence_shown", "warnings_count",
                    "checked", "proof_link", "imported_at"]
    list_filter = ["checked", ProofedFilter, PrintedFilter, "section", "parser_version"]
    date_hierarchy = "issue__date"
    search_fields = ["name", "label", "source_path", "sha256"]
    list_select_related = ["issue"]
    autocomplete_fields = ["section"]
    readonly_fields = ["issue", "number", "label", "sha256", "encoding", "source_path", "imported_at",
                       "parser_version", "confidence_shown", "doubtful_items", "warnings_list", "proofing_state",
                       "printed_shown"]
    fieldsets = [
        (None, {"fields": ["issue", "number", "name", "section", "label"]}),
        ("版面校对", {"fields": ["proofing_state"]}),
        ("导入", {"fields": ["source_path", "sha256", "imported_at", "parser_version", "confidence_shown",
                           "doubtful_items", "warnings_list", "printed_shown"]}),
    ]
    # The raw dump comes after the items, at full width (change_form.html).
    inlines = [ItemOnPageInline]
    actions = ["reimport"]
    change_form_template = "admin/articles/page/change_form.html"
    change_list_template = "admin/articles/page/change_list.html"

    def get_queryset(self, request):
        # Articles and photos counted apart from furniture (banners), as
        # the reader's page and the upload preview count them.
        return super().get_queryset(request).annotate(
            n_items=Count("items", filter=~Q(items__kind=Item.BANNER)),
            n_furniture=Count("items", filter=Q(items__kind=Item.BANNER)))

    @admin.display(description="版面图")
    def printed_shown(self, obj):
        printed = getattr(obj, "printed", None)
        if printed is None or not printed.image:
            return "—"
        text_url = reverse("admin:articles_page_text", args=[obj.pk])
        if not printed.has_text:
            what = format_html('扫描件：没有文字层，{}', format_html('<a href="{}">正文已录入，修改</a>', text_url)
                               if obj.raw_text.strip() else format_html('正文待<a href="{}">录入</a>', text_url))
        else:
            what = "按PDF版式切分，条目有版面位置" if printed.layout else "版面图（条目按文本切分）"
        source = format_html('，<a href="{}">原始PDF</a>', printed.source.url) if printed.source else ""
        return format_html('<a href="{}"><img src="{}" alt="第{}版版面缩略图" width="120"></a><br>{}{}',
                           printed.image.url, printed.thumbnail.url, obj.number, what, source)

    @admin.display(description="文章和图片", ordering="n_items")
    def items_count(self, obj):
        return obj.n_items

    @admin.display(description="版面元素", ordering="n_furniture")
    def furniture_count(self, obj):
        return obj.n_furniture

    @admin.display(description="置信度", ordering="confidence")
    def confidence_shown(self, obj):
        return confidence_badge(obj.confidence)

    @admin.display(description="请先校对")
    def doubtful_items(self, obj):
        """The items the parser was least sure of, least sure first."""
        doubtful = obj.items.exclude(kind=Item.BANNER).filter(confidence__lt=DOUBTFUL).order_by("confidence")[:5]
        if not doubtful:
            return "—"
        return format_html("<ol>{}</ol>", format_html_join(
            "", '<li><a href="{}">{}</a>（{}）</li>',
            ((reverse("admin:articles_item_change", args=[i.pk]), i.title, f"{i.confidence:.2f}") for i in doubtful)))

    @admin.display(description="")
    def proof_link(self, obj):
        return format_html('<a href="{}">校对</a>', reverse("admin:articles_page_proof", args=[obj.pk]))

    @admin.display(description="校对")
    def proofing_state(self, obj):
        """Checked or not, last corrected when, and the way to the proofing view."""
        if not obj.pk:
            return "—"
        state = "已校对" if obj.checked else "未校对"
        if obj.proofed_at:
            state += f"；{timezone.localtime(obj.proofed_at):%Y-%m-%d %H:%M} 校对修改过（重新导入时保留编辑的版本）"
        return format_html('{} <a href="{}" class="button">打开版面校对</a>', state,
                           reverse("admin:articles_page_proof", args=[obj.pk]))

    @admin.display(description="解析提示数")
    def warnings_count(self, obj):
        return len(obj.warnings or [])

    @admin.display(description="解析提示")
    def warnings_list(self, obj):
        if not obj.warnings:
            return "—"
        # Stored as the parser wrote them (English); shown in the admin's language.
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>",
                                                           ((parser_message(w),) for w in obj.warnings)))

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def has_add_permission(self, request):
        # Pages come in through the upload form (or the import command).
        return False

    def has_import_permission(self, request):
        """Importing (the upload, re-parsing) rewrites pages and replaces
        their items: it needs the right to change both."""
        return request.user.has_perms(["articles.change_page", "articles.change_item", "articles.add_item",
                                       "articles.delete_item"])

    @admin.action(description="用已保存的原始文本重新解析所选版面", permissions=["import"])
    def reimport(self, request, queryset):
        jobs = []
        for page in queryset.select_related("issue", "printed"):
            source = DumpSource(path=f"{page.issue.date:%Y-%m-%d} 第{page.number}版（重新解析）", date=page.issue.date,
                                page=page.number, page_name=page.name)
            job = Job(path=source.path, source=source, data=page.raw_text.encode("utf-8"), sha256=page.sha256)
            printed = getattr(page, "printed", None)
            if printed is not None and printed.source:
                # Parsed by its PDF's layout again (its text beside it, as stored).
                with printed.source.open("rb") as f:
                    job.pdf = f.read()
            jobs.append(job)
        summary = _runner(request, force=True, arguments=["reimport"] + [str(p.pk) for p in queryset]).run(jobs)
        _report(request, summary)

    def changelist_view(self, request, extra_context=None):
        # The upload link only for those who may import.
        return super().changelist_view(request, {**(extra_context or {}),
                                                 "can_import": self.has_import_permission(request)})

    # ------------------------------------------------------------ upload ---

    def get_urls(self):
        return [path("upload/", self.admin_site.admin_view(self.upload_view), name="articles_page_upload"),
                path("<int:pk>/text/", self.admin_site.admin_view(self.text_view), name="articles_page_text")] \
            + proofing.urls(self) + super().get_urls()

    def text_view(self, request, pk):
        """录入正文: the text of a page typed or pasted by an editor (a scan's,
        whose PDF has no text layer; or a page's text put right), parsed and
        imported as the page's dump. The page image stays; items an editor
        changed are kept, as on any re-import."""
        page = Page.objects.select_related("issue").filter(pk=pk).first()
        if page is None:
            return redirect(reverse("admin:articles_page_changelist"))
        may_import = self.has_import_permission(request)
        if not (may_import or self.has_view_permission(request, page)):
            raise PermissionDenied
        form = PageTextForm(request.POST or None, initial={"text": page.raw_text})
        if request.method == "POST":
            if not may_import:
                raise PermissionDenied
            if form.is_valid():
                source = DumpSource(path=f"{page.issue.date:%Y-%m-%d} 第{page.number}版（录入正文）",
                                    date=page.issue.date, page=page.number, page_name=page.name)
                job = Job(path=source.path, source=source, data=form.cleaned_data["text"].encode("utf-8"))
                summary = _runner(request, force=True, arguments=["text", str(page.pk)]).run([job])
                _report(request, summary)
                if not summary.failed:
                    return redirect(reverse("admin:articles_page_change", args=[page.pk]))
        printed = getattr(page, "printed", None)
        return TemplateResponse(request, "admin/articles/page/text.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": page, "form": form,
            "title": f"录入正文：{page}", "printed": printed if printed is not None and printed.image else None,
            "may_import": may_import})

    def upload_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": "上传版面文本"}
        if request.method == "POST" and request.POST.get("token"):
            return self._confirm(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploads = []
            for f in form.cleaned_data["files"]:
                if is_print_upload(f.name):
                    # Up to ARCHIVE_MAX_PDF_BYTES: in storage, not the session.
                    stored = default_storage.save(f"uploads/{secrets.token_hex(8)}/{os.path.basename(f.name)}", f)
                    uploads.append({"name": f.name, "stored": stored})
                else:
                    uploads.append({"name": f.name, "data": base64.b64encode(f.read()).decode("ascii")})
            jobs = _upload_jobs(uploads, form.cleaned_data["date"], form.cleaned_data["page"])
            summary = ImportRunner(dry_run=True).run(jobs)
            names = suggested_page_names(jobs, summary.outcomes)
            token = secrets.token_urlsafe(16)
            request.session[UPLOAD_SESSION_KEY.format(token)] = {
                "uploads": uploads, "force": form.cleaned_data["force"],
                "date": form.cleaned_data["date"].isoformat() if form.cleaned_data["date"] else None,
                "page": form.cleaned_data["page"]}
            context.update(preview=[preview_row(o, n) for o, n in zip(summary.outcomes, names)], token=token,
                           can_import=any(o.status == "dry-run" for o in summary.outcomes))
            return TemplateResponse(request, "admin/articles/page/upload_preview.html", context)
        context["form"] = form
        return TemplateResponse(request, "admin/articles/page/upload.html", context)

    def _confirm(self, request):
        stored = request.session.pop(UPLOAD_SESSION_KEY.format(request.POST["token"]), None)
        if stored is None:
            messages.error(request, "上传已过期或已导入，请重新上传。")
            return redirect("admin:articles_page_upload")
        import datetime
        date = datetime.date.fromisoformat(stored["date"]) if stored["date"] else None
        names = [request.POST.get(f"page_name_{i}", "").strip()[:100] for i in range(len(stored["uploads"]))]
        jobs = _upload_jobs(stored["uploads"], date, stored["page"], names)
        try:
            summary = _runner(request, force=stored["force"], arguments=[u["name"] for u in stored["uploads"]]).run(jobs)
        finally:
            for u in stored["uploads"]:
                if u.get("stored"):
                    default_storage.delete(u["stored"])
        _report(request, summary)
        if summary.run_id:
            return redirect("admin:articles_importrun_change", summary.run_id)
        return redirect("admin:articles_page_changelist")


def _upload_jobs(uploads, date, page, names=None):
    """A job per uploaded page (a dump, a PDF, or both, with its image);
    `names` the 版名 the editor gave each job (in the preview), else what
    the file's name says."""
    jobs = []
    # A page's files go together: 01.txt with 01.pdf and 01.jpg (the same
    # name but for the extension); a PDF alone is its own dump.
    groups = {}
    for i, u in enumerate(uploads):
        groups.setdefault(os.path.splitext(u["name"])[0], []).append((i, u))
    for stem, members in groups.items():
        by_ext = {os.path.splitext(u["name"])[1].lower(): (i, u) for i, u in members}
        main = by_ext.get(".txt") or by_ext.get(".pdf")
        if main is None:
            for _i, u in members:
                jobs.append(Job(path=u["name"], error="版面图需要同名的版面文本或PDF一起上传"))
            continue
        u = main[1]
        pdf = by_ext.get(".pdf") if u["name"].lower().endswith(".txt") else main
        image = next((by_ext[e] for e in IMAGE_EXTENSIONS if e in by_ext), None)
        try:
            # An upload has no folder: only its name (or the form) says where it goes.
            source = source_for_file(u["name"], date=date, page=page, use_folder=False,
                                     page_name=(names[len(jobs)] if names and len(jobs) < len(names) else ""))
            job = Job(path=u["name"], source=source, data=None if pdf is main else base64.b64decode(u["data"]))
            job.pdf = _upload_bytes(pdf[1]) if pdf else None
            job.image = _upload_bytes(image[1]) if image else None
            jobs.append(job)
        except ImportPathError as e:
            jobs.append(Job(path=u["name"], error=e.problem))
    return jobs


def _upload_bytes(upload):
    if upload.get("stored"):
        with default_storage.open(upload["stored"], "rb") as f:
            return f.read()
    return base64.b64decode(upload["data"])


def suggested_page_names(jobs, outcomes):
    """For each file of a preview, the 版名 to offer: what its name says,
    else the page's name when it is in the archive already, else the name
    of page N in the latest earlier issue that has one."""
    names = []
    for job, outcome in zip(jobs, outcomes):
        name = ""
        if outcome.status == "dry-run" and job.source is not None:
            name = job.source.page_name or (
                Page.objects.filter(number=job.source.page, issue__date__lte=job.source.date).exclude(name="")
                .order_by("-issue__date").values_list("name", flat=True).first() or "")
        names.append(name)
    return names


def preview_row(outcome, page_name):
    """What the preview shows of one file: the articles and photos apart
    from the furniture (banners), each item's kind in words, the parser's
    warnings in the admin's language."""
    items = (outcome.parse or {}).get("items", [])
    kinds = dict(Item.KINDS)
    shown = [{**i, "kind_display": kinds.get(i["kind"], i["kind"])} for i in items]
    return {"outcome": outcome, "page_name": page_name,
            "items": [i for i in shown if i["kind"] != Item.BANNER],
            "furniture": [i for i in shown if i["kind"] == Item.BANNER],
            "warnings": [parser_message(w) for w in outcome.warnings]}


def _runner(request, force, arguments):
    return ImportRunner(user=request.user, username=request.user.get_username(), source=ImportRun.ADMIN,
                        force=force, arguments=arguments)


def _report(request, summary):
    level = messages.ERROR if summary.failed else messages.WARNING if summary.conflicts else messages.SUCCESS
    messages.add_message(request, level, summary.text())
    for o in summary.outcomes:
        if o.status == "failed":
            messages.error(request, f"{o.path}: {o.message}")
        for c in o.conflicts:
            messages.warning(request, f"{o.path}: {c}")
