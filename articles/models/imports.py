from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportRun(models.Model):
    """One run of the importer (command or admin upload): the load log."""

    COMMAND, ADMIN = "command", "admin"
    RUNNING, FINISHED, FAILED, INTERRUPTED = "running", "finished", "failed", "interrupted"
    STATUSES = [(RUNNING, "进行中"), (FINISHED, "完成"), (FAILED, "有失败"), (INTERRUPTED, "中断")]

    started_at = models.DateTimeField("开始", auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField("结束", null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                             on_delete=models.SET_NULL)
    username = models.CharField("操作人（系统账户）", max_length=150, blank=True)
    source = models.CharField("来源", max_length=10, choices=[(COMMAND, "命令"), (ADMIN, "后台上传")], default=COMMAND)
    arguments = models.JSONField("参数", default=list, blank=True)
    dry_run = models.BooleanField("仅预览", default=False)
    force = models.BooleanField("强制重导", default=False)
    status = models.CharField("状态", max_length=12, choices=STATUSES, default=RUNNING)
    files = models.PositiveIntegerField("文件数", default=0)
    imported = models.PositiveIntegerField("已导入", default=0)
    skipped = models.PositiveIntegerField("跳过", default=0)
    failed = models.PositiveIntegerField("失败", default=0)
    conflicts = models.PositiveIntegerField("冲突", default=0)
    items = models.PositiveIntegerField("条目", default=0)
    people = models.PositiveIntegerField("新建人物", default=0)
    # Who is running it, and when it last finished a file: a run whose
    # process is gone (kill -9, a worker timed out) is found and marked
    # interrupted by the next run (articles.importing.runner).
    host = models.CharField("主机", max_length=255, blank=True)
    pid = models.PositiveIntegerField("进程号", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近进展", null=True, blank=True)

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ["-started_at"]

    def __str__(self):
        # In the archive's time zone, as the admin shows the fields.
        return f"导入 #{self.pk} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M}"


class ImportFile(models.Model):
    """What happened to one file in a run."""

    IMPORTED, SKIPPED, FAILED, DRY_RUN, IGNORED = "imported", "skipped", "failed", "dry-run", "ignored"
    KEPT = "kept"
    STATUSES = [(IMPORTED, "已导入"), (SKIPPED, "未变，跳过"), (FAILED, "失败"), (DRY_RUN, "预览"),
                (IGNORED, "非普通文件，跳过"), (KEPT, "版面经过校对，保留编辑的版本")]

    run = models.ForeignKey(ImportRun, verbose_name="导入记录", on_delete=models.CASCADE, related_name="file_results")
    path = models.CharField("文件", max_length=500)
    issue_date = models.DateField("日期", null=True, blank=True)
    page_number = models.PositiveSmallIntegerField("版次", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    status = models.CharField("结果", max_length=10, choices=STATUSES)
    message = models.TextField("说明", blank=True)
    page = models.ForeignKey("Page", verbose_name="版", null=True, blank=True, on_delete=models.SET_NULL)
    items = models.PositiveIntegerField("条目", default=0)
    conflicts = models.JSONField("冲突", default=list, blank=True)

    class Meta:
        verbose_name = "导入文件"
        verbose_name_plural = "导入文件"
        ordering = ["run", "pk"]

    def __str__(self):
        return f"{self.path}: {self.get_status_display()}"
