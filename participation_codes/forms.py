from django import forms

from participation_codes.services import BATCH_MAX


class BatchForm(forms.Form):
    size = forms.IntegerField(
        label="How many codes",
        min_value=1,
        max_value=BATCH_MAX,
        help_text=f"One card each, 4 to a page. At most {BATCH_MAX:,} at a time: make several batches for more.",
        error_messages={
            "required": "Enter how many codes to make",
            "invalid": "Enter how many codes to make as a number, like 200",
            "min_value": "Make at least 1 code",
            "max_value": f"Make at most {BATCH_MAX:,} codes at a time",
        },
    )
    label = forms.CharField(
        label="Where they will go",
        max_length=200,
        help_text="For your own records, like “Posted to households in Cromer” or “Drop-in at the library”.",
        error_messages={"required": "Say where the codes will go"},
    )


class CodeField(forms.CharField):
    """A one-time code as typed: spaces and dashes allowed, as printed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your one-time code")
        kwargs.setdefault("help_text", "The 12 letters and numbers on your card, like 7KQM-3XPA-HC9T.")
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("error_messages", {"required": "Enter the code from your card"})
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "autocomplete": "off",
            "spellcheck": "false",
            "autocapitalize": "characters",
        }
