"""The access log's ``centre`` (the staff member's centre when the row was written; rows
written before it get the centre the staff member has now, the best that is known), and a
trigger that makes the table append-only in the database itself: any ``UPDATE`` or
``DELETE`` of a row raises, whoever sends it (DESIGN.md "Privacy": the log is append-only
and kept at least two years). ``TRUNCATE`` is not a row event: it stays for resetting test
and benchmark databases; a production database role should not hold it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_inactive_index"),
        ("reference", "0002_load_reference"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="centre",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reference.communitycentre",
                verbose_name="당시 소속 센터",
            ),
        ),
        migrations.RunSQL(
            sql="""
                UPDATE accounts_accesslogentry AS e SET centre_id = m.centre_id
                FROM accounts_staffmembership AS m WHERE m.user_id = e.staff_id AND e.centre_id IS NULL;
                CREATE FUNCTION accounts_accesslog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'accounts_accesslogentry is append-only: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER accesslog_append_only BEFORE UPDATE OR DELETE ON accounts_accesslogentry
                    FOR EACH ROW EXECUTE FUNCTION accounts_accesslog_append_only();
            """,
            reverse_sql="""
                DROP TRIGGER IF EXISTS accesslog_append_only ON accounts_accesslogentry;
                DROP FUNCTION IF EXISTS accounts_accesslog_append_only();
            """,
        ),
    ]
