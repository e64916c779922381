from django.urls import path

from petitions import views
from petitions.feeds import PetitionFeed

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("feed/", PetitionFeed(), name="feed"),
    path("start/", views.petition_start_view, name="start"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/edit/", views.petition_edit_view, name="edit"),
    path("<int:pk>/submit/", views.petition_submit_view, name="submit"),
    path("<int:pk>/sign/", views.petition_sign_view, name="sign"),
]
