from django import forms

from accounts.models import User
from localism.models import Place, Postcode, Topic
from localism.postcodes import place_for_postcode, typed_postcode


class SignupDetailsForm(forms.Form):
    """What sign-up asks beside email and password (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label="Display name",
        max_length=60,
        help_text="Shown beside your comments. You can use a nickname.",
        error_messages={
            "required": "Enter a display name",
            "max_length": "Display name must be 60 characters or fewer",
        },
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    home_postcode = forms.CharField(
        label="Home postcode",
        max_length=16,
        required=False,
        help_text="We use it to show what is near you. For example, NR1 2DH",
    )
    home_place = forms.ModelChoiceField(
        label="Home place",
        queryset=Place.objects.exclude(kind=Place.Kind.COUNTY).order_by("name"),
        required=False,
        empty_label="Work it out from my postcode",
        help_text="Leave this to be worked out from your postcode, or choose your town or district.",
    )
    interests = forms.ModelMultipleChoiceField(
        label="Topics you are interested in",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email_frequency = forms.ChoiceField(
        label="How often should we email you about what you follow?",
        choices=User.EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text="Emails about your own contributions, such as receipts and replies, always go.",
    )

    class Meta:
        model = User
        fields = ["display_name", "home_postcode", "home_place", "interests", "email_frequency"]
        error_messages = {"display_name": {"max_length": "Display name must be 60 characters or fewer"}}

    def clean_home_postcode(self) -> str:
        text = self.cleaned_data["home_postcode"].strip()
        if not text:
            return ""
        postcode = typed_postcode(text)
        self._known_postcode = Postcode.objects.filter(postcode=postcode).first()
        if self._known_postcode is None:
            raise forms.ValidationError(
                f"We could not find {postcode}. Check it, or leave it blank and choose your place."
            )
        return postcode

    def clean(self):
        cleaned = super().clean()
        known = getattr(self, "_known_postcode", None)
        # A new postcode moves the home place with it, unless the person chose a place in the same save.
        postcode_moved = "home_postcode" in self.changed_data and "home_place" not in self.changed_data
        if known and (not cleaned.get("home_place") or postcode_moved):
            cleaned["home_place"] = place_for_postcode(known) or cleaned.get("home_place")
        return cleaned


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not correct")
        return password


class VerificationResendForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
