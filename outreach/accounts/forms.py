"""The forms of getting in. Passwords are checked by Django's own validators (settings)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        help_text="We send a link to this address; opening it confirms the address.",
    )


class LoginCreateForm(SetPasswordMixin, forms.Form):
    """A new login's name and password (the address is the confirmed one, or the invited one)."""

    name = forms.CharField(
        label="Your name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
        help_text="How colleagues see you in the planner.",
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Choose a password", label2="The same password again"
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        self.validate_passwords()
        # Checked against the login to be (the similarity validator compares the address).
        user = get_user_model()(username=self.email, email=self.email)
        user.first_name = self.cleaned_data.get("name", "")
        self.validate_password_for_user(user)
        return super().clean()


class AccountForm(forms.Form):
    name = forms.CharField(
        label="Your name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )


class EmailChangeForm(forms.Form):
    """A new address to log in with; the current password proves it is the person asking."""

    email = forms.EmailField(
        label="New address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We send a link to it; the change is made when the link is opened.",
    )
    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password
