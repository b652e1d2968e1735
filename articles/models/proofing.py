from django.conf import settings
from django.db import models


class ProofEdit(models.Model):
    """One operation of page proofing (版面校对): who did what to which
    items of a page, and when, with the affected items as they were before
    and after (articles.proofing.state), so that it can be read and
    reverted. A revert is an operation too (`reverts`)."""

    page = models.ForeignKey("Page", verbose_name="版", on_delete=models.CASCADE, related_name="proof_edits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    username = models.CharField("操作人（账户名）", max_length=150, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    operation = models.CharField("操作", max_length=20)
    params = models.JSONField("参数", default=dict, blank=True)
    items = models.JSONField("涉及条目", default=list, blank=True)
    before = models.JSONField("操作前", default=dict, blank=True)
    after = models.JSONField("操作后", default=dict, blank=True)
    reverts = models.OneToOneField("self", verbose_name="撤销的操作", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="reverted_by")

    class Meta:
        verbose_name = "校对记录"
        verbose_name_plural = "校对记录"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["page", "-at"], name="proofedit_page_at")]

    def __str__(self):
        from ..proofing.operations import describe
        return str(describe(self))


class ItemRedirect(models.Model):
    """An item merged into another in proofing (or dropped when a checked
    parse replaced the page's items): its permalink, page and API, answers
    301 to the item its text went into, for good. Followed in chains (an
    item merged into one later merged again)."""

    old_id = models.BigIntegerField("原条目编号", primary_key=True)
    new_id = models.BigIntegerField("转到条目编号", db_index=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "合并前的条目网址"
        verbose_name_plural = "合并前的条目网址"

    def __str__(self):
        return f"/items/{self.old_id}/ → /items/{self.new_id}/"

    # How many merges a chain may follow (a loop is impossible: a target
    # exists when its redirect is made, and an existing item has none).
    CHAIN = 20

    @classmethod
    def target(cls, pk):
        """The number of the existing item the gone item `pk` went into
        (following merges of merges), or None."""
        from .items import Item
        seen = set()
        while pk not in seen and len(seen) < cls.CHAIN:
            seen.add(pk)
            new = cls.objects.filter(old_id=pk).values_list("new_id", flat=True).first()
            if new is None:
                return None
            if Item.objects.filter(pk=new).exists():
                return new
            pk = new
        return None
