from django.urls import path

from budgeting import views

app_name = "budgeting"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("<slug:slug>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/propose/", views.project_propose_view, name="project_propose"),
    path("<slug:slug>/vote/", views.vote, name="vote"),
    path("<slug:slug>/vote/done/", views.vote_done, name="vote_done"),
    path("<slug:slug>/vote/code/", views.vote_with_code, name="vote_code"),
    path("<slug:slug>/vote/code/done/", views.vote_code_done, name="vote_code_done"),
    path("<slug:slug>/results/", views.results, name="results"),
    path("<slug:slug>/projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("<slug:slug>/projects/<int:pk>/edit/", views.project_edit_view, name="project_edit"),
    path("<slug:slug>/projects/<int:pk>/picture/", views.project_image, name="project_image"),
    path("<slug:slug>/projects/<int:pk>/progress/<int:update>/photo/", views.delivery_photo, name="delivery_photo"),
]
