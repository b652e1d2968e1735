"""How to cite an item: GB/T 7714-2015, APA (7th edition) and BibTeX, and a
RIS file for reference managers. Each form is a small text template
(templates/articles/cite/); this module gathers what they need."""
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

FORMATS = [("gbt7714", "GB/T 7714"), ("apa", "APA"), ("bibtex", "BibTeX")]
APA_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass
class Citation:
    authors: list
    title: str
    newspaper: str
    date: object
    page: int
    url: str
    accessed: object
    key: str

    @property
    def apa_month(self):
        return APA_MONTHS[self.date.month - 1]

    @property
    def bibtex_month(self):
        return BIBTEX_MONTHS[self.date.month - 1]

    def render(self, form):
        return render_to_string(f"articles/cite/{form}.txt", {"c": self}).strip("\n")

    def forms(self):
        """[(name, label, text)] for the item page's 引用 box."""
        return [(name, label, self.render(name)) for name, label in FORMATS]


def for_item(item, head, credits, url):
    """The citation of `item` (the part read), titled by its story's
    `head`, by the people `credits` names, found at `url` (absolute)."""
    date = item.page.issue.date
    title = head.headline or item.headline or f"［无标题］{item.opening}"
    return Citation(authors=[c.person.name for c in credits], title=title, newspaper=settings.NEWSPAPER_NAME,
                    date=date, page=item.page.number, url=url, accessed=timezone.localdate(),
                    key=f"{settings.NEWSPAPER_SHORT.lower() or 'news'}{date:%Y%m%d}-{item.pk}")
