from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("following/", views.following, name="following"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
