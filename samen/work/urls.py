from django.urls import path

from samen.work import views

urlpatterns = [
    path("wijk-werken/", views.wijkwerk, name="wijkwerk"),
    path("wijk-werken/doorverwijzing/", views.wijkwerk_refer, name="wijkwerk_refer"),
    path("wijk-werken/wijk-werkers/<int:pk>/", views.wijkwerk_worker, name="wijkwerk_worker"),
    path(
        "wijk-werken/wijk-werkers/<int:pk>/intake/", views.wijkwerk_intake, name="wijkwerk_intake"
    ),
    path("wijk-werken/wijk-werkers/<int:pk>/einde/", views.wijkwerk_end, name="wijkwerk_end"),
    path(
        "wijk-werken/wijk-werkers/<int:pk>/vergoeding/<int:year>/<int:month>/",
        views.wijkwerk_statement,
        name="wijkwerk_statement",
    ),
    path("wijk-werken/vragen/<int:pk>/", views.wijkwerk_request, name="wijkwerk_request"),
    path("wijk-werken/gebruikers/", views.wijkwerk_users, name="wijkwerk_users"),
    path("wijk-werken/gebruikers/<int:pk>/", views.wijkwerk_user, name="wijkwerk_user"),
    path(
        "wijk-werken/gebruikers/<int:pk>/fiscaal-attest/<int:year>/",
        views.wijkwerk_certificate,
        name="wijkwerk_certificate",
    ),
    path("wijk-werken/mijn/", views.wijkwerk_mine, name="wijkwerk_mine"),
    path("wijk-werken/mijn/cheques/", views.wijkwerk_buy, name="wijkwerk_buy"),
    path("wijk-werken/mijn/vraag/", views.wijkwerk_ask, name="wijkwerk_ask"),
    path("wijk-werken/zitdagen/", views.sitting_days, name="sitting_days"),
    path("activering/", views.activation, name="activation"),
    path("activering/capaciteit/", views.activation_capacity, name="activation_capacity"),
    path("activering/nieuw/<int:person>/", views.activation_start, name="activation_start"),
    path("activering/<int:pk>/", views.activation_trajectory, name="activation_trajectory"),
    path("activering/<int:pk>/status/", views.activation_move, name="activation_move"),
    path("activering/<int:pk>/stap/", views.activation_step, name="activation_step"),
    path("sociale-economie/", views.economy, name="economy"),
    path("sociale-economie/organisatie/", views.economy_enterprise, name="economy_enterprise"),
    path(
        "sociale-economie/organisatie/<int:pk>/",
        views.economy_enterprise,
        name="economy_enterprise_edit",
    ),
    path("sociale-economie/evenement/", views.economy_event, name="economy_event"),
]
