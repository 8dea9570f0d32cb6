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
    },
}


def label(lang: str, key: str, **values: str) -> str:
    """The text for `key` in `lang` (English when the language has none)."""
    text = LABELS.get(lang, {}).get(key) or LABELS["en"].get(key, key)
    return text.format(**values) if values else text
