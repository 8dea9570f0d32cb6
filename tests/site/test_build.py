"""Real MkDocs builds of fixture projects: what each audience's site holds and shows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kb_mkdocs.site import BuildFailed

SECRET_TITLE = "Escalation matrix zq7"
SECRET_TEXT = "Call the acquirer hotline xk42"
DRAFT_TEXT = "Unfinished draft wording pv93"


@pytest.fixture
def seeded(project):
    project.pair("spei/returns", body="Returns [home](../index.md).\n\n<!-- internal -->\nAgents: see [escalation](../procedures/escalation.md), hint qq71.\n<!-- /internal -->\n",
                 related=["procedures/escalation", "spei/cep"], tags=["spei", "returns"])
    project.pair("spei/cep", body="CEP [returns](returns.md). Fee {{ platform.fees.card.percent }}.\n")
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    project.pair("procedures/escalation", title=SECRET_TITLE, body=f"{SECRET_TEXT}. [Returns](../spei/returns.md)\n",
                 audience="internal", tags=["escalation"], last_reviewed=old)
    project.pair("spei/new-thing", status="draft", body=f"{DRAFT_TEXT} [r](returns.md)\n")
    project.article("spei/english-only", "en", body="Only in English [r](returns.md).\n")
    project.article("spei/solo-espanol", "es", body="Solo en español [r](returns.md).\n")
    for lang, title in (("en", "SPEI transfers"), ("es", "Transferencias SPEI")):
        project.write(f"docs/{lang}/spei/index.md", f"---\ntitle: {title}\n---\n\nAll about SPEI.\n\n<!-- kb:articles -->\n")
        project.write(f"docs/{lang}/tags.md", "---\ntitle: Tags\n---\n\n<!-- material/tags -->\n")
    return project


def all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_public_site_holds_no_internal_or_draft_article_anywhere(seeded):
    site = seeded.build("public")
    text = all_text(site)
    for secret in (SECRET_TITLE, SECRET_TEXT, DRAFT_TEXT, "qq71", "procedures/escalation", "new-thing"):
        assert secret not in text, f"{secret!r} leaked into the public site"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("spei/cep" in doc["location"] for doc in index["docs"])  # the index is real
    assert "spei/cep/" in (site / "sitemap.xml").read_text()
    assert not (site / "procedures").exists() and not (site / "es" / "procedures").exists()
    assert "/_kb/version" not in text  # live reload is for `kb serve` only


def test_internal_site_has_everything_with_badges_and_banners(seeded):
    site = seeded.build("internal")
    page = (site / "procedures" / "escalation" / "index.html").read_text(encoding="utf-8")
    assert SECRET_TEXT in page
    assert 'data-kb-badge="internal"' in page and 'data-kb-banner="overdue"' in page
    assert "Owner" in page and "payments-support" in page
    es_page = (site / "es" / "procedures" / "escalation" / "index.html").read_text(encoding="utf-8")
    assert 'data-kb-badge="internal">Interno<' in es_page and "Revisión vencida" in es_page
    draft = (site / "spei" / "new-thing" / "index.html").read_text(encoding="utf-8")
    assert 'data-kb-badge="draft"' in draft
    assert "md-status" not in draft  # Material's own status icon does not misread ours
    assert "qq71" in (site / "spei" / "returns" / "index.html").read_text(encoding="utf-8")
    public_page = (site / "spei" / "cep" / "index.html").read_text(encoding="utf-8")
    assert "data-kb-badge=" not in public_page and "data-kb-banner=" not in public_page


def test_facts_sources_related_and_section_lists_render(seeded):
    site = seeded.build("public")
    cep = (site / "spei" / "cep" / "index.html").read_text(encoding="utf-8")
    assert "3.6 %" in cep and "platform." not in cep
    returns = (site / "spei" / "returns" / "index.html").read_text(encoding="utf-8")
    assert "Related articles" in returns and "Sources" in returns and "banxico.org.mx" in returns
    index = (site / "spei" / "index.html").read_text(encoding="utf-8")
    assert "spei/cep (en)" in index and "Summary of spei/cep." in index
    assert "new-thing" not in index
    es_index = (site / "es" / "spei" / "index.html").read_text(encoding="utf-8")
    assert "spei/cep (es)" in es_index


def test_missing_translation_shows_the_other_language_with_a_notice(seeded):
    site = seeded.build("public")
    page = (site / "es" / "spei" / "english-only" / "index.html").read_text(encoding="utf-8")
    assert "Only in English" in page and 'data-kb-banner="translation"' in page
    assert "aún no está disponible en español" in page
    page = (site / "spei" / "solo-espanol" / "index.html").read_text(encoding="utf-8")
    assert "Solo en español" in page and "not available in English yet" in page


def test_tags_show_the_language_label(seeded):
    site = seeded.build("public")
    assert "Devoluciones" in (site / "es" / "tags" / "index.html").read_text(encoding="utf-8")
    assert "Returns" in (site / "tags" / "index.html").read_text(encoding="utf-8")


def test_language_switcher_leads_to_the_same_article(seeded):
    site = seeded.build("public")
    page = (site / "spei" / "cep" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../es/spei/cep/" hreflang="es"' in page


def test_public_article_linking_to_an_internal_one_fails_the_build(seeded):
    seeded.pair("spei/cep", body="See [escalation](../procedures/escalation.md).\n")
    with pytest.raises(BuildFailed) as failure:
        seeded.build("public")
    message = str(failure.value)
    assert "docs/en/spei/cep.md:" in message and "internal" in message and "procedures/escalation.md" in message


def test_contract_errors_fail_the_build_listing_all_of_them(seeded):
    seeded.pair("spei/cep", type="guide", tags=["nope"])
    with pytest.raises(BuildFailed) as failure:
        seeded.build("internal")
    message = str(failure.value)
    assert "4 article errors" in message
    for lang in ("en", "es"):
        assert f"docs/{lang}/spei/cep.md:5: error: type: 'guide'" in message
        assert f"docs/{lang}/spei/cep.md:" in message and "'nope' is not in the taxonomy" in message


def test_section_titles_come_from_their_index_page_in_each_language(seeded):
    site = seeded.build("public")
    assert "Transferencias SPEI" in (site / "es" / "spei" / "cep" / "index.html").read_text(encoding="utf-8")
    english = (site / "spei" / "cep" / "index.html").read_text(encoding="utf-8")
    assert "SPEI transfers" in english and "Transferencias SPEI" not in english


def test_navigation_names_an_article_by_its_title_up_to_the_colon(seeded):
    seeded.pair("spei/cep", title="CEP: getting the proof of payment from Banco de México", body="CEP [r](returns.md)\n")
    site = seeded.build("public")
    page = (site / "spei" / "cep" / "index.html").read_text(encoding="utf-8")
    assert "<title>CEP - " in page
    assert '<h1 id="cep-getting-the-proof-of-payment-from-banco-de-mexico">CEP: getting the proof of payment from Banco de México' in page
    index = (site / "spei" / "index.html").read_text(encoding="utf-8")
    assert '">CEP</a> — ' in index
