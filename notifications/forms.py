from django import forms

from notifications.texts import uk_mobile_number


class MobileNumberForm(forms.Form):
    number = forms.CharField(
        label="UK mobile number",
        max_length=30,
        help_text="For example, 07700 900 982. We will text it a code to check it is yours.",
        error_messages={"required": "Enter your mobile number"},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_number(self) -> str:
        number = uk_mobile_number(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError("Enter a UK mobile number, like 07700 900 982")
        return number


class MobileCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the text message",
        max_length=20,
        help_text="It has 6 digits and works for 10 minutes.",
        error_messages={"required": "Enter the code from the text message"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError("Enter the 6-digit code from the text message")
        return code
