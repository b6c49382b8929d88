"""Energiehuis: loan dossiers shared by the partners on them (the local housing desk, the
Energiehuis, the technical adviser), with the rates and income limits as dated data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.energy import rules
from samen.registry.models import Municipality, Organisation, Person


class Product(models.TextChoices):
    ENERGY_LOAN = rules.ENERGY_LOAN, _("Vlaamse Energielening")
    VERBOUWLENING = rules.VERBOUWLENING, _("Mijn VerbouwLening")


class Target(models.TextChoices):
    PRIORITY = "priority", _("voorrangsdoelgroep")
    STANDARD = "standard", _("gewoon tarief")
    ALL = "all", _("alle aanvragers")


class Household(models.TextChoices):
    ANY = "any", _("elk gezin")
    SINGLE = "single", _("alleenstaande")
    COUPLE = "couple", _("gehuwd of samenwonend")


class LoanRate(models.Model):
    """A yearly rate from a day on, for a product and target group (data, by date)."""

    product = models.CharField(_("lening"), max_length=15, choices=Product.choices)
    target = models.CharField(_("doelgroep"), max_length=10, choices=Target.choices)
    valid_from = models.DateField(_("geldig vanaf"))
    rate = models.DecimalField(_("rentevoet (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200)

    class Meta:
        ordering = ["product", "target", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["product", "target", "valid_from"],
                                               name="one_rate_a_day")]  # fmt: skip


class IncomeThreshold(models.Model):
    """A taxable-income limit from a day on (plus an amount per dependant)."""

    product = models.CharField(_("lening"), max_length=15, choices=Product.choices)
    household = models.CharField(_("gezin"), max_length=10, choices=Household.choices)
    valid_from = models.DateField(_("geldig vanaf"))
    amount = models.DecimalField(_("inkomensgrens (€)"), max_digits=9, decimal_places=2)
    per_dependant = models.DecimalField(_("per persoon ten laste (€)"), max_digits=8,
                                        decimal_places=2, default=0)  # fmt: skip
    source = models.CharField(_("bron"), max_length=200)

    class Meta:
        ordering = ["product", "household", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["product", "household", "valid_from"],
                                               name="one_threshold_a_day")]  # fmt: skip


class Status(models.TextChoices):
    APPLIED = "applied", _("aanvraag")
    ELIGIBLE = "eligible", _("ontvankelijk")
    REFUSED = "refused", _("niet ontvankelijk")
    VISITED = "visited", _("technisch advies gegeven")
    OFFERED = "offered", _("aanbod gedaan")
    CONTRACTED = "contracted", _("contract getekend")
    CLOSED = "closed", _("afgelost")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class LoanDossier(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("aanvrager"))  # fmt: skip
    desk = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("woonloket"))  # fmt: skip
    partners = models.ManyToManyField(Organisation, related_name="+",
                                      verbose_name=_("partners op het dossier"))  # fmt: skip
    product = models.CharField(_("lening"), max_length=15, choices=Product.choices)
    applied_on = models.DateField(_("aanvraag op"))
    amount = models.DecimalField(_("gevraagd bedrag (€)"), max_digits=9, decimal_places=2)
    months = models.PositiveSmallIntegerField(_("looptijd (maanden)"))
    works = models.TextField(_("werken"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente van de woning"))  # fmt: skip
    home_built = models.PositiveSmallIntegerField(_("bouwjaar van de woning"), null=True,
                                                  blank=True)  # fmt: skip
    owner_occupier = models.BooleanField(_("eigenaar-bewoner"), default=True)
    household = models.CharField(_("gezin"), max_length=10, choices=Household.choices[1:],
                                 default=Household.SINGLE)  # fmt: skip
    dependants = models.PositiveSmallIntegerField(_("personen ten laste"), default=0)
    taxable_income = models.DecimalField(_("gezamenlijk belastbaar inkomen (€)"), max_digits=9,
                                         decimal_places=2, null=True, blank=True)  # fmt: skip
    grounds = models.JSONField(_("voorrangsgronden"), default=list, blank=True)
    landlord_via_sra = models.BooleanField(_("verhuurt via een sociaal verhuurkantoor"),
                                           default=False)  # fmt: skip
    non_profit = models.BooleanField(_("vzw"), default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    target = models.CharField(max_length=10, choices=Target.choices, blank=True)
    rate = models.DecimalField(_("rentevoet (%)"), max_digits=5, decimal_places=2, null=True,
                               blank=True)  # fmt: skip
    verdict = models.JSONField(default=list, blank=True)  # [[criterion, met, explanation]]
    offer_amount = models.DecimalField(_("bedrag van het aanbod (€)"), max_digits=9,
                                       decimal_places=2, null=True, blank=True)  # fmt: skip
    offer_months = models.PositiveSmallIntegerField(_("looptijd van het aanbod"), null=True,
                                                    blank=True)  # fmt: skip
    contract_on = models.DateField(_("contract op"), null=True, blank=True)
    first_due = models.DateField(_("eerste aflossing"), null=True, blank=True)
    repayment_iban = models.CharField(_("rekening voor de aflossingen (IBAN)"), max_length=34,
                                      blank=True)  # fmt: skip

    class Meta:
        ordering = ["-applied_on", "-pk"]


class EventKind(models.TextChoices):
    STATUS = "status", _("status")
    NOTE = "note", _("bericht")
    DOCUMENT = "document", _("document")
    PAYMENT = "payment", _("uitbetaling")


class DossierEvent(models.Model):
    """The one shared timeline of a dossier: every partner writes here."""

    dossier = models.ForeignKey(LoanDossier, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    text = models.TextField()

    class Meta:
        ordering = ["at", "pk"]


class Document(models.Model):
    """The checklist: what the dossier needs before the contract."""

    dossier = models.ForeignKey(LoanDossier, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("document"), max_length=120)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]


class Disbursement(models.Model):
    """Money paid out against an invoice of the works."""

    dossier = models.ForeignKey(LoanDossier, on_delete=models.PROTECT,
                                related_name="disbursements")  # fmt: skip
    invoice = models.CharField(_("factuur"), max_length=80)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)
    paid_on = models.DateField(_("uitbetaald op"))

    class Meta:
        ordering = ["paid_on", "pk"]


class Repayment(models.Model):
    """A repayment received (against the schedule)."""

    dossier = models.ForeignKey(LoanDossier, on_delete=models.PROTECT, related_name="repayments")
    amount = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)
    received_on = models.DateField(_("ontvangen op"))

    class Meta:
        ordering = ["received_on", "pk"]


# --- The rolling fund for distressed owners ---------------------------------------------------


class HomeStatus(models.TextChoices):
    SELECTED = "selected", _("geselecteerd")
    WORKS = "works", _("werken lopen")
    DONE = "done", _("werken klaar")
    REPAID = "repaid", _("terugbetaald na verkoop of overdracht")


class FundHome(models.Model):
    """A home of an owner who lacks the means and know-how: the fund pre-finances its
    renovation and is repaid when the home is sold or transferred."""

    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("eigenaar"))  # fmt: skip
    desk = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("OCMW"))  # fmt: skip
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    address = models.CharField(_("adres"), max_length=160)
    assessment = models.TextField(_("beoordeling van de woning"))
    budget = models.DecimalField(_("renovatiebudget (€)"), max_digits=9, decimal_places=2)
    works = models.TextField(_("werken"))
    selected_on = models.DateField(_("geselecteerd op"))
    works_started_on = models.DateField(_("werken gestart op"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=HomeStatus.choices,
                              default=HomeStatus.SELECTED)  # fmt: skip

    class Meta:
        ordering = ["-selected_on", "-pk"]


class MovementKind(models.TextChoices):
    CAPITAL = "capital", _("kapitaal in het fonds")
    PREFINANCE = "prefinance", _("voorfinanciering van werken")
    REPAYMENT = "repayment", _("terugbetaling bij verkoop of overdracht")


class FundMovement(models.Model):
    """The fund's ledger: money in is positive, money out negative; the balance is the
    sum. Never edited: a correction is a new movement."""

    kind = models.CharField(_("soort"), max_length=10, choices=MovementKind.choices)
    on = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag (€)"), max_digits=10, decimal_places=2)
    home = models.ForeignKey(FundHome, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="movements")  # fmt: skip
    note = models.CharField(_("omschrijving"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "pk"]
