from django.urls import path

from budget_simulator import views
from localism.exports import download_path

app_name = "budget_simulator"

urlpatterns = [
    download_path(r"^download\.(?P<fmt>csv|json)$", "budget_simulator.choices", "download"),
    path("<slug:slug>/", views.simulator, name="simulator"),
    path("<slug:slug>/done/", views.done, name="done"),
    path("<slug:slug>/equality/", views.equality_monitoring, name="equality"),
    path("<slug:slug>/results/", views.results, name="results"),
]
