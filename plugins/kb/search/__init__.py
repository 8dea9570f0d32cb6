"""The agents' search (an index per audience, kb.search.searcher) and the static site's search
index (kb.search.static_index)."""
