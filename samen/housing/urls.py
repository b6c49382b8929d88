from django.urls import path

from samen.housing import views

urlpatterns = [
    path("crisisbedden/", views.crisis_beds, name="crisis_beds"),
    path("crisisbedden/<int:bed>/opnemen/", views.crisis_admit, name="crisis_admit"),
    path("crisisbedden/opnames/", views.crisis_admissions, name="crisis_admissions"),
    path("crisisbedden/opnames/<int:pk>/", views.crisis_admission, name="crisis_admission"),
    path("crisisbedden/opnames/<int:pk>/ontslag/", views.crisis_discharge, name="crisis_discharge"),
    path("meldpunt/", views.meldpunt, name="meldpunt"),
    path("meldpunt/melden/<int:person>/", views.meldpunt_report, name="meldpunt_report"),
    path("meldpunt/<int:pk>/", views.meldpunt_situation, name="meldpunt_situation"),
    path("meldpunt/<int:pk>/beslissen/", views.meldpunt_decide, name="meldpunt_decide"),
    path("meldpunt/overleg/", views.meldpunt_consultations, name="meldpunt_consultations"),
    path("woningpool/", views.pool, name="pool"),
    path("woningpool/nieuw/", views.dwelling_edit, name="dwelling_create"),
    path("woningpool/<int:pk>/", views.dwelling, name="dwelling"),
    path("woningpool/<int:pk>/bewerken/", views.dwelling_edit, name="dwelling_edit"),
    path("woningpool/<int:pk>/aanbieden/<int:situation>/", views.offer_make, name="offer_make"),
    path("aanbod/<int:pk>/", views.offer_answer, name="offer_answer"),
    path("bewoning/<int:pk>/einde/", views.occupation_end, name="occupation_end"),
    path("bewoning/<int:pk>/versneld/", views.occupation_awaiting, name="occupation_awaiting"),
    path("uithuiszetting/", views.evictions, name="evictions"),
    path("uithuiszetting/<int:pk>/", views.eviction, name="eviction"),
    path("uithuiszetting/<int:pk>/actie/", views.eviction_action, name="eviction_action"),
    path("uithuiszetting/<int:pk>/afloop/", views.eviction_close, name="eviction_close"),
    path("versnelde-toewijs/", views.accelerated_requests, name="accelerated_requests"),
    path(
        "versnelde-toewijs/nieuw/<int:person>/",
        views.accelerated_request,
        name="accelerated_request",
    ),
    path(
        "versnelde-toewijs/<int:pk>/beslissing/",
        views.accelerated_decide,
        name="accelerated_decide",
    ),
    path("toegewijd-team/", views.dedicated_team, name="dedicated_team"),
    path("toegewijd-team/nieuw/<int:person>/", views.trajectory_start, name="trajectory_start"),
    path("toegewijd-team/trajecten/<int:pk>/", views.trajectory, name="trajectory"),
    path(
        "toegewijd-team/trajecten/<int:pk>/einde/", views.trajectory_close, name="trajectory_close"
    ),
    path("woonclub/", views.woonclub, name="woonclub"),
    path("woonclub/intake/<int:person>/", views.woonclub_intake, name="woonclub_intake"),
    path("woonclub/gezinnen/<int:pk>/", views.woonclub_household, name="woonclub_household"),
    path("woonclub/gezinnen/<int:pk>/gehuisvest/", views.woonclub_housed, name="woonclub_housed"),
    path("woonclub/huuraanbod/", views.listings, name="listings"),
    path("woonclub/huuraanbod/<int:pk>/niet-meer/", views.listing_gone, name="listing_gone"),
]
