from django import forms
from django.contrib import admin

from .models import Assignment, Channel, Membership, Organization, StaffMember
from .services.validation import channel_handle_taken, handle_compared


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "timezone", "report_weekday", "report_hour"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__email", "organization__name"]
    list_select_related = ["user", "organization"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0


class ChannelAdminForm(forms.ModelForm):
    """The admin's channel form refuses a handle another channel has on the platform, as the
    app's forms do. Django's own constraint check skips the (organization, platform,
    handle_key) constraint here, handle_key not being a form field: without this, the database
    would refuse the save with an error page."""

    class Meta:
        model = Channel
        fields = [
            "organization",
            *(
                f.name
                for f in Channel._meta.fields
                if f.editable and f.name not in ("id", "organization")
            ),
        ]

    def _post_clean(self):
        super()._post_clean()
        channel = self.instance
        if channel.organization_id and handle_compared(channel, self.changed_data):
            for field, message in channel_handle_taken(channel).items():
                self.add_error(field, message)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    form = ChannelAdminForm
    list_display = ["name", "key", "platform", "organization", "objective", "active"]
    list_filter = ["platform", "active", "organization"]
    search_fields = ["name", "handle", "key", "identity"]
    list_select_related = ["organization"]
    inlines = [AssignmentInline]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "organization", "capacity_hours", "email"]
    list_filter = ["organization"]
    search_fields = ["name", "email", "key"]
    list_select_related = ["organization"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["staff", "channel", "hours_per_week", "duties", "backup"]
    list_filter = ["channel__organization", "backup"]
    list_select_related = ["staff", "channel"]
