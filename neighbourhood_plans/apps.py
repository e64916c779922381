from django.apps import AppConfig


class NeighbourhoodPlansConfig(AppConfig):
    name = "neighbourhood_plans"
    verbose_name = "Neighbourhood plans"
