from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BrowserConfig(Config):
    """Options of the `kb-browser` plugin: what the built site does in a reader's browser."""

    enabled = c.Type(bool, default=True)
    # Material's built-in (static) search matches words typed without accents ("devolucion");
    # it applies when the search covers several languages (Material then loads lunr.multi).
    fold_accents = c.Type(bool, default=True)
    # The knowledge base's own search when the site is static files (kb-search/ beside the
    # pages: fetched piece by piece, the analysis of `kb search`), instead of Material's,
    # which downloads the whole index of every language before it answers.
    static_search = c.Type(bool, default=True)
