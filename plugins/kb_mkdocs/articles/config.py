from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from kb.settings import DEFAULT_ANALYTICS_DAYS, DEFAULT_REVIEW_DAYS
from kb.vocabulary import Audience, values


class ArticlesConfig(Config):
    """Options of the `kb-articles` plugin (the `kb` command reads them too, through
    `kb_mkdocs.settings`)."""

    enabled = c.Type(bool, default=True)
    # Which site to build: `public` (merchants) or `internal` (agents).
    audience = c.Choice(values(Audience), default=Audience.PUBLIC.value)
    # The controlled tag vocabulary and the platform facts, relative to mkdocs.yml.
    taxonomy = c.Type(str, default="data/taxonomy.yml")
    facts = c.Type(str, default="data/platform.yml")
    # The facts check: rules finding a platform fact stated with another value, and facts
    # about Mexico's payment system that hold between two dates (relative to mkdocs.yml).
    fact_rules = c.Type(str, default="data/fact-rules.yml")
    dated_facts = c.Type(str, default="data/dated-facts.yml")
    # Days between reviews when an article does not say.
    review_every = c.Type(int, default=DEFAULT_REVIEW_DAYS)
    # Missing translations of published articles stop the build.
    strict_translations = c.Type(bool, default=False)
    # Days the searches and "Was this helpful?" votes are kept in .kb/analytics.sqlite3.
    analytics_retention_days = c.Type(int, default=DEFAULT_ANALYTICS_DAYS)
