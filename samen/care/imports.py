"""Care's import kind `gbo-intakes` (see docs/imports.md): one row per intake and right
explored; persons by their key in the source register (import them first with `persons`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from samen.access import rules as access_rules
from samen.care import services
from samen.care.models import Right, RightStatus
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
