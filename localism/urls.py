from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from localism import views
from localism.sitemaps import SITEMAPS

localism_patterns = [
    path("", views.home, name="home"),
    path("near-you/", views.find_by_postcode, name="find_by_postcode"),
    path("places/", views.place_list, name="place_list"),
    path("places/<slug:slug>/", views.place_detail, name="place_detail"),
    path("councils/", views.council_list, name="council_list"),
    path("councils/who-represents-me/", views.who_represents_me, name="who_represents_me"),
    path("councils/who-represents-me.json", views.who_represents_me, {"fmt": "json"}, name="who_represents_me_json"),
    path("councils/councillors/<slug:slug>/", views.councillor_detail, name="councillor_detail"),
    path(
        "councils/councillors/<slug:slug>/surgeries.ics", views.councillor_surgeries_ics, name="councillor_surgeries"
    ),
    path("councils/<slug:slug>/", views.council_detail, name="council_detail"),
    path("get-involved/", views.get_involved, name="get_involved"),
    path("about/", views.about, name="about"),
    path("info/<slug:slug>/", views.page_detail, name="page_detail"),
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/<slug:slug>/download/", views.resource_download, name="resource_download"),
    path("open-data/", views.open_data_licence, name="open_data_licence"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

urlpatterns = [
    path("", include((localism_patterns, "localism"))),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("accounts/", include("accounts.urls")),
    path("directory/", include("directory.urls")),
    path("api/oruk/", include("directory.api_urls")),
    path("consultations/", include("consultations.urls")),
    path("transparency/", include("transparency.urls")),
    path("notifications/", include("notifications.urls")),
    path("discussions/", include("discussions.urls")),
    path("budgeting/", include("budgeting.urls")),
    path("petitions/", include("petitions.urls")),
    path("asset-transfers/", include("asset_transfers.urls")),
    path("neighbourhood-plans/", include("neighbourhood_plans.urls")),
    path("events/", include("events.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("budget-simulator/", include("budget_simulator.urls")),
    path("accounts/", include("allauth.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "localism.views.bad_request"
handler403 = "localism.views.permission_denied"
handler404 = "localism.views.page_not_found"
handler500 = "localism.views.server_error"
