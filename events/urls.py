from django.urls import include, path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path(
        "<int:pk>/",
        include(
            [
                path("", views.event_detail, name="detail"),
                path("sign-up/", views.sign_up, name="sign_up"),
                path("cancel/", views.cancel, name="cancel"),
                path("event.ics", views.event_calendar, name="calendar"),
                path("people/", views.event_people, name="people"),
            ]
        ),
    ),
]
