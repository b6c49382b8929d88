from samen.access import policy, rules
from samen.core.models import Notification


def _in_team(user, code: str) -> bool:
    return any(m.team_id and m.team.code == code for m in policy.memberships(user))


def navigation(request):
    """What the menu offers this user; the pages themselves check again."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    if not getattr(user, "is_verified", lambda: True)() and policy.needs_second_factor(user):
        return {}  # between the password and the second step: no menu yet
    roles = policy.roles(user)
    return {
        "nav": {
            "files": bool(roles & rules.FILE_ROLES),
            "create": bool(roles & rules.CREATE_PERSON),
            "break_glass": bool(roles & rules.BREAK_GLASS),
            "duplicates": bool(roles & rules.MERGE_PERSONS),
            "food": bool(roles & rules.FOOD_STOCK),
            "shop_admin": bool(roles & rules.FOOD_SHOP_ADMIN),
            "shop": bool(roles & rules.FOOD_ORDER),
            "crisis": bool(roles & rules.CRISIS_ADMIT),
            "crisis_partner": bool(roles & rules.CRISIS_PARTNER),
            "dedicated": _in_team(user, "dedicated"),
            "woonclub": _in_team(user, "woonclub"),
            "listings": bool(roles & rules.VOLUNTEERS) or _in_team(user, "woonclub"),
            "wijkwerk": bool(roles & rules.WIJKWERK_COACH),
            "wijkwerk_mine": bool(roles & (rules.WIJKWERK_USER | {"citizen"})),
            "budget": not policy.memberships(user),
            "biz": _in_team(user, "biz") and bool(roles & rules.FILE_ROLES),
            "gbo": bool(roles & rules.AGGREGATES),
            "reports": bool(roles & rules.AGGREGATES),
            "solentra": any(
                m.organisation_id and m.organisation.name == "Solentra"
                for m in policy.file_memberships(user)
            ),
            "konekti": _in_team(user, "konekti") and bool(roles & rules.FILE_ROLES),
            "volunteer_admin": bool(roles & rules.VOLUNTEER_ADMIN),
            "volunteer": bool(roles & rules.VOLUNTEERS),
            "energy": bool(roles & (rules.ENERGY | rules.ENERGY_ADMIN)),
            "activation": bool(roles & (rules.FILE_ROLES | rules.AGGREGATES)),
            "imports": bool(roles & (rules.IMPORT_PERSONS | rules.IMPORT_REFERENCE_DATA)),
            "dpo": bool(roles & rules.AUDIT),
            "org_admin": bool(roles & rules.MANAGE_OWN_ORGANISATION),
            "own_person_id": policy.citizen_person_id(user),
            "staff": bool(roles & rules.STAFF),
        },
        "unread_count": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
