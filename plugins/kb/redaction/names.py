"""People's names: after the words that introduce one ("soy", "mi nombre es", "me
llamo", "my name is", a title such as "Sra." or "Lic.") or close a message with one
("Atentamente,", "Saludos,", "Regards,", "Thanks,"), and wherever a common Mexican
given name is followed by a common surname (the lists in given_names.txt and
surnames.txt, compared without case or accents). The introducing words stay."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from kb.redaction import placeholders as P
from kb.redaction.spans import Span
from kb.stubs.words import fold

_UPPER, _LOWER = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÇ", "a-záéíóúñüàèìòùç"
_WORD = rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})(?:[-'][{_UPPER}][{_LOWER}]+)?"
_PARTICLE = r"(?:de la|de los|del|de|y|van|von|da|dos)"
_NAME = re.compile(rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{0,4}}")
_TOKEN = re.compile(_WORD)
# Words that give the name after them for sure: any capitalised words follow. (Both lists are
# searched once a text; a name starts where one of them ends.)
_STRONG = re.compile(
    r"(?i:\b(?:mi nombre es|me llamo|my name is|nombre(?: completo)?\s*:|name\s*:|titular(?: de la (?:cuenta|tarjeta))?\s*:|"
    r"cardholder(?: name)?\s*:|(?:from|de|to|para|cc|cliente|customer|contacto|contact|usuario|user)\s*:|a nombre de|"
    r"on behalf of|de parte de|atte?n?\.?\s*:?|atentamente|saludos(?: cordiales)?|"
    r"un saludo|cordialmente|regards|best regards|kind regards|sincerely|thanks|thank you|gracias|cheers|firma\s*:?|"
    r"sr\.?|sra\.?|srta\.?|lic\.?|ing\.?|dr\.?|dra\.?|mr\.?|mrs\.?|ms\.?|mtro\.?|mtra\.?|c\.p\.|my name's)"
    r")(?![^\W\d_])[ \t]*[,:]?[ \t]*(?:\r?\n[ \t]*){0,2}")  # whole words: "Sra." is not "Sr" and an "a."
# A signature after a dash at the start of a line.
_SIGNATURE_DASH = re.compile(r"(?:^|\n)[ \t]*(?:--|—|–)[ \t]*(?:\r?\n[ \t]*)?")
# Words after which a capitalised word is a name only if it is a known given name or surname.
_WEAK = re.compile(r"(?i:\b(?:soy|habla|le escribe|les escribe|i am|i'm|this is|hola|hi|hello|hey|dear|estimad[oa]s?|"
                   r"querid[oa]|buen d[ií]a|buenos d[ií]as|buenas tardes|buenas noches|con|para|and|y|e|o)[ \t]*,?[ \t]*)")
# A name typed in lower case after these words counts when its words are in the lists.
_INTRODUCED_LOWER = re.compile(rf"(?i:\b(?:mi nombre es|me llamo|my name is|soy|i am|i'm)[ \t]+)"
                               rf"(?P<name>[{_LOWER}]+(?:[ \t]+[{_LOWER}]+){{0,4}})")
# Capitalised words that are not names even after a greeting.
_NOT_NAMES = frozenset(fold(w) for w in """
Equipo Team Soporte Support Banco Bank Mercado Pago Cliente Customer Servicio Service Gracias Thanks Hola Hello Hi Buen Buenos
Buenas Tardes Noches Días Dias Saludos Atentamente Regards El La Los Las Un Una Mi My The This That Por Favor Please Ya No Sí Si
Ok Urgente Urgent Pedido Order Tarjeta Card SPEI CLABE RFC CURP API Visa Mastercard Amex OXXO Factura Invoice Ticket Admin
Sr Sra Srta Lic Ing Dr Dra Mtro Mtra Mr Mrs Ms Don Doña Att Atte
Quedo Quedamos Espero Esperamos Les Le Te Me Nos Que Estoy Estamos Hasta Feliz Excelente Perfecto Listo Claro Entendido Todo
Nada Hoy Mañana Ayer Otra Disculpa Disculpen Perdón Ayuda Saludo Cordial Muchas Mil Best Kind Have Looking Let Hope Will We I
You It Is Are Sorry Again Today Tomorrow Yesterday Happy Good All Any Lunes Martes Miércoles Jueves Viernes Sábado Domingo
Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre Monday Tuesday Wednesday Thursday
Friday Saturday Sunday January February March April May June July August September October November December México Mexico
CDMX
""".split())


# Words that make a signature a team's or a company's, not a person's ("Thanks, Stripe Support").
_ORGANISATION = frozenset(fold(w) for w in """
Support Soporte Team Equipo Servicio Service Bank Banco Pagos Payments Ventas Sales Atención Clientes Customer Department
Departamento Inc Ltd LLC Corp Company Compañía Tienda Store Shop Group Grupo Técnico Technical Staff Desk Mesa Dirección
Gerencia Operaciones Área Administración Contabilidad Finanzas Facturación Cobranza Tesorería Recursos Humanos Operations
Finance Billing Accounting Management
""".split())
# Places named after people, common in Mexican addresses (Mexico City's alcaldías, streets).
_PLACES = frozenset(fold(p) for p in """
Benito Juárez|Miguel Hidalgo|Álvaro Obregón|Venustiano Carranza|Emiliano Zapata|
Lázaro Cárdenas|Vicente Guerrero|José María Morelos|Ignacio Zaragoza|Adolfo López Mateos|Miguel Alemán|Guadalupe Victoria|
Ignacio Allende|Valentín Gómez Farías|Manuel Ávila Camacho
""".replace("\n", "").split("|"))


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Given names, surnames, and both."""
    def load(name: str) -> frozenset[str]:
        text = resources.files("kb.redaction").joinpath(name).read_text(encoding="utf-8")
        return frozenset(fold(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    given, surnames = load("given_names.txt"), load("surnames.txt")
    return given, surnames, given | surnames


def _trim(work: str, start: int, end: int) -> int:
    """The end of a name, without capitalised words that are not names at its end."""
    tokens = [m for m in _TOKEN.finditer(work, start, end)]
    while tokens and fold(tokens[-1].group()) in _NOT_NAMES:
        tokens.pop()
    return tokens[-1].end() if tokens else start


def _lower_case(work: str, given: frozenset[str], known: frozenset[str]) -> Iterator[Span]:
    """"me llamo juan pérez": the words from the list, from a given name on."""
    for m in _INTRODUCED_LOWER.finditer(work):
        words = list(re.finditer(rf"[{_LOWER}]+", m.group("name")))
        if not words or fold(words[0].group()) not in given:
            continue
        end = words[0].end()
        for word in words[1:]:
            if fold(word.group()) not in known and word.group() not in ("de", "del", "la", "y"):
                break
            if fold(word.group()) in known:
                end = word.end()
        yield m.start("name"), m.start("name") + end, P.NAME


def names(work: str) -> Iterator[Span]:
    given, surnames, known = _gazetteer()
    yield from _lower_case(work, given, known)
    strong = {m.end() for pattern in (_STRONG, _SIGNATURE_DASH) for m in pattern.finditer(work)}
    weak = {m.end() for m in _WEAK.finditer(work)}
    taken_until = 0
    for m in _NAME.finditer(work):
        found = list(_TOKEN.finditer(work, m.start(), m.end()))
        # The name may start at any word of the match: "Soy Raúl Domínguez", "Saludos Juan".
        for index, token in enumerate(found):
            tokens = [fold(t.group()) for t in found[index:]]
            first, start = tokens[0], token.start()
            named_month = first in given and len(tokens) >= 2 and tokens[1] in surnames  # "Abril López"
            if first in _NOT_NAMES and not named_month or start < taken_until or token.group().isupper() and first not in known:
                continue
            if any(t in _ORGANISATION for t in tokens):
                break
            if " ".join(tokens[:3]) in _PLACES or " ".join(tokens[:2]) in _PLACES:
                break
            if (start in strong or start in weak and first in known
                    or len(tokens) >= 2 and first in given and any(t in surnames for t in tokens[1:])):
                end = _trim(work, start, m.end())
                if end > start:
                    taken_until = end
                    yield start, end, P.NAME
                break
