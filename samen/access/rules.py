"""Who may do what: roles, their data categories and their capabilities.
Least privilege: a role not named here may do nothing with person files."""

from samen.registry.models import DataCategory as C
from samen.registry.models import Role

ALL_CATEGORIES = frozenset(C.values)

# Roles that may open person files (when scoped by an enrolment, referral or break-glass).
FILE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MEMBER, Role.PROGRAMME_LEAD})

# The data categories each role may see in a file it has access to.
ROLE_CATEGORIES: dict[str, frozenset[str]] = {
    Role.SOCIAL_WORKER: frozenset(
        {C.BASIC, C.CONTACT, C.IDENTITY, C.SOCIAL, C.FINANCIAL, C.HOUSING, C.WORK, C.HEALTH}
    ),
    # The meldpunt and the dedicated team assess mental health and addiction.
    Role.TEAM_MEMBER: frozenset(
        {C.BASIC, C.CONTACT, C.IDENTITY, C.SOCIAL, C.HOUSING, C.HEALTH, C.PSYCHIATRIC, C.ADDICTION}
    ),
    # A programme lead manages a register: identification, not clinical content.
    Role.PROGRAMME_LEAD: frozenset({C.BASIC, C.CONTACT, C.IDENTITY, C.SOCIAL, C.HOUSING, C.WORK}),
}

CREATE_PERSON = FILE_ROLES
BREAK_GLASS = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MEMBER})
MERGE_PERSONS = frozenset({Role.PROGRAMME_LEAD})
IMPORT_PERSONS = frozenset({Role.PROGRAMME_LEAD, Role.ADMIN})
IMPORT_REFERENCE_DATA = frozenset({Role.PROGRAMME_LEAD, Role.ADMIN, Role.COORDINATOR})
AGGREGATES = frozenset({Role.COORDINATOR, Role.PROGRAMME_LEAD})
MANAGE_OWN_ORGANISATION = frozenset({Role.ORG_ADMIN})
AUDIT = frozenset({Role.DPO})
# Food Act 13: stock, never client data.
FOOD_STOCK = frozenset({Role.HUB_COORDINATOR, Role.HUB_STAFF, Role.TRAINEE, Role.TRAINEE_COACH})
FOOD_WRITE_OFF = frozenset({Role.HUB_COORDINATOR, Role.HUB_STAFF, Role.TRAINEE_COACH})
FOOD_RELEASE = frozenset({Role.HUB_COORDINATOR, Role.TRAINEE_COACH})  # quarantine decisions
FOOD_SHOP_ADMIN = frozenset({Role.HUB_COORDINATOR})  # publishes stock, closes the day
FOOD_ORDER = frozenset({Role.FOOD_ORGANISATION})  # its own orders, deliveries, figures
FOOD_COACH = frozenset({Role.TRAINEE_COACH, Role.HUB_COORDINATOR})  # roster, progress notes
CRISIS_ADMIT = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MEMBER})  # after hours, in one step
CRISIS_PARTNER = frozenset({Role.CRISIS_PARTNER})  # the admissions in its own beds
WIJKWERK_COACH = frozenset({Role.WIJKWERK_COACH})  # intake, matching, performances
WIJKWERK_USER = frozenset({Role.WIJKWERK_USER})  # own cheques and requests only
TECHNICAL_ADVISER = frozenset({Role.TECHNICAL_ADVISER})  # visits homes of energy dossiers
ENERGY = FILE_ROLES | TECHNICAL_ADVISER  # the dossiers of their organisation's partnerships
ENERGY_ADMIN = frozenset({Role.COORDINATOR, Role.ADMIN})  # rates and income limits (data)
SOCIAL_ECONOMY = frozenset({Role.COORDINATOR, Role.PROGRAMME_LEAD})  # the directory, events
VOLUNTEERS = frozenset({Role.VOLUNTEER})
VOLUNTEER_ADMIN = frozenset(
    {Role.COORDINATOR, Role.PROGRAMME_LEAD}
)  # the volunteer database  # Woonclub: rental listings only, never client data
# Staff who may read the register of processing activities (everyone who works here).
STAFF = frozenset(Role.values)
VOLUNTEER_ASK = STAFF - VOLUNTEERS  # any organisation may ask for volunteers
