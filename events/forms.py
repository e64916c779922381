from django import forms

from events.models import ACCESS_NEEDS_MAX_LENGTH
from localism.forms import HoneypotForm


class SignUpForm(HoneypotForm):
    access_needs = forms.CharField(
        label="Do you have any access needs? (optional)",
        help_text="For example, step-free access, a hearing loop, a BSL interpreter, large print or a quiet space. "
        "Only the organisers see this.",
        required=False,
        max_length=ACCESS_NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Describe your access needs in 1,000 characters or fewer"},
    )
