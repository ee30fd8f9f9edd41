from django.urls import path

from framja.improvement import views

app_name = "improvement"
BASE = "organisationer/<slug:slug>/forbattringsarbete/"
CYCLE = BASE + "<int:pk>/"
urlpatterns = [
    path(BASE, views.overview, name="overview"),
    path(BASE + "ny/", views.cycle_create, name="cycle_create"),
    path(BASE + "mallar/", views.template_list, name="template_list"),
    path(BASE + "mallar/ny/", views.template_create, name="template_create"),
    path(BASE + "mallar/<int:pk>/andra/", views.template_edit, name="template_edit"),
    path(BASE + "mallar/<int:pk>/jamforelse/", views.comparison, name="comparison"),
    path(CYCLE, views.cycle_detail, name="cycle_detail"),
    path(CYCLE + "andra/", views.cycle_edit, name="cycle_edit"),
    path(CYCLE + "steg/<int:step>/", views.step_edit, name="step_edit"),
    path(CYCLE + "inventering/", views.inventory, name="inventory"),
    path(CYCLE + "analys/", views.analysis, name="analysis"),
    path(CYCLE + "pdsa/ny/", views.pdsa_create, name="pdsa_create"),
    path(CYCLE + "pdsa/<int:pdsa_pk>/", views.pdsa_edit, name="pdsa_edit"),
    path(CYCLE + "pdsa/<int:pdsa_pk>/varde/", views.study_value_add, name="study_value_add"),
    path(CYCLE + "beslut/nytt/", views.decision_create, name="decision_create"),
    path(CYCLE + "beslut/<int:decision_pk>/", views.decision_detail, name="decision_detail"),
    path(CYCLE + "uppfoljning/nytt-matt/", views.measure_create, name="measure_create"),
    path(
        CYCLE + "uppfoljning/delregionala-matt/",
        views.measures_subregional,
        name="measures_subregional",
    ),
    path(
        CYCLE + "uppfoljning/foljda-indikatorer/",
        views.measures_followed,
        name="measures_followed",
    ),
    path(CYCLE + "uppfoljning/<int:measure_pk>/resultat/", views.value_create, name="value_create"),
    path(CYCLE + "dokument/<slug:document>.<slug:fmt>", views.export, name="export"),
]
