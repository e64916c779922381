from django import forms

from asset_transfers.models import Stage, Tenure, TransferApplication
from localism import dates
from localism.models import Council, Place
from localism.uploads import validate_document


class ApplicationForm(forms.ModelForm):
    """A group's expression of interest in a council building or piece of land."""

    class Meta:
        model = TransferApplication
        fields = [
            "organisation",
            "council",
            "asset_name",
            "address",
            "place",
            "community_value",
            "tenure_sought",
            "proposal",
            "community_benefit",
        ]
        widgets = {
            "tenure_sought": forms.RadioSelect,
            "proposal": forms.Textarea(attrs={"rows": 6}),
            "community_benefit": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "organisation": "Which group is applying?",
            "council": "Which council owns it?",
            "asset_name": "Name of the building or land",
            "address": "Address or description of where it is",
            "place": "Where is it?",
            "community_value": "Is it on the register of assets of community value?",
            "tenure_sought": "What is the group asking for?",
            "proposal": "What would your group do with it?",
            "community_benefit": "How would the community benefit?",
        }
        help_texts = {
            "organisation": "Groups you act for that the council has verified in the directory.",
            "asset_name": "For example, “Sheringham Road Community Hall”.",
            "community_value": "If the asset was nominated as an asset of community value, choose its entry.",
            "proposal": "The activities or services, who would run them and how it would be paid for.",
        }
        error_messages = {
            "organisation": {
                "required": "Choose the group that is applying",
                "invalid_choice": "Choose one of your groups",
            },
            "council": {"required": "Choose the council that owns it", "invalid_choice": "Choose one of the councils"},
            "asset_name": {"required": "Enter the name of the building or land"},
            "address": {"required": "Enter the address, or describe where it is"},
            "place": {"required": "Choose where it is", "invalid_choice": "Choose one of the places listed"},
            "community_value": {"invalid_choice": "Choose one of the entries listed"},
            "tenure_sought": {"required": "Choose a lease or a freehold transfer"},
            "proposal": {"required": "Say what your group would do with it"},
            "community_benefit": {"required": "Say how the community would benefit"},
        }

    def __init__(self, *args, user, **kwargs):
        from directory.selectors import verified_organisations_of
        from transparency.selectors import decided_asset_nominations

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = verified_organisations_of(user)
        self.fields["organisation"].empty_label = None
        self.fields["council"].queryset = Council.objects.by_tier()
        self.fields["council"].empty_label = "Choose the council"
        self.fields["place"].queryset = Place.objects.exclude(
            kind__in=[Place.Kind.WARD, Place.Kind.DIVISION]
        ).order_by("name")
        self.fields["place"].empty_label = "Choose the place"
        self.fields["community_value"].queryset = decided_asset_nominations().order_by("asset_name")
        self.fields["community_value"].empty_label = "No, or I do not know"
        self.fields["tenure_sought"].choices = Tenure.choices


class DocumentForm(forms.Form):
    title = forms.CharField(
        label="What is the document?",
        max_length=200,
        help_text="For example, “Business case” or “Building condition survey”.",
        error_messages={"required": "Say what the document is", "max_length": "Keep the title to 200 characters"},
    )
    file = forms.FileField(
        label="The document",
        validators=[validate_document],
        help_text="PDF, Word (DOCX), OpenDocument or plain text. It is published with the application.",
        error_messages={"required": "Choose the file to upload", "empty": "The file is empty"},
    )


class StageFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "Any stage")] + [c for c in Stage.choices if c[0] != Stage.INTEREST],
    )


# --- Staff forms (the admin) ---------------------------------------------------------------------


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note for the group and the timeline",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="What the business case should cover, who to contact. It is published on the timeline.",
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("approved", "Approved"), ("refused", "Refused")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approved or refused"},
    )
    decided_on = dates.DateField(label="Date of the decision")
    decision_maker = forms.CharField(
        label="Who decided", max_length=200, help_text="For example, Cabinet, or the Director of Property."
    )
    reasons = forms.CharField(label="Reasons", max_length=5000, widget=forms.Textarea(attrs={"rows": 5, "cols": 80}))


class CompletionForm(forms.Form):
    tenure = forms.ChoiceField(label="What was granted", choices=Tenure.choices, widget=forms.RadioSelect)
    lease_years = forms.IntegerField(label="Length of the lease (years)", required=False, min_value=1, max_value=999)
    completed_on = dates.DateField(label="Date the lease was signed or the transfer completed")
    note = forms.CharField(
        label="Note for the timeline",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )
