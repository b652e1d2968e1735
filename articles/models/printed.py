"""The printed page: a page's image (rendered from its PDF, or an image file
imported beside its dump) and where each item stands on it.

Kept beside Page and Item rather than on them: a page without a PDF has
none of it, and the image files live in Django's storage (MEDIA_ROOT by
default), named by their content's hash so that they never change under
their URL and can be cached for good."""
from django.db import models


def page_file_name(page, sha, kind, extension):
    """pages/2021/02/04/01-<sha>-<kind>.webp: the day, the page, the hash."""
    date = page.issue.date
    return f"pages/{date:%Y/%m/%d}/{page.number:02d}-{sha[:16]}-{kind}.{extension}"


class PageImage(models.Model):
    """A page's printed image, from its PDF (PDF, with the page's layout) or
    from an image file (IMAGE). A PDF without a text layer (a scan) keeps its
    image, and its page is flagged for an editor (`has_text` False)."""

    PDF, IMAGE = "pdf", "image"
    KINDS = [(PDF, "PDF"), (IMAGE, "图片")]

    page = models.OneToOneField("Page", verbose_name="版", on_delete=models.CASCADE, related_name="printed")
    kind = models.CharField("来源", max_length=10, choices=KINDS, default=PDF)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True, help_text="导入的PDF或图片文件的校验和")
    source_path = models.CharField("来源文件", max_length=500, blank=True)
    source = models.FileField("原始文件", max_length=200, blank=True, help_text="导入的PDF，放大图由它生成")
    width = models.FloatField("版面宽度", help_text="页面坐标的宽度（PDF 为磅，图片为像素）")
    height = models.FloatField("版面高度")
    image = models.FileField("版面图", max_length=200, blank=True)
    image_width = models.PositiveIntegerField("版面图宽度（像素）", default=0)
    image_height = models.PositiveIntegerField("版面图高度（像素）", default=0)
    thumbnail = models.FileField("缩略图", max_length=200, blank=True)
    zoom = models.FileField("放大图", max_length=200, blank=True, help_text="首次查看时生成")
    has_text = models.BooleanField("有文字层", default=True,
                                   help_text="PDF 没有文字层（扫描件）时为否：版面图保留，正文待编辑录入")
    layout = models.BooleanField("按版面切分", default=False,
                                 help_text="条目按PDF的版式切分（字号、栏、位置），各条目有版面位置")
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "版面图"
        verbose_name_plural = "版面图"

    def __str__(self):
        return f"{self.page} 版面图"

    @property
    def page_size(self):
        return [self.width, self.height]


class ItemRegion(models.Model):
    """Where an item stands on its printed page: rectangles [x, y, width,
    height] in the page's coordinates (PageImage.width × height, from the
    top left); for a photo, the photo cut from the page."""

    item = models.OneToOneField("Item", verbose_name="条目", on_delete=models.CASCADE, related_name="region")
    rects = models.JSONField("版面位置", default=list, blank=True)
    photo = models.FileField("图片", max_length=200, blank=True)
    photo_width = models.PositiveIntegerField("图片宽度", default=0)
    photo_height = models.PositiveIntegerField("图片高度", default=0)

    class Meta:
        verbose_name = "条目版面位置"
        verbose_name_plural = "条目版面位置"

    def __str__(self):
        return f"{self.item_id}: {len(self.rects)} 块"
