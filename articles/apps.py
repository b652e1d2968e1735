from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "报纸档案"

    def ready(self):
        from . import cache
        # The archive version's row and triggers, for the tables there are now.
        post_migrate.connect(cache.install_after_migrate, sender=self)
