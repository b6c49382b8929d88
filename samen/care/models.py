"""Care: the integrated broad intake (GBO) with its rights exploration and follow-up."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry.models import Organisation, Person


class Right(models.Model):
    """An entry of the rights checklist (configurable: rights change, so do their names)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("recht"), max_length=120)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in de checklist"), default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Intake(models.Model):
    """A contact at a front desk of a GBO partner: the question, its context, and the rights
    explored with the person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("onthaal"))  # fmt: skip
    on = models.DateField(_("datum"), default=timezone.localdate)
    question = models.TextField(_("vraag"))
    context = models.TextField(_("context"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]


class RightStatus(models.TextChoices):
    PROBABLE = "probable", _("waarschijnlijk recht")
    APPLIED = "applied", _("aangevraagd")
    REALISED = "realised", _("gerealiseerd")
    REFUSED = "refused", _("geweigerd")
    CLOSED = "closed", _("afgesloten zonder resultaat")


OPEN = {RightStatus.PROBABLE, RightStatus.APPLIED}


class RightCheck(models.Model):
    """One right explored at an intake, followed up by the partner best placed until it is
    realised or closed."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="checks")
    right = models.ForeignKey(Right, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("opgevolgd door"))  # fmt: skip
    status = models.CharField(_("stand"), max_length=10, choices=RightStatus.choices,
                              default=RightStatus.PROBABLE)  # fmt: skip
    since = models.DateField(_("sinds"), default=timezone.localdate)

    class Meta:
        ordering = ["right__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["intake", "right"],
                                               name="one_check_per_right")]  # fmt: skip


class CheckEvent(models.Model):
    """The follow-up of a right, step by step."""

    right_check = models.ForeignKey(RightCheck, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=RightStatus.choices)
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "pk"]
