from django.db import models
from django.urls import reverse

from ..slugs import first_free_slug, make_slug
from .managers import PersonQuerySet


class Person(models.Model):
    """A reporter, photographer or correspondent (credited), or a person named
    in the news. The same name from the same organisation is one person."""

    STAFF, WIRE, NAMED = "staff", "wire", "named"
    KINDS = [(STAFF, "本报采编人员"), (WIRE, "通讯社记者"), (NAMED, "新闻人物")]

    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("单位", max_length=50, blank=True, help_text="如“本报”“新华社”；新闻人物留空")
    kind = models.CharField("类型", max_length=10, choices=KINDS, default=NAMED)
    slug = models.SlugField("网址名", max_length=120, unique=True, allow_unicode=True)
    created_at = models.DateTimeField("建立时间", auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人物"
        verbose_name_plural = "人物"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "organisation"], name="person_name_org_unique")]

    def __str__(self):
        return f"{self.name}（{self.organisation}）" if self.organisation else self.name

    def get_absolute_url(self):
        return reverse("person-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = first_free_slug(self.slug_base(self.name, self.organisation, self.kind), self.slug_is_taken)
        super().save(*args, **kwargs)

    @classmethod
    def slug_is_taken(cls, slug):
        """By a person, or by one merged into another (whose URL redirects
        for good, so it is never given to someone else)."""
        return cls.objects.filter(slug=slug).exists() or PersonRedirect.objects.filter(slug=slug).exists()

    @classmethod
    def slug_prefix(cls, organisation, kind):
        """Wire reporters carry their agency: /people/新华社-余俊杰/."""
        return "" if kind == cls.NAMED or organisation in ("", "本报") else f"{organisation}-"

    @classmethod
    def slug_base(cls, name, organisation, kind):
        return cls.slug_prefix(organisation, kind) + make_slug(name)

    @property
    def is_reporter(self):
        return self.kind != self.NAMED


class PersonAlias(models.Model):
    """Another name (or organisation) under which a person was imported; kept
    when people are merged, so that later imports find the merged person."""

    person = models.ForeignKey(Person, verbose_name="人物", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=50)
    organisation = models.CharField("单位", max_length=50, blank=True)

    class Meta:
        verbose_name = "别名"
        verbose_name_plural = "别名"
        constraints = [models.UniqueConstraint(fields=["name", "organisation"], name="alias_name_org_unique")]

    def __str__(self):
        return self.name


class PersonRedirect(models.Model):
    """The URL name (slug) of a person merged into another: their page and
    API answer 301 to the person kept, so that no link to them breaks."""

    slug = models.SlugField("原网址名", max_length=120, unique=True, allow_unicode=True)
    person = models.ForeignKey(Person, verbose_name="合并到", on_delete=models.CASCADE, related_name="redirects")
    name = models.CharField("原姓名", max_length=50, blank=True)
    merged_at = models.DateTimeField("合并时间", auto_now_add=True)

    class Meta:
        verbose_name = "合并前的网址"
        verbose_name_plural = "合并前的网址"

    def __str__(self):
        return f"/people/{self.slug}/ → {self.person}"
