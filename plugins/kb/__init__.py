"""The knowledge base's core: articles and their contract, the taxonomy, platform facts,
tickets and redaction, search.

Nothing in this package imports MkDocs: the site generator is reached only through the
adapters in `kb_mkdocs`, so moving to another generator is a change of adapters.
"""
