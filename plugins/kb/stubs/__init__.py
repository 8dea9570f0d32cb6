"""Draft article stubs from tagged ticket exports: tags that keep coming back and that no
article answers become drafts in every language, ready for a support lead to finish.
Plain Python: no MkDocs."""
