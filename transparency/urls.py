from django.urls import path, re_path

from transparency import feeds, views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    path("spending/", views.spending, name="spending"),
    re_path(r"^spending/download\.(?P<fmt>csv|json)$", views.spending_download, name="spending_download"),
    path("spending/suppliers/<slug:slug>/", views.supplier_detail, name="supplier_detail"),
    path("contracts/", views.contracts, name="contracts"),
    re_path(r"^contracts/download\.(?P<fmt>csv|json)$", views.contracts_download, name="contracts_download"),
    path("grants/", views.grants, name="grants"),
    re_path(r"^grants/360giving\.(?P<fmt>csv|json)$", views.grants_download, name="grants_download"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/feed.atom", feeds.DecisionFeed(), name="decisions_feed"),
    re_path(r"^decisions/download\.(?P<fmt>csv|json)$", views.decisions_download, name="decisions_download"),
    path("decisions/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("decisions/<slug:slug>/documents/<int:pk>/", views.decision_document, name="decision_document"),
    path("assets/", views.assets, name="assets"),
    path("assets/unsuccessful/", views.assets_unsuccessful, name="assets_unsuccessful"),
    path("assets/nominate/", views.nominate, name="nominate"),
    path("yours/", views.yours, name="yours"),
    path("assets/<slug:reference>/documents/<int:pk>/", views.nomination_document, name="nomination_document"),
    re_path(
        r"^assets/(?P<which>listed|unsuccessful)\.(?P<fmt>csv|json)$", views.assets_download, name="assets_download"
    ),
    path("assets/<slug:reference>/", views.asset_detail, name="asset_detail"),
    path("right-to-challenge/", views.challenge, name="challenge"),
    path(
        "right-to-challenge/windows/<int:pk>/express-interest/",
        views.challenge_express_interest,
        name="challenge_express_interest",
    ),
    path("right-to-challenge/<slug:reference>/", views.challenge_detail, name="challenge_detail"),
]
