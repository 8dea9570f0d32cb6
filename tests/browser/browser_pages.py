"""What the browser tests share besides fixtures: a built site and its addresses, the
fixture project's content, the log of a page, and the ways a person reads a page (the
search box, the links in the text)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, expect

from kb.articles import Article
from kb.catalog import Catalog
from kb.labels import search_box_words

LANGS = ("en", "es")
DEFAULT_LANG = "en"
OTHER = {"en": "es", "es": "en"}
CONTENT_LINKS = "article.md-content__inner a[href]:not(.headerlink)"


@dataclass
class Site:
    """A built site of one audience, served at `origin` while the session runs."""

    name: str
    audience: str
    folder: Path
    catalog: Catalog
    origin: str = ""

    @property
    def is_fixture(self) -> bool:
        return self.name.startswith("fixture")

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def page_url(self, slug: str, lang: str) -> str:
        """The address of `docs/<lang>/<slug>.md` (a section's index.md is its folder)."""
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        path = slug[:-len("index")] if slug == "index" or slug.endswith("/index") else f"{slug}/"
        return self.url(prefix + path)

    def articles(self, lang: str | None = None) -> list[Article]:
        """The articles (not navigation pages) this site shows, of one language or all."""
        return [a for a in self.catalog.visible(self.audience) if not a.is_page and lang in (None, a.lang)]

    def pages(self, lang: str) -> list[Article]:
        """The navigation pages (home, section indexes, tags) this site shows in `lang`."""
        return [a for a in self.catalog.visible(self.audience) if a.is_page and a.lang == lang]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@dataclass
class PageLog:
    """Every request and every console error of the pages of one test."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    expected_missing: set[str] = field(default_factory=set)

    def expect_not_found(self, url: str) -> None:
        """The test visits `url` knowing it is a 404: the browser logs that, and it is fine."""
        self.expected_missing.add(url)

    def on_console(self, message) -> None:  # noqa: ANN001 - Playwright's ConsoleMessage
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if "status of 404" in message.text and where in self.expected_missing:
            return
        self.console_errors.append(f"{message.text} ({where})")

    def problems(self) -> list[str]:
        return ([f"console error: {error}" for error in self.console_errors]
                + [f"request to another host: {url}" for url in self.requests if not is_local(url)])


def search(page: Page, query: str) -> list[str]:
    """Type `query` in the header's search box and return the paths of the results shown,
    best first (none when the search finds nothing)."""
    page.wait_for_load_state("load")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # the search runs on a key press, with the whole query
    return search_results(page)


def search_results(page: Page) -> list[str]:
    """The paths of the results of the search box once the search has answered (in
    Material's words, or in the knowledge base's when its own search answers)."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        r"""(kb) => {
            const config = document.getElementById("__config");
            const element = document.querySelector(".md-search-result__meta");
            if (!config || !element) { return false; }
            const words = JSON.parse(config.textContent).translations;
            const meta = element.textContent.trim();
            const count = new RegExp("^" + words["search.result.other"].replace("#", "\\d+") + "$");
            if ([words["search.result.none"], words["search.result.one"]].includes(meta) || count.test(meta)) { return true; }
            return Object.values(kb).some((w) => meta.startsWith(w.none) || meta === w.one || new RegExp("^\\d+" + w.many + "$").test(meta));
        }""", arg=search_box_words())
    return page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.pathname)")


def expect_title(page: Page, title: str) -> None:
    """The page is headed by `title` (its permalink sign aside)."""
    expect(page.locator("article h1")).to_have_text(re.compile(rf"^\s*{re.escape(title)}\s*¶?\s*$"))


def content_links(page: Page) -> list[str]:
    """The addresses the page's text links to (not the navigation), without anchors."""
    return page.locator(CONTENT_LINKS).evaluate_all("links => links.map(a => a.href.split('#')[0])")


def link_texts(page: Page, url: str) -> list[str]:
    """The texts of the page's text links to `url`."""
    return page.locator(CONTENT_LINKS).evaluate_all(
        "(links, url) => links.filter(a => a.href.split('#')[0] === url).map(a => a.textContent.trim())", url)


def link_to(page: Page, url: str) -> Locator:
    """The first link of the page's text to `url`."""
    index = page.locator(CONTENT_LINKS).evaluate_all(
        "(links, url) => links.findIndex(a => a.href.split('#')[0] === url)", url)
    assert index >= 0, f"{page.url} has no link to {url}"
    return page.locator(CONTENT_LINKS).nth(index)


# --- The fixture project: small, bilingual, with every kind of page ---------------------

TODAY = dt.date.today()
OVERDUE = (TODAY - dt.timedelta(days=400)).isoformat()
REPLY_ES = "Hola, su devolución SPEI ya fue enviada al banco emisor con la clave de rastreo indicada."
REPLY_EN = "Hi, your SPEI return was sent back to the sending bank with the tracking key shown."


def _reply(title: str) -> str:
    return (f'!!! reply "{title}"\n\n'
            f'    === "Español"\n\n        ```text\n        {REPLY_ES}\n        ```\n\n'
            f'    === "English"\n\n        ```text\n        {REPLY_EN}\n        ```\n')


# Per language: the home page, the section titles, and (title, summary, body) of each article.
FIXTURE = {
    "en": {
        "index": ("Payments help", "Answers for calls about payments.\n\n## Most used\n\n"
                  "- [SPEI returns](spei/returns.md)\n- [Refunds](payments/refunds.md)\n"
                  "- [All about SPEI](spei/index.md)\n\n<!-- internal -->\n"
                  "- [Escalation matrix](procedures/escalation.md)\n<!-- /internal -->\n"),
        "spei": "SPEI transfers",
        "payments": "Card payments",
        "procedures": "Procedures",
        "spei/returns": ("SPEI returns and their causes", "Why a SPEI transfer comes back and what the sender does.",
                         "A SPEI return sends the money back; the reconciliation of the returned deposit follows. "
                         "See the [CEP](cep.md).\n\n## Return causes\n\n| Code | Cause |\n|---|---|\n| 01 | Account closed |\n\n"
                         + _reply("Ready reply")),
        "spei/cep": ("Getting the CEP receipt", "The electronic payment receipt issued by Banco de México.",
                     "The CEP is the electronic payment receipt of a SPEI transfer. See [returns](returns.md).\n"),
        "spei/new-rules": ("New SPEI rules", "Draft notes on upcoming rules.", "Unfinished. See [returns](returns.md).\n"),
        "payments/refunds": ("Refunds", "Refunding a card payment in full or in part.",
                             "A refund returns a captured card payment to the cardholder. See [SPEI returns](../spei/returns.md).\n"),
        "procedures/escalation": ("Escalation matrix", "Who to call when a case cannot wait.",
                                  "Escalate to operations within the hour. See [returns](../spei/returns.md).\n"),
    },
    "es": {
        "index": ("Ayuda de pagos", "Respuestas para llamadas sobre pagos.\n\n## Lo más consultado\n\n"
                  "- [Devoluciones SPEI](spei/returns.md)\n- [Reembolsos](payments/refunds.md)\n"
                  "- [Todo sobre SPEI](spei/index.md)\n\n<!-- internal -->\n"
                  "- [Matriz de escalamiento](procedures/escalation.md)\n<!-- /internal -->\n"),
        "spei": "Transferencias SPEI",
        "payments": "Pagos con tarjeta",
        "procedures": "Procedimientos",
        "spei/returns": ("Devoluciones SPEI y sus causas", "Por qué regresa una transferencia SPEI y qué hace quien la envió.",
                         "Una devolución SPEI regresa el dinero; sigue la conciliación del depósito devuelto. "
                         "Consulte el [CEP](cep.md).\n\n## Causas de devolución\n\n| Código | Causa |\n|---|---|\n| 01 | Cuenta cancelada |\n\n"
                         + _reply("Respuesta lista")),
        "spei/cep": ("Cómo obtener el CEP", "El comprobante electrónico de pago que emite Banco de México.",
                     "El CEP es el comprobante electrónico de pago de una transferencia SPEI. Vea [devoluciones](returns.md).\n"),
        "spei/new-rules": ("Nuevas reglas SPEI", "Notas preliminares.", "Sin terminar. Vea [devoluciones](returns.md).\n"),
        "payments/refunds": ("Reembolsos", "Reembolsar un pago con tarjeta total o parcialmente.",
                             "Un reembolso regresa un pago con tarjeta capturado. Vea [devoluciones SPEI](../spei/returns.md).\n"),
        "procedures/escalation": ("Matriz de escalamiento", "A quién llamar cuando un caso no puede esperar.",
                                  "Escale a operaciones en menos de una hora. Vea [devoluciones](../spei/returns.md).\n"),
    },
}
FIELDS = {
    "spei/returns": {"tags": ["spei", "returns"], "related": ["spei/cep", "payments/refunds", "procedures/escalation"]},
    "spei/cep": {"tags": ["spei"]},
    "spei/new-rules": {"tags": ["spei"], "status": "draft", "type": "explanation"},
    "payments/refunds": {"tags": ["chargebacks"], "type": "how-to"},
    "procedures/escalation": {"tags": ["escalation"], "audience": "internal", "type": "procedure",
                              "last_reviewed": OVERDUE, "owner": "support-leads", "sources": None},
}


def write_fixture_project(project) -> None:  # noqa: ANN001 - tests/conftest.py's Project
    """Homes with a most-used list, three sections (one internal), public, internal,
    draft and overdue articles, a ready reply, related articles and tag pages."""
    for lang, words in FIXTURE.items():
        title, body = words["index"]
        project.write(f"docs/{lang}/index.md", f"---\ntitle: {title}\n---\n\n{body}")
        project.write(f"docs/{lang}/tags.md", "---\ntitle: Tags\n---\n\n<!-- material/tags -->\n")
        for section in ("spei", "payments", "procedures"):
            audience = "audience: internal\n" if section == "procedures" else ""
            project.write(f"docs/{lang}/{section}/index.md",
                          f"---\ntitle: {words[section]}\n{audience}---\n\n{words[section]}.\n\n<!-- kb:articles -->\n")
        for slug, fields in FIELDS.items():
            title, summary, body = words[slug]
            project.article(slug, lang, body, title=title, summary=summary, **fields)
