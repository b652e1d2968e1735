"""The archive's data: issues and their pages, the items printed on them,
the people credited or named, sections, the log of every import, and
the record of page proofing."""
from .imports import ImportFile, ImportRun
from .issues import Issue, Page
from .items import Credit, Item, Mention
from .people import Person, PersonAlias, PersonRedirect
from .printed import ItemRegion, PageImage
from .proofing import ItemRedirect, ProofEdit
from .search import SearchEntry
from .sections import Section

__all__ = ["Credit", "ImportFile", "ImportRun", "Issue", "Item", "ItemRedirect", "ItemRegion", "Mention", "Page",
           "PageImage", "Person", "PersonAlias", "PersonRedirect", "ProofEdit", "SearchEntry", "Section"]
