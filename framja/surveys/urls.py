from django.urls import path

from framja.surveys import views

app_name = "surveys"
urlpatterns = [
    path("organisationer/<slug:slug>/enkater/", views.survey_list, name="list"),
    path("organisationer/<slug:slug>/enkater/ny/", views.survey_create, name="create"),
    path("enkater/att-besvara/", views.my_responses, name="my_responses"),
    path("enkater/<int:pk>/", views.survey_detail, name="detail"),
    path("enkater/<int:pk>/andra/", views.survey_edit, name="edit"),
    path("enkater/<int:pk>/avsnitt/ny/", views.section_create, name="section_create"),
    path(
        "enkater/<int:pk>/avsnitt/<int:section_pk>/ta-bort/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "enkater/<int:pk>/avsnitt/<int:section_pk>/andra/",
        views.section_edit,
        name="section_edit",
    ),
    path("enkater/<int:pk>/fragor/ny/", views.question_create, name="question_create"),
    path(
        "enkater/<int:pk>/fragor/<int:question_pk>/flytta/<slug:direction>/",
        views.question_move,
        name="question_move",
    ),
    path(
        "enkater/<int:pk>/fragor/<int:question_pk>/andra/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "enkater/<int:pk>/fragor/<int:question_pk>/ta-bort/",
        views.question_delete,
        name="question_delete",
    ),
    path("enkater/<int:pk>/skicka/", views.survey_send, name="send"),
    path("enkater/<int:pk>/paminn/", views.survey_remind, name="remind"),
    path("enkater/<int:pk>/avsluta/", views.survey_close, name="close"),
    path("enkater/<int:pk>/ny-version/", views.survey_new_version, name="new_version"),
    path("enkater/<int:pk>/resultat/", views.survey_results, name="results"),
    path("enkater/<int:pk>/svar.xlsx", views.survey_export, name="export"),
    path("enkater/<int:pk>/<slug:slug>/", views.response_detail, name="response"),
    path("enkater/<int:pk>/<slug:slug>/oppna-igen/", views.response_reopen, name="reopen"),
    path("enkater/<int:pk>/<slug:slug>/delning/", views.response_sharing, name="sharing"),
    path("enkater/<int:pk>/<slug:slug>/jamforelse/", views.benchmark, name="benchmark"),
    path(
        "enkater/<int:pk>/<slug:slug>/jamforelse.<slug:fmt>",
        views.benchmark_export,
        name="benchmark_export",
    ),
]
