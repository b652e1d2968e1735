from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

from .managers import IssueQuerySet


class Issue(models.Model):
    """One day's paper (期)."""

    date = models.DateField("出版日期", unique=True)
    edition = models.CharField("版别", max_length=50, blank=True,
                               help_text="报纸名称或版别，留空即本报")
    number = models.PositiveIntegerField("总期号", null=True, blank=True, help_text="总第N期，已知时填写")
    created_at = models.DateTimeField("建立时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = ["-date"]
        get_latest_by = "date"

    def __str__(self):
        return f"{self.date:%Y-%m-%d}" + (f"（总第{self.number}期）" if self.number else "")

    def get_absolute_url(self):
        return reverse("issue-detail", kwargs=self.url_kwargs())

    def url_kwargs(self):
        return {"year": self.date.year, "month": f"{self.date.month:02d}", "day": f"{self.date.day:02d}"}


class Page(models.Model):
    """One printed page (版) of an issue, with the raw dump it was parsed from,
    kept verbatim."""

    issue = models.ForeignKey(Issue, verbose_name="期", on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=100, blank=True)
    label = models.CharField("版面标识", max_length=100, blank=True, help_text="页面上印的标识，如“JZ第一视线”")
    section = models.ForeignKey("Section", verbose_name="版名栏目", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="pages")
    raw_text = models.TextField("原始文本")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    encoding = models.CharField("编码", max_length=20, blank=True)
    source_path = models.CharField("来源文件", max_length=500, blank=True)
    imported_at = models.DateTimeField("导入时间")
    parser_version = models.PositiveSmallIntegerField("解析器版本", default=1)
    warnings = models.JSONField("解析提示", default=list, blank=True)
    confidence = models.FloatField("解析置信度", null=True, blank=True, db_index=True,
                                   help_text="本版最没把握的条目的置信度（0–1）：越低越值得编辑先校对")
    # Proofing (版面校对, articles/proofing): a page an editor corrected is
    # kept as the editor left it by later imports; a checked page (已校对)
    # is gold, the parser's test and training data (export_gold).
    proofed_at = models.DateTimeField("最近校对", null=True, blank=True,
                                      help_text="编辑在版面校对中改过本版的条目：重新导入时保留编辑的版本")
    checked = models.BooleanField("已校对", default=False, db_index=True,
                                  help_text="编辑确认本版的条目切分无误：作为解析器的测试和训练数据")
    checked_at = models.DateTimeField("校对确认时间", null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "版"
        verbose_name_plural = "版"
        ordering = ["issue__date", "number"]
        constraints = [models.UniqueConstraint(fields=["issue", "number"], name="page_issue_number_unique")]

    def __str__(self):
        return f"{self.issue.date:%Y-%m-%d} 第{self.number}版" + (f" {self.name}" if self.name else "")

    def get_absolute_url(self):
        return reverse("page-detail", kwargs={**self.issue.url_kwargs(), "page": self.number})

    @cached_property
    def dump_is_public(self):
        """Readers may see the page's dump while every item on it is
        published: a withdrawn item's text is in the dump too, and its lines
        cannot be told apart reliably (columns wrap, headlines are spaced
        out), so a page with one is shown to staff only."""
        return not self.items.filter(status="withdrawn").exists()

    @property
    def is_protected(self):
        """Corrected in proofing or checked: a re-import keeps its items
        (and its dump) as they are and reports the conflict."""
        return self.proofed_at is not None or self.checked

    @cached_property
    def display_name(self):
        return self.name or self.label or ""

    @property
    def label_adds(self):
        """Whether the label printed on the page ("JZ第一视线") says more than
        its name ("第一视线") already does: only then is it shown apart."""
        return bool(self.label) and bool(self.name) and self.name not in self.label
