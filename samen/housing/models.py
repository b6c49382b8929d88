"""Housing: the regional crisis-bed network (the meldpunt, the dwelling pool, Woonclub and
eviction prevention follow)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry.models import LegalBasis, Organisation, Person, Team


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
