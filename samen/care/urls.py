from django.urls import path

from samen.care import views

urlpatterns = [
    path("onthaal/nieuw/<int:person>/", views.gbo_intake_new, name="gbo_intake_new"),
    path("onthaal/<int:pk>/", views.gbo_intake, name="gbo_intake"),
    path("onthaal/rechten/<int:pk>/", views.gbo_check, name="gbo_check"),
    path("onderbescherming/", views.gbo_dashboard, name="gbo_dashboard"),
    path("rechtenlijst/", views.gbo_rights, name="gbo_rights"),
]
