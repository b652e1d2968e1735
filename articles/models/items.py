import re

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

from .managers import ItemQuerySet

# "本报讯（记者雷甫）", "新华社北京2月3日电（记者余俊杰）": the lead of an article.
_LEAD_RE = re.compile(r"^\s*(?:据)?[\w·]{0,12}?(?:讯|电)\s*(?:[（(][^（）()]{0,40}[）)])?\s*")
# How many characters of its text stand in for an item's missing headline.
OPENING_LENGTH = 24


class Item(models.Model):
    """Something printed on a page: an article, a photo with its caption, or
    furniture kept for the record (a banner, never shown as an article).

    Its primary key is its permalink: a re-import keeps the rows of the items
    that survive, and an item an editor changed is never overwritten."""

    ARTICLE, PHOTO, BANNER = "article", "photo", "banner"
    KINDS = [(ARTICLE, "文章"), (PHOTO, "图片"), (BANNER, "版面元素")]
    PUBLISHED, WITHDRAWN = "published", "withdrawn"
    STATUSES = [(PUBLISHED, "已发布"), (WITHDRAWN, "已撤回")]

    page = models.ForeignKey("Page", verbose_name="版", on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("版内顺序", default=0)
    kind = models.CharField("类型", max_length=10, choices=KINDS, default=ARTICLE)
    role = models.CharField("版面元素类别", max_length=20, blank=True, help_text="如 column、masthead、editors")
    headline = models.CharField("标题", max_length=300, blank=True)
    kicker = models.CharField("引题", max_length=300, blank=True)
    subtitle = models.CharField("副题", max_length=300, blank=True)
    column = models.CharField("栏目", max_length=100, blank=True)
    column_section = models.ForeignKey("Section", verbose_name="所属栏目", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="items")
    dateline = models.CharField("电头", max_length=100, blank=True)
    byline = models.CharField("署名行", max_length=300, blank=True)
    body = models.JSONField("正文", default=list, blank=True,
                            help_text='段落与小标题：[{"type": "paragraph"|"subhead", "text": "…"}]')
    continued_to_page = models.PositiveSmallIntegerField("下转版次", null=True, blank=True)
    continued_from_page = models.PositiveSmallIntegerField("上接版次", null=True, blank=True)
    continues = models.ForeignKey("self", verbose_name="上接的文章", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="continuations",
                                  help_text="本文是哪篇文章在另一版的接续部分")
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=PUBLISHED, db_index=True)
    edited = models.BooleanField("编辑已修改", default=False,
                                 help_text="编辑修改过的条目，重新导入时不会被覆盖")
    edited_at = models.DateTimeField("修改时间", null=True, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, blank=True, db_index=True)
    confidence = models.FloatField("解析置信度", null=True, blank=True,
                                   help_text="解析器对本条目切分与标题的把握（0–1），越低越值得编辑先看")
    lines = models.JSONField("原始文本行号", default=list, blank=True,
                             help_text="本条目取自原始文本的哪些行（从0起），解析器记下的；空则校对时按文字查找")
    created_at = models.DateTimeField("建立时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "条目"
        verbose_name_plural = "条目"
        ordering = ["page__issue__date", "page__number", "position"]
        indexes = [
            models.Index(fields=["page", "position"], name="item_page_position"),
            models.Index(fields=["column_section", "status"], name="item_column_status"),
            models.Index(fields=["kind", "status"], name="item_kind_status"),
            # Last-Modified of the reader's pages is the newest change: one
            # step down this index instead of a scan of every item.
            models.Index(fields=["updated_at"], name="item_updated"),
            # A page section's count (Paginator) at scale: the visible items
            # of its pages, read from this index alone (no rows).
            models.Index(fields=["page"], name="item_visible_page",
                         condition=models.Q(status="published", kind__in=["article", "photo"])),
        ]

    def __str__(self):
        return self.title

    @cached_property
    def title(self):
        """What to call it in plain text (a page's title, a breadcrumb, the
        API): its headline, else its opening words (`opening`)."""
        return self.headline or self.opening

    @cached_property
    def _text_after_lead(self):
        # After the "本报讯（记者…）" lead, which every such article shares.
        return _LEAD_RE.sub("", self.plain_text, count=1).strip()

    @cached_property
    def opening(self):
        """The stand-in for a missing headline: the start of its text."""
        text = self._text_after_lead.replace("\n", "")
        return (text[:OPENING_LENGTH] + "…") if len(text) > OPENING_LENGTH else (text or f"条目 {self.pk}")

    def opening_text(self, length):
        """The first `length` characters of its text after the lead."""
        return self._text_after_lead[:length]

    def card_lead(self, length=90):
        """The lead shown under its title in a list: for an item without a
        headline, the text after the opening words its stand-in shows, so
        that a card does not say the same words twice."""
        if self.headline:
            return self.lead(length)
        rest = self._text_after_lead.replace("\n", "")[OPENING_LENGTH:].strip()
        if not rest:
            return ""
        return "…" + (rest if len(rest) <= length else rest[:length] + "……")

    @property
    def paragraphs(self):
        return [b for b in self.body or [] if b.get("text")]

    @cached_property
    def plain_text(self):
        return "\n".join(b.get("text", "") for b in self.body or [])

    def lead(self, length=90):
        """The first characters of its first paragraph, for lists."""
        for block in self.body or []:
            if block.get("type") != "subhead" and block.get("text"):
                text = block["text"]
                return text if len(text) <= length else text[:length] + "……"
        return ""

    def get_absolute_url(self):
        page = self.page
        return reverse("item-detail", kwargs={**page.issue.url_kwargs(), "page": page.number, "pk": self.pk})

    @property
    def is_visible(self):
        return self.status == self.PUBLISHED and self.kind != self.BANNER


class Credit(models.Model):
    """Someone credited for an item: reporter, photographer, correspondent, intern."""

    ROLES = [("记者", "记者"), ("摄影", "摄影"), ("通讯员", "通讯员"), ("实习生", "实习生"), ("评论员", "评论员")]

    item = models.ForeignKey(Item, verbose_name="条目", on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("Person", verbose_name="人物", on_delete=models.CASCADE, related_name="credits")
    role = models.CharField("角色", max_length=10, choices=ROLES, default="记者")
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["item", "person", "role"], name="credit_unique")]
        indexes = [models.Index(fields=["person", "item"], name="credit_person_item")]

    def __str__(self):
        return f"{self.role} {self.person.name}"


class Mention(models.Model):
    """A person named in an item, with the title the text gives them there."""

    item = models.ForeignKey(Item, verbose_name="条目", on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey("Person", verbose_name="人物", on_delete=models.CASCADE, related_name="mentions")
    title = models.CharField("职务/身份", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "提及"
        verbose_name_plural = "提及"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="mention_unique")]
        indexes = [models.Index(fields=["person", "item"], name="mention_person_item")]

    def __str__(self):
        return f"{self.title}{self.person.name}"
