from django.urls import path

from framja.goals import views

app_name = "goals"
urlpatterns = [
    path("organisationer/<slug:slug>/mal/", views.goal_list, name="list"),
    path("organisationer/<slug:slug>/mal/nytt/", views.goal_create, name="create"),
    path("organisationer/<slug:slug>/maluppfyllelse/", views.overview, name="overview"),
    path("mal/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("mal/<int:pk>/flytta/<slug:direction>/", views.goal_move, name="goal_move"),
    path("mal/<int:pk>/bedom/<str:period>/", views.assess, name="assess"),
]
