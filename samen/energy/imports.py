"""The Energiehuis import kind `energy-loans` (see docs/imports.md): a register of loan
dossiers. Applicants are found by their key in the source register (`extern_id`, with
--source): import them first with kind `persons`. The rate a dossier got is checked
against the dated rates of its day of application."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from samen.access import rules as access_rules
from samen.energy import rules, selectors, services
from samen.energy.models import Status, Target
from samen.imports import parsers
from samen.imports.framework import Column, ImportKind, RowError, register, track
from samen.registry import selectors as registry_selectors
from samen.registry.models import Organisation

TARGET = parsers.choice({"voorrang": Target.PRIORITY, "gewoon": Target.STANDARD,
                         "alle": Target.ALL})  # fmt: skip
STATUS = parsers.choice({
    "aanvraag": Status.APPLIED, "ontvankelijk": Status.ELIGIBLE,
    "niet_ontvankelijk": Status.REFUSED, "advies": Status.VISITED, "aanbod": Status.OFFERED,
    "contract": Status.CONTRACTED, "afgelost": Status.CLOSED, "ingetrokken": Status.WITHDRAWN,
})  # fmt: skip
ASSESSED = {Status.ELIGIBLE, Status.VISITED, Status.OFFERED, Status.CONTRACTED, Status.CLOSED}


@register
class EnergyLoansImport(ImportKind):
    name = "energy-loans"
    description = "Leningdossiers van het Energiehuis (bv. het register van een jaar)."
    allowed_roles = access_rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("extern_id", "De sleutel van de aanvrager in het bronregister (--source); "
                   "importeer de personen eerst.", "EH-2018-0042", required=True),
            Column("woonloket", "Gemeente van het OCMW-woonloket dat het dossier opende.",
                   "Kortrijk", required=True),
            Column("aanvraag_op", "dd/mm/jjjj: bepaalt de lening en de rentevoet.",
                   "14/03/2018", parsers.date, required=True),
            Column("bedrag", "Gevraagd bedrag (decimale komma).", "8000", parsers.decimal,
                   required=True),
            Column("looptijd", "Looptijd in maanden.", "120", parsers.whole, required=True),
            Column("werken", "De werken.", "Dakisolatie", required=True),
            Column("gemeente", "Gemeente van de woning.", "Kortrijk", required=True),
            Column("status", ", ".join(STATUS.values) + ".", "contract", STATUS, required=True),
            Column("doelgroep", "voorrang, gewoon of alle (verplicht na de beoordeling).",
                   "voorrang", TARGET),
            Column("rentevoet", "In procent, zoals toegekend (verplicht na de beoordeling).",
                   "0", parsers.decimal),
            Column("contract_op", "dd/mm/jjjj (bij contract of afgelost).", "02/05/2018",
                   parsers.date),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        for column in self.columns:
            if column.name in ("woonloket", "gemeente"):
                column.parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        desks = {o.municipality_id: o for o in Organisation.objects.filter(kind="ocmw")}
        plans, bad = [], {e.row for e in errors}
        for row in rows:
            if row.number in bad:
                continue
            v = row.values
            person_id = registry_selectors.match_by_external_id(source, v["extern_id"])
            problem = _problem(v, person_id, desks)
            if problem:
                errors.append(RowError(row.number, *problem))
                continue
            plans.append((row.number, v | {"_person": person_id,
                                           "_desk": desks[v["woonloket"].pk]}))  # fmt: skip
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, v in plans:
            try:
                dossier = services.dossier_import(actor=actor, person_id=v["_person"],
                                                  desk=v["_desk"], data={
                    "applied_on": v["aanvraag_op"], "amount": v["bedrag"],
                    "months": v["looptijd"], "works": v["werken"], "municipality": v["gemeente"],
                    "status": v["status"], "target": v.get("doelgroep") or "",
                    "rate": v.get("rentevoet"), "contract_on": v.get("contract_op"),
                })  # fmt: skip
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, dossier, created=True)


def _problem(v, person_id, desks) -> tuple[str, str] | None:
    if person_id is None:
        return "extern_id", "onbekend in deze bron: importeer eerst de personen"
    if v["woonloket"].pk not in desks:
        return "woonloket", "geen OCMW in die gemeente"
    try:
        product = rules.product_for(v["aanvraag_op"])
    except ValueError:
        return "aanvraag_op", "op die dag bestond er geen energielening"
    if not product.minimum <= v["bedrag"] <= product.maximum:
        return "bedrag", (f"{product.name}: tussen € {rules.money(product.minimum)} en "
                          f"€ {rules.money(product.maximum)}")  # fmt: skip
    if not 1 <= v["looptijd"] <= product.max_months:
        return "looptijd", f"{product.name}: hoogstens {product.max_months} maanden"
    if v["status"] in ASSESSED:
        if not v.get("doelgroep") or v.get("rentevoet") is None:
            return "rentevoet", "verplicht voor een beoordeeld dossier (met de doelgroep)"
        due = selectors.rate_on(product.code, v["doelgroep"], v["aanvraag_op"])
        if due is None or due != v["rentevoet"]:
            shown = "geen" if due is None else f"{selectors.rate_code(due)} %"
            given, day = selectors.rate_code(v["rentevoet"]), f"{v['aanvraag_op']:%d/%m/%Y}"
            return "rentevoet", f"{given} %, maar op {day} gold {shown} voor die doelgroep"
    if v["status"] in (Status.CONTRACTED, Status.CLOSED) and not v.get("contract_op"):
        return "contract_op", "verplicht bij een contract"
    return None
