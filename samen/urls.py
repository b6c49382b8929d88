from django.urls import include, path

from samen.access import views as access
from samen.api import api
from samen.core import views as core
from samen.imports import views as imports
from samen.registry import views as registry

urlpatterns = [
    path("", core.dashboard, name="dashboard"),
    path("gezondheid/", core.healthz, name="healthz"),
    path("aanmelden/", access.login_view, name="login"),
    path("afmelden/", access.logout_view, name="logout"),
    path("aanmelden/tweede-stap/", access.second_factor, name="second_factor"),
    path("aanmelden/authenticator/", access.second_factor_setup, name="second_factor_setup"),
    path("aanmelden/herstelcodes/", access.recovery_codes_renew, name="recovery_codes_renew"),
    path("aanmelden/gemeente/", access.oidc_start, name="oidc_authentication_init"),
    path("aanmelden/gemeente/terug/", access.oidc_callback, name="oidc_authentication_callback"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meldingen/", core.notifications, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", core.notification_read, name="notification_read"),
    path("meldingen/alles-gelezen/", core.notifications_read_all, name="notifications_read_all"),
    # Person files
    path("personen/", registry.person_search, name="person_search"),
    path("personen/nieuw/", registry.person_create, name="person_create"),
    path("personen/gekend/vraag/", registry.person_known_request, name="person_known_request"),
    path("personen/gekend/inschrijven/", registry.person_known_enrol, name="person_known_enrol"),
    path("personen/<int:pk>/", registry.person_detail, name="person_detail"),
    path("personen/<int:pk>/wijzigen/", registry.person_edit, name="person_edit"),
    path("personen/<int:pk>/export/", registry.person_export, name="person_export"),
    path("personen/<int:pk>/beperken/", registry.person_restrict, name="person_restrict"),
    path("personen/<int:pk>/gezin/", registry.household_add, name="household_add"),
    path("personen/<int:pk>/doorverwijzen/", registry.referral_create, name="referral_create"),
    path("personen/<int:pk>/toestemming/", registry.consent_create, name="consent_create"),
    path("personen/<int:pk>/notitie/", registry.note_create, name="note_create"),
    path("gezinsleden/<int:pk>/einde/", registry.household_member_end, name="household_member_end"),
    path("inschrijvingen/<int:pk>/afsluiten/", registry.enrolment_close, name="enrolment_close"),
    path("doorverwijzingen/<int:pk>/antwoord/", registry.referral_answer, name="referral_answer"),
    path("doorverwijzingen/<int:pk>/afsluiten/", registry.referral_close, name="referral_close"),
    path("toestemmingen/<int:pk>/intrekken/", registry.consent_withdraw, name="consent_withdraw"),
    path("dubbels/", registry.duplicates, name="duplicates"),
    path("dubbels/samenvoegen/", registry.person_merge, name="person_merge"),
    path("dubbels/<int:pk>/ongedaan/", registry.merge_undo, name="merge_undo"),
    path("verwerkingsregister/", registry.processing_register, name="processing_register"),
    path("voeding/", include("samen.food.urls")),
    path("wonen/", include("samen.housing.urls")),
    path("werk/", include("samen.work.urls")),
    path("energie/", include("samen.energy.urls")),
    path("budget/", include("samen.budget.urls")),
    path("zorg/", include("samen.care.urls")),
    path("cijfers/", include("samen.reports.urls")),
    path("api/v1/", api.urls),
    path("imports/", imports.import_upload, name="import_upload"),
    path("imports/bevestigen/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/ongedaan/", imports.import_undo, name="import_undo"),
    path("imports/sjabloon/<slug:kind>/", imports.import_template, name="import_template"),
    # Access
    path("noodtoegang/", access.break_glass, name="break_glass"),
    path("dpo/logboek/", access.dpo_audit, name="dpo_audit"),
    path("dpo/noodtoegang/", access.dpo_break_glass, name="dpo_break_glass"),
    path("dpo/tweede-factor/", access.dpo_second_factor, name="dpo_second_factor"),
    path(
        "organisatie/gebruikers/<int:pk>/tweede-factor/",
        access.second_factor_reset,
        name="second_factor_reset",
    ),
    path("dpo/noodtoegang/<int:pk>/", access.dpo_break_glass_review, name="dpo_break_glass_review"),
    path("organisatie/gebruikers/", access.organisation_users, name="organisation_users"),
    path(
        "organisatie/gebruikers/nieuw/",
        access.organisation_user_create,
        name="organisation_user_create",
    ),
    path(
        "organisatie/lidmaatschappen/<int:pk>/einde/", access.membership_end, name="membership_end"
    ),
]

handler403 = "samen.core.errors.forbidden"
handler404 = "samen.core.errors.not_found"
handler500 = "samen.core.errors.server_error"
