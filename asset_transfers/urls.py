from django.urls import path

from asset_transfers import views
from localism.exports import download_path

app_name = "asset_transfers"

urlpatterns = [
    path("", views.application_list, name="list"),
    download_path(r"^download\.(?P<fmt>csv|json)$", "asset_transfers.applications", "list_download"),
    path("apply/", views.application_apply, name="apply"),
    path("<slug:reference>/", views.application_detail, name="detail"),
    path("<slug:reference>/documents/add/", views.document_add, name="document_add"),
    path("<slug:reference>/send-business-case/", views.business_case_send, name="business_case_send"),
    path("<slug:reference>/documents/<int:pk>/", views.document_download, name="document"),
]
