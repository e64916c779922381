"""Forms: the nomination of an asset of community value, and the staff forms in the admin."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from localism import dates
from localism.postcodes import typed_postcode
from localism.uploads import validate_document
from transparency.filters import DATE_FORMATS, validate_no_nul
from transparency.models import AssetNomination, ExpressionOfInterest


class NominationForm(forms.ModelForm):
    """A community body's nomination (Localism Act 2011 s.89 and the 2012 Regulations, regulation 6)."""

    evidence_file = forms.FileField(
        label="Supporting document",
        required=False,
        validators=[validate_document],
        help_text=(
            "For example, a plan showing the boundaries, or the body's constitution. "
            "PDF, Word (DOCX), OpenDocument or plain text. Only you and council staff can see it."
        ),
    )
    confirm_eligible = forms.BooleanField(
        label="I confirm the body is eligible to nominate and has a local connection",
        error_messages={"required": "Confirm the body is eligible to nominate"},
    )

    class Meta:
        model = AssetNomination
        fields = [
            "asset_name",
            "address",
            "postcode",
            "description",
            "occupants",
            "owners",
            "community_value",
            "body_name",
            "body_kind",
            "body_registration_number",
            "local_member_count",
            "local_connection",
            "eligibility_evidence",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "occupants": forms.Textarea(attrs={"rows": 3}),
            "owners": forms.Textarea(attrs={"rows": 3}),
            "community_value": forms.Textarea(attrs={"rows": 6}),
            "local_connection": forms.Textarea(attrs={"rows": 3}),
            "eligibility_evidence": forms.Textarea(attrs={"rows": 4}),
            "body_kind": forms.RadioSelect,
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "local_member_count": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "asset_name": "For example, The Red Lion, Little Snoring",
            "description": "Describe the land and buildings and where the boundaries are.",
            "community_value": (
                "What the asset is used for now (or was in the recent past) that furthers the social wellbeing or "
                "interests of the local community, and why that use could continue in the next 5 years."
            ),
            "owners": "Names and addresses of the freeholder and any leaseholders, if you know them.",
            "local_member_count": "Only for an unincorporated group: it must have at least 21.",
            "body_registration_number": "For a charity, company, society or community interest company.",
            "local_connection": "How the body's activities are wholly or partly about this area.",
            "eligibility_evidence": "For example, the constitution, articles of association or a list of members.",
        }
        error_messages = {
            "asset_name": {"required": "Enter the name of the asset"},
            "address": {"required": "Enter the address of the asset"},
            "postcode": {"required": "Enter the postcode of the asset"},
            "description": {"required": "Describe the land and its boundaries"},
            "owners": {"required": "Tell us what you know of the owners, or write “Not known”"},
            "community_value": {"required": "Tell us why the asset is of community value"},
            "body_name": {"required": "Enter the name of the nominating body"},
            "body_kind": {"required": "Choose the kind of body", "invalid_choice": "Choose the kind of body"},
            "local_connection": {"required": "Describe the body's local connection"},
            "eligibility_evidence": {"required": "Give evidence of the body's eligibility"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_member_count"].error_messages["invalid"] = "Enter the number of members as a whole number"
        self.fields["local_member_count"].max_value = 1_000_000
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_no_nul)

    def clean_postcode(self) -> str:
        return typed_postcode(self.cleaned_data["postcode"], "Enter a real postcode, like NR2 1AB")

    def clean_local_member_count(self):
        value = self.cleaned_data.get("local_member_count")
        if value is not None and value > 1_000_000:
            raise forms.ValidationError("Enter a number of members below 1,000,000")
        return value

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("body_kind")
        Kind = AssetNomination.BodyKind  # noqa: N806
        if kind == Kind.UNINCORPORATED:
            members = cleaned.get("local_member_count")
            if members is None or members < 21:
                self.add_error(
                    "local_member_count",
                    "An unincorporated group needs at least 21 members registered to vote locally to nominate",
                )
        registered = (Kind.CHARITY, Kind.COMPANY_LIMITED_BY_GUARANTEE, Kind.COMMUNITY_BENEFIT_SOCIETY, Kind.CIC)
        if kind in registered and not cleaned.get("body_registration_number"):
            self.add_error("body_registration_number", "Enter the body's charity, company or society number")
        return cleaned


def _date_field(label: str, **kwargs) -> forms.DateField:
    return dates.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        help_text="For example, 14/03/2026",
        error_messages={"required": f"Enter the {label.lower()}"},
        widget=forms.DateInput(format="%d/%m/%Y"),
        **kwargs,
    )


class NominationDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("listed", "List the asset (for 5 years)"), ("not_listed", "Do not list the asset")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    decided_on = _date_field("Decision date")
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text="Required when the asset is not listed; published on the list of unsuccessful nominations.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == "not_listed" and not (cleaned.get("reasons") or "").strip():
            self.add_error("reasons", "Give the reasons the asset is not listed")
        return cleaned


class ReviewRequestForm(forms.Form):
    requested_on = _date_field("Date the owner asked for a review")


class ReviewDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("upheld", "The listing stays"), ("overturned", "Remove the asset from the list")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the review's outcome"},
    )
    decided_on = _date_field("Review decision date")
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class DisposalNoticeForm(forms.Form):
    notified_on = _date_field("Date the council received the notice")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=3000)


class ExpressionOfInterestForm(forms.ModelForm):
    """An expression of interest under the Community Right to Challenge (Localism Act 2011 s.81)."""

    class Meta:
        model = ExpressionOfInterest
        fields = [
            "body_name",
            "body_kind",
            "service",
            "area",
            "financial_resources",
            "capability",
            "outcomes_for_users",
            "outcomes_for_wellbeing",
        ]
        widgets = {
            "body_kind": forms.RadioSelect,
            "financial_resources": forms.Textarea(attrs={"rows": 5}),
            "capability": forms.Textarea(attrs={"rows": 5}),
            "outcomes_for_users": forms.Textarea(attrs={"rows": 5}),
            "outcomes_for_wellbeing": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "financial_resources": "How the body would pay to take part in a procurement and run the service.",
            "capability": "The experience and skills of the body and its people.",
            "outcomes_for_users": "What would be better for the people who use the service.",
        }
        error_messages = {
            "body_name": {"required": "Enter the name of the body"},
            "body_kind": {"required": "Choose the kind of body", "invalid_choice": "Choose the kind of body"},
            "service": {"required": "Enter the service you want to run"},
            "area": {"required": "Enter the area the service would cover"},
            "financial_resources": {"required": "Describe your financial resources"},
            "capability": {"required": "Describe your capability to run the service"},
            "outcomes_for_users": {"required": "Describe the outcomes for people who use the service"},
            "outcomes_for_wellbeing": {"required": "Describe how it would promote the wellbeing of the area"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_no_nul)


class ChallengeDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision",
        choices=[
            ("accepted", "Accept"),
            ("modified", "Accept with modifications agreed with the body"),
            ("rejected", "Reject"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    decided_on = _date_field("Decision date")
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="Published with the decision. A rejection must give one of the grounds in the 2012 Regulations.",
        error_messages={"required": "Give the reasons for the decision"},
    )
