"""Work: wijk-werken (organisers and their cheque price, users and their cheques, service
requests, wijk-werkers, performances). The legal limits live in `rules.py`."""

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
    registered_on = models.DateField(_("ingeschreven op"), default=timezone.localdate)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")  # fmt: skip

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


class Worker(models.Model):
    """A wijk-werker: referred, taken in by a coach, started (or not, with the reason)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    referred_by = models.CharField(_("doorverwezen door"), max_length=10,
                                   choices=[("vdab", "VDAB"), ("ocmw", "OCMW")])  # fmt: skip
    referred_on = models.DateField(_("doorverwezen op"))
    intake_on = models.DateField(_("intake op"), null=True, blank=True)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    not_started_reason = models.TextField(_("niet gestart omdat"), blank=True)
    ended_on = models.DateField(_("einde overeenkomst"), null=True, blank=True)
    ex_pwa = models.BooleanField(_("PWA'er op 30/09/2017"), default=False)


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
