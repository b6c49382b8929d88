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
]
