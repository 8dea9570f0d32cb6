"""The insights page in real MkDocs builds of a fixture project whose tickets/ holds a dated
export: in the internal site, in both languages, with the spike and the costliest
uncovered tag first; the public site has no such page."""

import re

import pytest

pytestmark = pytest.mark.slow


def test_the_internal_site_has_the_page_and_the_public_one_does_not(covered, export):
    (covered.root / "tickets").mkdir(exist_ok=True)
    export.rename(covered.root / "tickets" / "freshdesk.csv")
    internal = covered.build("internal")
    for lang, spike, first in (("en", "spei_caido</strong>: 15 tickets in 2025-W46", "By ticket tag"),
                               ("es", "spei_caido</strong>: 15 tickets en 2025-W46", "Por etiqueta de ticket")):
        page = (internal / lang / "insights" / "tickets" / "index.html").read_text(encoding="utf-8")
        assert spike in page
        table = page[page.index(first):]
        assert re.search(r"<tbody>\s*<tr>\s*<td>terminal_roto</td>", table), table[:800]
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart" role="img"' in page
    public = covered.build("public")
    assert not list(public.rglob("insights"))
    assert "terminal_roto" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                          for p in public.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml"})
