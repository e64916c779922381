from django import forms

from localism.models import Council, Place, Responsibility
from petitions.models import Petition, Signature


def councils_taking_petitions():
    return Council.objects.filter(petition_scheme__is_accepting=True).by_tier()


class PetitionStartForm(forms.ModelForm):
    council = forms.ModelChoiceField(
        label="Which council is it for?",
        queryset=Council.objects.none(),
        empty_label=None,
        help_text="If the subject you choose below is another council’s responsibility, we send it to that council.",
        error_messages={
            "required": "Choose the council the petition is for",
            "invalid_choice": "Choose one of the councils listed",
        },
    )

    class Meta:
        model = Petition
        fields = ["council", "title", "action", "background", "subject", "place", "runs_for_weeks"]
        widgets = {"action": forms.Textarea(attrs={"rows": 3}), "background": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "title": "Title",
            "action": "What do you want the council to do?",
            "background": "Why? (background)",
            "subject": "What is it about?",
            "place": "Where is it about?",
            "runs_for_weeks": "How many weeks should it be open for signatures?",
        }
        help_texts = {
            "title": "A short name, like “Keep Cromer library open on Saturdays”.",
            "action": "Start with a verb: “Install a crossing outside…”.",
            "subject": "Choose the service it is about, if one fits: it decides which council answers it.",
            "place": "Leave empty if it is about the whole area.",
            "runs_for_weeks": "Between 2 and 26 weeks.",
        }
        error_messages = {
            "title": {"required": "Enter a title", "max_length": "The title must be 120 characters or fewer"},
            "action": {
                "required": "Say what you want the council to do",
                "max_length": "Say what you want in 500 characters or fewer",
            },
            "background": {"max_length": "Keep the background to 3,000 characters or fewer"},
            "runs_for_weeks": {
                "required": "Enter how many weeks it should be open",
                "invalid": "Enter a whole number of weeks, like 12",
                "min_value": "A petition must be open for at least 2 weeks",
                "max_value": "A petition can be open for at most 26 weeks",
            },
            "subject": {"invalid_choice": "Choose one of the subjects listed"},
            "place": {"invalid_choice": "Choose one of the places listed"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_taking_petitions()
        self.fields["subject"].queryset = Responsibility.objects.order_by("name")
        self.fields["subject"].empty_label = "Something else"
        self.fields["place"].queryset = Place.objects.exclude(kind=Place.Kind.WARD).order_by("name")
        self.fields["place"].empty_label = "The whole area"


class SignatureForm(forms.Form):
    postcode = forms.CharField(
        label="Your postcode",
        max_length=16,
        help_text="Of your home, your work or your place of study in the area. It is not published; it is counted "
        "by district.",
        error_messages={"required": "Enter your postcode", "max_length": "Enter a full UK postcode, like NR2 1AB"},
    )
    connection = forms.ChoiceField(
        label="Your connection to the area",
        choices=Signature.Connection.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether you live, work or study in the area",
            "invalid_choice": "Say whether you live, work or study in the area",
        },
    )


class PetitionFilterForm(forms.Form):
    """The list's filters, as GET parameters."""

    STATUSES = [("", "Any")] + [(s.value, s.label) for s in Petition.PUBLIC]

    status = forms.ChoiceField(label="Status", choices=STATUSES, required=False)
    council = forms.ModelChoiceField(
        label="Council", queryset=Council.objects.none(), required=False, empty_label="Any council"
    )
    district = forms.ModelChoiceField(
        label="District", queryset=Place.objects.none(), required=False, empty_label="Anywhere"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(petition_scheme__isnull=False).by_tier()
        self.fields["district"].queryset = Place.objects.districts().order_by("name")
