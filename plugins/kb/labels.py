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
        "feedback.question": "Was this article helpful?",
        "feedback.yes": "Yes",
        "feedback.no": "No",
        "feedback.comment": "What were you looking for? (optional; no card numbers or personal data)",
        "feedback.send": "Send comment",
        "feedback.thanks": "Thank you: your answer was recorded.",
        "feedback.sent": "Thank you: your comment was sent.",
        "feedback.failed": "Your answer could not be sent; please try again later.",
        "report.title": "What readers search and find helpful",
        "report.intro": "Searches and votes of the last {days} days (queries redacted; no IP address or name is recorded). Internal: never part of the public site.",
        "report.searches": "Searches in {language}: {count}",
        "report.top": "Top queries",
        "report.none": "Queries with no result",
        "report.unopened": "Queries whose results nobody opened",
        "report.query": "Query",
        "report.count": "Searches",
        "report.results": "Results",
        "report.opened": "Opened",
        "report.feedback": "Was this helpful? (the most “no” first)",
        "report.article": "Article",
        "report.yes": "Yes",
        "report.no": "No",
        "report.share": "Helpful",
        "report.comments": "Latest comments",
        "report.empty": "Nothing recorded yet.",
        "login.title": "Sign in to the agents' knowledge base",
        "login.text": "The internal site is for the support team. Sign in with the user name and password your support lead gave you.",
        "login.user": "User name",
        "login.password": "Password",
        "login.submit": "Sign in",
        "login.failed": "That user name and password do not match. Check them and try again.",
        "login.wait": "Too many failed attempts. Wait {seconds} seconds, then try again.",
        "login.expired": "The form expired. Sign in again.",
        "login.out": "You are signed out.",
        "login.public": "Merchants' site (no sign-in needed)",
        "logout.title": "Sign out",
        "logout.text": "Signed in as {user}. Sign out of the agents' knowledge base on this browser?",
        "logout.submit": "Sign out",
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
        "feedback.question": "¿Le resultó útil este artículo?",
        "feedback.yes": "Sí",
        "feedback.no": "No",
        "feedback.comment": "¿Qué buscaba? (opcional; sin números de tarjeta ni datos personales)",
        "feedback.send": "Enviar comentario",
        "feedback.thanks": "Gracias: su respuesta quedó registrada.",
        "feedback.sent": "Gracias: su comentario se envió.",
        "feedback.failed": "No se pudo enviar su respuesta; inténtelo más tarde.",
        "report.title": "Qué buscan los lectores y qué les resulta útil",
        "report.intro": "Búsquedas y votos de los últimos {days} días (consultas sin datos personales; no se registra ninguna dirección IP ni nombre). Interno: nunca forma parte del sitio público.",
        "report.searches": "Búsquedas en {language}: {count}",
        "report.top": "Consultas más frecuentes",
        "report.none": "Consultas sin resultados",
        "report.unopened": "Consultas cuyos resultados nadie abrió",
        "report.query": "Consulta",
        "report.count": "Búsquedas",
        "report.results": "Resultados",
        "report.opened": "Abiertas",
        "report.feedback": "¿Le resultó útil? (primero los que tienen más “no”)",
        "report.article": "Artículo",
        "report.yes": "Sí",
        "report.no": "No",
        "report.share": "Útil",
        "report.comments": "Últimos comentarios",
        "report.empty": "Aún no hay nada registrado.",
        "login.title": "Inicie sesión en la base de conocimiento de agentes",
        "login.text": "El sitio interno es para el equipo de soporte. Inicie sesión con el usuario y la contraseña que le dio su líder de soporte.",
        "login.user": "Usuario",
        "login.password": "Contraseña",
        "login.submit": "Iniciar sesión",
        "login.failed": "El usuario y la contraseña no coinciden. Revíselos e inténtelo de nuevo.",
        "login.wait": "Demasiados intentos fallidos. Espere {seconds} segundos y vuelva a intentarlo.",
        "login.expired": "El formulario caducó. Inicie sesión de nuevo.",
        "login.out": "Cerró sesión.",
        "login.public": "Sitio para comercios (sin iniciar sesión)",
        "logout.title": "Cerrar sesión",
        "logout.text": "Sesión iniciada como {user}. ¿Cerrar sesión en la base de conocimiento de agentes en este navegador?",
        "logout.submit": "Cerrar sesión",
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
FEEDBACK = ("question", "yes", "no", "comment", "send", "thanks", "sent", "failed")  # "Was this helpful?", "feedback.<name>"


def serve_words() -> dict[str, str]:
    """What `kb serve` tells readers while it shows the last build, in every language."""
    return {lang: label(lang, "serve.stale") for lang in LABELS}


def search_box_words() -> dict[str, dict[str, str]]:
    """The search box's messages in every language, for its script (as JSON)."""
    return {lang: {name: label(lang, f"search.{name}") for name in SEARCH_BOX} for lang in LABELS}


def feedback_words() -> dict[str, dict[str, str]]:
    """The "Was this helpful?" widget's words in every language, for its script (as JSON)."""
    return {lang: {name: label(lang, f"feedback.{name}") for name in FEEDBACK} for lang in LABELS}


def sign_out_words() -> dict[str, str]:
    """The pages' "Sign out" link in every language (the internal site behind kb web)."""
    return {lang: label(lang, "logout.submit") for lang in LABELS}


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


# The leads' ticket-insights page (kb.insights.page) and its charts.
INSIGHTS_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Ticket insights",
        "intro": "From the ticket exports of {first} to {last}: {tickets} tickets. Uncovered subjects come first, "
                 "the ones that cost agents the most time first.",
        "spikes": "Spikes",
        "no_spikes": "No tag jumped in the last week.",
        "spike_line": "**{name}**: {last} tickets in {week}, against a median of {before} a week before: often an incident.",
        "by_tag": "By ticket tag",
        "by_topic": "By topic",
        "name": "Tag", "topic": "Topic", "tickets": "Tickets", "answer": "Article or stub",
        "first_response": "First response (h, median)", "resolution": "Resolution (h, median)",
        "agent_hours": "Agent hours", "trend": "Trend", "stub": "stub", "jump": "spike", "none": "—",
        "chart_title": "Tickets per week: {name}",
        "chart_desc": "Bar chart of the tickets tagged {name} in each ISO week from {first} to {last}; "
                      "most in {peak} ({most}). The same figures are in the table below it.",
        "week": "Week",
        "no_times": "The exports carry no handle times: subjects are ranked by tickets.",
    },
    "es": {
        "title": "Análisis de tickets",
        "intro": "De las exportaciones de tickets del {first} al {last}: {tickets} tickets. Primero los temas sin artículo, "
                 "y entre ellos los que más tiempo cuestan a los agentes.",
        "spikes": "Picos",
        "no_spikes": "Ninguna etiqueta se disparó la última semana.",
        "spike_line": "**{name}**: {last} tickets en {week}, frente a una mediana de {before} por semana antes: suele ser un incidente.",
        "by_tag": "Por etiqueta de ticket",
        "by_topic": "Por tema",
        "name": "Etiqueta", "topic": "Tema", "tickets": "Tickets", "answer": "Artículo o borrador",
        "first_response": "Primera respuesta (h, mediana)", "resolution": "Resolución (h, mediana)",
        "agent_hours": "Horas de agente", "trend": "Tendencia", "stub": "borrador", "jump": "pico", "none": "—",
        "chart_title": "Tickets por semana: {name}",
        "chart_desc": "Gráfica de barras de los tickets con la etiqueta {name} en cada semana ISO del {first} al {last}; "
                      "el máximo en {peak} ({most}). Las mismas cifras están en la tabla debajo.",
        "week": "Semana",
        "no_times": "Las exportaciones no traen tiempos de atención: los temas se ordenan por número de tickets.",
    },
}
