from django.urls import path

from consultations import feeds, views
from localism.exports import download_path

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    download_path(r"^download\.(?P<fmt>csv|json)$", "consultations.list", "list_download"),
    path("feed.atom", feeds.ConsultationFeed(), name="feed"),
    path("calendar.ics", feeds.calendar, name="calendar"),
    # Two segments, so that no consultation's address (one slug) can shadow it.
    path("equality/your-answers/", views.equality_answers, name="equality_answers"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document"),
    path("<slug:slug>/respond/", views.respond, name="respond"),
    path("<slug:slug>/respond/<int:step>/", views.respond, name="respond_page"),
    path("<slug:slug>/respond/done/", views.respond_done, name="respond_done"),
    path("<slug:slug>/respond/equality/", views.equality_monitoring, name="equality"),
    path("<slug:slug>/respond/code/", views.respond_with_code, name="respond_code"),
    path("<slug:slug>/respond/code/<int:step>/", views.respond_with_code, name="respond_code_page"),
    path("<slug:slug>/respond/code/send/", views.respond_code_send, name="respond_code_send"),
    path("<slug:slug>/respond/code/done/", views.respond_code_done, name="respond_code_done"),
    path("<slug:slug>/results/", views.results, name="results"),
    path("<slug:slug>/results/responses.csv", views.responses_csv, name="responses_csv"),
    path("<slug:slug>/results/equality/", views.equality_report, name="equality_report"),
    path("<slug:slug>/outcome/", views.outcome, name="outcome"),
    path("<slug:slug>/team/apply/", views.team_apply, name="team_apply"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/papers/<int:paper>/", views.meeting_paper, name="meeting_paper"),
]
