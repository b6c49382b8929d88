"""Reading a bank export (pure): the generic CSV every Belgian bank offers — a date, an
amount with a decimal comma, the counterparty and a description — with its columns found
by name, and a first guess of the category from words people recognise."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

HEADERS = {
    "date": ("datum", "date", "boekingsdatum", "uitvoeringsdatum", "valutadatum"),
    "amount": ("bedrag", "amount", "montant"),
    "counterparty": ("tegenpartij", "naam tegenpartij", "counterparty", "naam", "name"),
    "description": ("omschrijving", "mededeling", "description", "communicatie", "details"),
}
GUESSES = [  # (pattern in counterparty or description, category); the first match wins
    (r"huur|verhuur|woonmaatschappij|lening woning", "rent"),
    (r"luminus|engie|fluvius|eandis|totalenergies|mega|bolt|energie", "energy"),
    (r"watergroep|farys|pidpa|water", "water"),
    (r"proximus|telenet|orange|base|scarlet|mobile vikings", "telecom"),
    (r"verzekering|ethias|ag insurance|axa|p&v|kbc verzekering", "insurance"),
    (r"colruyt|aldi|lidl|delhaize|carrefour|okay|spar|bakker", "food"),
    (r"kinderopvang|creche|school|maaltijden", "childcare"),
    (r"nmbs|de lijn|tankstation|q8|total|esso|brandstof", "transport"),
    (r"afbetaling|schuldbemiddeling|incasso|deurwaarder", "debt"),
    (r"apotheek|dokter|ziekenhuis|mutualiteit|ziekenfonds", "health"),
    (r"groeipakket|kinderbijslag|fons|kidslife|infino|myfamily", "child_benefit"),
    (r"leefloon|ocmw|rva|riziv|uitkering|hvw|capac", "benefit"),
    (r"loon|salaris|wedde", "wage"),
]


@dataclass(frozen=True)
class BankLine:
    number: int  # as the spreadsheet shows it (the header is line 1)
    on: dt.date
    amount: Decimal
    counterparty: str
    description: str

    @property
    def fingerprint(self) -> str:
        """The same line imported twice is recognised (and skipped)."""
        text = f"{self.on}|{self.amount}|{self.counterparty}|{self.description}"
        return hashlib.sha256(text.encode()).hexdigest()


class BankFileError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def read(content: bytes) -> list[BankLine]:
    """Every line, or a BankFileError naming each bad line and column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")  # older bank exports
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter)
                if any(c.strip() for c in r)]  # fmt: skip
    except csv.Error:  # a cell longer than any real one, say
        raise BankFileError(["dit is geen leesbaar CSV-bestand"]) from None
    if not rows:
        raise BankFileError(["het bestand is leeg"])
    names = [h.strip().lower() for h in rows[0]]
    where = {}
    for key, options in HEADERS.items():
        found = next((names.index(o) for o in options if o in names), None)
        if found is None and key in ("date", "amount"):
            raise BankFileError([f"kolom '{options[0]}' ontbreekt (gevonden: {', '.join(names)})"])
        where[key] = found
    lines, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        values = {key: (row[i].strip() if i is not None and i < len(row) else "")
                  for key, i in where.items()}  # fmt: skip
        try:
            on = _date(values["date"])
        except ValueError as exc:
            problems.append(f"lijn {number}, kolom datum: {exc}")
            continue
        try:
            amount = _amount(values["amount"])
        except ValueError as exc:
            problems.append(f"lijn {number}, kolom bedrag: {exc}")
            continue
        lines.append(BankLine(number, on, amount, values["counterparty"][:120],
                              values["description"][:200]))  # fmt: skip
    if problems:
        raise BankFileError(problems)
    return lines


def guess(line: BankLine) -> str:
    text = f"{line.counterparty} {line.description}".lower()
    for pattern, category in GUESSES:
        if re.search(pattern, text):
            return category
    return "other_income" if line.amount > 0 else "other"


def _date(value: str) -> dt.date:
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is geen datum (dd/mm/jjjj)")


def _amount(value: str) -> Decimal:
    text = value.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{value}' is geen bedrag") from None
    if not amount.is_finite() or abs(amount) >= 10**7 or amount != round(amount, 2):
        raise ValueError(f"'{value}' is geen bedrag")
    if amount == 0:
        raise ValueError("een bedrag van € 0")
    return amount
