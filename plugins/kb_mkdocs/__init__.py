"""MkDocs adapters: thin plugins over the `kb` core, registered as `mkdocs.plugins`, and the
only code that reads the site configuration (`settings`) or runs MkDocs' build (`site`)."""
