"""Housing's import kinds (see docs/imports.md): `dwellings`, `rental-listings`,
`crisis-admissions`, `meldpunt-situations` and `woonclub-intakes`. The last three refer to
persons by the key they have in the source register (`extern_id`, with --source): import
the persons first (kind `persons`), then their records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from samen.access import rules
from samen.housing import services
from samen.housing.models import (
    DwellingKind,
    FollowUp,
    HousedKind,
    HousingSituation,
    LivingSituation,
    MoveReason,
    Need,
    SituationDecision,
    WalkInPoint,
)
from samen.imports import parsers
from samen.imports.framework import Column, ImportKind, RowError, register, track
from samen.registry import selectors as registry_selectors
from samen.registry.models import Organisation

KIND = parsers.choice({"studio": DwellingKind.STUDIO, "appartement": DwellingKind.APARTMENT,
                       "huis": DwellingKind.HOUSE})  # fmt: skip
LABEL = parsers.choice({x.lower(): x for x in "ABCDEF"} | {"onbekend": ""})
FOLLOW_UP = parsers.choice({
    "huis": FollowUp.HOME, "familie": FollowUp.FAMILY, "opvang": FollowUp.SHELTER,
    "zorg": FollowUp.CARE, "kracht_wonen": FollowUp.KRACHT_WONEN, "woning": FollowUp.HOUSING,
    "ander": FollowUp.OTHER,
})  # fmt: skip
LIVING = parsers.choice({
    "straat": LivingSituation.STREET, "nachtopvang": LivingSituation.NIGHT_SHELTER,
    "tijdelijk": LivingSituation.SOFA, "instelling": LivingSituation.INSTITUTION,
    "precair": LivingSituation.PRECARIOUS, "ander": LivingSituation.OTHER,
})  # fmt: skip
DECISION = parsers.choice({
    "kracht_wonen": SituationDecision.KRACHT_WONEN, "andere_route": SituationDecision.OTHER_ROUTE,
    "niet_weerhouden": SituationDecision.NOT_RETAINED,
})  # fmt: skip
SITUATION = parsers.choice({
    "huurder": HousingSituation.TENANT, "tijdelijk": HousingSituation.TEMPORARY,
    "dakloos": HousingSituation.HOMELESS, "eigenaar": HousingSituation.OWNER,
    "ander": HousingSituation.OTHER,
})  # fmt: skip
HOUSED = parsers.choice({"privaat": HousedKind.PRIVATE, "sociaal": HousedKind.SOCIAL,
                         "ander": HousedKind.OTHER})  # fmt: skip


def one_to_five(value: str) -> int:
    number = parsers.whole(value)
    if not 1 <= number <= 5:
        raise ValueError(f"'{value}' ligt niet tussen 1 en 5")
    return number


def moment(value: str) -> dt.datetime:
    """dd/mm/jjjj uu:mm, Brussels time."""
    from django.utils import timezone

    try:
        naive = dt.datetime.strptime(value.strip(), "%d/%m/%Y %H:%M")
    except ValueError as exc:
        raise ValueError(f"'{value}' is geen moment (dd/mm/jjjj uu:mm)") from exc
    return timezone.make_aware(naive)


def codes(allowed: list[str]):
    """A comma-separated list of the allowed codes."""

    def parse(value: str) -> list[str]:
        items = [v.strip().lower() for v in value.replace(";", ",").split(",") if v.strip()]
        unknown = [v for v in items if v not in allowed]
        if unknown:
            raise ValueError(f"onbekend: {', '.join(unknown)}; mogelijk: {', '.join(allowed)}")
        return items

    return parse


def _person_column() -> Column:
    return Column("extern_id", "De sleutel van de persoon in het bronregister (--source); "
                  "importeer de personen eerst.", "CAW-00123", required=True)  # fmt: skip


def _persons(rows, errors, source):
    """The rows that parsed well, with their person found by extern_id."""
    bad = {e.row for e in errors}
    for row in rows:
        if row.number in bad:
            continue
        person_id = registry_selectors.match_by_external_id(source, row.values["extern_id"])
        if person_id is None:
            reason = "onbekend in deze bron: importeer eerst de personen"
            errors.append(RowError(row.number, "extern_id", reason))
            continue
        yield row, person_id


def _apply(plans, batch, save):
    for number, values in plans:
        try:
            obj = save(values)
        except ValidationError as exc:
            raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
        track(batch, number, obj, created=True)


@register
class DwellingsImport(ImportKind):
    name = "dwellings"
    description = "De woningen van de Kracht.Wonen-woningpool."
    allowed_roles = rules.IMPORT_REFERENCE_DATA

    def __init__(self):
        self.columns = [
            Column("beherend_ocmw", "Gemeente van het beherende OCMW.", "Kortrijk",
                   required=True),
            Column("adres", "Straat en nummer.", "Groeningestraat 12", required=True),
            Column("postcode", "Postcode.", "8500", required=True),
            Column("gemeente", "Gemeente van de regio: naam, deelgemeente of postcode.",
                   "Kortrijk", required=True),
            Column("soort", "studio, appartement of huis.", "appartement", KIND, required=True),
            Column("slaapkamers", "Aantal slaapkamers.", "1", parsers.whole, required=True),
            Column("rolstoeltoegankelijk", "ja of nee.", "nee", parsers.boolean),
            Column("huur", "Huur per maand (decimale komma).", "450,00", parsers.decimal,
                   required=True),
            Column("sinds", "In de pool sinds (dd/mm/jjjj).", "01/03/2017", parsers.date),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        by_name = {c.name: c for c in self.columns}
        by_name["gemeente"].parse = parsers.MunicipalityParser()
        by_name["beherend_ocmw"].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        plans, bad = [], {e.row for e in errors}
        for row in rows:
            if row.number in bad:
                continue
            town = row.values["beherend_ocmw"]
            ocmw = Organisation.objects.filter(kind="ocmw", municipality=town).first()
            if ocmw is None:
                errors.append(RowError(row.number, "beherend_ocmw", "geen OCMW in die gemeente"))
                continue
            plans.append((row.number, row.values | {"_ocmw": ocmw}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        _apply(plans, batch, lambda v: services.dwelling_import(actor=actor, data={
            "manager": v["_ocmw"], "street": v["adres"], "postcode": v["postcode"],
            "municipality": v["gemeente"], "kind": v["soort"], "bedrooms": v["slaapkamers"],
            "accessible": bool(v.get("rolstoeltoegankelijk")), "rent": v["huur"],
            **({"since": v["sinds"]} if v.get("sinds") else {}),
        }))  # fmt: skip


@register
class RentalListingsImport(ImportKind):
    name = "rental-listings"
    description = "Huuraanbod van de Woonclub (zonder klantgegevens)."
    allowed_roles = rules.IMPORT_REFERENCE_DATA | rules.VOLUNTEERS

    def __init__(self):
        self.columns = [
            Column("gemeente", "Gemeente van de regio.", "Menen", required=True),
            Column("straat_of_buurt", "Straat of buurt (geen huisnummer nodig).", "Centrum",
                   required=True),
            Column("huur", "Huur per maand (decimale komma).", "650,00", parsers.decimal,
                   required=True),
            Column("slaapkamers", "Aantal slaapkamers.", "2", parsers.whole, required=True),
            Column("epc", "EPC-label A–F of onbekend.", "C", LABEL),
            Column("bron", "Waar gezien (immoweb, krant, raambiljet …).", "immoweb",
                   required=True),
            Column("gezien_op", "dd/mm/jjjj.", "20/11/2018", parsers.date, required=True),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        self.columns[0].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        bad = {e.row for e in errors}
        return [(row.number, row.values) for row in rows if row.number not in bad]

    def apply(self, plans, batch, *, actor, source):
        _apply(plans, batch, lambda v: services.listing_record(actor=actor, data={
            "municipality": v["gemeente"], "street_or_area": v["straat_of_buurt"],
            "rent": v["huur"], "bedrooms": v["slaapkamers"], "energy_label": v.get("epc") or "",
            "source": v["bron"], "seen_on": v["gezien_op"],
        }))  # fmt: skip


@register
class CrisisAdmissionsImport(ImportKind):
    name = "crisis-admissions"
    description = "Historische opnames in de crisisbedden."
    allowed_roles = rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            _person_column(),
            Column("partner", "Naam van de partner (organisatie, zoals in Samen).",
                   "CAW Zuid-West-Vlaanderen", required=True),
            Column("bed", "Het bed bij die partner.", "Bed 1", required=True),
            Column("opname", "dd/mm/jjjj uu:mm.", "31/12/2018 22:15", moment, required=True),
            Column("ontslag", "dd/mm/jjjj uu:mm.", "02/01/2019 10:00", moment),
            Column("reden", "Reden van de opname.", "Psychosociale crisis", required=True),
            Column("vervolg", "huis, familie, opvang, zorg, kracht_wonen, woning of ander.",
                   "opvang", FOLLOW_UP),
        ]  # fmt: skip

    def check(self, rows, errors, *, actor, source):
        from samen.housing.models import CrisisBed

        beds = {(b.partner.name.casefold(), b.label.casefold()): b
                for b in CrisisBed.objects.select_related("partner")}  # fmt: skip
        plans = []
        for row, person_id in _persons(rows, errors, source):
            v = row.values
            bed = beds.get((v["partner"].strip().casefold(), v["bed"].strip().casefold()))
            if bed is None:
                reason = "geen bed met die naam bij die partner"
                errors.append(RowError(row.number, "bed", reason))
                continue
            if v.get("ontslag") and v["ontslag"] < v["opname"]:
                errors.append(RowError(row.number, "ontslag", "ligt voor de opname"))
                continue
            plans.append((row.number, v | {"_bed": bed, "_person": person_id}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        _apply(plans, batch, lambda v: services.admission_import(
            actor=actor, bed=v["_bed"], person_id=v["_person"], admitted_at=v["opname"],
            discharged_at=v.get("ontslag"), reason=v["reden"], follow_up=v.get("vervolg") or "",
        ))  # fmt: skip


@register
class MeldpuntSituationsImport(ImportKind):
    name = "meldpunt-situations"
    description = "Historische meldingen aan het Kracht.Wonen-meldpunt (één persoon per rij)."
    allowed_roles = rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            _person_column(),
            Column("gemeld_op", "dd/mm/jjjj.", "15/03/2018", parsers.date, required=True),
            Column("woonsituatie", "straat, nachtopvang, tijdelijk, instelling, precair of "
                   "ander.", "straat", LIVING, required=True),
            Column("thuisloos_sinds", "dd/mm/jjjj.", "01/09/2017", parsers.date, required=True),
            Column("kwetsbaarheid", "1 tot 5.", "4", one_to_five, required=True),
            Column("urgentie", "1 tot 5.", "3", one_to_five, required=True),
            Column("noden", f"Komma's tussen: {', '.join(Need.values)}.", "housing, income",
                   codes(Need.values), required=True),
            Column("toelichting", "Korte beschrijving.", "Slaapt in de auto.", required=True),
            Column("beslissing", "kracht_wonen, andere_route of niet_weerhouden.",
                   "kracht_wonen", DECISION),
            Column("reden_beslissing", "Verplicht bij een beslissing.", "Past in de pool."),
        ]  # fmt: skip

    def check(self, rows, errors, *, actor, source):
        plans = []
        for row, person_id in _persons(rows, errors, source):
            v = row.values
            if v.get("beslissing") and not v.get("reden_beslissing"):
                errors.append(
                    RowError(row.number, "reden_beslissing", "verplicht bij een beslissing")
                )
                continue
            if v["thuisloos_sinds"] > v["gemeld_op"]:
                errors.append(RowError(row.number, "thuisloos_sinds", "ligt na de melding"))
                continue
            plans.append((row.number, v | {"_person": person_id}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        def save(v):
            return services.situation_import(actor=actor, person_id=v["_person"], data={
                "reported_on": v["gemeld_op"], "living_situation": v["woonsituatie"],
                "homeless_since": v["thuisloos_sinds"], "vulnerability": v["kwetsbaarheid"],
                "urgency": v["urgentie"], "needs": v["noden"], "description": v["toelichting"],
                "decision": v.get("beslissing") or "",
                "decision_reason": v.get("reden_beslissing") or "",
            })  # fmt: skip

        _apply(plans, batch, save)


@register
class WoonclubIntakesImport(ImportKind):
    name = "woonclub-intakes"
    description = "Historische intakes van de Woonclub."
    allowed_roles = rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            _person_column(),
            Column("zitdag", "Naam van de zitdag (zoals in Samen).", "Woonclub Menen",
                   required=True),
            Column("intake_op", "dd/mm/jjjj.", "06/02/2018", parsers.date, required=True),
            Column("volwassenen", "Aantal volwassenen.", "1", parsers.whole, required=True),
            Column("kinderen", "Aantal kinderen.", "2", parsers.whole),
            Column("inkomen", "Netto-inkomen per maand (decimale komma).", "1650,00",
                   parsers.decimal, required=True),
            Column("woonsituatie", "huurder, tijdelijk, dakloos, eigenaar of ander.", "huurder",
                   SITUATION, required=True),
            Column("redenen", f"Komma's tussen: {', '.join(MoveReason.values)}.",
                   "unsuitable_home", codes(MoveReason.values), required=True),
            Column("gehuisvest_op", "dd/mm/jjjj, als het gezin een woning vond.", "30/05/2018",
                   parsers.date),
            Column("gehuisvest_in", "privaat, sociaal of ander.", "privaat", HOUSED),
        ]  # fmt: skip

    def check(self, rows, errors, *, actor, source):
        points = {p.name.casefold(): p for p in WalkInPoint.objects.all()}
        plans = []
        for row, person_id in _persons(rows, errors, source):
            v = row.values
            point = points.get(v["zitdag"].strip().casefold())
            if point is None:
                errors.append(RowError(row.number, "zitdag", "onbekende zitdag"))
                continue
            if bool(v.get("gehuisvest_op")) != bool(v.get("gehuisvest_in")):
                errors.append(RowError(row.number, "gehuisvest_in",
                                       "vul gehuisvest_op en gehuisvest_in samen in"))  # fmt: skip
                continue
            plans.append((row.number, v | {"_person": person_id, "_point": point}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        def save(v):
            return services.woonclub_import(actor=actor, person_id=v["_person"], data={
                "point": v["_point"], "intake_on": v["intake_op"], "adults": v["volwassenen"],
                "children": v.get("kinderen") or 0, "income": v["inkomen"],
                "situation": v["woonsituatie"], "reasons": v["redenen"],
                "housed_on": v.get("gehuisvest_op"), "housed_kind": v.get("gehuisvest_in") or "",
            })  # fmt: skip

        _apply(plans, batch, save)
