from django.urls import path

from samen.budget import views

urlpatterns = [
    path("registreren/", views.budget_register, name="budget_register"),
    path("starten/", views.budget_start, name="budget_start"),
    path("", views.budget_month, name="budget_month"),
    path("invoer/", views.budget_entry, name="budget_entry"),
    path("plan/", views.budget_plan, name="budget_plan"),
    path("invoer/<int:pk>/categorie/", views.budget_entry_category, name="budget_entry_category"),
    path("vaste-bedragen/", views.budget_recurring, name="budget_recurring"),
    path("vaste-bedragen/<int:pk>/stop/", views.budget_recurring_end, name="budget_recurring_end"),
    path("bank/", views.budget_import, name="budget_import"),
    path("delen/", views.budget_share, name="budget_share"),
    path("delen/<int:pk>/intrekken/", views.budget_share_revoke, name="budget_share_revoke"),
    path("gedeeld/", views.budget_shared, name="budget_shared"),
    path("gedeeld/<int:pk>/", views.budget_shared_month, name="budget_shared_month"),
    path("biz/groepswerk/", views.biz_groupwork, name="biz_groupwork"),
    path("biz/groepswerk/<int:pk>/", views.biz_series, name="biz_series"),
    path("biz/educatie/", views.biz_education, name="biz_education"),
]
