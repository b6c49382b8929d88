"""The hub's master data, edited by the hub coordinator on one kind of page: products and
categories (with the allergens and the best-before margins), donor stores, vans and
storage locations. Each kind names its model and the fields a coordinator may edit."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.food.models import (
    Allergen,
    Category,
    PickupPoint,
    Product,
    Recipient,
    StorageLocation,
    Van,
)


@dataclass(frozen=True)
class Kind:
    model: type
    fields: tuple[str, ...]
    title: str
    columns: tuple[str, ...]


KINDS = {
    "producten": Kind(Product, ("name", "category", "unit", "kg_per_unit", "allergens"),
                      _("Producten"), ("name", "category", "unit", "kg_per_unit")),
    "categorieen": Kind(Category, ("name", "temperature_class", "best_before_margin_days",
                                   "max_kg_per_order"),
                        _("Categorieën"), ("name", "temperature_class",
                                           "best_before_margin_days", "max_kg_per_order")),
    "ophaalpunten": Kind(PickupPoint, ("donor", "name", "street", "house_number", "postcode",
                                       "municipality", "latitude", "longitude", "typical_kg",
                                       "active"),
                         _("Ophaalpunten"), ("name", "donor", "municipality", "typical_kg",
                                             "active")),
    "organisaties": Kind(Recipient, ("organisation", "households", "persons", "delivery_mode",
                                     "window_start", "window_end", "latitude", "longitude",
                                     "crates_capacity", "contact_name", "contact_phone"),
                         _("Voedselverdeelorganisaties"), ("organisation", "persons",
                                                           "delivery_mode", "crates_capacity")),
    "bestelwagens": Kind(Van, ("name", "plate", "capacity_kg", "capacity_crates",
                               "refrigerated", "shift_start", "shift_end", "cost_per_km",
                               "active"),
                         _("Bestelwagens"), ("name", "plate", "capacity_kg", "capacity_crates",
                                             "refrigerated")),
    "opslag": Kind(StorageLocation, ("code", "name", "kind", "temperature_class", "walk_order"),
                   _("Opslagplaatsen"), ("code", "name", "kind", "temperature_class",
                                         "walk_order")),
}  # fmt: skip


def form_for(kind: Kind) -> type[forms.ModelForm]:
    widgets = {}
    if "allergens" in kind.fields:
        widgets["allergens"] = forms.CheckboxSelectMultiple(choices=Allergen.choices)
    form = forms.modelform_factory(
        kind.model, fields=kind.fields, widgets=widgets, localized_fields="__all__"
    )
    if "allergens" in kind.fields:
        form.base_fields["allergens"] = forms.MultipleChoiceField(
            label=_("Allergenen"),
            choices=Allergen.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    return form
