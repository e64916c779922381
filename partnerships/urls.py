from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("meetings.ics", views.calendar, name="calendar"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    # Flat, not an include: the security suites build each route's address from its own arguments.
    path("<slug:slug>/meetings/<int:meeting>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:meeting>/papers/<int:pk>/", views.paper_download, name="paper"),
]
