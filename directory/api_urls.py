from django.urls import path

from directory import api

app_name = "oruk"

urlpatterns = [
    path("", api.root, name="root"),
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:pk>", api.service_detail, name="service_detail"),
    path("service_at_locations", api.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:pk>", api.service_at_location_detail, name="service_at_location_detail"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", api.taxonomy_detail, name="taxonomy_detail"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", api.taxonomy_term_detail, name="taxonomy_term_detail"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:pk>", api.organization_detail, name="organization_detail"),
]
