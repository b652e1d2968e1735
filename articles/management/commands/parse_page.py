"""python manage.py parse_page FILE [--json]: parse one raw page dump, or
one page PDF, and show the result. Needs no database.

A page PDF (FILE.pdf, or any file that starts with %PDF) is parsed by its
layout (articles/pagedump/pdflayout.py) when its text layer is usable, each
item with its "regions" on the page; --dump TXT parses it beside its dump,
as the import does."""
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from ...pagedump import DumpError, decode_dump, parse_page
from ...pagedump.pdf import PdfError, choose_parse, read_pdf

PREVIEW = 40


class Command(BaseCommand):
    help = "Parse a raw page dump: --json prints the parse (PAGE_FORMAT.md §3), else a readable summary."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print the parse as JSON and nothing else")
        parser.add_argument("--dump", default=None,
                            help="with a page PDF: its dump, parsed by the PDF's layout when the texts agree")

    def execute(self, *args, **options):
        # Output is UTF-8 whatever the terminal's locale says: the parse is
        # Chinese, and an ASCII locale must not turn it into a traceback.
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8", errors="replace")
        return super().execute(*args, **options)

    def handle(self, *args, file, as_json=False, dump=None, **options):
        try:
            with open(file, "rb") as f:
                data = f.read()
            if is_pdf(file, data):
                parse = self._parse_pdf(file, data, dump)
            else:
                parse = parse_page(decode_dump(data))
        except OSError as e:
            raise CommandError(f"{e.filename or file}: {e.strerror or e}")
        except (DumpError, PdfError) as e:
            raise CommandError(f"{file}: {e}")
        if as_json:
            self._print_json(parse)
        else:
            self.stdout.write(summary(file, parse))

    def _parse_pdf(self, file, data, dump):
        text = None
        if dump:
            with open(dump, "rb") as f:
                text = decode_dump(f.read())
        return choose_parse(read_pdf(data), text)

    def _print_json(self, parse):
        self.stdout.write(json.dumps(parse, ensure_ascii=False, indent=2))


def is_pdf(path, data):
    return path.lower().endswith(".pdf") or data[:5] == b"%PDF-"


def summary(path, parse):
    lines = [f"{path}: page label {parse.get('page_label') or '-'}, "
             f"{sum(1 for i in parse['items'] if i['kind'] != 'banner')} items"]
    for n, item in enumerate(parse["items"], 1):
        head = item.get("headline") or "（无标题）"
        extra = []
        if item.get("kicker"):
            extra.append(f"引题 {item['kicker']}")
        if item.get("subtitle"):
            extra.append(f"副题 {item['subtitle']}")
        if item.get("column"):
            extra.append(f"栏目 {item['column']}")
        if item.get("continued_to_page"):
            extra.append(f"下转第{item['continued_to_page']}版")
        if item.get("continued_from_page"):
            extra.append(f"上接第{item['continued_from_page']}版")
        lines.append(f"{n:2d}. [{item['kind']}] {head}" + (f"  ({'; '.join(extra)})" if extra else ""))
        credits = ", ".join(f"{c.get('org') or ''}{c['role']} {c['name']}" for c in item.get("credits") or [] if c.get("name"))
        if credits:
            lines.append(f"    署名: {credits}")
        body = "".join(b["text"] for b in item.get("body") or [])
        if body:
            lines.append(f"    {body[:PREVIEW]}{'……' if len(body) > PREVIEW else ''} "
                         f"({len(item['body'])} paragraphs, {len(body)} characters)")
        people = ", ".join(f"{p.get('title') or ''}{p['name']}" for p in item.get("people") or [])
        if people:
            lines.append(f"    人物: {people}")
    for w in parse.get("warnings") or []:
        lines.append(f"warning: {w}")
    return "\n".join(lines)
