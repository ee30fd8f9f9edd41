from django.urls import path

from framja.plans import views

app_name = "plans"
urlpatterns = [
    path("organisationer/<slug:slug>/planer/", views.plan_list, name="list"),
    path("organisationer/<slug:slug>/planer/ny/", views.create, name="create"),
    path("planer/<int:pk>/", views.detail, name="detail"),
    path("planer/<int:pk>/rader/ny/", views.row_create, name="row_create"),
    path("planer/rader/<int:pk>/andra/", views.row_edit, name="row_edit"),
    path("planer/rader/<int:pk>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("planer/rader/<int:pk>/status/ny/", views.status_create, name="status_create"),
    path("planer/aktiviteter/<int:pk>/klar/", views.activity_toggle, name="activity_toggle"),
]
