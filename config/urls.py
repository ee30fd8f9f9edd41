from django.urls import include, path
from django.views.i18n import set_language

from framja.core import views as core_views
from framja.core.health import health

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("halsa/", health, name="health"),
    path("", include("framja.accounts.urls")),
    path("", include("framja.organisations.urls")),
    path("", include("framja.catalog.urls")),
    path("", include("framja.plans.urls")),
    path("", include("framja.goals.urls")),
    path("", include("framja.reporting.urls")),
    path("", include("framja.indicators.urls")),
    path("", include("framja.surveys.urls")),
    path("", include("framja.improvement.urls")),
    path("", include("framja.knowledge.urls")),
    path("", include("framja.api.urls")),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
