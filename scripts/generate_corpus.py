"""Generate a synthetic knowledge base for benchmarks: a complete project folder (mkdocs.yml,
data/taxonomy.yml, data/platform.yml, docs/en, docs/es) whose articles pass `kb check`.

Articles are written in plausible payments English and Spanish (the same id in both
languages), with headings, lists, links between articles and tables of codes. The output
depends only on --per-language and --seed.

    scripts/generate-corpus --per-language 5000 --out /tmp/corpus [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("payments", "spei", "reconciliation", "api", "procedures")
TYPES = ("how-to", "reference", "explanation", "troubleshooting")
REVIEWED = "2025-01-15"  # fixed, so the output does not depend on the day it is made
REVIEW_EVERY = 3650  # the longest kb check allows (kb.limits): none is overdue before 2035

# Paired vocabulary: (English, Spanish). Each topic has things, problems and actions.
TOPICS = {
    "payments": {
        "tags": ["payments", "cards", "declines", "authorization", "refunds", "chargebacks", "installments", "cash", "3d-secure"],
        "things": [("card payment", "pago con tarjeta"), ("authorization", "autorización"), ("capture", "captura"),
                   ("refund", "reembolso"), ("chargeback", "contracargo"), ("installment plan", "plan de meses sin intereses"),
                   ("cash voucher", "ficha de pago en efectivo"), ("debit card", "tarjeta de débito"), ("credit card", "tarjeta de crédito"),
                   ("issuing bank", "banco emisor"), ("decline code", "código de rechazo"), ("authentication", "autenticación"),
                   ("partial refund", "reembolso parcial"), ("void", "cancelación"), ("card network", "red de tarjetas"),
                   ("recurring charge", "cargo recurrente"), ("wallet payment", "pago con billetera digital"), ("receipt", "comprobante")],
        "problems": [("declined", "rechazado"), ("charged twice", "cobrado dos veces"), ("not reflected", "no reflejado"),
                     ("expired", "vencido"), ("pending", "pendiente"), ("reversed", "revertido"), ("disputed", "disputado"),
                     ("blocked", "bloqueado"), ("held", "retenido"), ("duplicated", "duplicado")],
    },
    "spei": {
        "tags": ["spei", "spid", "clabe", "cep", "transfers", "returns", "tracking", "codi-dimo"],
        "things": [("SPEI transfer", "transferencia SPEI"), ("CLABE", "CLABE"), ("tracking key", "clave de rastreo"),
                   ("numeric reference", "referencia numérica"), ("payment concept", "concepto de pago"), ("CEP", "CEP"),
                   ("beneficiary account", "cuenta beneficiaria"), ("virtual CLABE", "CLABE virtual"), ("SPID transfer", "transferencia SPID"),
                   ("return", "devolución"), ("receiving bank", "banco receptor"), ("sending bank", "banco emisor de la transferencia"),
                   ("check digit", "dígito verificador"), ("bank code", "código de banco"), ("deposit", "depósito")],
        "problems": [("returned", "devuelto"), ("not arrived", "no llegó"), ("rejected", "rechazado"), ("delayed", "retrasado"),
                     ("not found", "no encontrado"), ("misdirected", "enviado a otra cuenta"), ("unidentified", "no identificado"),
                     ("sent twice", "enviado dos veces")],
    },
    "reconciliation": {
        "tags": ["reconciliation", "settlement", "payouts", "fees", "taxes", "bank-holidays", "reports"],
        "things": [("payout", "depósito al comercio"), ("settlement report", "reporte de liquidación"), ("fee", "comisión"),
                   ("VAT on fees", "IVA de comisiones"), ("reserve", "reserva"), ("adjustment", "ajuste"), ("net amount", "monto neto"),
                   ("gross amount", "monto bruto"), ("bank holiday", "día inhábil"), ("cut-off time", "hora de corte"),
                   ("bank statement", "estado de cuenta"), ("split payout", "depósito dividido"), ("balance", "saldo")],
        "problems": [("missing", "faltante"), ("lower than expected", "menor de lo esperado"), ("higher than expected", "mayor de lo esperado"),
                     ("late", "atrasado"), ("withheld", "retenido"), ("does not match", "no coincide"), ("split", "dividido")],
    },
    "api": {
        "tags": ["api", "authentication", "idempotency", "webhooks", "rate-limits", "errors", "sandbox", "logs"],
        "things": [("API key", "llave de API"), ("webhook", "webhook"), ("idempotency key", "llave de idempotencia"),
                   ("request", "petición"), ("response", "respuesta"), ("signature", "firma"), ("rate limit", "límite de peticiones"),
                   ("sandbox", "sandbox"), ("payload", "payload"), ("endpoint", "endpoint"), ("retry", "reintento"),
                   ("event", "evento"), ("timeout", "tiempo de espera"), ("test card", "tarjeta de prueba")],
        "problems": [("rejected", "rechazada"), ("failing", "fallando"), ("duplicated", "duplicada"), ("out of order", "fuera de orden"),
                     ("timing out", "agotando el tiempo de espera"), ("unauthorized", "no autorizada"), ("throttled", "limitada"),
                     ("invalid", "inválida")],
    },
    "procedures": {
        "tags": ["escalation", "sla", "onboarding", "pci", "security", "risk", "accounts"],
        "things": [("escalation", "escalamiento"), ("ticket", "ticket"), ("merchant account", "cuenta de comercio"),
                   ("account review", "revisión de cuenta"), ("card data", "datos de tarjeta"), ("severity", "severidad"),
                   ("onboarding checklist", "lista de alta"), ("KYB document", "documento KYB"), ("investigation", "investigación"),
                   ("incident", "incidente"), ("response target", "tiempo objetivo de respuesta"), ("manual refund", "reembolso manual")],
        "problems": [("blocked", "bloqueada"), ("suspended", "suspendida"), ("overdue", "vencido"), ("urgent", "urgente"),
                     ("incomplete", "incompleto"), ("under review", "en revisión"), ("escalated", "escalado")],
    },
}
ACTIONS = [("check", "revisar"), ("confirm", "confirmar"), ("explain", "explicar"), ("track", "rastrear"), ("resolve", "resolver"),
           ("refund", "reembolsar"), ("escalate", "escalar"), ("verify", "verificar"), ("document", "documentar"), ("retry", "reintentar"),
           ("cancel", "cancelar"), ("request", "solicitar"), ("compare", "comparar"), ("report", "reportar")]
WHO = [("the customer", "el cliente"), ("the merchant", "el comercio"), ("the agent", "el agente"), ("the bank", "el banco"),
       ("the cardholder", "el tarjetahabiente"), ("the operations team", "el equipo de operaciones"), ("the sender", "el ordenante"),
       ("the beneficiary", "el beneficiario"), ("the risk team", "el equipo de riesgo"), ("the acquirer", "el adquirente")]
# No numbers: a number near a platform fact's words would state the fact with another value.
WHEN = [("on the same day", "el mismo día"), ("within a few business days", "en unos días hábiles"), ("after the cut-off time", "después de la hora de corte"),
        ("before the deadline", "antes de la fecha límite"), ("on a bank holiday", "en un día inhábil"), ("at night", "en la noche"),
        ("during the weekend", "durante el fin de semana"), ("after a short wait", "después de una breve espera"), ("within the network's deadline", "dentro del plazo de la red"),
        ("right away", "de inmediato")]
BANKS = ["BBVA", "Banorte", "Santander", "Banamex", "HSBC", "Scotiabank", "Inbursa", "Banco Azteca", "BanCoppel", "Banregio",
         "Afirme", "Bajío", "Mifel", "Multiva", "STP", "Hey Banco", "Nu", "Spin"]
CONTEXTS = [("online store", "tienda en línea"), ("marketplace", "marketplace"), ("subscriptions", "suscripciones"),
            ("point of sale", "punto de venta"), ("mobile app", "app móvil"), ("invoices", "facturas"), ("travel agency", "agencia de viajes"),
            ("school fees", "colegiaturas"), ("utility bills", "pago de servicios"), ("insurance premiums", "primas de seguros"),
            ("food delivery", "entrega de comida"), ("ticketing", "venta de boletos"), ("donations", "donativos"), ("payroll", "nómina"),
            ("gas stations", "gasolineras"), ("pharmacies", "farmacias"), ("hotels", "hoteles"), ("airlines", "aerolíneas"),
            ("car rental", "renta de autos"), ("gyms", "gimnasios")]
# Less common words, drawn with a Zipf-like law so that, as in real articles, a few are
# everywhere and most are rare.
DETAILS = [("invoice", "factura"), ("folio", "folio"), ("terminal", "terminal"), ("card reader", "lector de tarjetas"),
           ("token", "token"), ("tokenization", "tokenización"), ("fraud rules", "reglas antifraude"), ("risk score", "puntaje de riesgo"),
           ("velocity limit", "límite de velocidad"), ("billing address", "dirección de facturación"), ("statement descriptor", "descriptor en el estado de cuenta"),
           ("merchant category code", "código de giro"), ("acquirer", "adquirente"), ("processor", "procesador"), ("issuer", "emisor"),
           ("cardholder name", "nombre del tarjetahabiente"), ("expiry date", "fecha de vencimiento"), ("security code", "código de seguridad"),
           ("one-time password", "contraseña de un solo uso"), ("push notification", "notificación push"), ("biometrics", "biometría"),
           ("payment link", "liga de pago"), ("checkout", "checkout"), ("shopping cart", "carrito de compra"), ("order number", "número de pedido"),
           ("customer email", "correo del cliente"), ("phone number", "número de teléfono"), ("tax id", "RFC"), ("CURP", "CURP"),
           ("proof of address", "comprobante de domicilio"), ("articles of incorporation", "acta constitutiva"), ("legal representative", "representante legal"),
           ("bank account statement", "estado de cuenta bancario"), ("payout account", "cuenta de depósito"), ("rolling reserve", "reserva móvil"),
           ("dispute evidence", "evidencia de la disputa"), ("delivery proof", "prueba de entrega"), ("tracking number", "número de guía"),
           ("courier", "paquetería"), ("refund policy", "política de reembolsos"), ("terms of service", "términos del servicio"),
           ("exchange rate", "tipo de cambio"), ("foreign card", "tarjeta extranjera"), ("dollar account", "cuenta en dólares"),
           ("batch file", "archivo de lote"), ("CSV export", "exportación CSV"), ("dashboard", "panel"), ("user role", "rol de usuario"),
           ("two-factor authentication", "autenticación de dos factores"), ("password reset", "restablecer contraseña"),
           ("IP address", "dirección IP"), ("allowlist", "lista de IP permitidas"), ("TLS certificate", "certificado TLS"),
           ("JSON body", "cuerpo JSON"), ("HTTP header", "encabezado HTTP"), ("status code", "código de estado"), ("request id", "id de la petición"),
           ("event type", "tipo de evento"), ("retry schedule", "calendario de reintentos"), ("backoff", "espera exponencial"),
           ("jitter", "variación aleatoria"), ("daily limit", "límite diario"), ("monthly limit", "límite mensual"), ("cut-off", "corte"),
           ("business day", "día hábil"), ("weekend", "fin de semana"), ("holiday calendar", "calendario de días inhábiles"),
           ("Good Friday", "Viernes Santo"), ("Labor Day", "Día del Trabajo"), ("Independence Day", "Día de la Independencia"),
           ("Revolution Day", "Día de la Revolución"), ("Christmas", "Navidad"), ("New Year", "Año Nuevo"), ("cash register", "caja"),
           ("convenience store", "tienda de conveniencia"), ("barcode", "código de barras"), ("voucher expiry", "vencimiento de la ficha"),
           ("wrong amount", "monto incorrecto"), ("overpayment", "pago de más"), ("underpayment", "pago incompleto"),
           ("duplicate payment", "pago duplicado"), ("manual adjustment", "ajuste manual"), ("credit note", "nota de crédito"),
           ("withholding", "retención"), ("income tax", "ISR"), ("VAT", "IVA"), ("electronic invoice", "CFDI"), ("complement", "complemento de pago"),
           ("audit log", "bitácora de auditoría"), ("case note", "nota del caso"), ("macro", "macro"), ("queue", "cola"),
           ("first response", "primera respuesta"), ("resolution time", "tiempo de resolución"), ("on-call engineer", "ingeniero de guardia"),
           ("status page", "página de estado"), ("outage", "caída del servicio"), ("degradation", "degradación"), ("root cause", "causa raíz"),
           ("postmortem", "análisis posterior"), ("KYC", "KYC"), ("AML alert", "alerta PLD"), ("sanctions list", "lista de sanciones"),
           ("chargeback ratio", "índice de contracargos"), ("monitoring program", "programa de monitoreo"), ("card testing", "prueba de tarjetas robadas"),
           ("bot traffic", "tráfico de bots"), ("CAPTCHA", "CAPTCHA"), ("device fingerprint", "huella del dispositivo"), ("geolocation", "geolocalización")]
CITIES = ["Ciudad de México", "Guadalajara", "Monterrey", "Puebla", "Tijuana", "León", "Querétaro", "Mérida", "Cancún", "Toluca",
          "Chihuahua", "Hermosillo", "Culiacán", "Morelia", "Oaxaca", "Veracruz", "Aguascalientes", "Saltillo", "San Luis Potosí", "Tuxtla"]
HEADINGS = [("What it means", "Qué significa"), ("What to ask the customer", "Qué preguntar al cliente"), ("Steps", "Pasos"),
            ("Common causes", "Causas comunes"), ("Deadlines", "Plazos"), ("What to tell the merchant", "Qué decirle al comercio"),
            ("When to escalate", "Cuándo escalar"), ("Examples", "Ejemplos"), ("Codes", "Códigos"), ("Before you start", "Antes de empezar")]


class Article:
    """One generated article: the same facts told in English and Spanish."""

    def __init__(self, rng: random.Random, number: int, section: str) -> None:
        topic = TOPICS[section]
        self.section = section
        self.thing = rng.choice(topic["things"])
        self.other = rng.choice(topic["things"])
        self.problem = rng.choice(topic["problems"])
        self.action = rng.choice(ACTIONS)
        self.who = rng.choice(WHO)
        self.when = rng.choice(WHEN)
        self.bank = rng.choice(BANKS)
        self.type = rng.choice(TYPES) if section != "procedures" else "procedure"
        self.audience = "internal" if section == "procedures" or rng.random() < 0.1 else "public"
        self.status = "draft" if rng.random() < 0.03 else "published"
        self.tags = sorted(rng.sample(topic["tags"], k=min(2, len(topic["tags"]))))
        words = self.thing[0].lower().replace(" ", "-").replace("/", "-")
        self.id = f"{section}/{words}-{self.problem[0].replace(' ', '-')}-{number:05d}"
        self.codes = self._codes(rng)
        self.sections = rng.sample(range(len(HEADINGS)), k=rng.randint(3, 5))
        self.context = rng.choice(CONTEXTS)
        self.city = rng.choice(CITIES)
        self.details = [DETAILS[min(int(rng.paretovariate(0.8)) - 1, len(DETAILS) - 1) if rng.random() < 0.5 else rng.randrange(len(DETAILS))]
                        for _ in range(rng.randint(3, 8))]
        # An article keeps to its subject: most sentences are about its own thing, problem
        # and bank; some mention others of its topic.
        own = (self.thing, self.problem, self.bank)
        self.sentences = [(rng.choice(ACTIONS), rng.choice(WHO),
                           own[0] if rng.random() < 0.7 else rng.choice(topic["things"]),
                           own[1] if rng.random() < 0.7 else rng.choice(topic["problems"]),
                           rng.choice(WHEN), own[2] if rng.random() < 0.8 else rng.choice(BANKS))
                          for _ in range(rng.randint(10, 22))]
        self.link_to: Article | None = None

    @staticmethod
    def _codes(rng: random.Random) -> list[tuple[str, int, int]]:
        style = rng.choice(("two", "three", "letter"))
        codes = set()
        while len(codes) < rng.randint(4, 8):
            if style == "two":
                codes.add(f"{rng.randint(0, 99):02d}")
            elif style == "three":
                codes.add(str(rng.choice((400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)) + rng.choice((0, 0, 0, 10, 20))))
            else:
                codes.add(f"{rng.choice('RENP')}{rng.randint(1, 40):02d}")
        return [(code, rng.randrange(10), rng.randrange(14)) for code in sorted(codes)]

    def title(self, lang: str) -> str:
        i = 0 if lang == "en" else 1
        thing, problem = self.thing[i], self.problem[i]
        if lang == "en":
            forms = {"how-to": f"How to {self.action[0]} a {problem} {thing}", "reference": f"{thing.capitalize()} codes: {problem} cases",
                     "explanation": f"Why a {thing} is {problem}", "troubleshooting": f"{thing.capitalize()} {problem}: what to do",
                     "procedure": f"Procedure: {thing} {problem}"}
        else:
            forms = {"how-to": f"Cómo {self.action[1]} un {thing} {problem}", "reference": f"Códigos de {thing}: casos de {problem}",
                     "explanation": f"Por qué un {thing} queda {problem}", "troubleshooting": f"{thing.capitalize()} {problem}: qué hacer",
                     "procedure": f"Procedimiento: {thing} {problem}"}
        return f"{forms[self.type]} ({self.context[i]}, {self.bank})"

    def summary(self, lang: str) -> str:
        if lang == "en":
            return f"What {self.who[0]} should do when a {self.thing[0]} is {self.problem[0]} {self.when[0]}, and which codes explain it."
        return f"Qué debe hacer {self.who[1]} cuando un {self.thing[1]} está {self.problem[1]} {self.when[1]}, y qué códigos lo explican."

    def sentence(self, lang: str, parts: tuple) -> str:
        action, who, thing, problem, when, bank = parts
        i = 0 if lang == "en" else 1
        if lang == "en":
            return f"{who[i].capitalize()} should {action[i]} the {thing[i]} {when[i]} when it is {problem[i]} at {bank}."
        return f"{who[i].capitalize()} debe {action[i]} el {thing[i]} {when[i]} cuando está {problem[i]} en {bank}."

    def body(self, lang: str) -> str:
        i = 0 if lang == "en" else 1
        details = ", ".join(detail[i] for detail in self.details)
        scenario = (f"Typical case: a merchant in {self.city} selling through {self.context[0]} asks about {details}."
                    if lang == "en" else
                    f"Caso típico: un comercio de {self.city} que vende por {self.context[1]} pregunta por {details}.")
        out = [" ".join(self.sentence(lang, parts) for parts in self.sentences[:3]), "", scenario, ""]
        rest = self.sentences[3:]
        per = max(1, len(rest) // len(self.sections))
        for n, index in enumerate(self.sections):
            out += [f"## {HEADINGS[index][i]}", ""]
            chunk = rest[n * per:(n + 1) * per] or self.sentences[:2]
            if n == 1:
                out += [f"- {self.sentence(lang, parts)}" for parts in chunk] + [""]
            else:
                out += [" ".join(self.sentence(lang, parts) for parts in chunk), ""]
            if n == 0:
                out += self.table(lang)
        if self.link_to is not None:
            target = self.link_to.id.split("/", 1)[1] + ".md"
            if self.link_to.section != self.section:
                target = f"../{self.link_to.id}.md"
            label = "See also" if lang == "en" else "Vea también"
            out += [f"{label}: [{self.link_to.title(lang)}]({target}).", ""]
        return "\n".join(out)

    def table(self, lang: str) -> list[str]:
        i = 0 if lang == "en" else 1
        topic = TOPICS[self.section]
        head = "| Code | Meaning | What to do |" if lang == "en" else "| Código | Significado | Qué hacer |"
        rows = [head, "|---|---|---|"]
        for code, problem, action in self.codes:
            problem_text = topic["problems"][problem % len(topic["problems"])][i]
            thing = topic["things"][(problem + action) % len(topic["things"])][i]
            verb = ACTIONS[action][i]
            rows.append(f"| {code} | {thing.capitalize()} {problem_text} | {verb.capitalize()} {'the' if lang == 'en' else 'el'} {thing} |")
        return rows + [""]

    def markdown(self, lang: str) -> str:
        front = {
            "id": self.id, "title": self.title(lang), "summary": self.summary(lang), "type": self.type,
            "audience": self.audience, "status": self.status, "tags": self.tags, "owner": "payments-support",
            "last_reviewed": REVIEWED, "review_every": REVIEW_EVERY,
            "sources": [{"title": "Sistema de Pagos Electrónicos Interbancarios (SPEI)", "publisher": "Banco de México",
                         "url": "https://www.banxico.org.mx/sistemas-de-pago/"}],
        }
        return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=200) + "---\n\n" + self.body(lang)


def generate(per_language: int, out: Path, seed: int = 7, source: Path = ROOT) -> int:
    """Write the project folder; returns the number of article files written."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"generate-corpus: {out} is not empty; choose a new folder")
    rng = random.Random(seed)
    (out / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", out / "mkdocs.yml")
    for name in ("taxonomy.yml", "platform.yml", "fact-rules.yml", "dated-facts.yml"):
        if (source / "data" / name).is_file():
            shutil.copy(source / "data" / name, out / "data" / name)
    articles = [Article(rng, number, SECTIONS[number % len(SECTIONS)]) for number in range(per_language)]
    for number, article in enumerate(articles):
        # Link to an earlier article the same readers may see (public articles link to public ones).
        nearby = articles[max(0, number - 10):number] or articles[number + 1:number + 11]
        candidates = [a for a in nearby if a.audience == "public" and a.status == "published"]
        if article.audience == "internal" or article.status == "draft":
            candidates = nearby
        article.link_to = candidates[-1] if candidates else None
    written = 0
    for lang, home in (("en", "Home"), ("es", "Inicio")):
        folder = out / "docs" / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(f"---\ntitle: {home}\n---\n\nGenerated knowledge base.\n", encoding="utf-8")
        for article in articles:
            path = folder / f"{article.id}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article.markdown(lang), encoding="utf-8")
            written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="generate-corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, required=True, help="articles per language")
    parser.add_argument("--out", type=Path, required=True, help="the new project folder")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    if args.per_language < 1:
        parser.error("--per-language must be at least 1")
    written = generate(args.per_language, args.out, args.seed)
    print(f"generate-corpus: wrote {written} articles ({args.per_language} per language) in {args.out}")


if __name__ == "__main__":
    sys.exit(main())
