"""Loads the shipped reference data (dongs, centres, KECO 2018, minimum wages) on migrate."""

from django.db import migrations


def forwards(apps, schema_editor):
    from namdong_jobs.reference.loader import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
