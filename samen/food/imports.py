"""Food Act 13's import kinds: `food-organisations` and `donations` (see docs/imports.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from samen.access import rules
from samen.food import services
from samen.food.models import DateKind, DeliveryMode, PickupPoint, Product, Recipient
from samen.imports import parsers
from samen.imports.framework import (
    RESTORERS,
    Column,
    ImportKind,
    RowError,
    register,
    rows_by_name,
    track,
)
from samen.registry import selectors as registry_selectors
from samen.registry import services as registry_services
from samen.registry.models import OrganisationKind

MODE = parsers.choice({"levering": DeliveryMode.DELIVERY, "afhalen": DeliveryMode.PICKUP})
DATE_KIND = parsers.choice({"tgt": DateKind.USE_BY, "tht": DateKind.BEST_BEFORE,
                            "geen": DateKind.NONE})  # fmt: skip
DIETARY = {"halal", "vegetarisch", "veganistisch", "varkensvleesvrij", "glutenvrij",
           "lactosevrij"}  # fmt: skip
RECIPIENT_FIELDS = (
    "households",
    "persons",
    "delivery_mode",
    "window_start",
    "window_end",
    "crates_capacity",
    "dietary",
    "contact_name",
    "contact_phone",
)


def time_of_day(value: str):
    import datetime as dt

    try:
        return dt.datetime.strptime(value.strip().replace(".", ":"), "%H:%M").time()
    except ValueError as exc:
        raise ValueError(f"'{value}' is geen uur (uu:mm)") from exc


def dietary(value: str) -> list[str]:
    items = [v.strip().lower() for v in value.replace(";", ",").split(",") if v.strip()]
    unknown = [v for v in items if v not in DIETARY]
    if unknown:
        raise ValueError(f"onbekend: {', '.join(unknown)}; mogelijk: {', '.join(sorted(DIETARY))}")
    return items


@register
class FoodOrganisationsImport(ImportKind):
    name = "food-organisations"
    description = "Voedselverdeelorganisaties met hun begunstigden en ontvangst."
    allowed_roles = rules.IMPORT_REFERENCE_DATA | rules.FOOD_SHOP_ADMIN

    def __init__(self):
        self.columns = [
            Column("naam", "Naam van de organisatie.", "Vzw De Zonnebloem", required=True),
            Column("gemeente", "Gemeente van de regio: naam, deelgemeente of postcode.", "Menen",
                   required=True),
            Column("gezinnen", "Aantal begunstigde gezinnen.", "40", parsers.whole),
            Column("personen", "Aantal begunstigde personen.", "110", parsers.whole, required=True),
            Column("ontvangst", "levering of afhalen.", "levering", MODE),
            Column("venster_van", "Levervenster vanaf (uu:mm).", "09:00", time_of_day),
            Column("venster_tot", "Levervenster tot (uu:mm).", "12:00", time_of_day),
            Column("bakken", "Koelruimte in bakken.", "8", parsers.whole),
            Column("voedingsbeperkingen", f"Komma's tussen: {', '.join(sorted(DIETARY))}.",
                   "halal", dietary),
            Column("contactpersoon", "Naam.", "Greet"),
            Column("telefoon", "Telefoon.", "056 00 00 00"),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        self.columns[1].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        plans = []
        for row in rows_by_name(rows, errors):
            v = row.values
            start, end = v.get("venster_van"), v.get("venster_tot")
            if start and end and end <= start:
                errors.append(RowError(row.number, "venster_tot", "ligt voor venster_van"))
                continue
            plans.append((row.number, v))
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, v in plans:
            existing = registry_selectors.organisation_named(v["naam"], v["gemeente"])
            try:
                if existing is None:
                    organisation = registry_services.organisation_save(
                        actor=actor, organisation=None,
                        data={"name": v["naam"], "kind": OrganisationKind.FOOD_ORGANISATION,
                              "municipality": v["gemeente"]})  # fmt: skip
                    track(batch, number, organisation, created=True)
                else:
                    organisation = existing
                profile = Recipient.objects.filter(organisation=organisation).first()
                before = (
                    {f: _plain(getattr(profile, f)) for f in RECIPIENT_FIELDS} if profile else None
                )
                data = {
                    "households": v.get("gezinnen") or 0, "persons": v["personen"],
                    "delivery_mode": v.get("ontvangst") or DeliveryMode.DELIVERY,
                    "window_start": v.get("venster_van"), "window_end": v.get("venster_tot"),
                    "crates_capacity": v.get("bakken") or 0,
                    "dietary": v.get("voedingsbeperkingen") or [],
                    "contact_name": v.get("contactpersoon") or "",
                    "contact_phone": v.get("telefoon") or "",
                }  # fmt: skip
                recipient = services.recipient_save(
                    actor=actor, organisation=organisation, data=data
                )
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, recipient, created=profile is None, before=before)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _restore_recipient(*, actor, obj, before):
    import datetime as dt

    data = dict(before)
    for name in ("window_start", "window_end"):
        data[name] = dt.time.fromisoformat(data[name]) if data.get(name) else None
    services.recipient_save(actor=actor, organisation=obj.organisation, data=data)


RESTORERS["food.recipient"] = _restore_recipient


@register
class DonationsImport(ImportKind):
    name = "donations"
    description = "Historische ontvangst: de loten uit een oud ontvangstregister."
    allowed_roles = rules.FOOD_SHOP_ADMIN | rules.IMPORT_REFERENCE_DATA

    def __init__(self):
        self.columns = [
            Column("datum", "Dag van ontvangst (dd/mm/jjjj).", "26/11/2018", parsers.date,
                   required=True),
            Column("donor", "Naam van de donor (zoals in Samen).", "Colruyt Kortrijk",
                   required=True),
            Column("ophaalpunt", "Naam van het ophaalpunt (winkel).", "Colruyt Kortrijk"),
            Column("product", "Naam van het product (zoals in Samen).", "Yoghurt", required=True),
            Column("kg", "Gewogen kg (decimale komma).", "12,5", None, required=True),
            Column("bakken", "Aantal bakken.", "1", parsers.whole),
            Column("datumsoort", "tgt, tht of geen.", "tgt", DATE_KIND, required=True),
            Column("houdbaarheidsdatum", "De datum op de verpakking.", "28/11/2018",
                   parsers.date),
            Column("temperatuur", "Temperatuur bij aankomst (°C).", "4,5", None),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        from samen.registry.models import Organisation

        donors = {o.name.casefold(): o for o in Organisation.objects.filter(kind="donor")}
        products = {p.name.casefold(): p for p in Product.objects.select_related("category")}
        points = {p.name.casefold(): p for p in PickupPoint.objects.all()}

        def lookup(table, what):
            def parse(value):
                found = table.get(value.strip().casefold())
                if found is None:
                    raise ValueError(f"onbekende {what} '{value}'")
                return found

            return parse

        by_name = {c.name: c for c in self.columns}
        by_name["donor"].parse = lookup(donors, "donor")
        by_name["product"].parse = lookup(products, "product")
        by_name["ophaalpunt"].parse = lookup(points, "ophaalpunt")
        comma = getattr(self, "decimal_comma", True)
        by_name["kg"].parse = lambda v: parsers.decimal(v, comma=comma)
        by_name["temperatuur"].parse = lambda v: parsers.decimal(v, comma=comma)

    def check(self, rows, errors, *, actor, source):
        plans = []
        bad = {e.row for e in errors}
        for row in rows:
            v = row.values
            if row.number in bad:
                continue
            if v["datumsoort"] != DateKind.NONE and not v.get("houdbaarheidsdatum"):
                errors.append(
                    RowError(row.number, "houdbaarheidsdatum", "verplicht bij tgt of tht")
                )
                continue
            plans.append((row.number, v))
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, v in plans:
            try:
                lot = services.lot_import_historic(
                    actor=actor, donor=v["donor"], product=v["product"], kg=v["kg"],
                    crates=v.get("bakken") or 0, date_kind=v["datumsoort"],
                    expiry=v.get("houdbaarheidsdatum"), arrival_celsius=v.get("temperatuur"),
                    received_on=v["datum"], pickup_point=v.get("ophaalpunt"),
                )  # fmt: skip
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, lot, created=True)
