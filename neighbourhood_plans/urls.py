from django.urls import path

from localism.exports import download_path
from neighbourhood_plans import views

app_name = "neighbourhood_plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    download_path(r"^download\.(?P<fmt>csv|json)$", "neighbourhood_plans.plans", "list_download"),
    path("<slug:slug>/", views.plan_detail, name="detail"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document"),
]
