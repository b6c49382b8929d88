from django.urls import path

from samen.care import views

urlpatterns = [
    path("onthaal/nieuw/<int:person>/", views.gbo_intake_new, name="gbo_intake_new"),
    path("onthaal/<int:pk>/", views.gbo_intake, name="gbo_intake"),
    path("onthaal/rechten/<int:pk>/", views.gbo_check, name="gbo_check"),
    path("onderbescherming/", views.gbo_dashboard, name="gbo_dashboard"),
    path("rechtenlijst/", views.gbo_rights, name="gbo_rights"),
    path("vrijwilligers/", views.volunteers, name="volunteers"),
    path("vrijwilligers/nieuw/", views.volunteer_edit, name="volunteer_new"),
    path("vrijwilligers/<int:pk>/", views.volunteer_edit, name="volunteer_edit"),
    path("vrijwilligers/export/", views.volunteer_export, name="volunteer_export"),
    path("vrijwilligers/vragen/", views.volunteer_requests, name="volunteer_requests"),
    path("vrijwilligers/vragen/<int:pk>/", views.volunteer_request, name="volunteer_request"),
    path("vrijwilligers/ik/", views.volunteer_me, name="volunteer_me"),
    path("konekti/aanmelden/", views.konekti_apply, name="konekti_apply"),
    path("konekti/", views.konekti, name="konekti"),
    path("konekti/aanmeldingen/<int:pk>/", views.konekti_take, name="konekti_take"),
    path("konekti/doorverwijzen/<int:person>/", views.konekti_refer, name="konekti_refer"),
    path("konekti/gezinnen/<int:pk>/", views.konekti_family, name="konekti_family"),
    path("konekti/gezinnen/<int:pk>/<slug:what>/", views.konekti_step, name="konekti_step"),
    path("solentra/", views.solentra, name="solentra"),
    path("solentra/<int:person>/", views.solentra_person, name="solentra_person"),
]
