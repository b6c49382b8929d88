"""Care's import kind `gbo-intakes` (see docs/imports.md): one row per intake and right
explored; persons by their key in the source register (import them first with `persons`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from samen.access import rules as access_rules
from samen.care import services
from samen.care.models import Right, RightStatus, Skill
from samen.imports import parsers
from samen.imports.framework import Column, ImportKind, RowError, register, track
from samen.registry import selectors as registry_selectors
from samen.registry.models import Organisation

STATUS = parsers.choice({"waarschijnlijk": RightStatus.PROBABLE, "aangevraagd": RightStatus.APPLIED,
                         "gerealiseerd": RightStatus.REALISED, "geweigerd": RightStatus.REFUSED,
                         "afgesloten": RightStatus.CLOSED})  # fmt: skip


@register
class GboIntakesImport(ImportKind):
    name = "gbo-intakes"
    description = "Onthaalgesprekken van het breed onthaal met de verkende rechten."
    allowed_roles = access_rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("extern_id", "De sleutel van de persoon in het bronregister (--source); "
                   "importeer de personen eerst.", "GBO-0042", required=True),
            Column("onthaal", "Naam van de organisatie van het onthaal (zoals in Samen).",
                   "CAW Zuid-West-Vlaanderen", required=True),
            Column("datum", "dd/mm/jjjj.", "12/03/2018", parsers.date, required=True),
            Column("vraag", "De vraag.", "Hulp bij de energiefactuur", required=True),
            Column("recht", "Code van het recht uit de rechtenlijst (leeg: geen recht).",
                   "sociaal-tarief-energie"),
            Column("stand", ", ".join(STATUS.values) + ".", "gerealiseerd", STATUS),
        ]  # fmt: skip

    def check(self, rows, errors, *, actor, source):
        desks = {o.name.casefold(): o for o in Organisation.objects.filter(
            kind__in=["ocmw", "caw", "health_insurer"])}  # fmt: skip
        rights = {r.code: r for r in Right.objects.all()}
        plans, bad = [], {e.row for e in errors}
        for row in rows:
            if row.number in bad:
                continue
            v = row.values
            person_id = registry_selectors.match_by_external_id(source, v["extern_id"])
            desk = desks.get(v["onthaal"].strip().casefold())
            problem = (
                ("extern_id", "onbekend in deze bron: importeer eerst de personen")
                if person_id is None else
                ("onthaal", "geen GBO-partner met die naam") if desk is None else
                ("recht", "onbekend recht; zie de rechtenlijst") if v.get("recht")
                and v["recht"] not in rights else
                ("stand", "verplicht bij een recht") if v.get("recht") and not v.get("stand")
                else None
            )  # fmt: skip
            if problem:
                errors.append(RowError(row.number, *problem))
                continue
            right = rights.get(v.get("recht") or "")
            plans.append((row.number, v | {"_person": person_id, "_desk": desk, "_right": right}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, v in plans:
            try:
                intake = services.intake_import(
                    actor=actor, person_id=v["_person"], desk=v["_desk"], on=v["datum"],
                    question=v["vraag"], right=v["_right"], status=v.get("stand") or "",
                )  # fmt: skip
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, intake, created=True)


SKILLS = {s.value: s.value for s in Skill} | {str(s.label).split(" (")[0]: s.value for s in Skill}


def skills(value: str) -> list[str]:
    items = [v.strip().lower() for v in value.replace(";", ",").split(",") if v.strip()]
    unknown = [v for v in items if v not in SKILLS]
    if unknown:
        raise ValueError(f"onbekend: {', '.join(unknown)}; mogelijk: {', '.join(Skill.values)}")
    return sorted({SKILLS[v] for v in items})


@register
class VolunteersImport(ImportKind):
    name = "volunteers"
    description = "De vrijwilligersdatabank (geen cliëntgegevens)."
    allowed_roles = access_rules.VOLUNTEER_ADMIN

    def __init__(self):
        self.columns = [
            Column("voornaam", "Voornaam.", "Fien", required=True),
            Column("achternaam", "Achternaam.", "Claes", required=True),
            Column("geboortedatum", "dd/mm/jjjj.", "03/12/1970", parsers.date, required=True),
            Column("gemeente", "Gemeente van de regio.", "Menen", required=True),
            Column("email", "E-mailadres.", "fien@voorbeeld.be", parsers.email),
            Column("telefoon", "Telefoon.", "0470 12 34 56"),
            Column("vaardigheden", "Komma-gescheiden: " + ", ".join(Skill.values) + ".",
                   "cooking, welcome", skills),
            Column("talen", "Talen.", "Nederlands, Frans"),
            Column("uittreksel_strafregister", "Datum van het uittreksel (dd/mm/jjjj).",
                   "10/01/2025", parsers.date),
            Column("verzekerd_vanaf", "dd/mm/jjjj.", "01/01/2025", parsers.date),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        self.columns[3].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        from samen.care.models import Volunteer

        known = set(Volunteer.objects.values_list("first_name", "last_name", "birth_date"))
        bad, seen, plans = {e.row for e in errors}, {}, []
        for row in rows:
            if row.number in bad:
                continue
            v = row.values
            key = (v["voornaam"].casefold(), v["achternaam"].casefold(), v["geboortedatum"])
            if key in seen:
                errors.append(RowError(row.number, "voornaam", f"staat al op rij {seen[key]}"))
                continue
            if (v["voornaam"], v["achternaam"], v["geboortedatum"]) in known:
                errors.append(RowError(row.number, "voornaam", "staat al in de databank"))
                continue
            seen[key] = row.number
            plans.append((row.number, v))
        return plans

    def apply(self, plans, batch, *, actor, source):
        from samen.care.models import Volunteer

        for number, v in plans:
            volunteer = Volunteer(
                first_name=v["voornaam"], last_name=v["achternaam"],
                birth_date=v["geboortedatum"], municipality=v["gemeente"],
                email=v.get("email") or "", phone=v.get("telefoon") or "",
                skills=v.get("vaardigheden") or [], languages=v.get("talen") or "",
                good_conduct_on=v.get("uittreksel_strafregister"),
                insured_from=v.get("verzekerd_vanaf"),
            )  # fmt: skip
            try:
                services.volunteer_save(actor=actor, volunteer=volunteer)
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, volunteer, created=True)
