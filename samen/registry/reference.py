"""Reference data shipped with Samen: the 14 W13 municipalities and the programmes
(which double as the register of processing activities)."""

import csv
from decimal import Decimal
from pathlib import Path

MUNICIPALITIES_CSV = Path(__file__).parent / "data" / "municipalities.csv"


def municipality_rows(path: Path = MUNICIPALITIES_CSV) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def load_municipalities(Municipality, Section) -> None:
    for row in municipality_rows():
        if row["lat"]:
            Municipality.objects.update_or_create(
                nis_code=row["nis_code"],
                defaults={"name": row["municipality"], "latitude": Decimal(row["lat"]),
                          "longitude": Decimal(row["lon"])},
            )  # fmt: skip
    by_nis = {m.nis_code: m for m in Municipality.objects.all()}
    for row in municipality_rows():
        Section.objects.update_or_create(
            municipality=by_nis[row["nis_code"]], name=row["section"],
            defaults={"postcode": row["postcode"]},
        )  # fmt: skip


SA = ["basic", "contact", "identity", "social", "financial", "housing", "health"]
PROGRAMMES = [
    # code, name, purpose, legal basis, categories, sensitive category, retention, controller
    ("social_assistance", "Maatschappelijke dienstverlening (OCMW)",
     "Maatschappelijke dienstverlening en integratie: onderzoek, begeleiding, hulp.",
     "Wettelijke opdracht: OCMW-wet van 8 juli 1976, art. 1 en 57; decreet lokaal bestuur.",
     SA, "social", 10, "Het OCMW van de gemeente"),
    ("caw", "Algemeen welzijnswerk (CAW)",
     "Onthaal, begeleiding en opvang door het CAW.",
     "Wettelijke opdracht: decreet algemeen welzijnswerk van 8 mei 2009; toestemming.",
     [*SA, "psychiatric", "addiction"], "social", 10, "CAW Zuid-West-Vlaanderen"),
    ("biz", "Budget In Zicht", "Schuldpreventie, budgetbegeleiding en groepswerk.",
     "Wettelijke opdracht (OCMW) en toestemming.",
     ["basic", "contact", "social", "financial"], "financial", 5, "W13 en de OCMW's"),
    ("food", "Food Act 13", "Herverdeling van voedseloverschotten via voedselverdeelorganisaties.",
     "Toestemming van de begunstigde; algemeen belang.",
     ["basic", "social"], "social", 2, "W13"),
    ("energy", "Energiehuis", "Energieleningen en rollend fonds voor noodkopers.",
     "Wettelijke opdracht: Energiebesluit (energiehuizen); overeenkomst met de ontlener.",
     ["basic", "contact", "identity", "financial", "housing"], "financial", 10,
     "W13 (Energiehuis)"),
    ("kracht_wonen", "Kracht.Wonen", "Regionaal meldpunt en woningpool voor langdurig thuislozen.",
     "Wettelijke opdracht (OCMW, CAW); toestemming; vitaal belang.",
     ["basic", "contact", "identity", "social", "housing", "health", "psychiatric", "addiction"],
     "housing", 10, "W13 (regionaal meldpunt)"),
    ("crisis", "Regionaal crisisnetwerk", "Crisisbedden voor personen in psychosociale crisis.",
     "Vitaal belang (na de kantooruren); wettelijke opdracht.",
     ["basic", "contact", "social", "housing", "psychiatric"], "psychiatric", 10,
     "W13 en de partners van het crisisnetwerk"),
    ("woonclub", "Woonclub", "Begeleiding bij het zoeken van een huurwoning.",
     "Toestemming.", ["basic", "contact", "social", "housing"], "housing", 5, "W13"),
    ("eviction", "Preventie uithuiszetting", "Eén meldpunt om uithuiszetting te voorkomen.",
     "Wettelijke opdracht: art. 1344ter Gerechtelijk Wetboek (melding aan het OCMW).",
     ["basic", "contact", "social", "financial", "housing"], "housing", 5, "Het OCMW"),
    ("wijkwerk", "Wijk-werken", "Wijk-werktrajecten en wijk-werkcheques.",
     "Wettelijke opdracht: decreet wijk-werken van 7 juli 2017.",
     ["basic", "contact", "identity", "work"], "work", 10, "W13 (wijk-werkorganisator)"),
    ("activation", "Activeringstrajecten", "Geïntegreerde werk- en zorgtrajecten (W²).",
     "Wettelijke opdracht: W²-decreet; toestemming.",
     ["basic", "contact", "identity", "work", "health"], "health", 10, "W13 (penhouder)"),
    ("gbo", "Geïntegreerd Breed Onthaal", "Toegankelijke sociale hulp, onderbescherming tegengaan.",
     "Wettelijke opdracht (OCMW, CAW, DMW ziekenfondsen); toestemming.",
     ["basic", "contact", "social", "financial"], "social", 5, "De GBO-kernpartners"),
    ("konekti", "Konekti", "Gezinsondersteuning: 1Gezin1Plan.",
     "Toestemming van het gezin (ouders voor minderjarigen).",
     ["basic", "contact", "social", "health"], "social", 5, "Konekti-partnerschap"),
    ("solentra", "Solentra", "Traumabegeleiding voor vluchtelingen in OCMW-begeleiding.",
     "Toestemming; wettelijke opdracht (OCMW).",
     ["basic", "contact", "psychiatric"], "psychiatric", 10, "Het OCMW en Solentra"),
    ("volunteers", "Vrijwilligersdatabank", "Werving en inzet van vrijwilligers.",
     "Toestemming van de vrijwilliger.", ["basic", "contact"], "basic", 2, "W13"),
]  # fmt: skip


def load_programmes(Programme) -> None:
    for code, name, purpose, basis, categories, sensitive, years, controller in PROGRAMMES:
        Programme.objects.update_or_create(
            code=code,
            defaults={"name": name, "purpose": purpose, "legal_basis": basis,
                      "categories": categories, "sensitive_category": sensitive,
                      "retention_years": years, "controller": controller},
        )  # fmt: skip
