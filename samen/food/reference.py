"""The hub's reference data: categories (with the circular's best-before margins),
a product catalogue with the 14 EU allergens, and the storage locations in Kuurne."""

from samen.food import rules

CATEGORIES = [
    # code, name, temperature class, best-before margin (days)
    ("groenten-fruit", "Groenten en fruit", "ambient", rules.MARGIN_NONE),
    ("brood", "Brood en banket", "ambient", rules.MARGIN_NONE),
    ("zuivel", "Zuivel", "chilled", rules.MARGIN_NONE),
    ("vlees", "Vlees", "chilled", rules.MARGIN_NONE),
    ("vis", "Vis", "chilled", rules.MARGIN_NONE),
    ("maaltijden", "Bereide maaltijden", "chilled", rules.MARGIN_NONE),
    ("diepvries", "Diepvries", "frozen", rules.MARGIN_VERY_LONG),
    ("droog", "Droge voeding", "ambient", rules.MARGIN_LONG),
]

PRODUCTS = [
    # name, category, unit, kg per unit, allergens
    ("Appels", "groenten-fruit", "kg", "1", []),
    ("Bananen", "groenten-fruit", "kg", "1", []),
    ("Tomaten", "groenten-fruit", "kg", "1", []),
    ("Wortelen", "groenten-fruit", "kg", "1", []),
    ("Sla", "groenten-fruit", "piece", "0.3", []),
    ("Aardappelen", "groenten-fruit", "kg", "1", []),
    ("Bruin brood", "brood", "piece", "0.8", ["gluten", "sesame"]),
    ("Pistolets", "brood", "piece", "0.06", ["gluten"]),
    ("Koffiekoeken", "brood", "piece", "0.09", ["gluten", "milk", "eggs"]),
    ("Melk", "zuivel", "piece", "1.03", ["milk"]),
    ("Yoghurt", "zuivel", "pack", "0.5", ["milk"]),
    ("Kaas", "zuivel", "pack", "0.25", ["milk"]),
    ("Kipfilet", "vlees", "pack", "0.4", []),
    ("Gehakt", "vlees", "pack", "0.5", []),
    ("Zalmfilet", "vis", "pack", "0.25", ["fish"]),
    ("Lasagne", "maaltijden", "pack", "0.4", ["gluten", "milk", "eggs", "celery"]),
    ("Groentesoep", "maaltijden", "pack", "1", ["celery"]),
    ("Diepvriesgroenten", "diepvries", "pack", "1", []),
    ("Diepvriespizza", "diepvries", "piece", "0.35", ["gluten", "milk"]),
    ("Pasta", "droog", "pack", "0.5", ["gluten"]),
    ("Rijst", "droog", "pack", "1", []),
    ("Koekjes", "droog", "pack", "0.3", ["gluten", "milk", "eggs", "nuts"]),
    ("Ontbijtgranen", "droog", "pack", "0.5", ["gluten"]),
    ("Tomaten in blik", "droog", "piece", "0.4", []),
]

LOCATIONS = [
    # code, name, kind, temperature class, walk order
    ("koelcel-1", "Koelcel 1", "cold_room", "chilled", 1),
    ("koelcel-2", "Koelcel 2", "cold_room", "chilled", 2),
    ("diepvries", "Diepvriescel", "freezer", "frozen", 3),
    ("droog", "Droge opslag", "dry_store", "ambient", 4),
]


def load(Category, Product, StorageLocation) -> None:
    for code, name, klass, margin in CATEGORIES:
        Category.objects.update_or_create(
            code=code,
            defaults={"name": name, "temperature_class": klass, "best_before_margin_days": margin},
        )
    categories = {c.code: c for c in Category.objects.all()}
    for name, category, unit, kg, allergens in PRODUCTS:
        Product.objects.update_or_create(
            name=name,
            defaults={
                "category": categories[category],
                "unit": unit,
                "kg_per_unit": kg,
                "allergens": allergens,
            },
        )
    for code, name, kind, klass, order in LOCATIONS:
        StorageLocation.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "temperature_class": klass, "walk_order": order},
        )
