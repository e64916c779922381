from django.urls import path

from neighbourhood_plans import views

app_name = "neighbourhood_plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<slug:slug>/", views.plan_detail, name="detail"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document"),
]
