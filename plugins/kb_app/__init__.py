"""The application: the `kb` command (`cli`, one module per command under `commands/`), the
local server of `kb serve` and its search API, and the search evaluation. It wires the core
(`kb`) to the MkDocs adapters (`kb_mkdocs`); neither of those imports it."""
