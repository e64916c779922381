from django.urls import path

from directory import views
from localism.exports import download_path

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    download_path(r"^download\.csv$", "directory.listings", "search_csv", fmt="csv"),
    download_path(r"^download\.json$", "directory.listings", "search_json", fmt="json"),
    path("map/points/", views.map_points, name="map_points"),
    path("listings/<uuid:pk>/", views.listing_detail, name="listing_detail"),
    path("listings/<uuid:pk>/report/", views.listing_report, name="listing_report"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    # Groups
    path("your-organisations/", views.dashboard, name="dashboard"),
    path("your-organisations/register/", views.organisation_register, name="organisation_register"),
    path("your-organisations/<slug:slug>/", views.organisation_manage, name="organisation_manage"),
    path("your-organisations/<slug:slug>/details/", views.organisation_edit, name="organisation_edit"),
    path("your-organisations/<slug:slug>/invite/", views.member_invite, name="member_invite"),
    path("your-organisations/<slug:slug>/leave/", views.membership_leave, name="membership_leave"),
    path("your-organisations/<slug:slug>/listings/new/", views.listing_create, name="listing_create"),
    path("invitations/<uuid:token>/", views.invitation_accept, name="invitation_accept"),
    path("your-listings/<uuid:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("your-listings/<uuid:pk>/submit/", views.listing_submit, name="listing_submit"),
    path("your-listings/<uuid:pk>/archive/", views.listing_archive, name="listing_archive"),
    path("your-listings/<uuid:pk>/confirm/", views.listing_confirm, name="listing_confirm"),
]
