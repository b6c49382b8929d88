"""Budget In Zicht: the citizens' budget app "Wakosta?!" (private by default, shared with a
counsellor only by the citizen's revocable consent), group work and education."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry.models import Municipality, Organisation, Person


class Category(models.TextChoices):
    WAGE = "wage", _("loon")
    BENEFIT = "benefit", _("uitkering of leefloon")
    CHILD_BENEFIT = "child_benefit", _("groeipakket")
    OTHER_INCOME = "other_income", _("ander inkomen")
    RENT = "rent", _("huur of lening woning")
    ENERGY = "energy", _("energie")
    WATER = "water", _("water")
    TELECOM = "telecom", _("telefoon en internet")
    INSURANCE = "insurance", _("verzekeringen")
    FOOD = "food", _("voeding")
    CHILDCARE = "childcare", _("kinderopvang en school")
    TRANSPORT = "transport", _("vervoer")
    DEBT = "debt", _("afbetaling schulden")
    HEALTH = "health", _("gezondheid")
    LEISURE = "leisure", _("vrije tijd")
    OTHER = "other", _("andere uitgaven")


INCOME = {Category.WAGE, Category.BENEFIT, Category.CHILD_BENEFIT, Category.OTHER_INCOME}
FIXED = {Category.RENT, Category.ENERGY, Category.WATER, Category.TELECOM, Category.INSURANCE,
         Category.DEBT}  # fmt: skip


class Budget(models.Model):
    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="budget")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)


class PlanLine(models.Model):
    """What the citizen plans for one month and category (a positive amount)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="plan")
    month = models.DateField(_("maand"))  # its first day
    category = models.CharField(_("categorie"), max_length=15, choices=Category.choices)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["budget", "month", "category"],
                                               name="one_plan_line")]  # fmt: skip


class Recurring(models.Model):
    """A fixed item that comes back every month (rent, wage, a phone subscription)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="recurring")
    category = models.CharField(_("categorie"), max_length=15, choices=Category.choices)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)
    description = models.CharField(_("omschrijving"), max_length=120)
    day = models.PositiveSmallIntegerField(_("dag van de maand"), default=1)
    start = models.DateField(_("vanaf de maand"))
    end = models.DateField(_("tot en met de maand"), null=True, blank=True)


class Entry(models.Model):
    """What really came in or went out: positive is income, negative an expense."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="entries")
    on = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag (€)"), max_digits=9, decimal_places=2)
    category = models.CharField(_("categorie"), max_length=15, choices=Category.choices)
    counterparty = models.CharField(_("tegenpartij"), max_length=120, blank=True)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    imported = models.CharField(max_length=64, blank=True)  # hash of the bank line

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["budget", "on"])]


class Share(models.Model):
    """The citizen's consent: this counsellor may read the budget until it is revoked."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="shares")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("budgetbegeleider"),
    )  # fmt: skip
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]


# --- group work -------------------------------------------------------------------------------


class GroupSeries(models.Model):
    """A series of group sessions in a municipality for persons in budget guidance."""

    title = models.CharField(_("titel"), max_length=160)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    participants = models.ManyToManyField(Person, blank=True, related_name="+",
                                          verbose_name=_("deelnemers"))  # fmt: skip

    class Meta:
        ordering = ["-pk"]


class GroupSession(models.Model):
    series = models.ForeignKey(GroupSeries, on_delete=models.CASCADE, related_name="sessions")
    on = models.DateField(_("datum"))
    topic = models.CharField(_("thema"), max_length=160)
    present = models.ManyToManyField(Person, blank=True, related_name="+",
                                     verbose_name=_("aanwezig"))  # fmt: skip

    class Meta:
        ordering = ["on", "pk"]


# --- education and events ---------------------------------------------------------------------


class ActivityKind(models.TextChoices):
    BUDGET_FAIR = "budget_fair", _("budgetbeurs Wakosta?!")
    TOOLBOX = "toolbox", _("toolbox")
    OTHER = "other", _("ander")


class EducationActivity(models.Model):
    kind = models.CharField(_("soort"), max_length=12, choices=ActivityKind.choices)
    on = models.DateField(_("datum"))
    school = models.CharField(_("school of organisatie"), max_length=160)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    grade = models.CharField(_("graad of klas"), max_length=60, blank=True)
    pupils = models.PositiveIntegerField(_("leerlingen"))

    class Meta:
        ordering = ["-on", "-pk"]


class FairLoan(models.Model):
    """The mobile budget fair lent to an organisation: never two at once."""

    borrower = models.CharField(_("ontlener"), max_length=160)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     verbose_name=_("gemeente"))  # fmt: skip
    start = models.DateField(_("van"))
    end = models.DateField(_("tot en met"))

    class Meta:
        ordering = ["start"]


class EventKind(models.TextChoices):
    INSPIRATION_DAY = "inspiration_day", _("inspiratiedag")
    LEARNING_NETWORK = "learning_network", _("lerend netwerk")
    INTERVISION = "intervision", _("intervisie")
    OTHER = "other", _("ander")


class BizEvent(models.Model):
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("titel"), max_length=160)
    on = models.DateField(_("datum"))
    participants = models.PositiveIntegerField(_("deelnemers"))

    class Meta:
        ordering = ["-on", "-pk"]
