from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("following/", views.following, name="following"),
    path("text-alerts/", views.text_alerts, name="text_alerts"),
    path("text-alerts/verify/", views.text_alerts_verify, name="text_alerts_verify"),
    path("text-alerts/new-code/", views.text_alerts_resend, name="text_alerts_resend"),
    path("text-alerts/stop/", views.text_alerts_stop, name="text_alerts_stop"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
