from django.urls import path

from localism.exports import download_path
from transparency import feeds, views

app_name = "transparency"


def _download(regex: str, dataset: str, name: str):
    return download_path(regex, f"transparency.{dataset}", name)


urlpatterns = [
    path("", views.index, name="index"),
    path("spending/", views.spending, name="spending"),
    _download(r"^spending/download\.(?P<fmt>csv|json)$", "spending", "spending_download"),
    path("spending/suppliers/<slug:slug>/", views.supplier_detail, name="supplier_detail"),
    path("contracts/", views.contracts, name="contracts"),
    _download(r"^contracts/download\.(?P<fmt>csv|json)$", "contracts", "contracts_download"),
    path("grants/", views.grants, name="grants"),
    _download(r"^grants/360giving\.(?P<fmt>csv|json)$", "grants", "grants_download"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/feed.atom", feeds.DecisionFeed(), name="decisions_feed"),
    _download(r"^decisions/download\.(?P<fmt>csv|json)$", "decisions", "decisions_download"),
    path("decisions/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("decisions/<slug:slug>/documents/<int:pk>/", views.decision_document, name="decision_document"),
    path("notices/", views.notices, name="notices"),
    path("notices/feed.atom", feeds.NoticeFeed(), name="notices_feed"),
    _download(r"^notices/download\.(?P<fmt>csv|json)$", "notices", "notices_download"),
    path("notices/<slug:slug>/", views.notice_detail, name="notice_detail"),
    path("notices/<slug:slug>/documents/<int:pk>/", views.notice_document, name="notice_document"),
    path("assets/", views.assets, name="assets"),
    path("assets/unsuccessful/", views.assets_unsuccessful, name="assets_unsuccessful"),
    path("assets/nominate/", views.nominate, name="nominate"),
    path("yours/", views.yours, name="yours"),
    path("assets/<slug:reference>/documents/<int:pk>/", views.nomination_document, name="nomination_document"),
    _download(r"^assets/(?P<which>listed|unsuccessful)\.(?P<fmt>csv|json)$", "assets", "assets_download"),
    path("assets/<slug:reference>/", views.asset_detail, name="asset_detail"),
    path("right-to-challenge/", views.challenge, name="challenge"),
    path(
        "right-to-challenge/windows/<int:pk>/express-interest/",
        views.challenge_express_interest,
        name="challenge_express_interest",
    ),
    path("right-to-challenge/<slug:reference>/", views.challenge_detail, name="challenge_detail"),
]
