from django.urls import path

from framja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("konto/api-nycklar/", views.tokens, name="tokens"),
    path("konto/api-nycklar/<int:pk>/ta-bort/", views.token_revoke, name="token_revoke"),
]
