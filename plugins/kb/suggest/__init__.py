"""Articles for a ticket: the ticket's text made into searches, the articles ranked by the
project's search, each with the section that answers and its ready reply. Plain Python."""

from kb.suggest.rank import MAX_DESCRIPTION, MAX_SUBJECT, Suggestion, Suggestions, suggest
from kb.suggest.reply import ReplyBook

__all__ = ["MAX_DESCRIPTION", "MAX_SUBJECT", "ReplyBook", "Suggestion", "Suggestions", "suggest"]
