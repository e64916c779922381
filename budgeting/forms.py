from django import forms

from budgeting.models import DeliveryUpdate, Project, Round
from directory.selectors import verified_organisations_of
from localism.models import Place
from localism.numbers import counted, money
from participation_codes.forms import CodeField

IMAGE_MAX_BYTES = 5 * 1024 * 1024
_IMAGE_SIGNATURES = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".webp": (b"RIFF",),
}


def validate_project_image(upload) -> None:
    """JPEG, PNG or WebP by content as well as by name, and no larger than 5 MB."""
    name = upload.name.lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in _IMAGE_SIGNATURES:
        raise forms.ValidationError("The picture must be a JPG, PNG or WebP file")
    if upload.size > IMAGE_MAX_BYTES:
        raise forms.ValidationError("The picture must be smaller than 5 MB")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(_IMAGE_SIGNATURES[extension]) or (extension == ".webp" and head[8:12] != b"WEBP"):
        raise forms.ValidationError("The picture is not a real JPG, PNG or WebP image")


def checked_picture(upload):
    """A picture just uploaded, checked as validate_project_image says (one already stored passes as it is)."""
    if upload and hasattr(upload, "content_type"):
        validate_project_image(upload)
    return upload


class DescribedPictureMixin:
    """A form with a picture in `picture_field`: once there is one, `<picture_field>_description` must say what it
    shows, for people who cannot see it."""

    picture_field = "image"
    missing_description = "Say what the picture shows, for people who cannot see it"

    def clean(self):
        cleaned = super().clean()
        described_in = f"{self.picture_field}_description"
        if cleaned.get(self.picture_field) and not cleaned.get(described_in, "").strip():
            self.add_error(described_in, self.missing_description)
        return cleaned


class DeliveryUpdateForm(DescribedPictureMixin, forms.ModelForm):
    """Staff report a funded project's progress (in the admin): a photo is checked as a project picture is, and
    must say what it shows."""

    picture_field = "photo"
    missing_description = "Say what the photo shows, for people who cannot see it"

    class Meta:
        model = DeliveryUpdate
        fields = ["reported_on", "note", "photo", "photo_description"]

    def clean_photo(self):
        return checked_picture(self.cleaned_data.get("photo"))


class ProjectForm(DescribedPictureMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "description", "cost", "place", "organisation", "image", "image_description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8}), "image": forms.FileInput}
        labels = {"image": "A picture of the project", "image_description": "What the picture shows"}
        help_texts = {
            "title": "A short name people will vote for, like “Benches for Cromer seafront”.",
            "description": "What the project will do, who it helps, and how the money will be spent.",
            "image": "JPG, PNG or WebP, up to 5 MB.",
        }
        error_messages = {
            "title": {
                "required": "Enter a title for the project",
                "max_length": "The title must be 120 characters or fewer",
            },
            "description": {"required": "Describe the project"},
            "cost": {
                "required": "Enter what the project will cost",
                "invalid": "Enter the cost as a number of pounds, like 2500",
            },
            "place": {"required": "Choose where the project will happen"},
            "organisation": {"required": "Choose the group behind the project"},
        }

    def __init__(self, *args, round: Round, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["organisation"].queryset = verified_organisations_of(user)
        self.fields["organisation"].empty_label = None
        self.fields["place"].queryset = Place.objects.exclude(kind=Place.Kind.COUNTY).order_by("name")
        self.fields["cost"].help_text = f"In pounds. At most {money(round.max_project_cost)} in this round."

    def clean_cost(self):
        cost = self.cleaned_data["cost"]
        if cost is not None and cost > self.round.max_project_cost:
            raise forms.ValidationError(
                f"The cost must be {money(self.round.max_project_cost)} or less: "
                "the most one project can ask for in this round"
            )
        if cost is not None and cost <= 0:
            raise forms.ValidationError("The cost must be more than £0")
        return cost

    def clean_image(self):
        return checked_picture(self.cleaned_data.get("image"))


class ProjectCheckboxes(forms.CheckboxSelectMultiple):
    """Each project's box carries its cost, for the running total the page's script keeps."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        project = getattr(value, "instance", None)
        if project is not None:
            option["attrs"]["data-cost"] = f"{project.cost:.2f}"
        return option


class BallotForm(forms.Form):
    projects = forms.ModelMultipleChoiceField(
        label="Choose the projects you want funded",
        queryset=Project.objects.none(),
        widget=ProjectCheckboxes,
        error_messages={
            "required": "Choose at least one project",
            "invalid_choice": "One of the projects you chose is not in this vote",
        },
    )

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = round.projects.filter(status=Project.Status.ACCEPTED).order_by("title")
        self.fields["projects"].label_from_instance = lambda p: f"{p.title} ({money(p.cost)})"
        if round.method == Round.Method.KNAPSACK:
            pot = money(round.pot)
            self.fields["projects"].help_text = f"Choose any projects whose costs add up to {pot} or less."
        else:
            limit = round.approval_limit
            self.fields["projects"].help_text = f"Choose up to {counted(limit, 'project')}."


class CodeBallotForm(BallotForm):
    """A vote with the one-time code from a card, without an account."""

    code = CodeField()
    field_order = ["code", "projects"]


class PaperBallotForm(BallotForm):
    """One paper ballot, as staff copy it from the paper."""

    paper_number = forms.CharField(
        label="Ballot paper number",
        max_length=30,
        help_text="As printed or written on the paper. Each number is entered once.",
        error_messages={"required": "Enter the ballot paper number"},
    )
    code = CodeField(
        required=False,
        label="One-time code on the paper (if there is one)",
        help_text="It is used up, so it cannot be used to vote online as well.",
    )
    field_order = ["paper_number", "projects", "code"]

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, round=round, **kwargs)
        self.fields["projects"].label = "Projects marked on the ballot paper"
