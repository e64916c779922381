from django.urls import path

from discussions import views

app_name = "discussions"

urlpatterns = [
    path("comments/<int:pk>/", views.comment_detail, name="comment_detail"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/agree/", views.comment_agree, name="comment_agree"),
    path("comments/<int:pk>/report/", views.comment_report, name="comment_report"),
    path("comments/<int:pk>/review/", views.comment_request_review, name="comment_request_review"),
    path("<slug:key>/<int:pk>/", views.thread, name="thread"),
    path("<slug:key>/<int:pk>/comment/", views.comment_create, name="comment_create"),
    path("<slug:key>/<int:pk>/moderation-log/", views.moderation_log, name="moderation_log"),
]
