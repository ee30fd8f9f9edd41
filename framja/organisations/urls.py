from django.urls import path

from framja.organisations import views

app_name = "organisations"
urlpatterns = [
    path("organisationer/", views.tree, name="tree"),
    path("organisationer/<slug:slug>/", views.detail, name="detail"),
    path("organisationer/<slug:slug>/andra/", views.edit, name="edit"),
    path(
        "organisationer/<slug:slug>/ny-underorganisation/", views.create_child, name="create_child"
    ),
    path("organisationer/<slug:slug>/uppdrag/nytt/", views.membership_add, name="membership_add"),
    path(
        "organisationer/<slug:slug>/uppdrag/<int:pk>/avsluta/",
        views.membership_end,
        name="membership_end",
    ),
    path("organisationer/<slug:slug>/behorigheter/", views.access, name="access"),
    path(
        "organisationer/<slug:slug>/behorigheter/<int:pk>/ta-bort/",
        views.access_revoke,
        name="access_revoke",
    ),
    path("organisationer/<slug:slug>/historik/", views.history, name="history"),
    path("personer/<int:pk>/", views.person, name="person"),
    path("personer/<int:pk>/andra/", views.person_edit, name="person_edit"),
]
