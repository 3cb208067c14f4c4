from django.contrib import admin

from .models import ChannelLink, PlannedActivity, StrategyPlan


class PlannedActivityInline(admin.TabularInline):
    model = PlannedActivity
    extra = 0
    raw_id_fields = ["channel", "owner", "links_to"]
    readonly_fields = ["owner_name"]


class ChannelLinkInline(admin.TabularInline):
    model = ChannelLink
    extra = 0
    raw_id_fields = ["from_channel", "to_channel"]


@admin.register(StrategyPlan)
class StrategyPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "revision", "status", "version", "updated_at"]
    list_filter = ["status", "organization"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization"]
    inlines = [PlannedActivityInline, ChannelLinkInline]


@admin.register(PlannedActivity)
class PlannedActivityAdmin(admin.ModelAdmin):
    list_display = ["channel", "kind", "per_week", "minutes_each", "owner", "links_to", "plan"]
    list_filter = ["kind", "plan__organization"]
    list_select_related = ["channel", "owner", "links_to", "plan"]
    readonly_fields = ["owner_name"]


@admin.register(ChannelLink)
class ChannelLinkAdmin(admin.ModelAdmin):
    list_display = ["from_channel", "to_channel", "how", "plan"]
    list_filter = ["how", "plan__organization"]
    list_select_related = ["from_channel", "to_channel", "plan"]
