from django.urls import path

from samen.reports import views

urlpatterns = [
    path("jaarverslag/", views.report_annual, name="report_annual"),
    path("jaarverslag/pdf/", views.report_annual_pdf, name="report_annual_pdf"),
    path("dashboards/", views.dashboards, name="report_dashboards"),
    path("dashboards/<slug:slug>/", views.programme_dashboard, name="report_dashboard"),
    path("openbaar/<int:year>/", views.public_reports, name="public_reports"),
    path("openbaar/<int:year>/open-data.csv", views.open_data_csv, name="open_data_csv"),
    path(
        "openbaar/<int:year>/<str:nis_code>/",
        views.public_municipality_report,
        name="public_municipality_report",
    ),
]
