"""One module per `kb` command (check, new, build, index, search, eval, stubs, serve), as MkDocs
keeps its commands: the work of each, in plain functions that `kb_app.cli` calls."""
