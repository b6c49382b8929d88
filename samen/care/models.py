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


# --- the volunteer database ---------------------------------------------------------------------


class Skill(models.TextChoices):
    WELCOME = "welcome", _("onthaal en gastvrijheid")
    DRIVING = "driving", _("chauffeur (rijbewijs B)")
    LOGISTICS = "logistics", _("sorteren en logistiek")
    COOKING = "cooking", _("koken")
    ADMIN = "admin", _("administratie")
    HOUSING = "housing", _("zoeken naar huurwoningen")
    EDUCATION = "education", _("begeleiden van jongeren")
    TRANSLATION = "translation", _("tolken en vertalen")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class Volunteer(models.Model):
    """A volunteer of the region: no client, no registry person; sees only their own profile
    and assignments."""

    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=80)
    birth_date = models.DateField(_("geboortedatum"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    skills = models.JSONField(_("vaardigheden"), default=list, blank=True)
    languages = models.CharField(_("talen"), max_length=120, blank=True,
                                 help_text=_("Bv. Nederlands, Frans, Arabisch."))  # fmt: skip
    weekdays = models.JSONField(_("beschikbaar op"), default=list, blank=True)
    good_conduct_on = models.DateField(_("uittreksel strafregister van"), null=True, blank=True)
    insured_from = models.DateField(_("verzekerd vanaf"), null=True, blank=True)
    account = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="volunteer")  # fmt: skip
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class RequestKind(models.TextChoices):
    WOONCLUB = "woonclub", _("Woonclub-sessie")
    FOOD = "food", _("Food Act 13")
    BUDGET_FAIR = "budget_fair", _("budgetbeurs")
    OTHER = "other", _("andere")


class VolunteerRequest(models.Model):
    """An organisation asks for volunteers for a day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisatie"))  # fmt: skip
    kind = models.CharField(_("soort"), max_length=12, choices=RequestKind.choices)
    title = models.CharField(_("wat"), max_length=160)
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    on = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=1)
    needed = models.PositiveSmallIntegerField(_("aantal vrijwilligers"), default=1)
    skills = models.JSONField(_("gevraagde vaardigheden"), default=list, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")  # fmt: skip

    class Meta:
        ordering = ["on", "pk"]


class Assignment(models.Model):
    request = models.ForeignKey(VolunteerRequest, on_delete=models.CASCADE,
                                related_name="assignments")  # fmt: skip
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="assignments")
    hours = models.DecimalField(_("gepresteerde uren"), max_digits=4, decimal_places=1,
                                null=True, blank=True)  # fmt: skip

    class Meta:
        ordering = ["request__on", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "volunteer"],
                                               name="one_assignment_per_request")]  # fmt: skip


class ThanksEvent(models.Model):
    """The attention policy: a moment to thank the volunteers."""

    title = models.CharField(_("titel"), max_length=160)
    on = models.DateField(_("datum"))
    invited = models.PositiveIntegerField(_("uitgenodigd"), default=0)

    class Meta:
        ordering = ["-on"]


# --- Solentra ---------------------------------------------------------------------------------


class ConsultationKind(models.TextChoices):
    INDIVIDUAL = "individual", _("individueel")
    FAMILY = "family", _("gezin")
    GROUP = "group", _("groep")


class Consultation(models.Model):
    """A Solentra consultation of a refugee client referred by an OCMW. The note is
    mental-health data for Solentra only; the referring worker sees the date and the summary
    Solentra chooses to share."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey("registry.Referral", on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=10, choices=ConsultationKind.choices)
    note = models.TextField(_("verslag (alleen Solentra)"))
    shared_summary = models.TextField(_("samenvatting voor de doorverwijzer"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]


# --- Konekti (1Gezin1Plan) ------------------------------------------------------------------------


class Family(models.Model):
    """A family with children in a vulnerable situation, supported by the connection team
    without a waiting list: one family, one plan."""

    name = models.CharField(_("gezin"), max_length=120)
    members = models.ManyToManyField(Person, related_name="+", verbose_name=_("gezinsleden"))
    registered_on = models.DateField(_("aangemeld op"))
    by_professional = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="+",
                                        verbose_name=_("aangemeld door"))  # fmt: skip
    question = models.TextField(_("vraag van het gezin"))
    connector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+",
                                  verbose_name=_("verbinder"))  # fmt: skip
    first_contact_on = models.DateField(_("eerste contact op"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True)

    class Meta:
        ordering = ["-registered_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def days_to_first_contact(self) -> int | None:
        if self.first_contact_on is None:
            return None
        return (self.first_contact_on - self.registered_on).days


class Application(models.Model):
    """A family registers itself on the public page: the team makes a family of it."""

    parent_name = models.CharField(_("naam van de ouder"), max_length=160)
    phone = models.CharField(_("telefoon"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    municipality = models.ForeignKey("registry.Municipality", on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    children = models.TextField(_("kinderen"))
    question = models.TextField(_("vraag"))
    consent = models.BooleanField(_("toestemming van de ouder"))
    sent_at = models.DateTimeField(default=timezone.now)
    family = models.ForeignKey(Family, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")  # fmt: skip

    class Meta:
        ordering = ["sent_at"]


class WhoKind(models.TextChoices):
    FAMILY = "family", _("gezinslid")
    NETWORK = "network", _("iemand uit het netwerk")
    PROFESSIONAL = "professional", _("hulpverlener")


class Goal(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("doel, in de woorden van het gezin"))
    created_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["pk"]


class Action(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    who_kind = models.CharField(_("wie"), max_length=12, choices=WhoKind.choices)
    who = models.CharField(_("naam"), max_length=120)
    text = models.CharField(_("wat"), max_length=200)
    due = models.DateField(_("tegen"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]


class Review(models.Model):
    """A review of the plan: planned, then held with what the family decided."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="reviews")
    planned_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    note = models.TextField(_("wat het gezin besliste"), blank=True)

    class Meta:
        ordering = ["planned_on", "pk"]


class HomeVisit(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="visits")
    on = models.DateField(_("datum"))
    note = models.TextField(_("verslag"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]


class PsyConsultation(models.Model):
    """A first-line psychologist's consultation: mental-health data, for the psychologists
    of the team only."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consultations")
    on = models.DateField(_("datum"))
    note = models.TextField(_("verslag (alleen psychologen)"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]
