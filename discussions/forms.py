from __future__ import annotations

from django import forms

from discussions.models import COMMENT_MAX_LENGTH, Report
from discussions.text import normalise_comment_text
from localism.forms import HoneypotForm


class CommentForm(HoneypotForm):
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=COMMENT_MAX_LENGTH,
        help_text=f"Plain text, up to {COMMENT_MAX_LENGTH:,} characters. Web addresses become links.",
        error_messages={
            "required": "Enter your comment",
            "max_length": f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer",
        },
    )
    as_official = forms.BooleanField(required=False, label="Post as the council's official reply")
    field_order = ["text", "as_official", "website"]

    def __init__(self, *args, can_reply_officially: bool = False, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not can_reply_officially:
            del self.fields["as_official"]
        if label:
            self.fields["text"].label = label

    def clean_text(self) -> str:
        text = normalise_comment_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError("Enter your comment")
        return text


class ReportForm(HoneypotForm):
    reason = forms.ChoiceField(
        label="Why are you reporting this comment?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are reporting this comment", "invalid_choice": "Select a reason"},
    )
    details = forms.CharField(
        label="Tell us more",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Your explanation must be 500 characters or fewer"},
    )
    field_order = ["reason", "details", "website"]
