from django.contrib import admin

from .models import CommunityCentre, Dong, MinimumWage, Occupation


@admin.register(Dong)
class DongAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "x_m", "y_m"]
    search_fields = ["name", "code"]


@admin.register(CommunityCentre)
class CommunityCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "dong", "phone"]
    list_filter = ["kind"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """District staff extend the table with each year's 고시."""

    list_display = ["year", "hourly_krw", "source"]
