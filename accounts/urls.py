from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/your-data/", views.data_page, name="data"),
    path("profile/data/", views.data_download, name="data_download"),
    path("profile/delete/", views.account_delete_view, name="delete"),
    path("confirm-email/again/", views.verification_resend_view, name="verification_resend"),
]
