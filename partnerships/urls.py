from django.urls import path

from localism.exports import download_path
from partnerships import views
from partnerships.feeds import PartnershipUpdatesFeed

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    download_path(r"^download\.(?P<fmt>csv|json)$", "partnerships.partnerships", "list_download"),
    path("meetings.ics", views.calendar, name="calendar"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/feed.atom", PartnershipUpdatesFeed(), name="feed"),
    # Flat, not an include: the security suites build each route's address from its own arguments.
    path("<slug:slug>/meetings/<int:meeting>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:meeting>/papers/<int:pk>/", views.paper_download, name="paper"),
]
