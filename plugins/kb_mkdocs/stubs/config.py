from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from kb.stubs.run import DEFAULT_MIN_TICKETS


class StubsConfig(Config):
    """Options of the `kb-stubs` plugin."""

    enabled = c.Type(bool, default=True)
    # The folder (or file) of ticket exports, relative to mkdocs.yml; absent or empty: nothing to do.
    exports = c.Type(str, default="tickets/")
    # Tickets a tag needs, with no article answering it, to get a draft stub.
    min_tickets = c.Type(int, default=DEFAULT_MIN_TICKETS)
    # The help desk that wrote the exports; `auto` tells it from each file.
    format = c.Choice(("auto", "zendesk", "freshdesk", "jira", "generic"), default="auto")
    # Columns (or JSON keys) of the ticket fields, when they differ: {tags: Etiquetas}.
    map = c.Type(dict, default={})
    # Tags to leave out, e.g. ones the help desk adds to every ticket.
    ignore_tags = c.ListOfItems(c.Type(str), default=[])
    # The leads' ticket-insights page (insights/tickets), generated into the internal site.
    insights = c.Type(bool, default=True)
