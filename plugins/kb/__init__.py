"""The knowledge base's core: articles and their contract, the taxonomy, platform facts,
tickets and redaction, search.

Nothing in this package imports MkDocs, Material, the adapters (`kb_mkdocs`) or the
application (`kb_app`); it receives the site's settings as plain values (`kb.settings`), so
moving to another generator is a change of adapters. tests/test_core_boundary.py checks it.
"""
