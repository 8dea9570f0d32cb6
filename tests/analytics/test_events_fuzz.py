"""Property-based: any JSON body posted to /api/events gets a 204 or a clear 4xx, never a
server error, and only a well-formed event is stored."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kb.analytics.store import AnalyticsStore
from kb_app.analytics_api import analytics_routes
from kb_app.rate import RateLimit

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                    max_leaves=12)
EVENTS = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["click", "feedback", "other"]) | JSON,
    "article": st.sampled_from(["a/b", ""]) | JSON, "lang": st.sampled_from(["en", "es", "fr"]) | JSON,
    "helpful": st.booleans() | JSON, "comment": st.text(max_size=50) | JSON, "search": JSON,
    "rank": st.integers(-5, 60) | JSON, "visitor": JSON, "audience": st.sampled_from(["internal", "public"]) | JSON})


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    store = AnalyticsStore(tmp_path_factory.mktemp("events") / "a.sqlite3")
    app = Starlette(routes=analytics_routes(store, ("internal",), ("en", "es"), RateLimit(per_second=1e6, burst=10**6)))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, store
    store.close()


@given(event=EVENTS | JSON)
def test_any_json_gets_a_clear_answer(api, event):
    client, store = api
    before = store.db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
    response = client.post("/api/events", content=json.dumps(event), headers={"Content-Type": "application/json"})
    assert response.status_code in (204, 400, 404), response.text
    after = store.db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
    if response.status_code == 204:
        assert event["type"] == "feedback" and isinstance(event["helpful"], bool) and after == before + 1
    else:
        assert response.json()["error"] and after == before
