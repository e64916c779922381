from django.urls import path

from events import views

app_name = "events"

# One event's pages, each under /events/<id>/.
ON_AN_EVENT = [
    ("", views.event_detail, "detail"),
    ("sign-up/", views.sign_up, "sign_up"),
    ("cancel/", views.cancel, "cancel"),
    ("event.ics", views.event_calendar, "calendar"),
    ("people/", views.event_people, "people"),
    ("people/<int:registration>/cancel/", views.people_cancel, "people_cancel"),
]

urlpatterns = [path("", views.event_list, name="list")] + [
    path(f"<int:pk>/{tail}", view, name=name) for tail, view, name in ON_AN_EVENT
]
