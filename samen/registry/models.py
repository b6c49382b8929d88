"""The shared regional registry: places, organisations, people and the relations
(enrolments, referrals, consents) on which access rests."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.registry import insz as insz_codec
from samen.registry.normalise import name_key


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("maatschappelijk werker")
    TEAM_MEMBER = "team_member", _("teamlid")
    PROGRAMME_LEAD = "programme_lead", _("programmaverantwoordelijke")
    VOLUNTEER = "volunteer", _("vrijwilliger")
    FOOD_ORGANISATION = "food_organisation", _("voedselverdeelorganisatie")
    HUB_COORDINATOR = "hub_coordinator", _("hubcoördinator")
    HUB_STAFF = "hub_staff", _("hubmedewerker")
    TRAINEE_COACH = "trainee_coach", _("werkvloerbegeleider")
    TRAINEE = "trainee", _("leerwerknemer")
    CRISIS_PARTNER = "crisis_partner", _("crisisbedpartner")
    WIJKWERK_COACH = "wijkwerk_coach", _("wijk-werkbegeleider")
    WIJKWERK_USER = "wijkwerk_user", _("wijk-werkgebruiker")
    TECHNICAL_ADVISER = "technical_adviser", _("technisch adviseur")
    COORDINATOR = "coordinator", _("regionaal coördinator")
    ORG_ADMIN = "org_admin", _("organisatiebeheerder")
    DPO = "dpo", _("functionaris gegevensbescherming")
    ADMIN = "admin", _("beheerder")


class DataCategory(models.TextChoices):
    BASIC = "basic", _("identificatie en gezin")
    CONTACT = "contact", _("contactgegevens")
    IDENTITY = "identity", _("rijksregisternummer")
    SOCIAL = "social", _("sociale situatie")
    FINANCIAL = "financial", _("financiën en schulden")
    HOUSING = "housing", _("wonen")
    WORK = "work", _("werk")
    HEALTH = "health", _("gezondheid")
    PSYCHIATRIC = "psychiatric", _("psychiatrische zorg")
    ADDICTION = "addiction", _("verslaving")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("toestemming")
    LEGAL_TASK = "legal_task", _("wettelijke opdracht")
    VITAL_INTEREST = "vital_interest", _("vitaal belang")


class Municipality(models.Model):
    nis_code = models.CharField(_("NIS-code"), max_length=5, unique=True)
    name = models.CharField(_("naam"), max_length=60, unique=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=4)
    longitude = models.DecimalField(max_digits=8, decimal_places=4)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """A deelgemeente. Section and postcode are separate: 8501 is Bissegem and Heule."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="sections"
    )
    name = models.CharField(_("deelgemeente"), max_length=60)
    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)

    class Meta:
        ordering = ["postcode", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="section_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.name}"


class OrganisationKind(models.TextChoices):
    OCMW = "ocmw", _("OCMW / sociaal huis")
    CAW = "caw", _("CAW")
    PARTNER = "partner", _("partner")
    FOOD_ORGANISATION = "food_organisation", _("voedselverdeelorganisatie")
    DONOR = "donor", _("voedseldonor")
    SCHOOL = "school", _("school")
    SOCIAL_HOUSING = "social_housing", _("sociale huisvestingsmaatschappij")
    SOCIAL_RENTAL_AGENCY = "social_rental_agency", _("sociaal verhuurkantoor")
    HEALTH_INSURER = "health_insurer", _("dienst maatschappelijk werk ziekenfonds")
    ASSOCIATION = "association", _("W13")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("gemeente")
    )
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "municipality"], name="organisation_unique_name_place"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A regional team that works across organisations (meldpunt, crisis network, ...)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")

    def __str__(self) -> str:
        return self.name


def one_unit(prefix: str, name: str, required: bool = True) -> models.CheckConstraint:
    """Exactly one of <prefix>organisation / <prefix>team is set (or none, when optional)."""
    org, team = f"{prefix}organisation", f"{prefix}team"
    exactly_one = Q(**{f"{org}__isnull": False, f"{team}__isnull": True}) | Q(
        **{f"{org}__isnull": True, f"{team}__isnull": False}
    )
    if not required:
        exactly_one |= Q(**{f"{org}__isnull": True, f"{team}__isnull": True})
    return models.CheckConstraint(condition=exactly_one, name=name)


class UnitMixin:
    """Shared by models that belong to an organisation or a team."""

    def unit_of(self, prefix: str = ""):
        return getattr(self, f"{prefix}organisation") or getattr(self, f"{prefix}team")


class Membership(UnitMixin, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    valid_from = models.DateField(_("geldig vanaf"), default=timezone.localdate)
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from"]
        constraints = [one_unit("", "membership_one_unit")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    @property
    def unit(self):
        return self.unit_of()

    def clean(self) -> None:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("De einddatum ligt voor de begindatum.")})


class Programme(models.Model):
    """A programme is also an entry of the register of processing activities (GDPR art. 30)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=120)
    purpose = models.TextField(_("doel"))
    legal_basis = models.TextField(_("rechtsgrond"))
    categories = models.JSONField(_("gegevenscategorieën"), default=list)
    sensitive_category = models.CharField(
        _("gevoelige categorie van een inschrijving"),
        max_length=20,
        choices=DataCategory.choices,
        default=DataCategory.SOCIAL,
        help_text=_("Wie deze categorie niet mag zien, ziet ook de inschrijving niet."),
    )
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    controller = models.CharField(_("verwerkingsverantwoordelijke"), max_length=200)
    recipients = models.TextField(_("ontvangers"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programma")

    def __str__(self) -> str:
        return self.name


class Sex(models.TextChoices):
    FEMALE = "f", _("vrouw")
    MALE = "m", _("man")
    X = "x", _("x")
    UNKNOWN = "", _("onbekend")


class Language(models.TextChoices):
    NL = "nl", _("Nederlands")
    FR = "fr", _("Frans")
    EN = "en", _("Engels")


class AddressKind(models.TextChoices):
    HOME = "home", _("verblijfsadres")
    REFERENCE = "reference", _("referentieadres bij een OCMW")
    OUTSIDE = "outside", _("buiten de regio")
    NONE = "none", _("geen gekend adres")


class PersonQuerySet(models.QuerySet):
    def current(self):
        """Persons not merged into another."""
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=80)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    sex = models.CharField(_("geslacht"), max_length=1, choices=Sex.choices, blank=True)
    language = models.CharField(
        _("voorkeurstaal"), max_length=2, choices=Language.choices, default=Language.NL
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address_kind = models.CharField(
        _("soort adres"), max_length=10, choices=AddressKind.choices, default=AddressKind.HOME
    )
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("gemeente")
    )
    reference_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reference_addresses",
        verbose_name=_("OCMW van het referentieadres"),
    )
    insz_encrypted = models.TextField(blank=True, editable=False)
    insz_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    name_key = models.CharField(max_length=170, db_index=True, editable=False)
    restricted_at = models.DateTimeField(_("verwerking beperkt sinds"), null=True, blank=True)
    restriction_reason = models.TextField(_("reden van beperking"), blank=True)
    # Set by `samen retention run`: only birth year and municipality are left.
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("De login van de burger zelf."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("persoon")
        indexes = [models.Index(fields=["name_key", "birth_date"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def insz(self) -> str:
        return insz_codec.decrypt(self.insz_encrypted) if self.insz_encrypted else ""

    @property
    def insz_masked(self) -> str:
        return insz_codec.mask(self.insz) if self.insz_encrypted else ""

    def set_insz(self, value: str) -> None:
        if value:
            compact = insz_codec.validate(value)
            self.insz_encrypted = insz_codec.encrypt(compact)
            self.insz_hash = insz_codec.keyed_hash(compact)
        else:
            self.insz_encrypted, self.insz_hash = "", None

    def clean(self) -> None:
        self.name_key = name_key(self.first_name, self.last_name)
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("De geboortedatum ligt in de toekomst.")})
        if self.address_kind == AddressKind.REFERENCE and not self.reference_organisation_id:
            raise ValidationError(
                {"reference_organisation": _("Kies het OCMW waar het referentieadres ligt.")}
            )

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.first_name, self.last_name)
        super().save(*args, **kwargs)


class ExternalId(models.Model):
    """The key a person has in another register (an import source)."""

    source = models.CharField(_("bron"), max_length=60)
    extern_id = models.CharField(_("extern id"), max_length=80)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="external_ids")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "extern_id"], name="external_id_unique")
        ]


class Relation(models.TextChoices):
    HEAD = "head", _("referentiepersoon")
    PARTNER = "partner", _("partner")
    CHILD = "child", _("kind")
    PARENT = "parent", _("ouder")
    OTHER = "other", _("ander gezinslid")


class Household(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gezin")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household_links")
    relation = models.CharField(_("relatie"), max_length=10, choices=Relation.choices)
    start_date = models.DateField(_("vanaf"), default=timezone.localdate)
    end_date = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        ordering = ["start_date"]


class Status(models.TextChoices):
    ACTIVE = "active", _("lopend")
    CLOSED = "closed", _("afgesloten")


class Enrolment(UnitMixin, models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments")
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, verbose_name=_("programma"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True)
    legal_basis = models.CharField(_("rechtsgrond"), max_length=20, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        "Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    basis_note = models.TextField(_("toelichting rechtsgrond"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField(_("startdatum"), default=timezone.localdate)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [one_unit("", "enrolment_one_unit")]
        indexes = [models.Index(fields=["person", "status"])]

    @property
    def unit(self):
        return self.unit_of()

    def clean(self) -> None:
        if self.legal_basis == LegalBasis.CONSENT and not self.consent_id:
            raise ValidationError({"consent": _("Kies de toestemming waarop dit steunt.")})
        if self.legal_basis != LegalBasis.CONSENT and not self.basis_note.strip():
            raise ValidationError(
                {"basis_note": _("Licht de rechtsgrond toe (welke opdracht, welk belang).")}
            )
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt voor de startdatum.")})


class Consent(UnitMixin, models.Model):
    """Immutable: only the withdrawal may be written once afterwards."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    # The unit that recorded the consent and keeps it (it may withdraw it).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    purpose = models.ForeignKey(Programme, on_delete=models.PROTECT, verbose_name=_("doel"))
    recipient_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    categories = models.JSONField(_("gegevenscategorieën"))
    given_by_guardian = models.BooleanField(_("gegeven door ouder of voogd"), default=False)
    guardian_name = models.CharField(_("naam ouder/voogd"), max_length=160, blank=True)
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    IMMUTABLE = (
        "person_id", "organisation_id", "team_id", "purpose_id",
        "recipient_organisation_id", "recipient_team_id",
        "categories", "given_by_guardian", "guardian_name", "given_at", "recorded_by_id",
    )  # fmt: skip

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            one_unit("", "consent_one_holder"),
            one_unit("recipient_", "consent_one_recipient"),
        ]

    @property
    def holder(self):
        return self.unit_of()

    @property
    def recipient(self):
        return self.unit_of("recipient_")

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def clean(self) -> None:
        if not self.categories:
            raise ValidationError({"categories": _("Kies minstens één gegevenscategorie.")})
        if self.given_by_guardian and not self.guardian_name.strip():
            raise ValidationError({"guardian_name": _("Vul de naam van de ouder of voogd in.")})

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            before = Consent.objects.get(pk=self.pk)
            changed = [f for f in self.IMMUTABLE if getattr(before, f) != getattr(self, f)]
            if changed or before.withdrawn_at is not None:
                raise ValidationError(
                    _("Een toestemming wordt nooit gewijzigd, enkel ingetrokken.")
                )
        super().save(*args, **kwargs)


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("verstuurd")
    ACCEPTED = "accepted", _("aanvaard")
    REFUSED = "refused", _("geweigerd")
    CLOSED = "closed", _("afgesloten")
    REVOKED = "revoked", _("ingetrokken")


OPEN_REFERRAL = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class Referral(UnitMixin, models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, verbose_name=_("programma"))
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reden"))
    legal_basis = models.CharField(_("rechtsgrond"), max_length=20, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    justification = models.TextField(_("verantwoording"), blank=True)
    categories = models.JSONField(_("gedeelde gegevenscategorieën"))
    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_note = models.TextField(_("toelichting"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            one_unit("from_", "referral_one_sender"),
            one_unit("to_", "referral_one_receiver"),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    @property
    def sender(self):
        return self.unit_of("from_")

    @property
    def receiver(self):
        return self.unit_of("to_")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL

    def clean(self) -> None:
        if not self.categories:
            raise ValidationError({"categories": _("Kies minstens één gegevenscategorie.")})
        if self.legal_basis == LegalBasis.CONSENT:
            if not self.consent_id:
                raise ValidationError({"consent": _("Kies de toestemming waarop dit steunt.")})
            consent = self.consent
            if consent.person_id != self.person_id or not consent.is_active:
                raise ValidationError({"consent": _("Deze toestemming is niet (meer) geldig.")})
            if (consent.recipient_organisation_id, consent.recipient_team_id) != (
                self.to_organisation_id,
                self.to_team_id,
            ):
                raise ValidationError(
                    {"consent": _("De toestemming geldt niet voor deze ontvanger.")}
                )
            if not set(self.categories) <= set(consent.categories):
                raise ValidationError(
                    {"categories": _("De toestemming dekt niet alle gekozen categorieën.")}
                )
        elif not self.justification.strip():
            raise ValidationError(
                {"justification": _("Verantwoord de rechtsgrond zonder toestemming.")}
            )


class Note(UnitMixin, models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="notes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True)
    category = models.CharField(_("categorie"), max_length=20, choices=DataCategory.choices)
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [one_unit("", "note_one_unit")]

    @property
    def unit(self):
        return self.unit_of()


class PersonRevision(models.Model):
    """Rectification with history: what changed, when, by whom."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="revisions")
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changes = models.JSONField()  # {field: [old, new]}; INSZ as "gewijzigd", never the number

    class Meta:
        ordering = ["-changed_at"]


class PersonMerge(models.Model):
    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_merged")
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField()  # {"enrolment": [ids], ...}: exactly what undo moves back
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at"]
