"""Housing: the regional crisis-bed network (the meldpunt, the dwelling pool, Woonclub and
eviction prevention follow)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry.models import LegalBasis, Municipality, Organisation, Person, Team


class CrisisBed(models.Model):
    """One bed of a partner of the crisis network; its capacity is its active beds."""

    partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="crisis_beds",
        verbose_name=_("partner"),
    )  # fmt: skip
    label = models.CharField(_("bed"), max_length=60)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["partner__name", "label"]
        constraints = [models.UniqueConstraint(fields=["partner", "label"], name="crisis_bed_once")]

    def __str__(self) -> str:
        return f"{self.partner} — {self.label}"


class FollowUp(models.TextChoices):
    HOME = "home", _("terug naar huis")
    FAMILY = "family", _("familie of netwerk")
    SHELTER = "shelter", _("opvang of nachtopvang")
    CARE = "care", _("ziekenhuis of zorgvoorziening")
    KRACHT_WONEN = "kracht_wonen", _("gemeld bij Kracht.Wonen")
    HOUSING = "housing", _("eigen woning gevonden")
    OTHER = "other", _("ander of onbekend")


class CrisisAdmission(models.Model):
    """A person in a crisis bed, from admission to discharge. A bed holds one open
    admission at most: the database refuses a second (no double booking)."""

    bed = models.ForeignKey(CrisisBed, on_delete=models.PROTECT, related_name="admissions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="crisis_admissions")
    # The referring service: the admitting worker's unit.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    admitted_at = models.DateTimeField(_("opgenomen op"), default=timezone.now)
    reason = models.TextField(_("reden"))
    legal_basis = models.CharField(_("rechtsgrond"), max_length=20, choices=LegalBasis.choices)
    discharged_at = models.DateTimeField(_("ontslagen op"), null=True, blank=True)
    follow_up = models.CharField(_("vervolg"), max_length=20, choices=FollowUp.choices, blank=True)
    follow_up_note = models.TextField(_("toelichting vervolg"), blank=True)

    class Meta:
        ordering = ["-admitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["bed"], condition=Q(discharged_at__isnull=True),
                name="one_open_admission_per_bed",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["admitted_at"])]

    def clean(self) -> None:
        if self.discharged_at and self.discharged_at < self.admitted_at:
            raise ValidationError({"discharged_at": _("Het ontslag ligt voor de opname.")})


# --- Kracht.Wonen: the regional meldpunt -------------------------------------------------


class LivingSituation(models.TextChoices):
    STREET = "street", _("op straat")
    NIGHT_SHELTER = "night_shelter", _("nachtopvang")
    SOFA = "sofa", _("tijdelijk bij familie of vrienden")
    INSTITUTION = "institution", _("in een instelling, ontslag nakend")
    PRECARIOUS = "precarious", _("kraakpand, wagen of tent")
    OTHER = "other", _("ander")


class Need(models.TextChoices):
    HOUSING = "housing", _("wonen")
    INCOME = "income", _("inkomen")
    DEBT = "debt", _("schulden")
    PHYSICAL = "physical", _("lichamelijke gezondheid")
    MENTAL_HEALTH = "mental_health", _("geestelijke gezondheid")
    ADDICTION = "addiction", _("verslaving")
    DAILY_LIVING = "daily_living", _("dagelijks leven en zelfzorg")
    NETWORK = "network", _("sociaal netwerk")


# Needs that are special-category data: shown only to who may see that category.
SENSITIVE_NEEDS = {Need.MENTAL_HEALTH: "psychiatric", Need.ADDICTION: "addiction"}


class SituationDecision(models.TextChoices):
    KRACHT_WONEN = "kracht_wonen", _("Kracht.Wonen-traject aangeboden")
    OTHER_ROUTE = "other_route", _("andere route")
    NOT_RETAINED = "not_retained", _("niet weerhouden")


class Situation(models.Model):
    """A situation reported to the meldpunt: one or more persons (a household or single
    people), how they live now and since when, their needs, how urgent it is."""

    persons = models.ManyToManyField(Person, related_name="meldpunt_situations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_on = models.DateField(_("gemeld op"), default=timezone.localdate)
    living_situation = models.CharField(
        _("huidige woonsituatie"), max_length=20, choices=LivingSituation.choices
    )
    homeless_since = models.DateField(_("dak- of thuisloos sinds"))
    vulnerability = models.PositiveSmallIntegerField(_("kwetsbaarheid (1–5)"))
    urgency = models.PositiveSmallIntegerField(_("urgentie (1–5)"))
    needs = models.JSONField(_("noden"), default=list)
    description = models.TextField(_("toelichting"))
    needs_accessible = models.BooleanField(_("rolstoeltoegankelijke woning nodig"), default=False)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("gewenste gemeenten"),
        help_text=_("Leeg: overal in de regio."),
    )  # fmt: skip
    decision = models.CharField(
        _("beslissing"), max_length=20, choices=SituationDecision.choices, blank=True
    )
    decision_reason = models.TextField(_("reden van de beslissing"), blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-reported_on", "-pk"]

    def clean(self) -> None:
        errors = {}
        if self.homeless_since and self.homeless_since > (self.reported_on or timezone.localdate()):
            errors["homeless_since"] = _("Die datum ligt na de melding.")
        for name in ("vulnerability", "urgency"):
            if getattr(self, name) is not None and not 1 <= getattr(self, name) <= 5:
                errors[name] = _("Kies een waarde van 1 tot 5.")
        unknown = set(self.needs) - set(Need.values)
        if unknown:
            errors["needs"] = _("Onbekende nood: %s") % ", ".join(sorted(unknown))
        if errors:
            raise ValidationError(errors)


class Consultation(models.Model):
    """A multidisciplinary crisis consultation: who took part, which situations, what was
    decided."""

    held_on = models.DateField(_("datum"))
    participants = models.TextField(_("deelnemers"))
    situations = models.ManyToManyField(Situation, related_name="consultations",
                                        verbose_name=_("besproken situaties"))  # fmt: skip
    decisions = models.TextField(_("afspraken en beslissingen"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]


# --- Kracht.Wonen: the dwelling pool ------------------------------------------------------


class DwellingKind(models.TextChoices):
    STUDIO = "studio", _("studio")
    APARTMENT = "apartment", _("appartement")
    HOUSE = "house", _("huis")


class Dwelling(models.Model):
    """A temporary dwelling of the pool, managed by an OCMW. Occupied or free follows from
    its occupations; maintenance is set by hand."""

    manager = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("beherend OCMW"))  # fmt: skip
    street = models.CharField(_("straat en nummer"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    kind = models.CharField(_("soort"), max_length=10, choices=DwellingKind.choices)
    bedrooms = models.PositiveSmallIntegerField(_("slaapkamers"))
    accessible = models.BooleanField(_("rolstoeltoegankelijk"), default=False)
    rent = models.DecimalField(_("huur per maand (€)"), max_digits=7, decimal_places=2)
    in_maintenance = models.BooleanField(_("in onderhoud"), default=False)
    since = models.DateField(_("in de pool sinds"), default=timezone.localdate)

    class Meta:
        ordering = ["municipality__name", "street"]

    def __str__(self) -> str:
        return f"{self.street}, {self.postcode} {self.municipality}"

    @property
    def places(self) -> int:
        """How many persons it houses: two per bedroom, one in a studio."""
        return max(1, 2 * self.bedrooms)


class OfferStatus(models.TextChoices):
    OPEN = "open", _("aangeboden")
    ACCEPTED = "accepted", _("aanvaard")
    REFUSED = "refused", _("geweigerd")


class Offer(models.Model):
    """A free dwelling offered to one situation. A situation holds one open offer at a
    time, and so does a dwelling: the database refuses a second."""

    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="offers")
    situation = models.ForeignKey(Situation, on_delete=models.PROTECT, related_name="offers")
    offered_on = models.DateField(default=timezone.localdate)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    answered_on = models.DateField(null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["-offered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["situation"], condition=Q(status="open"),
                                    name="one_open_offer_per_situation"),
            models.UniqueConstraint(fields=["dwelling"], condition=Q(status="open"),
                                    name="one_open_offer_per_dwelling"),
        ]  # fmt: skip


class Outflow(models.TextChoices):
    SOCIAL_RENTAL = "social_rental", _("sociale huurwoning")
    PRIVATE_RENTAL = "private_rental", _("private huurwoning")
    FACILITY = "facility", _("voorziening")
    OTHER = "other", _("ander")


class Occupation(models.Model):
    """A household living in a pool dwelling: from the start of its agreement to the day
    it leaves, and where it goes then."""

    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="occupations")
    situation = models.ForeignKey(Situation, on_delete=models.PROTECT, related_name="occupations")
    start = models.DateField(_("begin"))
    persons = models.PositiveSmallIntegerField(_("personen"))
    agreement = models.CharField(_("overeenkomst"), max_length=120)
    end = models.DateField(_("einde"), null=True, blank=True)
    outflow = models.CharField(_("uitstroom naar"), max_length=20, choices=Outflow.choices,
                               blank=True)  # fmt: skip
    awaiting_accelerated_allocation = models.BooleanField(
        _("wacht op versnelde toewijzing"), default=False
    )

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(fields=["dwelling"], condition=Q(end__isnull=True),
                                    name="one_household_per_dwelling"),
        ]  # fmt: skip


# --- Eviction prevention and accelerated allocation ---------------------------------------


class EvictionSource(models.TextChoices):
    LANDLORD = "landlord", _("verhuurder")
    JUSTICE_OF_THE_PEACE = "justice", _("vrederechter (kennisgeving)")
    CAW = "caw", _("CAW")
    OCMW = "ocmw", _("OCMW")
    OTHER = "other", _("ander")


class EvictionOutcome(models.TextChoices):
    PREVENTED = "prevented", _("uithuiszetting voorkomen")
    REHOUSED = "rehoused", _("elders gehuisvest")
    EVICTED = "evicted", _("uit huis gezet")
    UNKNOWN = "unknown", _("onbekend")


class EvictionReport(models.Model):
    """A threatened eviction reported to the one reporting point, routed to the OCMW of
    the tenant's municipality, which reaches out and records how it ended."""

    received_on = models.DateField(_("ontvangen op"), default=timezone.localdate)
    source = models.CharField(_("bron"), max_length=10, choices=EvictionSource.choices)
    tenant_name = models.CharField(_("huurder"), max_length=160)
    address = models.CharField(_("adres"), max_length=160)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    hearing_on = models.DateField(_("zitting vrederechter"), null=True, blank=True)
    ocmw = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("toegewezen aan"))  # fmt: skip
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    note = models.TextField(_("toelichting"), blank=True)
    outcome = models.CharField(_("afloop"), max_length=10, choices=EvictionOutcome.choices,
                               blank=True)  # fmt: skip
    outcome_on = models.DateField(_("afloop op"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]


class OutreachKind(models.TextChoices):
    LETTER = "letter", _("brief")
    PHONE = "phone", _("telefoon")
    VISIT = "visit", _("huisbezoek")
    MEDIATION = "mediation", _("bemiddeling met de verhuurder")
    OTHER = "other", _("ander")


class OutreachAction(models.Model):
    report = models.ForeignKey(EvictionReport, on_delete=models.CASCADE, related_name="actions")
    on = models.DateField(_("datum"), default=timezone.localdate)
    kind = models.CharField(_("actie"), max_length=10, choices=OutreachKind.choices)
    note = models.TextField(_("toelichting"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "pk"]


class RequestStatus(models.TextChoices):
    FILED = "filed", _("ingediend")
    GRANTED = "granted", _("toegekend")
    REFUSED = "refused", _("geweigerd")


class AcceleratedAllocationRequest(models.Model):
    """A request to a social housing company for an accelerated allocation (versnelde
    toewijs), with its motivation, status and decision."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("sociale huisvestingsmaatschappij"))  # fmt: skip
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")  # fmt: skip
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_on = models.DateField(_("ingediend op"), default=timezone.localdate)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")  # fmt: skip
    motivation = models.TextField(_("motivering"))
    status = models.CharField(max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.FILED)  # fmt: skip
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting beslissing"), blank=True)

    class Meta:
        ordering = ["-filed_on", "-pk"]


# --- The dedicated team's guidance trajectories -------------------------------------------


class GuidanceTrajectory(models.Model):
    """Guidance by a member of the dedicated team (Ubuntu x8k, Vesta, vzw Kompas, CAW) for
    a Kracht.Wonen resident or another long-term homeless person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("begeleider"))  # fmt: skip
    kracht_wonen = models.BooleanField(_("voor een Kracht.Wonen-bewoner"), default=False)
    start = models.DateField(_("begin"), default=timezone.localdate)
    end = models.DateField(_("einde"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "-pk"]


class ContactKind(models.TextChoices):
    VISIT = "visit", _("huisbezoek")
    OFFICE = "office", _("gesprek op kantoor")
    PHONE = "phone", _("telefoon")
    ACCOMPANY = "accompany", _("begeleiding naar een dienst")
    NETWORK = "network", _("overleg met het netwerk")


class Contact(models.Model):
    trajectory = models.ForeignKey(GuidanceTrajectory, on_delete=models.CASCADE,
                                   related_name="contacts")  # fmt: skip
    on = models.DateField(_("datum"), default=timezone.localdate)
    kind = models.CharField(_("soort contact"), max_length=10, choices=ContactKind.choices)
    note = models.TextField(_("verslag"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]


# --- Woonclub -----------------------------------------------------------------------------


class Schedule(models.TextChoices):
    WEEKLY = "weekly", _("wekelijks")
    FORTNIGHTLY = "fortnightly", _("tweewekelijks")
    TWICE_WEEKLY = "twice_weekly", _("twee keer per week")


class WalkInPoint(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    address = models.CharField(_("adres"), max_length=160)
    schedule = models.CharField(_("ritme"), max_length=15, choices=Schedule.choices)
    hours = models.CharField(_("dag en uren"), max_length=80)
    evening_session = models.BooleanField(_("avondsessie om de twee maanden"), default=False)
    active_from = models.DateField(_("actief sinds"), default=timezone.localdate)
    active_to = models.DateField(_("actief tot"), null=True, blank=True)

    class Meta:
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name


class HousingSituation(models.TextChoices):
    TENANT = "tenant", _("huurder")
    TEMPORARY = "temporary", _("tijdelijke huisvesting")
    HOMELESS = "homeless", _("dakloos")
    OWNER = "owner", _("eigenaar die moet verkopen")
    OTHER = "other", _("ander")


class MoveReason(models.TextChoices):
    INDEPENDENCE = "independence", _("op eigen benen staan")
    UNSUITABLE_HOME = "unsuitable_home", _("ongeschikte of slechte woning")
    RELATIONSHIP = "relationship", _("relatieproblemen")
    AFFORDABILITY = "affordability", _("betaalbaarheid")
    OTHER = "other", _("ander")


class HousedKind(models.TextChoices):
    PRIVATE = "private", _("private huur")
    SOCIAL = "social", _("sociale huur")
    OTHER = "other", _("ander")


class WoonclubHousehold(models.Model):
    """A household at the Woonclub: its composition (children need not be registry
    persons), income, housing situation, reasons to move, search plan; housed or not."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("aanvrager"))  # fmt: skip
    point = models.ForeignKey(WalkInPoint, on_delete=models.PROTECT, verbose_name=_("zitdag"))
    intake_on = models.DateField(_("intake op"), default=timezone.localdate)
    adults = models.PositiveSmallIntegerField(_("volwassenen"))
    children = models.PositiveSmallIntegerField(_("kinderen"), default=0)
    income = models.DecimalField(_("netto-inkomen per maand (€)"), max_digits=8, decimal_places=2)
    situation = models.CharField(_("woonsituatie"), max_length=10,
                                 choices=HousingSituation.choices)  # fmt: skip
    reasons = models.JSONField(_("redenen om te verhuizen"), default=list)
    search_plan = models.TextField(_("zoekplan"), blank=True)
    social_housing_registered = models.BooleanField(_("ingeschreven voor sociale huur"),
                                                    default=False)  # fmt: skip
    municipalities = models.ManyToManyField(Municipality, blank=True, related_name="+",
                                            verbose_name=_("gewenste gemeenten"))  # fmt: skip
    housed_on = models.DateField(_("gehuisvest op"), null=True, blank=True)
    housed_kind = models.CharField(_("gehuisvest in"), max_length=10, choices=HousedKind.choices,
                                   blank=True)  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    class Meta:
        ordering = ["-intake_on", "-pk"]

    def clean(self) -> None:
        errors = {}
        if not self.adults:
            errors["adults"] = _("Minstens één volwassene.")
        if not self.reasons:
            errors["reasons"] = _("Kies minstens één reden.")
        elif set(self.reasons) - set(MoveReason.values):
            errors["reasons"] = _("Onbekende reden.")
        if self.income is not None and self.income < 0:
            errors["income"] = _("Een inkomen is niet negatief.")
        if errors:
            raise ValidationError(errors)


class EnergyLabel(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"
    F = "F", "F"
    UNKNOWN = "", _("onbekend")


class RentalListing(models.Model):
    """A rental home seen by a Woonclub volunteer (no client data at all)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    street_or_area = models.CharField(_("straat of buurt"), max_length=120)
    rent = models.DecimalField(_("huur per maand (€)"), max_digits=7, decimal_places=2)
    bedrooms = models.PositiveSmallIntegerField(_("slaapkamers"))
    energy_label = models.CharField(_("EPC-label"), max_length=1, choices=EnergyLabel.choices,
                                    blank=True)  # fmt: skip
    source = models.CharField(_("bron"), max_length=80)
    seen_on = models.DateField(_("gezien op"), default=timezone.localdate)
    available = models.BooleanField(_("nog te huur"), default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip

    class Meta:
        ordering = ["-seen_on", "-pk"]


class DutyRole(models.TextChoices):
    STAFF = "staff", _("woonconsulent")
    VOLUNTEER = "volunteer", _("vrijwilliger")


class Duty(models.Model):
    """Who staffs a walk-in point on a day: the planning of staff and volunteers."""

    point = models.ForeignKey(WalkInPoint, on_delete=models.CASCADE, related_name="duties",
                              verbose_name=_("zitdag"))  # fmt: skip
    on = models.DateField(_("datum"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("als"), max_length=10, choices=DutyRole.choices)

    class Meta:
        ordering = ["on", "point__name"]
        constraints = [models.UniqueConstraint(fields=["point", "on", "user"], name="duty_once")]
