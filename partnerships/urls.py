from django.urls import include, path

from partnerships import views

app_name = "partnerships"

# A meeting's page and its papers, under /partnerships/<slug>/meetings/<meeting>/.
meeting_patterns = [
    path("", views.meeting_detail, name="meeting"),
    path("papers/<int:pk>/", views.paper_download, name="paper"),
]

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("meetings.ics", views.calendar, name="calendar"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/meetings/<int:meeting>/", include(meeting_patterns)),
]
