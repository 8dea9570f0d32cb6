"""Help-desk ticket exports (Zendesk, Freshdesk, Jira, or any CSV/JSON lines), read as a
stream of `Ticket`s whatever their encoding and separator. Plain Python: no MkDocs."""

from kb.tickets.export import Export, find_exports
from kb.tickets.model import ExportError, Ticket, normalize_tag

__all__ = ["Export", "ExportError", "Ticket", "find_exports", "normalize_tag"]
