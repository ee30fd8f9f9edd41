from django.urls import path

from framja.indicators import views

app_name = "indicators"
urlpatterns = [
    path("indikatorer/", views.indicator_list, name="list"),
    path("indikatorer/ny/", views.create, name="create"),
    path("indikatorer/importera/", views.import_upload, name="import"),
    path("indikatorer/importera/<int:pk>/", views.import_job, name="import_job"),
    path("indikatorer/importera/<int:pk>/lage/", views.import_job_state, name="import_job_state"),
    path("indikatorer/<slug:code>/", views.detail, name="detail"),
    path("indikatorer/<slug:code>/andra/", views.edit, name="edit"),
    path("indikatorer/<slug:code>/behov/", views.targeting, name="targeting"),
    path("indikatorer/<slug:code>/diagram/<slug:kind>/", views.chart, name="chart"),
    path(
        "indikatorer/<slug:code>/diagram/<slug:kind>/data.<slug:fmt>",
        views.chart_download,
        name="chart_download",
    ),
    path("indikatorer/<slug:code>/kolada/", views.kolada_import, name="kolada_import"),
    path("indikatorer/<slug:code>/pxweb/", views.pxweb_import, name="pxweb_import"),
    path("organisationer/<slug:slug>/foljda-indikatorer/", views.selections, name="selections"),
    path(
        "organisationer/<slug:slug>/foljda-indikatorer/ny/",
        views.selection_create,
        name="selection_create",
    ),
    path("foljda-indikatorer/<int:pk>/ta-bort/", views.selection_delete, name="selection_delete"),
]
