"""The permission matrix: every named URL × every persona → expected status.

Generated from the URL conf: a URL without an expectation here fails
`test_every_url_has_an_expectation`, so no page can be forgotten. Object-level cases use
the hand-made world: the Kortrijk-only person, the person referred to the CAW."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from samen.access.models import BreakGlass
from samen.core.models import Notification
from samen.registry.models import Consent, PersonMerge, Referral
from tests.conftest import PERSONAS, membership_of, user_of

ALL = [*PERSONAS, "anonymous"]
LOGGED_IN = set(PERSONAS)
FILE = {
    "worker_kortrijk", "worker_menen", "worker_caw", "meldpunt_member", "dedicated_member",
    "programme_lead", "counsellor", "solentra", "konekti",
}  # fmt: skip
STAFF = LOGGED_IN - {"citizen", "budget_user"}
APP_USERS = {"citizen", "budget_user"}  # no staff membership: the budget app
IMPORTERS = {"programme_lead", "coordinator"}
API_URLS = {"api_temperature", "openapi-json", "api-root", "open_data_year"}
FOOD_STOCK = {"hub_staff", "hub_coordinator", "trainee", "trainee_coach"}
FOOD_RELEASE = {"hub_coordinator", "trainee_coach"}
CRISIS_ADMIT = {
    "worker_kortrijk", "worker_menen", "worker_caw", "meldpunt_member", "dedicated_member",
    "counsellor", "solentra", "konekti",
}  # fmt: skip
CRISIS = CRISIS_ADMIT | {"crisis_partner"}
CRISIS_SCOPE = {"worker_kortrijk", "crisis_partner"}  # the referring service, the bed's partner
MELDPUNT = {"meldpunt_member"}
DEDICATED = {"dedicated_member"}
WOONCLUB = {"programme_lead"}  # a member of the Woonclub team
EVICTION = {"worker_kortrijk", "worker_menen"}  # the reporter, the OCMW it is routed to
COACH = {"wijkwerk_coach"}
OWN_WIJKWERK = {"wijkwerk_user", "citizen"}  # a user (the school), a private user and worker
OWN_SCOPE = COACH | {"citizen"}  # the school is no wijk-werker and no private user
AGGREGATES = {"coordinator", "programme_lead"}
ENERGY = FILE | {"adviser"}
ON_DOSSIER = {"worker_kortrijk", "adviser"}  # the desk that filed it, the adviser on it


NO_ROLE = {"citizen", "budget_user"}  # sign in with a password only


def expect(allowed, ok=200, *, scoped=None, denied=403, out_of_scope=404):
    """allowed: personas with the role. scoped: of those, the ones who also reach the
    object (the others get 404, as the file does not exist for them)."""

    def status(persona: str) -> int:
        if persona == "anonymous":
            return 302
        if persona not in allowed:
            return denied
        if scoped is not None and persona not in scoped:
            return out_of_scope
        return ok

    return status


def _consent(world):
    return Consent.objects.get(person=world.person_referred).pk


def _referral(world):
    return Referral.objects.get(person=world.person_referred).pk


def _notification(world):
    return Notification.objects.create(user=user_of("worker_caw"), kind="x", text="t").pk


def _glass(world):
    from django.utils import timezone

    return BreakGlass.objects.create(
        user=user_of("worker_menen"),
        person=world.person_kortrijk,
        reason="test noodgeval",
        opened_at=timezone.now(),
        expires_at=timezone.now(),
    ).pk


def _merge(world):
    return PersonMerge.objects.create(
        kept=world.person_kortrijk,
        merged=world.person_menen,
        merged_by=user_of("programme_lead"),
        moved={},
    ).pk


def _enrolment(world):
    return world.person_kortrijk.enrolments.get().pk


def _household_link(world):
    from samen.registry import services

    household = services.household_add_member(
        actor=user_of("worker_kortrijk"),
        person=world.person_kortrijk,
        member=world.person_citizen,
        relation="partner",
    )
    return household.members.get(person=world.person_citizen).pk


def _lot(world):
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from samen.food import services as food
    from samen.food.models import PickupPoint, Product, StorageLocation

    store = PickupPoint.objects.create(donor=world.donor, name="Aldi Matrix")
    pickup = food.pickup_for_round(actor=user_of("trainee"), pickup_point=store)
    return food.lot_receive(
        actor=user_of("trainee"),
        pickup=pickup,
        product=Product.objects.get(name="Yoghurt"),
        kg=Decimal("10"),
        crates=1,
        date_kind="use_by",
        arrival_celsius=Decimal("3"),
        expiry=timezone.localdate() + dt.timedelta(days=2),
        location=StorageLocation.objects.get(code="koelcel-1"),
    ).code


def _order(world):
    """An order of the food-organisation persona's own organisation, on an open day."""
    import datetime as dt

    from django.utils import timezone

    from samen.food.models import Order, ShopDay
    from samen.registry.models import Organisation

    day = ShopDay.objects.create(
        date=timezone.localdate(),
        published_by=user_of("hub_coordinator"),
        cut_off=timezone.now() + dt.timedelta(hours=2),
    )
    own = Organisation.objects.get(name="Welzijnsschakel Anzegem")
    return Order.objects.create(day=day, organisation=own, created_by=user_of("food_org")).pk


def _trainee(world):
    import datetime as dt

    from samen.food.models import Trainee

    return Trainee.objects.create(
        first_name="T", last_name="T", contract_start=dt.date(2026, 1, 1)
    ).pk


def _van(world):
    from samen.food.models import Van

    return ("bestelwagens", Van.objects.create(name="Matrix", capacity_kg=1, capacity_crates=1).pk)


def _route_plan(world):
    """A finished route plan of a closed day: one van, one delivery."""
    import datetime as dt

    from django.utils import timezone

    from samen.food import routing
    from samen.food.models import RoutePlan, ShopDay, Van

    van = Van.objects.create(name="Matrixwagen", capacity_kg=500, capacity_crates=20)
    day = ShopDay.objects.create(
        date=timezone.localdate() - dt.timedelta(days=1),
        published_by=user_of("hub_coordinator"),
        cut_off=timezone.now(),
        closed_at=timezone.now(),
    )
    plan = routing.plan_day(
        routing.Day(50.85, 3.29, (routing.Van(van.pk, van.name, 500, 20, True, 7 * 3600,
                                              16 * 3600, 35),),
                    (routing.Stop(("delivery", 1), routing.DELIVERY, "Org", 50.83, 3.27, 40),)),
        iterations=200,
    )  # fmt: skip
    return RoutePlan.objects.create(
        day=day, requested_by=user_of("hub_coordinator"), status="done",
        result=routing.as_dict(plan),
    ).pk  # fmt: skip


def _bed(world):
    from samen.housing.models import CrisisBed
    from samen.registry.models import Organisation

    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    return CrisisBed.objects.get_or_create(partner=caw, label="Matrixbed")[0].pk


def _admission(world):
    """Admitted by the Kortrijk worker into a bed of the CAW (the crisis partner)."""
    from samen.housing import services
    from samen.housing.models import CrisisBed

    return services.admission_create(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        bed=CrisisBed.objects.get(pk=_bed(world)), reason="crisis",
        person={"first_name": "Nacht", "last_name": "Gast", "birth_date": None},
        legal_basis="vital_interest",
    ).pk  # fmt: skip


def _situation(world):
    """Reported by the Kortrijk worker for the Kortrijk-only person."""
    import datetime as dt

    from samen.housing import services

    return services.situation_report(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        persons=[world.person_kortrijk], legal_basis="legal_task", justification="OCMW-wet",
        data={"living_situation": "street", "homeless_since": dt.date(2026, 1, 1),
              "vulnerability": 3, "urgency": 4, "needs": ["housing"], "description": "Op straat"},
    ).pk  # fmt: skip


def _dwelling(world):
    from samen.housing.models import Dwelling
    from samen.registry.models import Municipality, Organisation

    return Dwelling.objects.create(
        manager=Organisation.objects.get(name="OCMW Kortrijk"), street="Budastraat 1",
        postcode="8500", municipality=Municipality.objects.get(name="Kortrijk"),
        kind="apartment", bedrooms=1, rent=450,
    ).pk  # fmt: skip


def _offer(world):
    from samen.housing import services
    from samen.housing.models import Dwelling, Situation

    situation = Situation.objects.get(pk=_situation(world))
    lead = user_of("meldpunt_member")
    services.situation_decide(actor=lead, situation=situation, decision="kracht_wonen", reason="x")
    return services.offer_make(
        actor=lead, dwelling=Dwelling.objects.get(pk=_dwelling(world)), situation=situation
    ).pk


def _occupation(world):
    import datetime as dt

    from samen.housing import services
    from samen.housing.models import Offer

    offer = services.offer_answer(actor=user_of("meldpunt_member"),
                                  offer=Offer.objects.get(pk=_offer(world)), accept=True,
                                  start=dt.date(2026, 1, 1), agreement="tijdelijk")  # fmt: skip
    return offer.dwelling.occupations.get().pk


def _eviction(world):
    """Reported by the Kortrijk worker for a tenant in Menen: routed to OCMW Menen."""
    import datetime as dt

    from samen.housing import services
    from samen.registry.models import Municipality

    return services.eviction_report(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        data={"received_on": dt.date(2026, 11, 2), "source": "landlord", "tenant_name": "T",
              "address": "Rijselstraat 1", "municipality": Municipality.objects.get(name="Menen")},
    ).pk  # fmt: skip


def _accelerated(world):
    from samen.housing import services
    from samen.registry.models import Organisation

    return services.accelerated_request_file(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, motivation="Dringend",
        company=Organisation.objects.get(kind="social_housing"),
    ).pk  # fmt: skip


def _trajectory(world):
    """The dedicated team guides the Kortrijk person, referred to it by Kortrijk."""
    import datetime as dt

    from samen.housing import services
    from samen.registry import services as registry
    from samen.registry.models import Programme, Team

    registry.referral_create(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, receiver=Team.objects.get(code="dedicated"),
        programme=Programme.objects.get(code="kracht_wonen"), reason="begeleiding",
        legal_basis="legal_task", justification="OCMW-wet", categories=["basic", "housing"],
    )  # fmt: skip
    return services.trajectory_start(
        actor=user_of("dedicated_member"), person=world.person_kortrijk, kracht_wonen=True,
        start=dt.date(2026, 1, 1),
    ).pk  # fmt: skip


def _household(world):
    """A Woonclub household of a person the Woonclub registered itself."""
    import datetime as dt

    from samen.housing import services
    from samen.housing.models import WalkInPoint
    from samen.registry import services as registry
    from samen.registry.models import Municipality, Programme

    lead = membership_of("programme_lead")
    person = registry.person_create(
        actor=lead.user, membership=lead, data={"first_name": "Woon", "last_name": "Club"},
        programme=Programme.objects.get(code="woonclub"), legal_basis="legal_task",
        basis_note="Woonclub",
    )  # fmt: skip
    point = WalkInPoint.objects.create(
        name="Zitdag Kortrijk", municipality=Municipality.objects.get(name="Kortrijk"),
        address="Budastraat 1", schedule="weekly", hours="dinsdag 9–12 u",
    )  # fmt: skip
    return services.woonclub_intake(actor=lead.user, person=person, data={
        "point": point, "intake_on": dt.date(2026, 3, 1), "adults": 1, "children": 2,
        "income": 1650, "situation": "tenant", "reasons": ["unsuitable_home"],
    }).pk  # fmt: skip


def _listing(world):
    from samen.housing.models import RentalListing
    from samen.registry.models import Municipality

    return RentalListing.objects.create(
        municipality=Municipality.objects.get(name="Menen"), street_or_area="Centrum", rent=650,
        bedrooms=2, source="immoweb", recorded_by=user_of("volunteer"),
    ).pk  # fmt: skip


def _duty(world):
    """The volunteer's own duty (the Woonclub team may take anyone off the planning)."""
    from samen.housing.models import Duty, WalkInPoint
    from samen.registry.models import Municipality

    point = WalkInPoint.objects.create(
        name="Zitdag Wervik", municipality=Municipality.objects.get(name="Wervik"), address="x",
        schedule="weekly", hours="woensdag",
    )  # fmt: skip
    return Duty.objects.create(point=point, on=timezone_today(), user=user_of("volunteer"),
                               role="volunteer").pk  # fmt: skip


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


def _membership(world):
    return membership_of("worker_kortrijk").pk


def _ww_worker(world):
    """The citizen, a wijk-werker of W13."""
    from samen.work.models import Worker

    return Worker.objects.get(person=world.person_citizen).pk


def _ww_statement(world):
    return (_ww_worker(world), 2026, 11)


def _ww_user(world):
    from samen.work.models import WijkwerkUser

    return WijkwerkUser.objects.get(number="S-1").pk


def _ww_certificate(world):
    """The citizen as a private user: the fiscal certificate of 2026."""
    from samen.work.models import WijkwerkUser

    return (WijkwerkUser.objects.get(number="P-1").pk, 2026)


def _ww_request(world):
    from samen.work.models import ServiceRequest, WijkwerkUser

    return ServiceRequest.objects.create(
        user=WijkwerkUser.objects.get(number="S-1"), activity="Toezicht", place="Wevelgem",
        hours_wanted=4,
    ).pk  # fmt: skip


def _activation(world):
    """Opened by the Kortrijk worker for the Kortrijk-only person."""
    import datetime as dt

    from samen.work import services

    return services.activation_start(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, referred_by="vdab", referrer="", goals="Arbeidszorg",
        referred_on=dt.date(2026, 10, 1), barriers=["mental"],
    ).pk  # fmt: skip


def _enterprise(world):
    from samen.registry.models import Municipality
    from samen.work.models import Enterprise

    return Enterprise.objects.create(name="Matrixbedrijf", kind="custom",
                                     municipality=Municipality.objects.first()).pk  # fmt: skip


def _energy_dossier(world):
    """Filed by OCMW Kortrijk for the Kortrijk-only person, with the adviser as partner."""
    import datetime as dt

    from samen.energy import services
    from samen.registry.models import Municipality, Organisation

    return services.dossier_create(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk,
        partners=[Organisation.objects.get(name="Renovatiecoach Zuid-West")],
        data={"applied_on": dt.date(2024, 3, 1), "amount": 20000, "months": 240,
              "works": "Dakisolatie", "municipality": Municipality.objects.get(name="Kortrijk"),
              "home_built": 1970, "taxable_income": 30000},
    ).pk  # fmt: skip


def _energy_document(world):
    from samen.energy.models import Document

    return Document.objects.filter(dossier_id=_energy_dossier(world)).first().pk


def _fund_home(world):
    import datetime as dt

    from samen.energy import services
    from samen.registry.models import Municipality

    return services.fund_home_select(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        owner=world.person_kortrijk,
        data={"municipality": Municipality.objects.get(name="Kortrijk"), "address": "Kerkstraat 1",
              "assessment": "Vochtig, enkel glas", "works": "Dak en ramen", "budget": 30000,
              "selected_on": dt.date(2026, 3, 1)},
    ).pk  # fmt: skip


def _shared_budget(world):
    from samen.budget.models import Budget

    return Budget.objects.get(owner=user_of("budget_user")).pk


def _recurring(world):
    import datetime as dt

    from samen.budget.models import Budget, Recurring

    budget = Budget.objects.get(owner=user_of("budget_user"))
    return Recurring.objects.create(budget=budget, category="rent", amount=600,
                                    description="Huur", start=dt.date(2026, 1, 1)).pk  # fmt: skip


def _entry(world):
    import datetime as dt

    from samen.budget.models import Budget, Entry

    budget = Budget.objects.get(owner=user_of("budget_user"))
    return Entry.objects.create(budget=budget, on=dt.date(2026, 11, 2), amount=-20,
                                category="other").pk  # fmt: skip


def _share(world):
    from samen.budget.models import Share

    return Share.objects.get(budget__owner=user_of("budget_user")).pk


def _series(world):
    from samen.budget.models import GroupSeries
    from samen.registry.models import Municipality, Organisation

    return GroupSeries.objects.create(
        title="Rond komen", municipality=Municipality.objects.get(name="Menen"),
        organisation=Organisation.objects.get(name="W13 welzijnsvereniging"),
    ).pk  # fmt: skip


def _gbo_intake(world):
    """At OCMW Kortrijk, for the Kortrijk-only person, with one probable right."""
    import datetime as dt

    from samen.care import services
    from samen.care.models import Right

    return services.intake_create(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, question="Huur te hoog", context="",
        rights=[Right.objects.get(code="huurpremie")], on=dt.date(2026, 10, 1),
    ).pk  # fmt: skip


def _gbo_check(world):
    from samen.care.models import RightCheck

    return RightCheck.objects.get(intake_id=_gbo_intake(world)).pk


def _volunteer(world):
    import datetime as dt

    from samen.care.models import Volunteer
    from samen.registry.models import Municipality

    return Volunteer.objects.create(first_name="Vic", last_name="Vrij", birth_date=dt.date(
        1960, 1, 1), municipality=Municipality.objects.get(name="Menen"),
        account=user_of("volunteer")).pk  # fmt: skip


def _volunteer_request(world):
    """Asked by the hub coordinator."""
    import datetime as dt

    from samen.care.models import VolunteerRequest
    from samen.registry.models import Municipality, Organisation

    return VolunteerRequest.objects.create(
        organisation=Organisation.objects.get(name="W13 welzijnsvereniging"), kind="food",
        title="Sorteren", municipality=Municipality.objects.get(name="Kuurne"),
        on=dt.date(2026, 12, 5), hours=3, asked_by=user_of("hub_coordinator"),
    ).pk  # fmt: skip


def _family(world):
    """Referred to Konekti by OCMW Kortrijk: the Kortrijk-only person and a child."""
    import datetime as dt

    from samen.care import services

    return services.family_refer(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        parent=world.person_kortrijk, children_text="Noor; 02/04/2012", question="Opvoeding",
        guardian_name="Els Declercq", consent=True, on=dt.date(2026, 11, 2),
    ).pk  # fmt: skip


def _application(world):
    from samen.care.models import Application
    from samen.registry.models import Municipality

    return Application.objects.create(
        parent_name="Sara Peeters",
        phone="056 00 00 00",
        children="Lina",
        question="Hulp",
        municipality=Municipality.objects.get(name="Menen"),
        consent=True,
    ).pk


def _solentra_client(world):
    """The Kortrijk-only person, referred by OCMW Kortrijk to Solentra on legal task."""
    from samen.registry import services
    from samen.registry.models import Organisation, Programme

    services.referral_create(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, receiver=Organisation.objects.get(name="Solentra"),
        programme=Programme.objects.get(code="solentra"), reason="Trauma",
        legal_basis="legal_task", categories=["basic"],
        justification="OCMW-begeleiding van een erkend vluchteling",
    )  # fmt: skip
    return world.person_kortrijk.pk


def _nis(world):
    from samen.registry.models import Municipality

    return Municipality.objects.order_by("name").first().nis_code


K = {"worker_kortrijk"}  # reach the Kortrijk-only person
REFERRED = {"worker_kortrijk", "worker_caw"}  # reach the person referred to the CAW
P_K = ("person_kortrijk",)
P_R = ("person_referred",)

# name → (method, args from the world, expected status per persona, post data)
MATRIX = {
    "dashboard": ("get", None, expect(LOGGED_IN)),
    "healthz": ("get", None, lambda p: 200),
    "login": ("get", None, lambda p: 200),
    "logout": ("post", None, lambda p: 302),
    "set_language": ("post", None, lambda p: 302, {"language": "fr"}),
    "notifications": ("get", None, expect(LOGGED_IN)),
    "notification_read": ("post", _notification, expect(LOGGED_IN, 302)),
    "notifications_read_all": ("post", None, expect(LOGGED_IN, 302)),
    "person_search": ("get", None, expect(FILE)),
    "person_create": ("get", None, expect(FILE)),
    "person_known_request": ("post", None, expect(FILE, 403)),  # no valid token
    "person_known_enrol": ("post", None, expect(FILE, 400)),
    "person_detail": ("get", P_K, expect(FILE | {"citizen"}, scoped=K)),
    "person_edit": ("get", P_K, expect(FILE, scoped=K)),
    "person_export": ("get", P_K, expect(FILE | {"citizen"}, scoped=K)),
    "person_restrict": ("post", P_K, expect(FILE, 302, scoped=K)),
    "household_add": ("get", P_K, expect(FILE, scoped=K)),
    "referral_create": ("get", P_K, expect(FILE, scoped=K)),
    "consent_create": ("get", P_K, expect(FILE, scoped=K)),
    "note_create": ("post", P_K, expect(FILE, 302, scoped=K)),
    "household_member_end": ("post", _household_link, expect(FILE, 302, scoped=K)),
    "enrolment_close": ("post", _enrolment, expect(FILE, 302, scoped=K)),
    "referral_answer": ("post", _referral, expect(FILE, 302, scoped=REFERRED)),
    "referral_close": ("post", _referral, expect(FILE, 302, scoped=REFERRED)),
    "consent_withdraw": ("post", _consent, expect(FILE | {"citizen"}, 302, scoped=REFERRED)),
    "duplicates": ("get", None, expect({"programme_lead"})),
    "person_merge": ("post", None, expect({"programme_lead"}, 302)),
    "merge_undo": ("post", _merge, expect({"programme_lead"}, 302)),
    "processing_register": ("get", None, expect(STAFF)),
    "break_glass": ("get", None, expect(CRISIS_ADMIT)),  # social workers and team members
    "dpo_audit": ("get", None, expect({"dpo"})),
    "dpo_break_glass": ("get", None, expect({"dpo"})),
    "dpo_second_factor": ("get", None, expect({"dpo"})),
    "second_factor": ("get", None, lambda p: 302 if p in NO_ROLE | {"anonymous"} else 200),
    "second_factor_setup": ("get", None, lambda p: 302 if p == "anonymous" else 200),
    # Only after the second step in this session (citizens have none: refused).
    "recovery_codes_renew": (
        "post",
        None,
        lambda p: {"anonymous": 302}.get(p, 403 if p in NO_ROLE else 200),
    ),
    # Single sign-on is off unless a provider is configured (its own test turns it on).
    "oidc_authentication_init": ("get", None, lambda p: 404),
    "oidc_authentication_callback": ("get", None, lambda p: 404),
    "second_factor_reset": (
        "post",
        lambda w: user_of("worker_kortrijk").pk,
        expect({"org_admin"}, 302),
    ),
    "dpo_break_glass_review": ("post", _glass, expect({"dpo"}, 302)),
    "import_upload": ("get", None, expect(IMPORTERS)),
    "import_confirm": ("post", None, expect(IMPORTERS, 403)),  # no valid token
    "import_undo": ("post", lambda w: 999999, expect(IMPORTERS, 403)),  # not their import
    "import_template": ("get", lambda w: "organisations", expect(IMPORTERS)),
    "food_intake": ("get", None, expect(FOOD_STOCK)),
    "food_pickup_empty": ("post", None, expect(FOOD_STOCK, 302)),
    "food_stock": ("get", None, expect(FOOD_STOCK)),
    "food_lot_find": ("get", None, expect(FOOD_STOCK)),
    "food_lot": ("get", _lot, expect(FOOD_STOCK)),
    "food_lot_label": ("get", _lot, expect(FOOD_STOCK)),
    "food_lot_write_off": ("post", _lot, expect(FOOD_RELEASE | {"hub_staff"}, 302)),
    "food_lot_release": ("post", _lot, expect(FOOD_RELEASE, 302)),
    "food_lot_count": ("post", _lot, expect(FOOD_STOCK, 302)),
    "food_lot_move": ("post", _lot, expect(FOOD_STOCK, 302)),
    "food_lot_trace": ("get", _lot, expect(FOOD_STOCK)),
    "food_recall": ("get", None, expect({"hub_coordinator"})),
    "food_recall_notify": ("post", None, expect({"hub_coordinator"}, 404)),  # nothing named
    "food_roster": ("get", None, expect(FOOD_STOCK)),
    "food_cold_chain": ("get", None, expect(FOOD_STOCK)),
    "food_alert_resolve": ("post", lambda w: 999999, expect(FOOD_RELEASE, 404)),
    "food_haccp": ("get", None, expect(FOOD_STOCK)),
    "food_sensor_register": ("post", None, expect({"hub_coordinator"}, 302)),
    # The API: a device token, never a session (401 for every persona without one).
    "api_temperature": ("post", None, lambda p: 401),
    "openapi-json": ("get", None, lambda p: 200),
    "api-root": ("get", None, lambda p: 404),  # django-ninja's anchor; no docs page
    "food_dashboard": ("get", None, expect(FOOD_STOCK)),
    "food_trainee": ("get", _trainee, expect(FOOD_RELEASE)),  # coaches and the coordinator
    "shop_admin": ("get", None, expect({"hub_coordinator"})),
    "food_master_list": ("get", lambda w: "producten", expect({"hub_coordinator"})),
    "food_master_create": ("get", lambda w: "bestelwagens", expect({"hub_coordinator"})),
    "food_master_edit": ("get", _van, expect({"hub_coordinator"})),
    "shop_close": ("post", None, expect({"hub_coordinator"}, 404)),  # nothing published yet
    "route_plans": ("get", None, expect(FOOD_STOCK)),
    "route_plan": ("get", _route_plan, expect(FOOD_STOCK)),
    "route_replan": ("post", _route_plan, expect({"hub_coordinator"}, 302)),  # form errors
    "route_sheets": ("get", _route_plan, expect(FOOD_STOCK)),
    "shop_order": ("get", None, expect({"food_org"})),
    "standing_order_save": ("post", None, expect({"food_org"}, 302)),
    "standing_order_delete": ("post", lambda w: 999999, expect({"food_org"}, 404)),
    "order_pick_list": ("get", _order, expect(FOOD_STOCK)),
    "order_pick": ("post", _order, expect(FOOD_STOCK, 302)),
    "order_crate_labels": ("get", _order, expect(FOOD_STOCK)),
    "order_delivery": ("get", _order, expect(FOOD_STOCK | {"food_org"})),
    "crisis_beds": ("get", None, expect(CRISIS_ADMIT)),
    "crisis_admit": ("get", _bed, expect(CRISIS_ADMIT)),
    "crisis_admissions": ("get", None, expect(CRISIS)),
    "crisis_admission": ("get", _admission, expect(CRISIS, scoped=CRISIS_SCOPE)),
    "crisis_bed_add": ("post", None, expect({"crisis_partner"}, 302)),  # no name: a message
    "crisis_bed_use": ("post", _bed, expect({"crisis_partner"}, 302)),
    "crisis_discharge": ("post", _admission, expect(CRISIS, 302, scoped=CRISIS_SCOPE)),
    "meldpunt": ("get", None, expect(FILE)),
    "meldpunt_report": ("get", P_K, expect(FILE, scoped=K)),
    "meldpunt_situation": ("get", _situation, expect(FILE, scoped=MELDPUNT | K)),
    # The reporting service reads the situation but does not decide (403); empty form: 302.
    "meldpunt_decide": (
        "post",
        _situation,
        lambda p: 403 if p in K else expect(FILE, 302, scoped=MELDPUNT)(p),
    ),
    "meldpunt_consultations": ("get", None, expect(MELDPUNT)),
    "pool": ("get", None, expect(MELDPUNT)),
    "dwelling_create": ("get", None, expect(MELDPUNT)),
    "dwelling": ("get", _dwelling, expect(MELDPUNT)),
    "dwelling_edit": ("get", _dwelling, expect(MELDPUNT)),
    "offer_make": ("post", lambda w: (_dwelling(w), _situation(w)), expect(MELDPUNT, 302)),
    "offer_answer": ("post", _offer, expect(MELDPUNT, 302)),  # empty form: back with a message
    "occupation_end": ("post", _occupation, expect(MELDPUNT, 302)),
    "occupation_awaiting": ("post", _occupation, expect(MELDPUNT, 302)),
    "evictions": ("get", None, expect(FILE)),
    "eviction": ("get", _eviction, expect(FILE, scoped=EVICTION)),
    "eviction_action": ("post", _eviction, expect(FILE, 302, scoped=EVICTION)),
    "eviction_close": ("post", _eviction, expect(FILE, 302, scoped=EVICTION)),
    "accelerated_requests": ("get", None, expect(FILE)),
    "accelerated_request": ("get", P_K, expect(FILE, scoped=K)),
    "accelerated_decide": ("post", _accelerated, expect(FILE, 302, scoped=K)),
    "dedicated_team": ("get", None, expect(DEDICATED)),
    "trajectory_start": ("get", P_K, expect(DEDICATED, scoped=set())),  # not in its files
    "trajectory": ("get", _trajectory, expect(FILE, scoped=DEDICATED)),
    "trajectory_close": ("post", _trajectory, expect(FILE, 302, scoped=DEDICATED)),
    "woonclub": ("get", None, expect(WOONCLUB)),
    "woonclub_intake": ("get", P_K, expect(WOONCLUB, scoped=set())),  # not in its files
    "woonclub_household": ("get", _household, expect(FILE, scoped=WOONCLUB)),
    "woonclub_housed": ("post", _household, expect(FILE, 302, scoped=WOONCLUB)),
    "listings": ("get", None, expect(WOONCLUB | {"volunteer"})),
    "listing_gone": ("post", _listing, expect(WOONCLUB | {"volunteer"}, 302)),
    "woonclub_planning": ("get", None, expect(WOONCLUB | {"volunteer"})),
    "duty_drop": ("post", _duty, expect(WOONCLUB | {"volunteer"}, 302)),
    "organisation_users": ("get", None, expect({"org_admin"})),
    "organisation_user_create": ("get", None, expect({"org_admin"})),
    "membership_end": ("post", _membership, expect({"org_admin"}, 302)),
    "wijkwerk": ("get", None, expect(COACH)),
    "wijkwerk_refer": ("get", None, expect(COACH)),
    "wijkwerk_worker": ("get", _ww_worker, expect(COACH)),
    "wijkwerk_intake": ("post", _ww_worker, expect(COACH, 302)),
    "wijkwerk_end": ("post", _ww_worker, expect(COACH, 302)),
    "wijkwerk_statement": ("get", _ww_statement, expect(COACH | OWN_WIJKWERK, scoped=OWN_SCOPE)),
    "wijkwerk_request": ("get", _ww_request, expect(COACH)),
    "wijkwerk_users": ("get", None, expect(COACH)),
    "wijkwerk_user": ("get", _ww_user, expect(COACH)),
    "wijkwerk_certificate": (
        "get",
        _ww_certificate,
        expect(COACH | OWN_WIJKWERK, scoped=OWN_SCOPE),
    ),
    "wijkwerk_mine": ("get", None, expect(OWN_WIJKWERK)),
    "wijkwerk_buy": ("post", None, expect(OWN_WIJKWERK, 302)),
    "wijkwerk_ask": ("post", None, expect(OWN_WIJKWERK, 302)),
    "sitting_days": ("get", None, expect(LOGGED_IN - {"budget_user"})),
    "activation": ("get", None, expect(FILE | AGGREGATES)),
    "activation_capacity": ("post", None, expect(AGGREGATES, 302)),
    "activation_start": ("get", P_K, expect(FILE, scoped=K)),
    "activation_trajectory": ("get", _activation, expect(FILE, scoped=K)),
    "activation_move": ("post", _activation, expect(FILE, 302, scoped=K)),
    "activation_step": ("post", _activation, expect(FILE, 302, scoped=K)),
    "economy": ("get", None, expect(STAFF)),
    "economy_enterprise": ("get", None, expect(AGGREGATES)),
    "economy_enterprise_edit": ("get", _enterprise, expect(AGGREGATES)),
    "economy_event": ("get", None, expect(AGGREGATES)),
    "energy": ("get", None, expect(ENERGY | {"coordinator"})),
    "energy_dossier_new": ("get", P_K, expect(FILE, scoped=K)),
    "energy_dossier": ("get", _energy_dossier, expect(ENERGY, scoped=ON_DOSSIER)),
    "energy_assess": ("post", _energy_dossier, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_visit": ("post", _energy_dossier, expect({"adviser"}, 302)),
    "energy_offer": ("post", _energy_dossier, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_contract": ("post", _energy_dossier, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_disburse": ("post", _energy_dossier, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_repay": ("post", _energy_dossier, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_note": ("post", _energy_dossier, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_document": ("post", _energy_document, expect(ENERGY, 302, scoped=ON_DOSSIER)),
    "energy_rates": ("get", None, expect({"coordinator"})),
    "rolling_fund": ("get", None, expect(ENERGY | {"coordinator"})),
    "gbo_intake_new": ("get", P_K, expect(FILE, scoped=K)),
    "gbo_intake": ("get", _gbo_intake, expect(FILE, scoped=K)),
    "gbo_check": ("post", _gbo_check, expect(FILE, 302, scoped=K)),
    "gbo_dashboard": ("get", None, expect(FILE | AGGREGATES)),
    "gbo_rights": ("get", None, expect(AGGREGATES)),
    "solentra": ("get", None, expect(FILE, scoped={"solentra"}, out_of_scope=403)),
    "konekti_apply": ("get", None, lambda p: 200),
    "konekti": ("get", None, expect({"konekti"})),
    "konekti_take": ("post", _application, expect({"konekti"}, 302)),
    "konekti_refer": ("get", P_K, expect(FILE, scoped=K)),
    "konekti_family": ("get", _family, expect({"konekti"})),
    "konekti_step": ("post", lambda w: (_family(w), "goal"), expect({"konekti"}, 302)),
    "solentra_person": (
        "get",
        _solentra_client,
        expect(FILE, scoped={"solentra", "worker_kortrijk"}),
    ),
    "volunteers": ("get", None, expect(AGGREGATES)),
    "volunteer_new": ("get", None, expect(AGGREGATES)),
    "volunteer_edit": ("get", _volunteer, expect(AGGREGATES)),
    "volunteer_export": ("get", None, expect(AGGREGATES, 302)),  # no period: back with a message
    "volunteer_requests": ("get", None, expect(STAFF - {"volunteer"})),
    "volunteer_request": (
        "get",
        _volunteer_request,
        expect(STAFF - {"volunteer"}, scoped=AGGREGATES | {"hub_coordinator"}),
    ),
    "volunteer_me": ("get", None, expect({"volunteer"})),
    "budget_register": ("get", None, lambda p: 302 if p != "anonymous" else 200),
    "budget_start": ("post", None, expect(APP_USERS, 302)),
    "budget_month": ("get", None, expect(APP_USERS)),
    "budget_entry": ("post", None, expect(APP_USERS, 302)),
    "budget_plan": ("post", None, expect(APP_USERS, 302)),
    "budget_entry_category": ("post", _entry, expect(APP_USERS, 302, scoped={"budget_user"})),
    "budget_recurring": ("get", None, expect(APP_USERS)),
    "budget_recurring_end": ("post", _recurring, expect(APP_USERS, 302, scoped={"budget_user"})),
    "budget_import": ("get", None, expect(APP_USERS)),
    "budget_share": ("get", None, expect(APP_USERS)),
    "budget_share_revoke": ("post", _share, expect(APP_USERS, 302, scoped={"budget_user"})),
    "budget_shared": ("get", None, expect({"counsellor"})),
    "budget_shared_month": ("get", _shared_budget, expect({"counsellor"})),
    "biz_groupwork": ("get", None, expect({"counsellor"})),
    "biz_series": ("get", _series, expect({"counsellor"})),
    "biz_education": ("get", None, expect({"counsellor"})),
    "fund_capital": ("post", None, expect({"coordinator"}, 302)),
    "fund_home_new": ("get", P_K, expect(FILE, scoped=K)),
    "fund_home": ("get", _fund_home, expect(FILE, scoped=K)),
    "fund_prefinance": ("post", _fund_home, expect(FILE, 302, scoped=K)),
    "fund_repay": ("post", _fund_home, expect(FILE, 302, scoped=K)),
    # Reports: exact figures for coordinators; published (suppressed) figures for anyone
    "report_annual": ("get", None, expect(AGGREGATES)),
    "report_annual_pdf": ("get", None, expect(AGGREGATES)),
    "report_dashboards": ("get", None, expect(AGGREGATES)),
    "report_dashboard": ("get", lambda w: "woonclub", expect(AGGREGATES)),
    "public_reports": ("get", lambda w: 2018, lambda p: 200),
    "public_municipality_report": ("get", lambda w: (2018, _nis(w)), lambda p: 200),
    "open_data_csv": ("get", lambda w: 2018, lambda p: 200),
    "open_data_year": ("get", lambda w: 2018, lambda p: 200),
}


def named_urls() -> set[str]:
    names = set()

    def walk(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns)
            elif p.name:
                names.add(p.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_an_expectation():
    missing = named_urls() - set(MATRIX)
    assert not missing, f"URLs without a row in the permission matrix: {sorted(missing)}"
    assert not set(MATRIX) - named_urls(), "matrix rows for URLs that no longer exist"


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, persona, world, persona_client):
    method, args, status, *data = MATRIX[name]
    if callable(args):
        value = args(world)
        args = value if isinstance(value, tuple) else (value,)
    elif args:
        args = tuple(getattr(world, a).pk for a in args)
    url = reverse(f"api:{name}" if name in API_URLS else name, args=args or None)
    client = persona_client(persona)
    response = getattr(client, method)(url, data[0] if data else {})
    expected = status(persona)
    assert response.status_code == expected, (
        f"{persona} {method.upper()} {url}: {response.status_code}, expected {expected}"
    )
    if (
        expected == 302
        and persona == "anonymous"
        and name not in {"logout", "set_language", "login", "healthz", *API_URLS}
    ):
        assert response["Location"].startswith(reverse("login"))
