from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BrowserConfig(Config):
    """Options of the `kb-browser` plugin: what the built site does in a reader's browser."""

    enabled = c.Type(bool, default=True)
    # Material's built-in (static) search matches words typed without accents ("devolucion");
    # it applies when the search covers several languages (Material then loads lunr.multi).
    fold_accents = c.Type(bool, default=True)
