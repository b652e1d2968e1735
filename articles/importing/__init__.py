"""Getting raw page dumps into the archive: the one code path the import
command and the admin upload both use."""
from .paths import DumpSource, ImportPathError, expand_arguments, source_for_file
from .runner import FileOutcome, ImportRunner, RunSummary
from .service import PageImport, import_page

__all__ = ["DumpSource", "FileOutcome", "ImportPathError", "ImportRunner", "PageImport", "RunSummary",
           "expand_arguments", "import_page", "source_for_file"]
