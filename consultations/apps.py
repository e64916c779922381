from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations and co-production"

    def ready(self) -> None:
        from consultations.models import Consultation
        from consultations.permissions import can_view_consultation
        from discussions.registry import DiscussionPolicy, register_discussable

        def consultation_discussion(consultation: Consultation, user) -> DiscussionPolicy:
            return DiscussionPolicy(
                is_visible=can_view_consultation(user, consultation),
                is_open=consultation.is_open,
                is_premoderated=consultation.is_premoderated,
                closed_message=(
                    "The discussion opens with the consultation."
                    if not consultation.is_published or not consultation.has_closed and not consultation.is_open
                    else "This consultation has closed, and so has its discussion."
                ),
            )

        register_discussable("consultation", Consultation, consultation_discussion)
