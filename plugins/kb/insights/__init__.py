"""Ticket insights for leads: volume by ISO week per tag and per topic, the article that
covers each or its stub, spikes, and handle times, so the uncovered topics that cost the
most agent time come first. Plain Python: no MkDocs."""
