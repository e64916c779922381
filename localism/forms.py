from django import forms

from localism.postcodes import normalise_postcode


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label="Enter your postcode",
        max_length=16,
        help_text="For example, NR1 2DH",
        error_messages={"required": "Enter a postcode", "max_length": "Enter a real postcode, like NR1 2DH"},
    )

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like NR1 2DH")
        return postcode


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the portal", max_length=200, required=False)
