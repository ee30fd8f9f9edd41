from django.urls import path

from framja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("konto/oidc/logga-in/", views.oidc_login, name="oidc_login"),
    path("konto/oidc/klar/", views.oidc_callback, name="oidc_callback"),
    path("konto/", views.account, name="account"),
    path("konto/logga-ut-overallt/", views.logout_everywhere, name="logout_everywhere"),
    path("konto/mina-uppgifter/", views.personal_data, name="personal_data"),
    path("personer/<int:pk>/radera/", views.person_erase_view, name="person_erase"),
    path("konto/api-nycklar/", views.tokens, name="tokens"),
    path("konto/api-nycklar/<int:pk>/ta-bort/", views.token_revoke, name="token_revoke"),
    path("konto/inbjudan/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("organisationer/<slug:slug>/inbjudningar/", views.invitations, name="invitations"),
    path(
        "organisationer/<slug:slug>/inbjudningar/<int:pk>/aterkalla/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
