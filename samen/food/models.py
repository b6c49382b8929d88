"""Food Act 13: master data, lots and the stock events they are counted from.

Stock is never stored: it is the sum of a lot's events (intake, write-off, count
adjustment, ...), so history cannot silently change."""

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry.models import Municipality, Organisation


class TemperatureClass(models.TextChoices):
    CHILLED = "chilled", _("gekoeld")
    FROZEN = "frozen", _("diepvries")
    AMBIENT = "ambient", _("omgevingstemperatuur")


class Allergen(models.TextChoices):
    """The 14 allergens of Reg. (EU) 1169/2011, annex II."""

    GLUTEN = "gluten", _("gluten")
    CRUSTACEANS = "crustaceans", _("schaaldieren")
    EGGS = "eggs", _("eieren")
    FISH = "fish", _("vis")
    PEANUTS = "peanuts", _("aardnoten")
    SOY = "soy", _("soja")
    MILK = "milk", _("melk")
    NUTS = "nuts", _("noten")
    CELERY = "celery", _("selderij")
    MUSTARD = "mustard", _("mosterd")
    SESAME = "sesame", _("sesamzaad")
    SULPHITES = "sulphites", _("sulfieten")
    LUPIN = "lupin", _("lupine")
    MOLLUSCS = "molluscs", _("weekdieren")


class Category(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=80)
    temperature_class = models.CharField(
        _("temperatuurklasse"), max_length=10, choices=TemperatureClass.choices
    )
    best_before_margin_days = models.PositiveSmallIntegerField(
        _("marge na THT (dagen)"),
        help_text=_("Hoe lang na de THT een product nog aanvaard wordt (FAVV-omzendbrief)."),
    )
    max_kg_per_order = models.DecimalField(
        _("maximum per bestelling (kg)"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("categorie")

    def __str__(self) -> str:
        return self.name


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    PIECE = "piece", _("stuk")
    PACK = "pack", _("verpakking")


class Product(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name=_("categorie"))
    unit = models.CharField(_("eenheid"), max_length=10, choices=Unit.choices, default=Unit.KG)
    kg_per_unit = models.DecimalField(
        _("kg per eenheid"), max_digits=7, decimal_places=3, default=1,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    allergens = models.JSONField(_("allergenen"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.allergens) - set(Allergen.values)
        if unknown:
            raise ValidationError({"allergens": _("Onbekend allergeen: %s") % ", ".join(unknown)})


class PickupPoint(models.Model):
    """A donor's store where the vans collect."""

    donor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="pickup_points",
        limit_choices_to={"kind": "donor"}, verbose_name=_("donor"),
    )  # fmt: skip
    name = models.CharField(_("naam"), max_length=120)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    typical_kg = models.PositiveIntegerField(_("gewoonlijk (kg)"), default=0)
    windows = models.JSONField(
        _("ophaalvensters"), default=dict, blank=True,
        help_text=_('Per weekdag (0 = maandag): [["07:00", "09:00"]].'),
    )  # fmt: skip
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ophaalpunt")

    def __str__(self) -> str:
        return self.name


class Van(models.Model):
    name = models.CharField(_("naam"), max_length=60, unique=True)
    plate = models.CharField(_("nummerplaat"), max_length=12, blank=True)
    capacity_kg = models.PositiveIntegerField(_("capaciteit (kg)"))
    capacity_crates = models.PositiveIntegerField(_("capaciteit (bakken)"))
    refrigerated = models.BooleanField(_("gekoeld"), default=True)
    shift_start = models.TimeField(_("dienst van"), default=dt.time(7, 30))
    shift_end = models.TimeField(_("dienst tot"), default=dt.time(16, 0))
    cost_per_km = models.DecimalField(
        _("kost per km (€)"), max_digits=5, decimal_places=2, default=Decimal("0.35")
    )
    active = models.BooleanField(_("in dienst"), default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.shift_start and self.shift_end and self.shift_end <= self.shift_start:
            raise ValidationError({"shift_end": _("De dienst eindigt voor hij begint.")})


class LocationKind(models.TextChoices):
    COLD_ROOM = "cold_room", _("koelcel")
    FREEZER = "freezer", _("diepvries")
    DRY_STORE = "dry_store", _("droge opslag")


class StorageLocation(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=60)
    kind = models.CharField(_("soort"), max_length=10, choices=LocationKind.choices)
    temperature_class = models.CharField(max_length=10, choices=TemperatureClass.choices)
    walk_order = models.PositiveSmallIntegerField(_("looprang"), default=0)

    class Meta:
        ordering = ["walk_order", "code"]

    def __str__(self) -> str:
        return self.name


class DateKind(models.TextChoices):
    USE_BY = "use_by", _("TGT (te gebruiken tot)")
    BEST_BEFORE = "best_before", _("THT (ten minste houdbaar tot)")
    NONE = "none", _("geen datum (verse groenten en fruit)")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("aanvaard")
    QUARANTINED = "quarantined", _("in quarantaine")
    REFUSED = "refused", _("geweigerd")


class Pickup(models.Model):
    """One collection round at a store; its lots follow. A round that brought nothing
    is recorded too, with its reason (the store had nothing, closed, ...)."""

    pickup_point = models.ForeignKey(PickupPoint, on_delete=models.PROTECT, related_name="pickups")
    van = models.ForeignKey(Van, on_delete=models.PROTECT, null=True, blank=True)
    collected_at = models.DateTimeField(default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nothing_reason = models.CharField(_("reden: niets opgehaald"), max_length=200, blank=True)

    class Meta:
        ordering = ["-collected_at"]


def new_lot_code() -> str:
    """Short, unambiguous (no 0/O, 1/I), easy to type from a label."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class Lot(models.Model):
    code = models.CharField(max_length=8, unique=True, default=new_lot_code, editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, verbose_name=_("product"))
    donor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="lots", verbose_name=_("donor")
    )
    pickup = models.ForeignKey(
        Pickup, on_delete=models.PROTECT, null=True, blank=True, related_name="lots"
    )
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    crates = models.PositiveSmallIntegerField(_("bakken"), default=0)
    units = models.PositiveIntegerField(_("eenheden"), default=0)
    kg = models.DecimalField(_("gewogen kg"), max_digits=8, decimal_places=2)
    date_kind = models.CharField(_("soort datum"), max_length=12, choices=DateKind.choices)
    expiry = models.DateField(_("datum"), null=True, blank=True)
    arrival_celsius = models.DecimalField(
        _("temperatuur bij aankomst (°C)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    decision = models.CharField(max_length=12, choices=Decision.choices)
    decision_note = models.TextField(blank=True)
    flagged = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["expiry"]), models.Index(fields=["received_at"])]

    def __str__(self) -> str:
        return f"{self.code} {self.product}"


class EventKind(models.TextChoices):
    INTAKE = "intake", _("ontvangst")
    ALLOCATION = "allocation", _("toewijzing")
    PICK = "pick", _("gepickt")
    DELIVERY = "delivery", _("geleverd")
    RETURN = "return", _("terug in voorraad")
    MOVE = "move", _("verplaatsing")
    QUARANTINE = "quarantine", _("quarantaine")
    RELEASE = "release", _("vrijgegeven")
    WRITE_OFF = "write_off", _("afboeking")
    ADJUSTMENT = "adjustment", _("telling")


class WriteOffReason(models.TextChoices):
    EXPIRED = "expired", _("vervallen")
    COLD_CHAIN = "cold_chain", _("koudeketen onderbroken")
    DAMAGED = "damaged", _("beschadigd")
    QUALITY = "quality", _("kwaliteit")


class Destination(models.TextChoices):
    COMPOST_BIOGAS = "compost_biogas", _("compost / biogas")
    ANIMAL_FEED = "animal_feed", _("dierenvoeding")


class StockEvent(models.Model):
    """Append-only. kg is signed: + into stock, − out of it; 0 for a status change."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    kg = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    location = models.ForeignKey(StorageLocation, on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, blank=True)
    destination = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            raise ValidationError(_("Een voorraadbeweging wordt nooit gewijzigd."))
        super().save(*args, **kwargs)


class DeliveryMode(models.TextChoices):
    DELIVERY = "delivery", _("levering")
    PICKUP = "pickup", _("afhalen aan de hub")


class Recipient(models.Model):
    """A food organisation as the hub sees it: who it serves and how it receives."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="food_profile",
        limit_choices_to={"kind": "food_organisation"},
    )  # fmt: skip
    households = models.PositiveIntegerField(_("gezinnen"), default=0)
    persons = models.PositiveIntegerField(_("personen"), default=0)
    delivery_mode = models.CharField(
        _("ontvangst"), max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.DELIVERY
    )
    window_start = models.TimeField(_("levervenster van"), null=True, blank=True)
    window_end = models.TimeField(_("levervenster tot"), null=True, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    crates_capacity = models.PositiveSmallIntegerField(
        _("koelruimte (bakken)"), default=0, help_text=_("0 = niet opgegeven (geen grens).")
    )
    dietary = models.JSONField(_("voedingsbeperkingen"), default=list, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        if self.window_start and self.window_end and self.window_end <= self.window_start:
            raise ValidationError({"window_end": _("Het venster eindigt voor het begint.")})


class ShopDay(models.Model):
    """One day of the W13 SHOP: published stock, orders until the cut-off, then allocated."""

    date = models.DateField(unique=True)
    cut_off = models.DateTimeField(_("bestellen tot"))
    kg_per_person = models.DecimalField(
        _("quotum per persoon (kg)"), max_digits=5, decimal_places=2, default=Decimal("1.00")
    )
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and timezone.now() < self.cut_off


class ShopOffer(models.Model):
    day = models.ForeignKey(ShopDay, on_delete=models.CASCADE, related_name="offers")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    kg = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["product__category__name", "product__name"]
        constraints = [models.UniqueConstraint(fields=["day", "product"], name="offer_once")]


class Order(models.Model):
    day = models.ForeignKey(ShopDay, on_delete=models.PROTECT, related_name="orders")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="orders")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    standing = models.BooleanField(default=False)
    explanation = models.TextField(blank=True)  # the allocation in a sentence, at the cut-off
    picked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["day", "organisation"], name="one_order_a_day")
        ]


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    kg = models.DecimalField(_("gevraagd (kg)"), max_digits=8, decimal_places=2)
    granted_kg = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    explanation = models.TextField(blank=True)
    received_kg = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["product__category__name", "product__name"]
        constraints = [models.UniqueConstraint(fields=["order", "product"], name="line_once")]


class Allocation(models.Model):
    """Which lot feeds which order line (FEFO), and how much."""

    line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="allocations")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="allocations")
    kg = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["pk"]


class StandingOrder(models.Model):
    """What an organisation wants every week on given days, ordered for it at publishing."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="standing_orders"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    kg = models.DecimalField(max_digits=8, decimal_places=2)
    weekdays = models.JSONField(default=list, help_text=_("0 = maandag … 6 = zondag"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "product"], name="standing_once")
        ]


class Delivery(models.Model):
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="delivery")
    delivered_at = models.DateTimeField(default=timezone.now, db_index=True)  # the figures
    receiver_name = models.CharField(_("ontvangen door"), max_length=120)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at_hub = models.BooleanField(default=False)
    discrepancy_note = models.TextField(blank=True)


class Trainee(models.Model):
    """A trainee worker (leerwerknemer): far from the labour market, learning at the hub."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainee",
    )
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=80)
    referred_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegeleid door"),
    )
    contract_start = models.DateField(_("contract vanaf"))
    contract_end = models.DateField(_("contract tot"), null=True, blank=True)

    class Meta:
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        if self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": _("Het contract eindigt voor het begint.")})


class ShiftKind(models.TextChoices):
    INTAKE = "intake", _("ontvangst")
    PICKING = "picking", _("orderpicking")
    DRIVING = "driving", _("rijden met een coach")


class Shift(models.Model):
    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="shifts")
    date = models.DateField(_("datum"))
    kind = models.CharField(_("taak"), max_length=10, choices=ShiftKind.choices)
    start = models.TimeField(_("van"))
    end = models.TimeField(_("tot"))
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["date", "start"]

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("De shift eindigt voor ze begint.")})


class Competence(models.TextChoices):
    PUNCTUALITY = "punctuality", _("stiptheid")
    HYGIENE = "hygiene", _("hygiëne en koudeketen")
    WEIGHING = "weighing", _("wegen en registreren")
    PICKING = "picking", _("orderpicking")
    TEAMWORK = "teamwork", _("samenwerken")
    DRIVING = "driving", _("rijden en leveren")


class ProgressNote(models.Model):
    """A coach's note on a trainee's progress: for coaches only."""

    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="notes")
    competence = models.CharField(_("competentie"), max_length=20, choices=Competence.choices)
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")]
    )
    note = models.TextField(_("notitie"))
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]


class SensorDevice(models.Model):
    """A temperature sensor that posts readings to the API with its own token."""

    name = models.CharField(_("naam"), max_length=60, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    location = models.ForeignKey(StorageLocation, on_delete=models.PROTECT, null=True, blank=True)
    van = models.ForeignKey(Van, on_delete=models.PROTECT, null=True, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class TemperatureReading(models.Model):
    location = models.ForeignKey(
        StorageLocation, on_delete=models.PROTECT, null=True, blank=True, related_name="readings"
    )
    van = models.ForeignKey(
        Van, on_delete=models.PROTECT, null=True, blank=True, related_name="readings"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    celsius = models.DecimalField(_("temperatuur (°C)"), max_digits=4, decimal_places=1)
    out_of_range = models.BooleanField(default=False)
    device = models.ForeignKey(SensorDevice, on_delete=models.PROTECT, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at"]

    @property
    def space(self):
        return self.location or self.van


class ColdChainAlert(models.Model):
    reading = models.OneToOneField(
        TemperatureReading, on_delete=models.PROTECT, related_name="alert"
    )
    quarantined_lots = models.PositiveIntegerField(default=0)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-reading__at"]


class PlanStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class RoutePlan(models.Model):
    """One planning of a shop day's van routes, made in the background; a re-planning
    when a van drops out is a new plan that points to the one it replaces."""

    day = models.ForeignKey(ShopDay, on_delete=models.PROTECT, related_name="route_plans")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.QUEUED)
    progress = models.CharField(max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replanned"
    )
    dropped_van = models.ForeignKey(Van, on_delete=models.PROTECT, null=True, blank=True)
    from_time = models.TimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
