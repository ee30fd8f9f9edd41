from django.urls import path

from framja.api.api import api

urlpatterns = [path("api/", api.urls)]
