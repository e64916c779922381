from django.apps import AppConfig


class ParticipationCodesConfig(AppConfig):
    name = "participation_codes"
    verbose_name = "One-time participation codes"
