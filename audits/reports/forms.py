"""The form of the weekly report's settings."""

from django import forms

from outreach.models import Organization, validate_timezone


class ReportScheduleForm(forms.Form):
    report_weekday = forms.TypedChoiceField(
        label="Weekday", coerce=int, choices=Organization.Weekday.choices
    )
    report_hour = forms.TypedChoiceField(
        label="Hour", coerce=int, choices=[(h, f"{h:02d}:00") for h in range(24)]
    )
    timezone = forms.CharField(
        label="Time zone",
        validators=[validate_timezone],
        help_text="Where the weekday and hour are meant, e.g. Europe/London or Asia/Tokyo.",
    )
    report_recipients = forms.CharField(
        label="Also send to",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Addresses besides the managers, one per line.",
    )
