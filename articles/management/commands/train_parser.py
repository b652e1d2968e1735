"""python manage.py train_parser: train the page parser's models from the
page families and write them where the parser loads them.

    manage.py train_parser                      all families, the committed model
    manage.py train_parser --checked gold/      ... and pages editors checked (export_gold)
    manage.py train_parser --out /tmp/m --families pagegen,pdf

Needs the training material beside the project (../shared: the corpus,
pagesim.py and the sample page) and the development requirements
(reportlab and pdftotext for the PDF family). The parser itself needs none
of it at run time.
"""
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...pagedump import labeller
from ...pagedump.training import families, pipeline


class Command(BaseCommand):
    help = "Train the parser's line and heading models from the page families (and checked pages)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--families", default=",".join(pipeline.FAMILIES),
                            help="comma-separated families to train on (default: all)")
        parser.add_argument("--pages", type=int, default=pipeline.PAGES_PER_FAMILY,
                            help="generated pages per family (default %(default)s)")
        parser.add_argument("--checked", metavar="DIR", help="a folder of checked pages written by export_gold")
        parser.add_argument("--out", metavar="DIR", default=str(labeller.MODEL_DIR),
                            help="where to write the models (default: the parser's own folder)")

    def handle(self, *args, families=None, pages=None, checked=None, out=None, **options):
        names = [f for f in families.split(",") if f]
        unknown = set(names) - set(pipeline.FAMILIES)
        if unknown:
            raise CommandError(f"unknown families: {', '.join(sorted(unknown))} "
                               f"(known: {', '.join(pipeline.FAMILIES)})")
        missing = pipeline.missing_material(names)
        if missing:
            raise CommandError(missing)
        extra = []
        if checked:
            folder = Path(checked)
            if not folder.is_dir():
                raise CommandError(f"{checked}: not a folder")
            extra = families_checked(folder)
            self.stdout.write(f"checked pages: {len(extra)} from {checked}")
        start = time.perf_counter()
        info = pipeline.train_models(names, pages, out, extra_pages=extra, log=self.stdout.write)
        self.stdout.write(json.dumps(info, ensure_ascii=False, indent=1))
        self.stdout.write(self.style.SUCCESS(
            f"trained in {time.perf_counter() - start:.0f} s: {out} ({info['bytes'] / 1e6:.2f} MB)"))


def families_checked(folder):
    return families.checked_pages(folder)
