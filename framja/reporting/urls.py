from django.urls import path

from framja.reporting import views

app_name = "reporting"
urlpatterns = [
    path("organisationer/<slug:slug>/rapportering/", views.round_list, name="round_list"),
    path("organisationer/<slug:slug>/rapportering/ny/", views.round_create, name="round_create"),
    path("rapportering/att-fylla-i/", views.my_submissions, name="my_submissions"),
    path("rapportering/<int:pk>/", views.round_detail, name="round_detail"),
    path("rapportering/<int:pk>/paminn/", views.round_remind, name="round_remind"),
    path("rapportering/<int:pk>/stang/", views.round_close, name="round_close"),
    path(
        "rapportering/<int:pk>/verksamhetsberattelse.<slug:fmt>",
        views.round_report,
        name="round_report",
    ),
    path("rapportering/<int:pk>/<slug:slug>/", views.submission, name="submission"),
    path("organisationer/<slug:slug>/aterkoppling/<int:year>/", views.feedback, name="feedback"),
    path(
        "organisationer/<slug:slug>/aterkoppling/<int:year>/andra/",
        views.feedback_edit,
        name="feedback_edit",
    ),
    path(
        "organisationer/<slug:slug>/aterkoppling/<int:year>/fil.<slug:fmt>",
        views.feedback_export,
        name="feedback_export",
    ),
    path(
        "organisationer/<slug:slug>/verksamhetsberattelse/<int:year>/",
        views.annual_report,
        name="annual_report",
    ),
    path(
        "organisationer/<slug:slug>/verksamhetsberattelse/<int:year>/andra/",
        views.annual_report_edit,
        name="annual_report_edit",
    ),
    path(
        "organisationer/<slug:slug>/verksamhetsberattelse/<int:year>/fil.<slug:fmt>",
        views.annual_report_export,
        name="annual_report_export",
    ),
]
