from django.urls import path

from framja.catalog import views

app_name = "catalog"
urlpatterns = [
    path("kataloger/", views.index, name="index"),
    path("kataloger/historik/", views.history, name="history"),
    path("kataloger/<slug:kind>/ny/", views.create, name="create"),
    path("kataloger/<slug:kind>/<int:pk>/andra/", views.edit, name="edit"),
    path("kataloger/<slug:kind>/<int:pk>/flytta/<slug:direction>/", views.move, name="move"),
]
