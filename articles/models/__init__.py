"""The archive's data: issues and their pages, the items printed on them,
the people credited or named, sections, and the log of every import."""
from .imports import ImportFile, ImportRun
from .issues import Issue, Page
from .items import Credit, Item, Mention
from .people import Person, PersonAlias, PersonRedirect
from .search import SearchEntry
from .sections import Section

__all__ = ["Credit", "ImportFile", "ImportRun", "Issue", "Item", "Mention", "Page", "Person",
           "PersonAlias", "PersonRedirect", "SearchEntry", "Section"]
