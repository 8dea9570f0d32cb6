"""The words the site adds around articles, in each language."""

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
    },
}


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
