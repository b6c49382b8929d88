"""The report contract (../shared/key-figures.md): every key figure's ID, its Dutch label,
its theme and whether it counts people (what small-cell suppression applies to)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    people: bool = False  # a count of persons or households: suppressed when published
    unit: str = ""


THEMES = {
    "poverty": _("Armoedebestrijding"),
    "housing": _("Wonen en energie"),
    "work": _("Werk"),
    "care": _("Zorg"),
}

PROGRAMMES = [  # (theme, slug, title, figures), in the order of the annual report
    ("poverty", "budget-in-zicht", _("Budget In Zicht"), [
        Figure("biz.education.pupils", _("Leerlingen bereikt met educatie"), people=True),
        Figure("biz.education.pupils_by_municipality", _("Leerlingen per gemeente"), people=True),
        Figure("biz.education.pupils_by_activity", _("Leerlingen per activiteit"), people=True),
        Figure("biz.events.count_by_type", _("Activiteiten per soort")),
        Figure("biz.events.participants_by_type", _("Deelnemers per soort activiteit"),
               people=True),
        Figure("biz.groupwork.series", _("Reeksen groepswerk")),
        Figure("biz.groupwork.sessions", _("Sessies groepswerk")),
        Figure("biz.groupwork.participants", _("Deelnemers groepswerk (personen)"), people=True),
    ]),
    ("poverty", "food-act-13", _("Food Act 13"), [
        Figure("food.collected_kg", _("Ingezameld voedsel"), unit="kg"),
        Figure("food.collected_kg_per_day", _("Ingezameld per inzameldag"), unit="kg"),
        Figure("food.distributed_kg", _("Verdeeld voedsel"), unit="kg"),
        Figure("food.wasted_kg", _("Afgeboekt (derving)"), unit="kg"),
        Figure("food.organisations_ordering", _("Bestellende organisaties")),
        Figure("food.donors", _("Schenkers")),
        Figure("food.co2e_avoided_kg", _("Vermeden CO2-equivalent"), unit="kg"),
        Figure("food.trainees_active", _("Actieve leerwerknemers"), people=True),
        Figure("food.target_progress", _("Deel van de jaardoelstelling")),
    ]),
    ("housing", "energiehuis", _("Energiehuis"), [
        Figure("energy.loans.dossiers", _("Dossiers energielening")),
        Figure("energy.loans.by_rate", _("Dossiers per rentevoet (%)")),
        Figure("energy.rolling_fund.homes", _("Woningen voorgefinancierd door het rollend fonds")),
    ]),
    ("housing", "kracht-wonen", _("Kracht.Wonen"), [
        Figure("kw.meldpunt.situations", _("Situaties gemeld bij het meldpunt")),
        Figure("kw.meldpunt.persons", _("Personen in die situaties"), people=True),
        Figure("kw.meldpunt.offered", _("Situaties met een aanbod Kracht.Wonen")),
        Figure("kw.dwellings", _("Woningen in de pool")),
        Figure("kw.occupations", _("Effectieve bewoningen")),
        Figure("kw.outflow", _("Uitstroom per bestemming")),
        Figure("kw.waiting_accelerated_allocation", _("Wachtend op versnelde toewijs")),
        Figure("kw.trajectories.dedicated_team", _("Trajecten van het toegewijde team")),
        Figure("kw.trajectories.kracht_wonen", _("Trajecten voor Kracht.Wonen")),
        Figure("kw.crisis_consultations", _("Multidisciplinaire crisisoverleggen")),
        Figure("kw.crisis_consultations.situations", _("Situaties besproken")),
    ]),
    ("housing", "crisisnetwerk", _("Crisisnetwerk"), [
        Figure("crisis.admissions", _("Opnames in een crisisbed")),
        Figure("crisis.persons", _("Verschillende personen opgenomen"), people=True),
        Figure("crisis.nights", _("Overnachtingen")),
    ]),
    ("housing", "woonclub", _("Woonclub"), [
        Figure("woonclub.points", _("Zitdagplaatsen")),
        Figure("woonclub.new_households", _("Nieuwe gezinnen"), people=True),
        Figure("woonclub.persons", _("Personen in die gezinnen"), people=True),
        Figure("woonclub.singles", _("Alleenstaanden"), people=True),
        Figure("woonclub.by_situation", _("Gezinnen per woonsituatie bij intake"), people=True),
        Figure("woonclub.housed", _("Gehuisvest binnen het jaar"), people=True),
        Figure("woonclub.search_days_avg", _("Gemiddelde zoektijd"), unit=_("dagen")),
        Figure("woonclub.reasons_pct", _("Redenen om te verhuizen (% van de gezinnen)")),
    ]),
    ("housing", "uithuiszetting", _("Preventie van uithuiszetting"), [
        Figure("housing.eviction_reports", _("Meldingen van uithuiszetting")),
        Figure("housing.accelerated_allocation_requests", _("Aanvragen versnelde toewijs")),
    ]),
    ("work", "wijk-werken", _("Wijk-werken"), [
        Figure("work.wijkwerk.cheques", _("Wijk-werkcheques")),
        Figure("work.wijkwerk.hours", _("Gepresteerde uren"), unit=_("uur")),
        Figure("work.wijkwerk.from_pwa", _("Gestart vanuit het PWA-stelsel"), people=True),
        Figure("work.wijkwerk.referred", _("Doorverwezen"), people=True),
        Figure("work.wijkwerk.started", _("Gestart"), people=True),
    ]),
    ("work", "activering", _("Activering en sociale economie"), [
        Figure("work.activation.started", _("Gestarte activeringstrajecten")),
        Figure("work.social_economy.events", _("Evenementen sociale economie")),
    ]),
    ("care", "breed-onthaal", _("Geïntegreerd breed onthaal"), [
        Figure("care.gbo.intakes", _("Intakes")),
        Figure("care.gbo.rights_realised", _("Gerealiseerde rechten")),
    ]),
    ("care", "konekti", _("Konekti"), [
        Figure("care.konekti.families", _("Aangemelde gezinnen"), people=True),
        Figure("care.konekti.days_to_first_contact_avg", _("Dagen tot het eerste contact"),
               unit=_("dagen")),
    ]),
    ("care", "solentra", _("Solentra"), [
        Figure("care.solentra.consultations", _("Consultaties")),
    ]),
    ("care", "vrijwilligers", _("Vrijwilligers"), [
        Figure("care.volunteers.active", _("Actieve vrijwilligers"), people=True),
    ]),
]  # fmt: skip

FIGURES = {f.id: f for _theme, _slug, _title, figures in PROGRAMMES for f in figures}
IDS = list(FIGURES)
