"""Work: wijk-werken (organisers and their cheque price, users and their cheques, service
requests, wijk-werkers, performances; the legal limits live in `rules.py`), activation
trajectories (W²) and the social-economy directory with its events."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry.models import Organisation, Person
from samen.work import rules


class ChequePrice(models.Model):
    """An organiser's cheque price from a 1 January on (it does not vary by user or
    activity)."""

    organiser = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField(_("geldig vanaf"))
    price = models.DecimalField(_("prijs per cheque (€)"), max_digits=5, decimal_places=2)
    annual_fee = models.DecimalField(_("jaarlijks inschrijvingsgeld (€)"), max_digits=6,
                                     decimal_places=2, default=0,
                                     help_text=_("Optioneel; 0: geen."))  # fmt: skip

    class Meta:
        ordering = ["organiser", "effective_from"]
        constraints = [models.UniqueConstraint(fields=["organiser", "effective_from"],
                                               name="one_price_a_day")]  # fmt: skip

    def clean(self) -> None:
        errors = {}
        if self.price is not None and not rules.price_allowed(self.price):
            allowed = ", ".join(f"€ {p}".replace(".", ",") for p in rules.ALLOWED_PRICES.value)
            errors["price"] = _("Toegelaten prijzen: %(p)s.") % {"p": allowed}
        if self.effective_from and (self.effective_from.month, self.effective_from.day) != (1, 1):
            errors["effective_from"] = _("Een prijswijziging gaat in op 1 januari.")
        if errors:
            raise ValidationError(errors)


class UserKind(models.TextChoices):
    PRIVATE = "private", _("particulier")
    SCHOOL = "school", _("school")
    MUNICIPALITY = "municipality", _("gemeente")
    NON_PROFIT = "non_profit", _("vzw")
    FARMER = "farmer", _("land- of tuinbouwer")


class WijkwerkUser(models.Model):
    """Who uses wijk-werkers: a private person (a registry person) or an organisation."""

    organiser = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort gebruiker"), max_length=15, choices=UserKind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")  # fmt: skip
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")  # fmt: skip
    number = models.CharField(_("gebruikersnummer"), max_length=30, blank=True)
    registered_on = models.DateField(_("ingeschreven op"), default=timezone.localdate)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")  # fmt: skip

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["organiser", "number"], condition=~models.Q(number=""),
            name="one_user_number_per_organiser",
        )]  # fmt: skip

    def __str__(self) -> str:
        return str(self.person if self.kind == UserKind.PRIVATE else self.organisation)

    def clean(self) -> None:
        if (self.kind == UserKind.PRIVATE) != bool(self.person_id) or (
            self.kind != UserKind.PRIVATE and not self.organisation_id
        ):
            raise ValidationError(
                _("Een particulier is een persoon; de andere gebruikers zijn een organisatie.")
            )


class ChequePurchase(models.Model):
    user = models.ForeignKey(WijkwerkUser, on_delete=models.PROTECT, related_name="purchases")
    bought_on = models.DateField(_("gekocht op"), default=timezone.localdate)
    cheques = models.PositiveIntegerField(_("aantal cheques"))
    price = models.DecimalField(max_digits=5, decimal_places=2)
    paper_first = models.CharField(_("eerste papieren cheque"), max_length=20, blank=True)

    class Meta:
        ordering = ["-bought_on", "-pk"]

    @property
    def amount(self):
        return self.cheques * self.price

    @property
    def paper_last(self) -> str:
        """The last serial number of a paper purchase (numbers run on from the first)."""
        head = self.paper_first.rstrip("0123456789")
        digits = self.paper_first[len(head) :]
        if not digits:
            return ""
        return f"{head}{int(digits) + self.cheques - 1:0{len(digits)}d}"


class RegistrationFee(models.Model):
    """The organiser's optional yearly registration fee, paid with a user's first purchase
    of the year."""

    user = models.ForeignKey(WijkwerkUser, on_delete=models.PROTECT, related_name="fees")
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("bedrag"), max_digits=6, decimal_places=2)
    paid_on = models.DateField(_("betaald op"))

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="one_fee_a_year")]


class Worker(models.Model):
    """A wijk-werker: referred, taken in by a coach, started (or not, with the reason)."""

    organiser = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    referred_by = models.CharField(_("doorverwezen door"), max_length=10,
                                   choices=[("vdab", "VDAB"), ("ocmw", "OCMW")])  # fmt: skip
    referred_on = models.DateField(_("doorverwezen op"))
    intake_on = models.DateField(_("intake op"), null=True, blank=True)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    not_started_reason = models.TextField(_("niet gestart omdat"), blank=True)
    ended_on = models.DateField(_("einde overeenkomst"), null=True, blank=True)
    ex_pwa = models.BooleanField(_("PWA'er op 30/09/2017"), default=False)

    def __str__(self) -> str:
        return str(self.person)

    @property
    def status(self) -> str:
        if self.not_started_reason:
            return _("niet gestart")
        if self.ended_on:
            return _("gestopt")
        return _("gestart") if self.started_on else _("wacht op intake")


class Performance(models.Model):
    """Work done for a user on a day: redeemed in cheques, one per started hour."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="performances")
    user = models.ForeignKey(WijkwerkUser, on_delete=models.PROTECT, related_name="performances")
    activity = models.CharField(_("activiteit"), max_length=120)
    on = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=2)
    cheques = models.PositiveSmallIntegerField(_("cheques"))
    round_trip_km = models.DecimalField(_("km heen en terug"), max_digits=6, decimal_places=1,
                                        default=0)  # fmt: skip
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")  # fmt: skip
    # A year's register is imported in bulk: the import it came from, for its undo.
    batch = models.ForeignKey("imports.ImportBatch", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")  # fmt: skip

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["worker", "on"]), models.Index(fields=["on"])]


class SittingDay(models.Model):
    """A coach's sitting day (zitdag) in a municipality: the calendar people find them by."""

    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    on = models.DateField(_("datum"))
    start = models.TimeField(_("van"))
    end = models.TimeField(_("tot"))
    place = models.CharField(_("plaats"), max_length=120)
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip

    class Meta:
        ordering = ["on", "start"]


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    MATCHED = "matched", _("gekoppeld")
    CLOSED = "closed", _("afgesloten")


class ServiceRequest(models.Model):
    """A user asks for help: the activity, where, how many hours; a coach matches a
    wijk-werker to it."""

    user = models.ForeignKey(WijkwerkUser, on_delete=models.PROTECT, related_name="requests")
    activity = models.CharField(_("activiteit"), max_length=120)
    place = models.CharField(_("plaats"), max_length=160)
    hours_wanted = models.DecimalField(_("gewenste uren"), max_digits=5, decimal_places=1)
    asked_on = models.DateField(_("gevraagd op"), default=timezone.localdate)
    status = models.CharField(max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN)  # fmt: skip
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="requests")  # fmt: skip

    class Meta:
        ordering = ["-asked_on", "-pk"]


# --- Activation trajectories (W²) ---------------------------------------------------------


class ActivationReferrer(models.TextChoices):
    VDAB = "vdab", "VDAB"
    GTB = "gtb", "GTB"
    CARE = "care", _("zorgorganisatie")


class Barrier(models.TextChoices):
    MEDICAL = "medical", _("medisch")
    MENTAL = "mental", _("mentaal")
    PSYCHOLOGICAL = "psychological", _("psychisch")
    PSYCHIATRIC = "psychiatric", _("psychiatrisch")
    SOCIAL = "social", _("sociaal")


class ActivationStatus(models.TextChoices):
    REFERRED = "referred", _("doorverwezen")
    RUNNING = "running", _("loopt")
    PAUSED = "paused", _("gepauzeerd")
    WORK = "work", _("afgerond: naar (betaald) werk")
    CARE = "care", _("afgerond: naar zorg")
    STOPPED = "stopped", _("stopgezet")


ENDED = {ActivationStatus.WORK, ActivationStatus.CARE, ActivationStatus.STOPPED}


class ActivationTrajectory(models.Model):
    """An integrated work-and-care trajectory for a jobseeker for whom paid work is not yet
    possible (W² decree), held by the unit of the worker who started it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referred_by = models.CharField(_("doorverwezen door"), max_length=5,
                                   choices=ActivationReferrer.choices)  # fmt: skip
    referrer = models.CharField(_("verwijzer (dienst of persoon)"), max_length=120, blank=True)
    referred_on = models.DateField(_("doorverwezen op"))
    barriers = models.JSONField(_("drempels"), default=list)
    goals = models.TextField(_("doelen"))
    partners = models.ManyToManyField(Organisation, blank=True, related_name="+",
                                      verbose_name=_("partners"))  # fmt: skip
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=ActivationStatus.choices,
                              default=ActivationStatus.REFERRED)  # fmt: skip

    class Meta:
        ordering = ["-referred_on", "-pk"]


class StepKind(models.TextChoices):
    WORK = "work", _("werkstap")
    CARE = "care", _("zorgstap")


class ActivationStep(models.Model):
    trajectory = models.ForeignKey(ActivationTrajectory, on_delete=models.CASCADE,
                                   related_name="steps")  # fmt: skip
    kind = models.CharField(_("soort stap"), max_length=5, choices=StepKind.choices)
    title = models.CharField(_("stap"), max_length=160)
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("partner"))  # fmt: skip
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]


class ActivationEvent(models.Model):
    """One change of status: the trajectory's timeline."""

    trajectory = models.ForeignKey(ActivationTrajectory, on_delete=models.CASCADE,
                                   related_name="timeline")  # fmt: skip
    status = models.CharField(max_length=10, choices=ActivationStatus.choices)
    on = models.DateField(_("datum"))
    note = models.TextField(_("toelichting"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "pk"]


class ActivationCapacity(models.Model):
    """The trajectories planned for a year (a range: 55 to 73 for 2019)."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    planned_min = models.PositiveSmallIntegerField(_("gepland minimum"))
    planned_max = models.PositiveSmallIntegerField(_("gepland maximum"))


# --- Social economy -----------------------------------------------------------------------


class EnterpriseKind(models.TextChoices):
    CUSTOM = "custom", _("maatwerkbedrijf")
    LOCAL = "local", _("lokaal bestuur")
    VDAB = "vdab", "VDAB"
    CIVIL = "civil", _("middenveldorganisatie")
    OTHER = "other", _("andere partner")


class Enterprise(models.Model):
    """The directory W13 keeps as director of the social economy (no person data)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=EnterpriseKind.choices)
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    activities = models.CharField(_("activiteiten"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    VISIT = "visit", _("bedrijfsbezoek")
    MOBILITY = "mobility", _("mobiliteitsmarkt")
    NETWORK = "network", _("netwerkmoment")
    OTHER = "other", _("ander")


class EconomyEvent(models.Model):
    kind = models.CharField(_("soort"), max_length=10, choices=EventKind.choices)
    title = models.CharField(_("titel"), max_length=160)
    on = models.DateField(_("datum"))
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    enterprises = models.ManyToManyField(Enterprise, blank=True, related_name="events",
                                         verbose_name=_("deelnemende organisaties"))  # fmt: skip
    participants = models.PositiveIntegerField(_("deelnemers"))

    class Meta:
        ordering = ["-on", "-pk"]
