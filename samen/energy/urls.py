from django.urls import path

from samen.energy import views

urlpatterns = [
    path("", views.energy, name="energy"),
    path("nieuw/<int:person>/", views.dossier_new, name="energy_dossier_new"),
    path("dossiers/<int:pk>/", views.dossier, name="energy_dossier"),
    path("dossiers/<int:pk>/beoordelen/", views.dossier_assess, name="energy_assess"),
    path("dossiers/<int:pk>/advies/", views.dossier_visit, name="energy_visit"),
    path("dossiers/<int:pk>/aanbod/", views.dossier_offer, name="energy_offer"),
    path("dossiers/<int:pk>/contract/", views.dossier_contract, name="energy_contract"),
    path("dossiers/<int:pk>/uitbetaling/", views.dossier_disburse, name="energy_disburse"),
    path("dossiers/<int:pk>/aflossing/", views.dossier_repay, name="energy_repay"),
    path("dossiers/<int:pk>/bericht/", views.dossier_note, name="energy_note"),
    path("documenten/<int:pk>/ontvangen/", views.document_receive, name="energy_document"),
    path("tarieven/", views.rates, name="energy_rates"),
    path("rollend-fonds/", views.rolling_fund, name="rolling_fund"),
    path("rollend-fonds/inbreng/", views.fund_capital, name="fund_capital"),
    path("rollend-fonds/nieuw/<int:person>/", views.fund_home_new, name="fund_home_new"),
    path("rollend-fonds/woningen/<int:pk>/", views.fund_home, name="fund_home"),
    path(
        "rollend-fonds/woningen/<int:pk>/betaling/", views.fund_prefinance, name="fund_prefinance"
    ),
    path("rollend-fonds/woningen/<int:pk>/terugbetaling/", views.fund_repay, name="fund_repay"),
]
