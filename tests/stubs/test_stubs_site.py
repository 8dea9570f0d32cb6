"""The `kb-stubs` plugin in real MkDocs builds of a fixture project (the real mkdocs.yml,
which reads the exports in tickets/): stubs appear, untrusted text stays inert, and a
build runs it once and a rebuild writes nothing."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from kb_mkdocs.site import BuildFailed
from tickets.exports import IMAGE, LINK, PLANTED, SCRIPT, T, freshdesk_csv, zendesk_json

pytestmark = pytest.mark.slow


@pytest.fixture
def exports(project):
    """A project with a Freshdesk export and a Zendesk one in tickets/."""
    folder = project.root / "tickets"
    folder.mkdir()
    planted = [T(str(n), f"Pago rechazado {SCRIPT} {LINK} {IMAGE}", ["pago_rechazado"], channel="web") for n in range(1, 6)]
    planted += [T(str(100 + 10 * kind + n), f"Pago rechazado, {text}", [f"datos_{kind}"])  # a stub per kind of data
                for kind, (_, text, _, _) in enumerate(PLANTED) for n in range(5)]
    freshdesk_csv(folder / "freshdesk.csv", planted, encoding="cp1252", delimiter=";")
    zendesk_json(folder / "zendesk.json", [T(str(n), "¿Cómo cambio mi CLABE?", ["cambio_clabe"], kind="question") for n in range(1, 6)])
    return project


def text_of(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def docs_state(project) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in (project.root / "docs").rglob("*.md")}


def test_a_build_writes_the_stubs_and_the_internal_site_shows_them_inert(exports, caplog) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins")
    site = exports.build("internal")
    runs = [r for r in caplog.records if "tickets from 2 exports" in r.getMessage()]
    assert len(runs) == 1, [r.getMessage() for r in runs]  # once per build, not once per language
    assert f"{2 + len(PLANTED)} stubs created" in runs[0].getMessage()
    for lang, prefix in (("en", ""), ("es", "es/")):
        assert (exports.root / f"docs/{lang}/drafts/pago-rechazado.md").is_file()
        page = (site / f"{prefix}drafts/pago-rechazado/index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(&quot;kb-xss&quot;)&lt;/script&gt;" in page  # shown as text...
        assert '<script>alert("kb-xss")' not in page  # ...never run
        assert not re.search(r"<a [^>]*href=\"https://evil\.example", page)
        assert not re.search(r"<img [^>]*src=\"https://evil\.example", page)
        assert "[gana un premio](https://evil.example/phish)" in page  # the Markdown, as characters
        assert (site / f"{prefix}drafts/cambio-clabe/index.html").is_file()
    everything = text_of(site)
    assert everything.count("[card ****4242]") >= 2  # the planted data went through, redacted
    for kind, _, forbidden, _ in PLANTED:
        for value in forbidden:
            assert value not in everything, (kind, value)
    assert '<script>alert("kb-xss")' not in everything  # nor in the search index


def test_the_public_site_has_no_stub(exports) -> None:
    site = exports.build("public")
    assert (exports.root / "docs/en/drafts/pago-rechazado.md").is_file()  # written before the build...
    text = text_of(site)
    assert "drafts/" not in text and "Pago rechazado" not in text  # ...and kept out of the merchants' site


def test_a_rebuild_writes_nothing_so_serve_never_loops(exports) -> None:
    exports.build("internal")
    before = docs_state(exports)
    exports.build("internal")
    exports.build("public")
    assert docs_state(exports) == before


def test_a_newer_export_in_the_folder_updates_the_stub_on_the_next_build(exports) -> None:
    exports.build("internal")
    stub = exports.root / "docs/en/drafts/cambio-clabe.md"
    assert "5 support tickets" in stub.read_text(encoding="utf-8")
    zendesk_json(exports.root / "tickets/zendesk-april.json",
                 [T(str(n), "¿Cómo cambio mi CLABE?", ["cambio_clabe"], kind="question") for n in range(6, 9)])
    exports.build("internal")
    assert "8 support tickets" in stub.read_text(encoding="utf-8")


def test_no_exports_folder_is_quiet(project, caplog) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins")
    project.build("internal")
    assert not (project.root / "docs/en/drafts").exists()
    assert not [r for r in caplog.records if "kb_mkdocs.stubs" in r.name and r.levelno >= logging.INFO]


def test_a_bad_export_fails_the_build_with_its_line_and_writes_nothing(exports) -> None:
    (exports.root / "tickets/broken.csv").write_text("Ticket ID,Subject,Tags\n1,\"open,pago_rechazado\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"tickets/broken\.csv, line 2: a quoted field .* nothing was written"):
        exports.build("internal")
    assert not (exports.root / "docs/en/drafts").exists()
