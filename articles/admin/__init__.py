"""The editors' admin: one module per area."""
from . import imports, issues, items, people, sections  # noqa: F401
