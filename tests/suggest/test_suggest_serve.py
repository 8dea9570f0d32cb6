"""`kb serve` (the real process) answers POST /api/suggest beside its search."""

import json
import urllib.error
import urllib.request

import pytest
from serving import kb_serve, wait_for

pytestmark = pytest.mark.slow


def _post(url: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except urllib.error.URLError:
        return 0, {}


def test_kb_serve_suggests(shop):
    with kb_serve(shop) as base:
        ticket = json.dumps({"subject": "Pago rechazado", "description": "Hola, sale codigo 51. Saludos"}).encode()
        status, data = wait_for(lambda: (found := _post(f"{base}/api/suggest", ticket))[0] == 200 and found)
        assert data["lang"] == "es" and data["suggestions"][0]["id"] == "payments/declines"
        assert data["suggestions"][0]["reply"] == "Hola, su depósito llega en 3 días hábiles."
        assert _post(f"{base}/api/suggest", b"[]")[0] == 400
