from django import forms

from localism import dates
from localism.models import Place
from localism.uploads import validate_document
from neighbourhood_plans.models import Stage


class PlanFilterForm(forms.Form):
    """The county-wide list's filters, as GET parameters."""

    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "Any stage"), *Stage.choices])
    district = forms.ModelChoiceField(
        label="District",
        queryset=Place.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All districts",
        error_messages={"invalid_choice": "Choose one of the districts listed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Place.objects.districts().order_by("name")
        self.fields["stage"].error_messages["invalid_choice"] = "Choose one of the stages listed"


# --- Staff forms (the admin) ---------------------------------------------------------------------


class ConsultationForm(forms.Form):
    opens_on = dates.DateField(label="Consultation opens")
    closes_on = dates.DateField(label="Consultation closes", help_text="At least 6 weeks after it opens.")
    consultation_url = forms.CharField(
        label="The consultation's page",
        required=False,
        max_length=300,
        help_text="A consultation on this portal (/consultations/…), or an https:// address.",
    )

    def clean_consultation_url(self):
        value = self.cleaned_data["consultation_url"].strip()
        if value and not value.startswith(("/", "https://")):
            raise forms.ValidationError("Enter a path on this site (/consultations/…) or an https:// address")
        return value


class SubmissionForm(forms.Form):
    submitted_on = dates.DateField(label="Date the plan was submitted")


class ExaminationForm(forms.Form):
    starts_on = dates.DateField(label="Date the examination started")
    examiner = forms.CharField(label="Independent examiner", required=False, max_length=200)


def _percentage(label: str, what: str) -> forms.DecimalField:
    outside = f"{what} must be between 0 and 100"
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        error_messages={"min_value": outside, "max_value": outside},
    )


class ReferendumForm(forms.Form):
    held_on = dates.DateField(label="Date of the referendum")
    turnout = _percentage("Turnout (%)", "The turnout")
    yes_share = _percentage("Share voting yes (%)", "The share voting yes")


class MadeForm(forms.Form):
    made_on = dates.DateField(label="Date the council made the plan")


class DocumentForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    file = forms.FileField(label="Document", validators=[validate_document])
