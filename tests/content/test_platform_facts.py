"""Platform facts are stated once, in data/platform.yml, and nowhere else.

Articles write `{{ platform.fees.card.percent }}` instead of "3.6 %". This test fails when an
article (in either language) states a platform fact with a value of its own:

1. Placeholders: every `{{ platform.x.y }}` names a leaf of data/platform.yml that has a value
   in the article's language; text that looks like a placeholder but that the site would not
   replace (`{{ platform.x | upper }}`, `{{ plataforma.x }}`) fails too. In the facts file,
   a leaf with texts per language has every language, with the same numbers in each.
2. Hand-written copies: the text of a leaf ("3.6 %", "$250.00 MXN", "X-Request-Id",
   "3 business days after capture", in either language) must not appear in an article
   outside a placeholder. Leaves too short to search for verbatim (a bare number, a clock
   time, "1 hour") are covered by a rule of step 3 instead: `test_every_short_leaf_...`
   fails when a new short leaf has no rule.
3. Contradictions: each rule of RULES looks for numbers near the words that name a fact
   (a percentage near "fee"/"comisión", "N business days"/"N días hábiles" near
   "payout"/"depósito al comercio", "N hours" near "idempotency", "N requests per second",
   "N attempts"/"intentos" near "webhook"...) and fails on any number that is not the one
   data/platform.yml gives. Number words count ("eight attempts", "ocho intentos").

The self-tests at the end plant contradicting facts in a temporary docs folder and check that
each is caught, and that a correct page passes.

Run: `cd /work/main && .venv/bin/python -m pytest tests/content -q`
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
from kb.facts import PLACEHOLDER, Facts, load_facts

DOCS = ROOT / "docs"
FACTS_FILE = ROOT / "data" / "platform.yml"
LANGUAGES = ("en", "es")

# Leaves that articles may write in plain words, and why. Every other leaf whose text is
# long enough is searched for verbatim (step 2).
MAY_BE_WRITTEN = {
    "name": "the brief asks every article to say 'the platform' / 'la plataforma'",
    "currency": "the ISO code of the peso, part of every amount",
    "fees.iva_on_fees": "the IVA rate is Mexican law (SAT), stated with its source; the 'IVA rate' rule checks the number",
}


# =======================================================================================
# Reading numbers. Each extractor returns (value, matched text) pairs; values are
# canonical, so that "24 hours" == "1 day", "$3 MXN" == "$3.00" and "5 p.m." == "17:00".
# Text is read lower-cased and without accents (see `_norm`).
# =======================================================================================

NUM = r"\d+(?:[.,]\d+)?"
# unit -> (regex, kind, factor to the kind's base unit); longer units first
UNIT_TABLE = {
    "rps": (r"(?:api\s+)?(?:requests?|calls?|peticiones|solicitudes|llamadas|req)\s*(?:per|por|/|a\s+la|al)\s*(?:second|segundo|seg|sec|s)\b", "rps", 1),
    "rpm": (r"(?:api\s+)?(?:requests?|calls?|peticiones|solicitudes|llamadas|req)\s*(?:per|por|/|al)\s*(?:minute|minuto|min)\b", "rps", 1 / 60),
    "bday": (r"(?:business|working|banking)\s+days?|dias?\s+habiles|dia\s+habil|dias?\s+bancarios?", "bday", 1),
    "bhour": (r"(?:business|working)\s+hours?|horas?\s+habiles|hora\s+habil|horas?\s+laborales?", "bhour", 1),
    "day": (r"(?:calendar\s+|natural\s+)?days?|dias?(?:\s+naturales|\s+calendario)?(?!\s+inhabil)", "time", 86400),
    "hour": (r"hours?|hrs?|horas?|h", "time", 3600),
    "minute": (r"minutes?|mins?|minutos?", "time", 60),
    "second": (r"seconds?|secs?|segundos?|seg|s", "time", 1),
    "month": (r"months?|mes(?:es)?", "month", 1),
    "retry": (r"retries|retry|reintentos?|reenvios?", "retry", 1),
    "attempt": (r"(?:delivery\s+)?attempts?|intentos?|tries", "attempt", 1),
    "times": (r"times|veces", "retry", 1),  # "retried 7 times"; only read where a retry verb is near
    "char": (r"characters?|chars?|caracteres", "char", 1),
}
UNITS = "|".join(regex for regex, _, _ in UNIT_TABLE.values())
_SEPARATOR = r"\s*(?:,|-|–|to|a|al|y|and|or|o|u)\s*"
_QUANTITY = re.compile(rf"(?<![\w.$])(?P<nums>{NUM}(?:{_SEPARATOR}{NUM})*)\s*(?P<unit>{UNITS})(?!\w)")
_UNIT_OF = [(name, re.compile(rf"(?:{regex})$")) for name, (regex, _, _) in UNIT_TABLE.items()]


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def quantities(text: str, units: set[str]) -> list[tuple[tuple[float, str], str]]:
    """Durations, counts and rates in `units`: '3 business days' -> (3, 'bday')."""
    out = []
    for match in _QUANTITY.finditer(text):
        unit = next(name for name, regex in _UNIT_OF if regex.match(match["unit"]))
        if unit in units:
            _, kind, factor = UNIT_TABLE[unit]
            out += [((round(_number(n) * factor, 4), kind), match[0]) for n in re.findall(NUM, match["nums"])]
    return out


def of(*units: str) -> Callable[[str], list]:
    return lambda text: quantities(text, set(units))


def percents(text: str) -> list[tuple[float, str]]:
    return [(_number(m[1]), m[0]) for m in re.finditer(rf"(?<![\w.,])({NUM})\s*(?:%|por\s*ciento|percent)", text)]


_MONEY = re.compile(r"\$\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?"
                    r"|(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:mxn|pesos)\b")


def money(text: str) -> list[tuple[float, str]]:
    out = []
    for m in _MONEY.finditer(text):
        whole, cents = (m[1], m[2]) if m[1] else (m[3], m[4])
        out.append((float(whole.replace(",", "") + "." + (cents or "0")), m[0]))
    return out


_CLOCK = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?!\w)"
                    r"|(?<![\d.:])(\d{1,2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)")


def clocks(text: str) -> list[tuple[int, str]]:
    """Times of day in minutes after midnight: '17:00', '5 p.m.' -> 1020."""
    out = []
    for m in _CLOCK.finditer(text):
        hour, minute, half = (int(m[1]), int(m[2]), m[3]) if m[1] else (int(m[4]), 0, m[5])
        if half and half.startswith("p") and hour < 12:
            hour += 12
        out.append((hour * 60 + minute, m[0]))
    return out


def utc_offsets(text: str) -> list[tuple[int, str]]:
    return [(int(m[2]) * (-1 if m[1] in "-−–" else 1), m[0]) for m in re.finditer(r"\butc\s*([+\-−–])\s*(\d{1,2})", text)]


# =======================================================================================
# The rules. A rule reads each sentence (and each table cell together with its column
# header and its row's first cell) that matches every regex of `near` and no regex of
# `unless`. Every number its extractor finds there must be a value of its `facts`, read
# from data/platform.yml with the same extractor (or one of `derived`). When the sentence
# names topics of `narrow`, only the facts of those topics are allowed: "card fee 4.5 %"
# fails although 4.5 % is the international card fee.
# Write keywords lower-case and without accents.
# =======================================================================================

@dataclass(frozen=True)
class Fact:
    path: str
    reads: str = "{n}"  # how a bare number of the facts file reads in a sentence, e.g. "{n} days"


@dataclass(frozen=True)
class Rule:
    name: str
    extract: Callable[[str], list]
    facts: tuple[Fact, ...]
    near: tuple[str, ...] = ()
    unless: str = ""
    narrow: tuple[tuple[str, tuple[str, ...]], ...] = ()
    derived: Callable[[Callable[[str], int]], set] | None = None  # more allowed values, from leaves


FEE = r"\bfees?\b|\bcomision(?:es)?\b|\bmdr\b|tasa de descuento|\bpricing\b|\btarifas?\b"
PAYOUT = (r"\bpayouts?\b|paid out|\bpay(?:s|ing)? out\b|\bdepositos? (?:al|a su|a tu|del|de su) (?:comercio|cuenta)|"
          r"\bpagos? al comercio|\bdispersion(?:es)?\b|\bdepositamos\b|\bse deposita\b|\bliquidacion al comercio")
MSI = r"\bmsi\b|meses sin intereses|\binstallments?\b|\bmensualidades\b"
CARD = r"\bcards?\b|\btarjetas?\b"
CASH = r"\bcash\b|\befectivo\b|\boxxo\b|\bvouchers?\b|\bfichas?\b"
WEBHOOK = r"\bwebhooks?\b"
NETWORKS = r"issuer|emisor|\bnetworks?\b|\bredes\b|\bvisa\b|mastercard|\bamex\b|american express|\bbrands?\b|\bmarcas?\b"
MSI_FEES = ("fees.msi.3", "fees.msi.6", "fees.msi.9", "fees.msi.12")
OTHER_CARDS = r"international|internacional|extranjer|foreign|\bamex\b|american express|\bmsi\b|meses sin intereses|installment"
DOMESTIC_CARD = rf"^(?!.*(?:{OTHER_CARDS})).*(?:{CARD})"  # a card sentence that names no other kind of card


def priorities(kind: str) -> tuple:
    return tuple((rf"\bp{n}\b|priority {n}\b|prioridad {n}\b", (f"support.{kind}.p{n}",)) for n in range(1, 5))


BACKOFF = r"backoff|exponential|exponencial|jitter|max(?:imum)? (?:number of )?(?:attempts|retries)|maximo de (?:intentos|reintentos)"
RETRY_VERB = r"\bretr(?:y|ies|ied)\b|reintent|reenvi|\bresen[dt]"
DUPLICATE = r"twice|duplica|same event|mismo evento|more than once|mas de una vez|\bcobr|\bcharg|doble|double"


def retries(text: str) -> list:
    """'8 attempts', '7 retries'; 'N times' only in a sentence about retrying, not duplicates."""
    found = of("attempt", "retry")(text)
    if re.search(RETRY_VERB, text) and not re.search(DUPLICATE, text):
        found += of("times")(text)
    return found


def retries_of(attempts_path: str) -> Callable:
    """N attempts are the first delivery and N - 1 retries; 'N retries' is read loosely too."""
    return lambda leaf: {(leaf(attempts_path), "retry"), (leaf(attempts_path) - 1, "retry")}


def doubling_delays(leaf: Callable[[str], int]) -> set:
    """Exponential backoff: 0 (jitter), then the initial delay doubled up to the maximum."""
    delay, values = leaf("api.retry.initial_delay_seconds"), {(0, "time")}
    while delay <= leaf("api.retry.max_delay_seconds"):
        values.add((delay, "time"))
        delay *= 2
    return values


RULES = (
    Rule("fee percentages", percents,
         tuple(Fact(p) for p in ("fees.card.percent", "fees.card_international.percent", "fees.amex.percent",
                                 "fees.cash.percent", *MSI_FEES, "fees.iva_on_fees")),
         near=(FEE,), unless=r"\breserv[ea]s?\b|intercambio|interchange",
         narrow=((DOMESTIC_CARD, ("fees.card.percent", "fees.iva_on_fees")),
                 (MSI, (*MSI_FEES, "fees.iva_on_fees")),
                 (r"\bamex\b|american express", ("fees.amex.percent", "fees.iva_on_fees")),
                 (r"international|internacional|extranjer|foreign", ("fees.card_international.percent", "fees.iva_on_fees")),
                 (CASH, ("fees.cash.percent", "fees.iva_on_fees")))),
    Rule("fixed fees", money,
         tuple(Fact(f"fees.{m}.fixed") for m in ("card", "card_international", "amex", "spei", "cash", "chargeback")),
         near=(r"fixed|\bfija\b|\bfijo\b|\bflat\b|\bcuota\b|per (?:transaction|payment)|por (?:transaccion|operacion|pago)|"
               r"%\s*\+|chargeback fee|comision por contracargo",),
         unless=r"\bminim|\bmaxim|\blimit",
         narrow=((r"\bspei\b", ("fees.spei.fixed",)), (CASH, ("fees.cash.fixed",)),
                 (r"chargebacks?|contracargos?", ("fees.chargeback.fixed",)),
                 (CARD, ("fees.card.fixed", "fees.card_international.fixed", "fees.amex.fixed")))),
    # With a fee word the sentence is read by 'fee percentages', whose facts include IVA.
    Rule("IVA rate", percents, (Fact("fees.iva_on_fees"),), near=(r"\biva\b|\bvat\b|value added|valor agregado",), unless=FEE),
    Rule("reserve", lambda t: percents(t) + of("day", "bday", "month")(t),
         (Fact("payouts.reserve.percent"), Fact("payouts.reserve.days", "{n} days")), near=(r"\breserv[ea]s?\b|rolling",)),
    Rule("payout days", of("day", "bday"), (Fact("payouts.card_days"), Fact("payouts.spei_days"), Fact("payouts.cash_days")),
         near=(PAYOUT,), unless=r"\breserv[ea]s?\b|refund|reembolso|chargeback|contracargo|devoluci|devuelt|\breturn",
         narrow=((CARD, ("payouts.card_days",)), (r"\bspei\b", ("payouts.spei_days",)), (CASH, ("payouts.cash_days",)))),
    Rule("payout clock times", clocks, (Fact("payouts.cutoff"), Fact("payouts.sent_by")),
         near=(rf"cut-?off|\bcorte\b|{PAYOUT}",), unless=r"\bspid\b|banxico|banco de mexico|\bbank's\b|\bdel banco\b|\bsu banco\b|report",
         narrow=((r"cut-?off|\bcorte\b", ("payouts.cutoff",)),
                 (r"\bsent\b|\bsend|\benvi|\barriv|\bllega|\bby\b|a mas tardar", ("payouts.sent_by",)))),
    Rule("payout report time", clocks, (Fact("payouts.report_time"),), near=(r"\breports?\b|\breportes?\b",),
         unless=r"\bspei\b|banxico|\bsupport\b|soporte|cut-?off|\bcorte\b"),
    Rule("payout amounts", money, (Fact("payouts.minimum"), Fact("payouts.max_transfer")),
         near=(PAYOUT, r"\bminim|\bmaxim|at least|al menos|below|less than|menor|\blimit|more than|mas de|up to|hasta"),
         unless=rf"{MSI}|{CASH}|{FEE}",
         narrow=((r"\bminim|at least|al menos|below|less than|menor", ("payouts.minimum",)),
                 (r"\bmaxim|\blimit|more than|mas de|up to|hasta", ("payouts.max_transfer",)))),
    Rule("card capture window", of("day", "bday", "hour"), (Fact("cards.capture_window_days", "{n} days"),),
         near=(r"\bcaptur", r"window|within|dentro de|\bplazo|ventana|up to|hasta|must|debe"),
         unless=rf"\bholds?\b|retencion|retenid|{NETWORKS}|releas|liber|payout|deposit"),
    Rule("refund window", of("day", "bday", "month"), (Fact("cards.refund_window_days", "{n} days"),),
         near=(r"\brefund|reembolso", r"window|within|dentro de|up to|hasta|\bplazo|after|despues|older|antig"),
         unless=rf"statement|estado de cuenta|reflect|refleja|\bshow|aparec|{NETWORKS}|\bbanks?\b|\bbancos?\b|\bspei\b|"
                rf"transfer|{CASH}|payout|clabe"),
    Rule("chargeback response time", of("day", "bday"), (Fact("cards.chargeback_response_days", "{n} days"),),
         near=(r"chargeback|contracargo|disput|controversia",
               r"respond|response|evidence|evidencia|respuesta|responder|deadline|plazo|submit|enviar|documentacion"),
         unless=rf"cardholder|tarjetahabiente|{NETWORKS}|acquir|adquirente"),
    Rule("cash voucher expiry", of("day", "bday", "hour"), (Fact("cash.voucher_expiry_days", "{n} days"),),
         near=(r"vouchers?|fichas?|referencias? de pago|payment reference", r"expir|venc|vigencia|valid"),
         unless=r"\bspei\b|\bclabe\b"),
    Rule("cash confirmation time", of("minute", "hour"), (Fact("cash.confirmation"),),
         near=(CASH, r"confirm|reflej|acredit|notif|aparec|appear"), unless=rf"\bspei\b|{PAYOUT}"),
    Rule("cash maximum amount", money, (Fact("cash.max_amount"),),
         near=(CASH, r"\bmaxim|\blimit|\blimite|up to|hasta|no more than|more than|mas de"), unless=FEE),
    Rule("installment minimum amount", money, (Fact("msi.minimum_amount"),), near=(MSI, r"\bminim|at least|al menos|desde|from")),
    Rule("installment terms", of("month"), (Fact("msi.terms", "{n} months"),),
         near=(MSI,), unless=rf"\bbanks?\b|\bbancos?\b|{NETWORKS}|promoci|\bley\b|\blaw\b"),
    Rule("idempotency key retention", of("day", "hour", "minute"), (Fact("api.idempotency_ttl_hours", "{n} hours"),),
         near=(r"idempot",)),
    Rule("idempotency key length", of("char"), (Fact("api.idempotency_key_max_length", "{n} characters"),), near=(r"idempot",)),
    Rule("API key roll grace period", of("day", "hour", "minute"), (Fact("api.key_roll_grace_hours", "{n} hours"),),
         near=(r"\bkeys?\b|\bllaves?\b|\bclaves?\b", r"\broll|rotat|rota\b|rotar|grace|gracia|old key|anterior")),
    Rule("webhook secret roll overlap", of("day", "hour", "minute"), (Fact("webhooks.secret_roll_overlap_hours", "{n} hours"),),
         near=(r"secret|secreto|whsec", r"\broll|rotat|rota\b|rotar|overlap|both|ambos|ambas|old|anterior")),
    Rule("API rate limits", of("rps", "rpm"), (Fact("api.rate_limit.live"), Fact("api.rate_limit.sandbox")),
         narrow=((r"sandbox|\btest\b|prueba", ("api.rate_limit.sandbox",)),
                 (r"\blive\b|production|produccion|\breal\b", ("api.rate_limit.live",)))),
    Rule("API timeout", of("second", "minute"), (Fact("api.timeout_seconds", "{n} seconds"),),
         near=(r"\bapi\b|request|peticion|solicitud", r"time-?\s?out|tiempo de espera|tiempo limite|se agota"), unless=WEBHOOK),
    Rule("API retry backoff", of("second", "minute"),
         (Fact("api.retry.initial_delay_seconds", "{n} seconds"), Fact("api.retry.max_delay_seconds", "{n} seconds")),
         near=(BACKOFF,), unless=rf"{WEBHOOK}|retry-after|timeout|tiempo de espera",
         derived=doubling_delays),
    Rule("API retry attempts", retries, (Fact("api.retry.max_attempts", "{n} attempts"),),
         near=(BACKOFF,), unless=rf"{WEBHOOK}|\bevents?\b|\beventos?\b",
         derived=retries_of("api.retry.max_attempts")),
    Rule("webhook attempts", retries, (Fact("webhooks.attempts", "{n} attempts"),),
         near=(rf"{WEBHOOK}|\bevents?\b|\beventos?\b|notificacion",), derived=retries_of("webhooks.attempts")),
    Rule("webhook response timeout", of("second"), (Fact("webhooks.timeout_seconds", "{n} seconds"),),
         near=(WEBHOOK, r"time-?\s?out|respond|responde|respuesta|tiempo de espera|wait|espera|within|dentro de"),
         unless=r"toleran|timestamp|marca de tiempo|replay|reloj|clock"),
    Rule("webhook signature tolerance", of("second", "minute"), (Fact("webhooks.tolerance_seconds", "{n} seconds"),),
         near=(rf"{WEBHOOK}|signature|firma", r"toleran|timestamp|marca de tiempo|replay|reloj|clock|older|antig")),
    Rule("webhook retry schedule", of("minute", "hour", "day"), (Fact("webhooks.retry_schedule"),),
         near=(WEBHOOK, r"retr|reintent|reenv|schedule|calendario"), unless=r"idempot|retention|retain|conserva|guarda"),
    Rule("webhook event retention", of("day", "month"), (Fact("webhooks.event_retention_days", "{n} days"),),
         near=(rf"{WEBHOOK}|\bevents?\b|\beventos?\b", r"retain|retention|kept|keep|stored|store|guarda|conserva|almacen|available|disponible")),
    Rule("SPEI trace threshold", of("minute", "hour"), (Fact("spei.trace_after"),),
         near=(r"\bspei\b|transfer|transferencia", r"\btrace|rastre|investig|escal"),
         unless=r"\bcep\b|banxico|banco de mexico|\bbanks?\b|\bbancos?\b"),
    Rule("SPEI confirmation time", of("minute", "hour", "second"), (Fact("spei.confirmation"),),
         near=(r"\bspei\b|transfer|transferencia", r"confirm|reflect|refleja|acredit|match|asoci|notif|webhook"),
         unless=r"\bcep\b|banxico|banco de mexico|\bbanks?\b|\bbancos?\b|rastre|\btrace|investig|escal|"
                r"return|devoluci|devuelt|\bsends?\b|envia|emisor|ordenante|sender"),
    Rule("SPEI unidentified deposit return", of("day", "bday"), (Fact("spei.unidentified"),),
         near=(r"\bspei\b|transfer|transferencia|deposit|deposito", r"unidentified|no identificad|cannot be matched|no se puede asociar|sin asociar|unmatched"),
         unless=r"banxico|banco de mexico"),
    Rule("first response targets", of("minute", "hour", "bhour", "bday", "day"),
         tuple(Fact(f"support.first_response.p{n}") for n in range(1, 5)),
         near=(r"first response|first reply|primera respuesta|responder por primera",), narrow=priorities("first_response")),
    Rule("resolution targets", of("minute", "hour", "bhour", "bday", "day"),
         tuple(Fact(f"support.resolution.p{n}") for n in range(1, 5)),
         near=(r"\bresolution|\bresoluci|\bresolve|\bresolver|\bsolucion", r"\bsla\b|target|objetivo|\bmeta\b|\bp[1-4]\b|priorit|priorid|ticket"),
         unless=rf"chargeback|contracargo|disput|controversia|{NETWORKS}|banxico", narrow=priorities("resolution")),
    Rule("KYB document age", of("month", "day"), (Fact("onboarding.document_max_age"),),
         near=(r"proof of address|comprobante de domicilio|bank statement|estado de cuenta|constancia|documents?|documentos?",
               r"\bold\b|older|antig|issued|emitid|recent|reciente|no mayor|not more|at most|maximo|vigencia"),
         unless=rf"{CARD}|chargeback|contracargo|refund|reembolso"),
    Rule("ticket update cadence", of("minute", "hour", "bhour", "bday", "day"),
         tuple(Fact(f"support.update_every.p{n}") for n in range(1, 5)),
         near=(r"\bupdates?\b|actualiz|follow-?up|seguimiento", r"\bevery\b|\bcada\b|cadence|frecuencia"),
         unless=r"first response|primera respuesta|\bresolution|\bresoluci|reminder|recordatorio",
         narrow=priorities("update_every")),
    Rule("risk review time", of("bday", "day", "hour"), (Fact("risk.review_time"),),
         near=(r"\breview|revisi", r"\brisk\b|riesgo|\bblock|bloque|suspend|unban|desbloque"),
         unless=r"chargeback|contracargo|kyb|onboarding|alta de comercio"),
    Rule("request log retention", of("day", "month"), (Fact("api.log_retention_days", "{n} days"),),
         near=(r"\blogs?\b|registros? de (?:peticiones|solicitudes)|request log", r"retain|retention|kept|keep|back|atras|antig|older|disponible|available|conserva|guarda")),
    Rule("support hours", clocks, (Fact("support.hours"),),
         near=(r"\bsupport\b|soporte|atencion|\bagents?\b|agentes?\b|help ?desk|mesa de ayuda",
               r"\bhours\b|horario|\bopen\b|abiert|available|disponible|atiende|atendemos|every day|todos los dias"),
         unless=r"\bspei\b|\bspid\b|banxico|\bbanks?\b|\bbancos?\b|cut-?off|\bcorte\b|payout|deposito|report"),
    Rule("time zone", utc_offsets, (Fact("timezone"),),
         near=(r"\bcentr|mexico city|ciudad de mexico|cdmx|platform|plataforma|support|soporte|corte|cut-?off|payout|deposito",),
         unless=r"quintana|cancun|baja california|tijuana|sonora|pacifico|pacific"),
)


# =======================================================================================
# Reading the facts file and the articles
# =======================================================================================

def _norm(text: str) -> str:
    """Lower case, no accents, single spaces: how rules and verbatim searches read text."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[ \t\u00a0\u202f]+", " ", text.lower())


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90,
    "a hundred": 100, "one hundred": 100,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "veinticuatro": 24, "treinta": 30, "sesenta": 60,
    "noventa": 90, "cien": 100, "ciento ochenta": 180,
}
# Words whose meaning depends on the language: English "once" is not 11, Spanish "a" is not 1.
NUMBER_WORDS_BY_LANGUAGE = {"en": {**NUMBER_WORDS, "a": 1, "an": 1}, "es": {**NUMBER_WORDS, "once": 11}}
ARTICLES = {"a", "an", "un", "una"}  # read as 1 only before a duration in the singular: "an hour", "un día hábil"
_NUMBER_WORD_RE = {lang: re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
                   for lang, words in NUMBER_WORDS_BY_LANGUAGE.items()}
DURATIONS = "|".join(UNIT_TABLE[unit][0] for unit in ("bday", "bhour", "day", "hour", "minute", "second", "month"))
_SINGULAR_UNIT = re.compile(rf"\s+(?:{DURATIONS})(?<!s)(?!\w)")  # "an hour" is 1 hour; "a retry" is no count


def read(text: str, lang: str) -> str:
    """A sentence as the rules read it: normalized, number words as digits (both languages'
    words are read in every article, since replies carry both languages)."""
    text = _norm(text)
    words = NUMBER_WORDS_BY_LANGUAGE.get(lang)
    if not words:
        return text

    def digit(m: re.Match[str]) -> str:
        if m[1] in ARTICLES and not _SINGULAR_UNIT.match(text, m.end()):
            return m[1]
        return str(words[m[1]])

    return _NUMBER_WORD_RE[lang].sub(digit, text)


_MARKER = "\u2039fact\u203a"  # what a placeholder leaves behind: its keywords stay, its value goes
_LOOKS_LIKE_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*?\b(?:platform|plataforma)\b[^{}\n]*?\}\}|\{\{\s*platform\.[^}\n]*", re.I)


def without_placeholders(text: str) -> str:
    return PLACEHOLDER.sub(_MARKER, text)


_BLOCK_START = re.compile(r"(#{1,6} |[-*+] |\d+[.)] |```|~~~|!!!|\?\?\?|===|<!--)")


def contexts(text: str) -> list[tuple[int, str]]:
    """(line, text) of each sentence of a Markdown text. Paragraph lines are joined before
    splitting into sentences; a table row is read whole, and each of its cells is read again
    with its column header and the row's first cell ('First response | P1 | 30 minutes').
    In a code block a line starts a new sentence unless it continues one (starts lower-case),
    so that a wrapped ready reply is read as prose and a template or code line by line."""
    out: list[tuple[int, str]] = []
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        joined, starts = "", []
        for number, line in paragraph:
            starts.append((len(joined), number))
            joined += line + " "
        position = 0
        for sentence in re.split(r"(?<=[.!?;])\s+", joined):
            out.append((max(n for offset, n in starts if offset <= position), sentence))
            position += len(sentence) + 1
        paragraph.clear()

    header: list[str] | None = None
    in_code = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
        elif in_code and paragraph and not re.match(r"[a-z\u00e0-\u00ff(]", stripped):
            flush()
        if stripped.startswith("|"):
            if paragraph:
                flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
                continue
            out.append((number, stripped))
            if header is None:
                header = cells
            else:
                out += [(number, f"{header[i] if i < len(header) else ''} | {cells[0]} | {cell}") for i, cell in enumerate(cells[1:], 1)]
            continue
        header = None
        if paragraph and (not stripped or _BLOCK_START.match(stripped)):
            flush()
        if stripped:
            paragraph.append((number, stripped))
    if paragraph:
        flush()
    return out


def leaf_texts(facts: Facts, fact: Fact, lang: str) -> list[str]:
    """The leaf as sentences state it: '3 business days after capture'; a bare number with
    its unit ('7 days'); a list of numbers as one text per number."""
    text = facts.lookup(fact.path, lang)
    if text is None:
        raise KeyError(fact.path)
    if re.fullmatch(r"[\d\s,]+", text):
        return [fact.reads.format(n=n) for n in re.findall(r"\d+", text)]
    return [text]


_ALLOWED: dict[tuple, set] = {}


def allowed_values(facts: Facts, rule: Rule, paths: frozenset[str] | None = None) -> set:
    key = (id(facts), rule.name, paths)
    if key not in _ALLOWED:
        values: set = set()
        for fact in rule.facts:
            if paths is None or fact.path in paths:
                for lang in LANGUAGES:
                    for text in leaf_texts(facts, fact, lang):
                        values |= {value for value, _ in rule.extract(read(text, lang))}
        if rule.derived and (paths is None or paths & {f.path for f in rule.facts}):
            values |= rule.derived(lambda path: int(facts.lookup(path, "en")))
        _ALLOWED[key] = values
    return _ALLOWED[key]


def is_generic(text: str) -> bool:
    """Too short to search for verbatim without false alarms: covered by a rule instead."""
    text = text.strip()
    return bool(re.fullmatch(r"\d{1,4}|\d{1,2}(?:, \d{1,2})+|\d{1,2}:\d{2}", text)
                or re.fullmatch(rf"{NUM}\s*(?:{UNITS})", _norm(text)))


def verbatim_leaves(facts: Facts) -> dict[str, set[str]]:
    """Leaf -> its texts (every language) that must never be written by hand."""
    out = {}
    for path, texts in facts.leaves().items():
        wanted = {text for text in texts.values() if text.strip() and not is_generic(text)}
        if wanted and path not in MAY_BE_WRITTEN:
            out[path] = wanted
    return out


def verbatim_pattern(value: str) -> re.Pattern[str]:
    """A leaf's text and its obvious respellings: '3.6 %' also as '3.6%', '3,6 %';
    '$250.00 MXN' also as '$250 MXN', '250.00 MXN', '250 pesos'; spaces optional."""
    value = _norm(value).strip()
    variants = {value}
    if m := re.fullmatch(r"(\d+)(?:[.,](\d+))? ?%", value):
        variants |= {f"{m[1]}{sep}{m[2]} %" if m[2] else f"{m[1]} %" for sep in ".,"}
    if m := re.fullmatch(r"\$([\d,]+)\.(\d{2}) mxn", value):
        whole, cents = m[1], m[2]
        variants |= {f"${whole} mxn", f"{whole}.{cents} mxn", f"{whole} pesos", f"${whole}.{cents} pesos"}
        if cents != "00":
            variants.add(f"${whole}.{cents}")
    parts = []
    for variant in sorted(variants, key=len, reverse=True):
        prefix = r"(?<![\w.,$])" if variant[0].isalnum() else ""
        suffix = r"(?![\d]|[.,]\d)" if variant[-1].isdigit() else (r"(?!\w)" if variant[-1].isalnum() else "")
        parts.append(prefix + re.escape(variant).replace(r"\ ", " ").replace(" ", r"\s?") + suffix)
    return re.compile("|".join(parts))


@dataclass(frozen=True)
class Violation:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def article_files(docs: Path = DOCS) -> list[Path]:
    return sorted(p for lang in LANGUAGES if (docs / lang).is_dir() for p in (docs / lang).rglob("*.md"))


def _read(path: Path, docs: Path) -> tuple[str, str, str]:
    """(text, language, path as shown in messages)."""
    return path.read_text(encoding="utf-8"), path.relative_to(docs).parts[0], path.relative_to(docs.parent).as_posix()


def check_placeholders(path: Path, facts: Facts, docs: Path = DOCS) -> list[Violation]:
    text, lang, shown = _read(path, docs)
    problems = [Violation(shown, text.count("\n", 0, m.start()) + 1, f"'{m[0]}' is not a leaf of data/platform.yml with a '{lang}' value")
                for m in PLACEHOLDER.finditer(text) if facts.lookup(m[1], lang) is None]
    rest = without_placeholders(text)
    problems += [Violation(shown, rest.count("\n", 0, m.start()) + 1,
                           f"'{m[0]}' is not replaced by the site: write exactly '{{{{ platform.section.key }}}}'")
                 for m in _LOOKS_LIKE_PLACEHOLDER.finditer(rest)]
    return problems


def check_verbatim(path: Path, facts: Facts, docs: Path = DOCS) -> list[Violation]:
    text, _, shown = _read(path, docs)
    lines = [_norm(line) for line in without_placeholders(text).split("\n")]
    problems = []
    for leaf, values in sorted(verbatim_leaves(facts).items()):
        patterns = [(value, verbatim_pattern(value)) for value in sorted(values)]
        for number, line in enumerate(lines, 1):
            for value, pattern in patterns:
                if found := pattern.search(line):
                    problems.append(Violation(shown, number, f"'{found[0]}' is the platform fact '{leaf}' ({value!r}) written by hand: "
                                                             f"write {{{{ platform.{leaf} }}}} instead"))
                    break
    return problems


def check_rules(path: Path, facts: Facts, docs: Path = DOCS) -> list[Violation]:
    text, lang, shown = _read(path, docs)
    problems, seen = [], set()
    for number, sentence in contexts(without_placeholders(text)):
        sentence = read(sentence, lang)
        for rule in RULES:
            if not all(re.search(regex, sentence) for regex in rule.near) or (rule.unless and re.search(rule.unless, sentence)):
                continue
            found = rule.extract(sentence)
            if not found:
                continue
            topics = frozenset(p for topic, paths in rule.narrow if re.search(topic, sentence) for p in paths) or None
            allowed = allowed_values(facts, rule, topics)
            for value, written in found:
                if value not in allowed and (number, rule.name, written) not in seen:
                    seen.add((number, rule.name, written))
                    placeholders = " or ".join(f"{{{{ platform.{f.path} }}}}" for f in rule.facts if topics is None or f.path in topics)
                    problems.append(Violation(shown, number, f"[{rule.name}] '{written}' is not what data/platform.yml says, in "
                                                             f"{sentence.strip()[:160]!r}: write {placeholders}"))
    return problems


# =======================================================================================
# The tests on the real knowledge base
# =======================================================================================

FACTS, FACTS_PROBLEMS = load_facts(FACTS_FILE, LANGUAGES)
FILES = article_files()
IDS = [p.relative_to(DOCS).as_posix() for p in FILES]


def _localized_leaves(node: Any, prefix: str = "") -> dict[str, dict]:
    if not isinstance(node, dict):
        return {}
    if set(node) & set(LANGUAGES):
        return {prefix: node}
    out = {}
    for key, child in node.items():
        out.update(_localized_leaves(child, f"{prefix}.{key}" if prefix else str(key)))
    return out


def test_facts_file_reads():
    assert FACTS_FILE.exists() and not FACTS_PROBLEMS, "\n".join(map(str, FACTS_PROBLEMS))


def test_localized_leaves_have_every_language_with_the_same_numbers():
    problems = []
    for path, texts in _localized_leaves(FACTS.tree).items():
        missing = [lang for lang in LANGUAGES if not str(texts.get(lang) or "").strip()]
        extra = sorted(set(texts) - set(LANGUAGES))
        if missing or extra:
            problems.append(f"{path}: " + (f"no text for {', '.join(missing)} " if missing else "") + (f"unexpected keys {extra}" if extra else ""))
        elif Counter(re.findall(r"\d+", str(texts["en"]))) != Counter(re.findall(r"\d+", str(texts["es"]))):
            problems.append(f"{path}: the numbers differ between en {texts['en']!r} and es {texts['es']!r}")
    assert not problems, "data/platform.yml:\n" + "\n".join(problems)


def test_every_rule_reads_real_leaves():
    problems = []
    for rule in RULES:
        facts = {fact.path for fact in rule.facts}
        for fact in rule.facts:
            try:
                values = allowed_values(FACTS, rule, frozenset({fact.path}))
            except KeyError:
                problems.append(f"rule '{rule.name}': '{fact.path}' is not a leaf of data/platform.yml")
                continue
            if not values:
                problems.append(f"rule '{rule.name}': its extractor finds no value in '{fact.path}'")
        problems += [f"rule '{rule.name}': narrow names '{p}', which is not among its facts"
                     for _, paths in rule.narrow for p in paths if p not in facts]
    assert not problems, "\n".join(problems)


def test_every_short_leaf_is_covered_by_a_rule():
    """A leaf not searched for verbatim (a bare number, '1 hour') must be watched by a rule."""
    covered = {fact.path for rule in RULES for fact in rule.facts}
    loose = sorted(set(FACTS.leaves()) - set(verbatim_leaves(FACTS)) - covered - set(MAY_BE_WRITTEN))
    assert not loose, f"add a rule to RULES in {Path(__file__).name} for these leaves of data/platform.yml: {', '.join(loose)}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_placeholders_name_platform_facts(path):
    problems = check_placeholders(path, FACTS)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_platform_fact_written_by_hand(path):
    problems = check_verbatim(path, FACTS)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_number_contradicts_the_platform_facts(path):
    problems = check_rules(path, FACTS)
    assert not problems, "\n".join(map(str, problems))


# =======================================================================================
# Self-test: facts planted in a temporary docs folder must be caught, and a correct page
# must pass, so that no check silently stops working.
# =======================================================================================

PLANTED_OK = {
    "en": """---
id: demo/ok
title: Payouts
---
Card payouts arrive {{ platform.payouts.card_days }}; the card fee is {{ platform.fees.card.percent }}
plus IVA (16 %) on the fee.
Webhooks are retried {{ platform.webhooks.retry_schedule }}: {{ platform.webhooks.attempts }} attempts in all.

| Priority | First response | Resolution |
|---|---|---|
| P1 | {{ platform.support.first_response.p1 }} | {{ platform.support.resolution.p1 }} |

SPEI settles in seconds, 24 hours a day. ISO 8583 code 51 means insufficient funds.
A webhook delivered twice comes from a retry after a slow answer: deduplicate by event id.

```text
Idempotency keys involved:
Key prefix and last 4 characters (never the full key):
```
""",
    "es": """---
id: demo/ok
title: Depósitos
---
Los depósitos al comercio de pagos con tarjeta llegan {{ platform.payouts.card_days }}.
La comisión por tarjeta es {{ platform.fees.card.percent }} más IVA (16 %); las llaves de idempotencia
duran {{ platform.api.idempotency_ttl_hours }} horas. El límite es de {{ platform.api.rate_limit.live }}.
Un webhook se reintenta {{ platform.webhooks.retry_schedule }}.
""",
}

PLANTED_BAD = [  # (language, text, what the report must name)
    ("en", "Card payouts arrive 5 business days after capture.", "payout days"),
    ("es", "Los depósitos al comercio de pagos con tarjeta llegan\ncinco días hábiles después de la captura.", "payout days"),
    ("en", "The card fee is 3.9 % per payment.", "fee percentages"),
    ("en", "International cards: the fee is 3.6 %.", "fee percentages"),
    ("es", "La comisión por tarjeta es de 3,6% más IVA.", "fees.card.percent"),
    ("en", "Idempotency keys are kept for 48 hours.", "idempotency key retention"),
    ("es", "Las llaves de idempotencia se guardan 2 días.", "idempotency key retention"),
    ("en", "The API accepts 200 requests per second in live mode.", "API rate limits"),
    ("es", "En sandbox se aceptan 100 peticiones por segundo.", "API rate limits"),
    ("en", "We make 5 attempts to deliver each webhook.", "webhook attempts"),
    ("es", "Cada webhook se reintenta hasta diez veces.", "webhook attempts"),
    ("en", "| Priority | First response |\n|---|---|\n| P1 | 30 minutes |", "first response targets"),
    ("es", "La primera respuesta de un ticket P2 es en 2 horas.", "first response targets"),
    ("en", "Send the request with the X-Request-Id header.", "api.request_id_header"),
    ("es", "La comisión por contracargo es de $300.00 MXN.", "fixed fees"),
    ("en", "The chargeback fee is $250 MXN.", "fees.chargeback.fixed"),
    ("en", "Payouts are sent by 10:00.", "payout clock times"),
    ("en", "Use the test card 4242 4242 4242 4242.", "sandbox.cards.visa"),
    ("en", "Card payouts arrive {{ platform.payouts.card_dayz }}.", "is not a leaf"),
    ("en", "The fee is {{ platform.fees.card }}.", "is not a leaf"),
    ("es", "La comisión es {{ platform.fees.card.percent | upper }}.", "is not replaced"),
]


def _write(docs: Path, lang: str, slug: str, text: str) -> Path:
    path = docs / lang / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _all_checks(path: Path, docs: Path) -> list[Violation]:
    return check_placeholders(path, FACTS, docs) + check_verbatim(path, FACTS, docs) + check_rules(path, FACTS, docs)


def test_self_test_correct_pages_pass(tmp_path):
    docs = tmp_path / "docs"
    for lang, text in PLANTED_OK.items():
        problems = _all_checks(_write(docs, lang, "demo/ok", text), docs)
        assert problems == [], f"{lang}: a correct page was reported: {problems}"


@pytest.mark.parametrize("lang, text, expected", PLANTED_BAD, ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(PLANTED_BAD)])
def test_self_test_planted_contradiction_is_caught(tmp_path, lang, text, expected):
    docs = tmp_path / "docs"
    path = _write(docs, lang, "demo/bad", f"---\nid: demo/bad\ntitle: Planted\n---\nSome text first.\n\n{text}\n")
    problems = _all_checks(path, docs)
    assert any(expected in str(p) for p in problems), f"not caught: {text!r}; reported: {problems}"
    assert all(p.file == f"docs/{lang}/demo/bad.md" and p.line >= 7 for p in problems), problems
