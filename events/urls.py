from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/event.ics", views.event_calendar, name="calendar"),
    path("<int:pk>/people/", views.event_people, name="people"),
]
