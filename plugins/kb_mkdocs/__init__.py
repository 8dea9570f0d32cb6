"""MkDocs adapters: thin plugins over the `kb` core, registered as `mkdocs.plugins`."""
