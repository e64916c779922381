from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory of services, clubs and activities"

    def ready(self) -> None:

        from accounts.privacy import register_personal_data
        from directory import privacy
        from directory.models import (
            Invitation,
            Listing,
            ListingVersion,
            Membership,
            Organisation,
            OrganisationChange,
            ProblemReport,
        )
        from directory.permissions import can_see_organisation
        from notifications.registry import register_followable

        register_followable(Organisation, "organisation", can_see=can_see_organisation)
        register_personal_data(
            "directory",
            export=privacy.export,
            erase=privacy.erase,
            covers={
                Membership: ["user"],
                Invitation: ["invited_by", "email"],
                Listing: ["created_by", "email"],
                ListingVersion: ["submitted_by", "approved_by"],
                ProblemReport: ["reporter", "reply_email"],
                OrganisationChange: ["proposed_by", "decided_by"],
                # Only when it is one of the person's own addresses (a group's own address is the group's).
                Organisation: ["email"],
            },
        )
