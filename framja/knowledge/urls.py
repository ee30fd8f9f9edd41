from django.urls import path

from framja.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("kunskapsbank/", views.example_list, name="example_list"),
    path(
        "organisationer/<slug:slug>/kunskapsbank/nytt/",
        views.example_create,
        name="example_create",
    ),
    path("kunskapsbank/<int:pk>/", views.example_detail, name="example_detail"),
    path("kunskapsbank/<int:pk>/andra/", views.example_edit, name="example_edit"),
    path("kunskapsbank/<int:pk>/ta-bort/", views.example_delete, name="example_delete"),
    path("kunskapsbank/<int:pk>/bilagor/", views.attachment_add, name="attachment_add"),
    path("kunskapsbank/bilagor/<int:pk>/", views.attachment_download, name="attachment_download"),
    path(
        "kunskapsbank/bilagor/<int:pk>/ta-bort/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("evenemang/", views.event_list, name="event_list"),
    path("evenemang/kalender.ics", views.event_feed, name="event_feed"),
    path("organisationer/<slug:slug>/evenemang/nytt/", views.event_create, name="event_create"),
    path("evenemang/<int:pk>/", views.event_detail, name="event_detail"),
    path("evenemang/<int:pk>/andra/", views.event_edit, name="event_edit"),
    path("evenemang/<int:pk>/ta-bort/", views.event_delete, name="event_delete"),
    path("sok/", views.search_page, name="search"),
    path("liknande/rad/<int:pk>/", views.similar_row, name="similar_row"),
]
