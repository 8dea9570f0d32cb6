"""The words the knowledge base adds around articles, in each language, in one place: the
site's badges, banners and headings, the search box's messages (generated into its script),
and the text of generated stubs."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "internal": "Internal",
        "draft": "Draft",
        "overdue": "Review overdue: last reviewed {reviewed}, due {due}. Check the facts before quoting them.",
        "missing_translation": "This article is not available in English yet: you are reading the {other} version.",
        "sources": "Sources",
        "related": "Related articles",
        "owner": "Owner",
        "reviewed": "Last reviewed",
        "type": "Type",
        "how-to": "How-to",
        "reference": "Reference",
        "explanation": "Explanation",
        "troubleshooting": "Troubleshooting",
        "procedure": "Procedure",
        "language.en": "English",
        "language.es": "Spanish",
        "not_found.title": "Page not found",
        "not_found.text": "There is no page at this address: it may have moved, or the link has a typo. Search for what you need:",
        "not_found.search": "Search the knowledge base",
        "not_found.submit": "Search",
        "not_found.home": "Go to the home page",
        "search.none": "No matching articles",
        "search.one": "1 matching article",
        "search.many": " matching articles",
        "search.mean": "Did you mean ",
        "serve.stale": "Showing the last build while the site is built again: this page reloads when it is ready.",
    },
    "es": {
        "internal": "Interno",
        "draft": "Borrador",
        "overdue": "Revisión vencida: revisado por última vez el {reviewed}, vencía el {due}. Confirma los datos antes de citarlos.",
        "missing_translation": "Este artículo aún no está disponible en español: estás leyendo la versión en {other}.",
        "sources": "Fuentes",
        "related": "Artículos relacionados",
        "owner": "Responsable",
        "reviewed": "Última revisión",
        "type": "Tipo",
        "how-to": "Guía práctica",
        "reference": "Referencia",
        "explanation": "Explicación",
        "troubleshooting": "Solución de problemas",
        "procedure": "Procedimiento",
        "language.en": "inglés",
        "language.es": "español",
        "not_found.title": "Página no encontrada",
        "not_found.text": "No hay ninguna página en esta dirección: puede haberse movido o el enlace tiene un error. Busque lo que necesita:",
        "not_found.search": "Buscar en la base de conocimiento",
        "not_found.submit": "Buscar",
        "not_found.home": "Ir a la página de inicio",
        "search.none": "Ningún artículo coincide",
        "search.one": "1 artículo",
        "search.many": " artículos",
        "search.mean": "¿Quiso decir ",
        "serve.stale": "Se muestra la compilación anterior mientras el sitio se vuelve a compilar: esta página se recargará cuando esté lista.",
    },
}


# The text of a stub drafted from tickets (kb.stubs.render).
STUB_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "note_title": "Draft from support tickets",
        "note": ("`kb stubs` wrote this draft from {count} support tickets that no article answers yet. Write the "
                 "article in the sections below, with what customers say at the end in mind. Once you edit this file, "
                 "`kb stubs` never changes it again. Before publishing, delete this note and the section \"{evidence}\"."),
        "summary": "Draft from {count} support tickets{range}: write the answer, then publish it.",
        "range": " ({first} to {last})",
        "day": " ({first})",
        "evidence": "From the tickets",
        "tickets": "Tickets",
        "tickets_line": "{count}{range}",
        "tags": "Ticket tags",
        "channels": "Channels",
        "say": "What customers say",
        "ids": "Ticket ids",
        "ids_more": "the {shown} most recent of {count}",
        "closest": "Closest articles",
        "closest_intro": "If one of these already answers it, add the ticket tags above to its `ticket_tags` and delete this draft.",
        "none": "None found.",
        "unknown": "unknown",
    },
    "es": {
        "note_title": "Borrador a partir de tickets de soporte",
        "note": ("`kb stubs` escribió este borrador a partir de {count} tickets de soporte que ningún artículo responde "
                 "todavía. Escribe el artículo en las secciones de abajo, con lo que dicen los clientes al final en mente. "
                 "En cuanto edites este archivo, `kb stubs` no lo vuelve a cambiar. Antes de publicar, borra esta nota "
                 "y la sección \"{evidence}\"."),
        "summary": "Borrador a partir de {count} tickets de soporte{range}: escribe la respuesta y publícala.",
        "range": " (del {first} al {last})",
        "day": " (el {first})",
        "evidence": "Lo que dicen los tickets",
        "tickets": "Tickets",
        "tickets_line": "{count}{range}",
        "tags": "Etiquetas de tickets",
        "channels": "Canales",
        "say": "Lo que dicen los clientes",
        "ids": "Ids de los tickets",
        "ids_more": "los {shown} más recientes de {count}",
        "closest": "Artículos más cercanos",
        "closest_intro": "Si alguno ya lo responde, agrega las etiquetas de arriba a su `ticket_tags` y borra este borrador.",
        "none": "No se encontró ninguno.",
        "unknown": "desconocido",
    },
}

SEARCH_BOX = ("none", "one", "many", "mean")  # the search box's messages, "search.<name>" labels


def serve_words() -> dict[str, str]:
    """What `kb serve` tells readers while it shows the last build, in every language."""
    return {lang: label(lang, "serve.stale") for lang in LABELS}


def search_box_words() -> dict[str, dict[str, str]]:
    """The search box's messages in every language, for its script (as JSON)."""
    return {lang: {name: label(lang, f"search.{name}") for name in SEARCH_BOX} for lang in LABELS}


# What a language is called where a person names it: a glossary's column header, a ready
# reply's tab title ("Español" in an English article). Compared folded (no accents, lower case).
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("english", "ingles"),
    "es": ("spanish", "espanol"),
}


def language_named(name: str) -> str | None:
    """The language code a name means ('Español', 'INGLÉS', 'Spanish'), or None."""
    from kb.text import fold

    wanted = fold(name).strip(" *:")
    return next((code for code, names in LANGUAGE_NAMES.items() if wanted in names), None)


def label(lang: str, key: str, **values: str) -> str:
    """The text for `key` in `lang` (English when the language has none)."""
    text = LABELS.get(lang, {}).get(key) or LABELS["en"].get(key, key)
    return text.format(**values) if values else text
