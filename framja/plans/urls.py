from django.urls import path

from framja.plans import views

app_name = "plans"
urlpatterns = [
    path("organisationer/<slug:slug>/planer/", views.plan_list, name="list"),
    path("organisationer/<slug:slug>/planer/ny/", views.create, name="create"),
    path("organisationer/<slug:slug>/planer/importera/", views.import_upload, name="import"),
    path(
        "organisationer/<slug:slug>/planer/importera/granska/",
        views.import_preview,
        name="import_preview",
    ),
    path("planer/<int:pk>/", views.detail, name="detail"),
    path("planer/<int:pk>/andra/", views.edit, name="edit"),
    path("planer/<int:pk>/avsnitt/nytt/", views.section_create, name="section_create"),
    path("planer/avsnitt/<int:pk>/andra/", views.section_edit, name="section_edit"),
    path("planer/avsnitt/<int:pk>/ta-bort/", views.section_delete, name="section_delete"),
    path("planer/rader/<int:pk>/flytta/<slug:direction>/", views.row_move, name="row_move"),
    path(
        "planer/avsnitt/<int:pk>/flytta/<slug:direction>/",
        views.section_move,
        name="section_move",
    ),
    path(
        "planer/aktiviteter/<int:pk>/flytta/<slug:direction>/",
        views.activity_move,
        name="activity_move",
    ),
    path("planer/aktiviteter/<int:pk>/andra/", views.activity_edit, name="activity_edit"),
    path("planer/<int:pk>/rader/ny/", views.row_create, name="row_create"),
    path("planer/rader/<int:pk>/andra/", views.row_edit, name="row_edit"),
    path("planer/rader/<int:pk>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("planer/rader/<int:pk>/status/ny/", views.status_create, name="status_create"),
    path("planer/aktiviteter/<int:pk>/klar/", views.activity_toggle, name="activity_toggle"),
    path("planer/<int:pk>/forankring/", views.anchor, name="anchor"),
    path("planer/<int:pk>/faststall/", views.adopt, name="adopt"),
    path("planer/<int:pk>/ny-version/", views.new_version, name="new_version"),
    path("planer/<int:pk>/arkivera/", views.archive, name="archive"),
    path("planer/<int:pk>/publicera/", views.publish, name="publish"),
    path("planer/<int:pk>/nasta-ar/", views.next_year, name="next_year"),
    path("planer/<int:pk>/versioner/", views.versions, name="versions"),
    path("organisationer/<slug:slug>/sammanstallning/", views.rollup, name="rollup"),
    path(
        "organisationer/<slug:slug>/tackning/",
        views.coverage_for_organisation,
        name="coverage_organisation",
    ),
    path("planer/<int:pk>/tackning/", views.coverage_for_plan, name="coverage"),
    path("planer/<int:pk>/export/<slug:fmt>/", views.export, name="export"),
]
