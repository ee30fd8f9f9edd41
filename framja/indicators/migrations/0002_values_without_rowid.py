"""On SQLite, make the values table WITHOUT ROWID: its primary key (indicator, place, period,
sex) then is the table's only B-tree, which halves the work of a large import.

Django creates every table with a rowid; the table is empty here, so it is made again with
the same definition plus WITHOUT ROWID. A later migration that rebuilds the table on SQLite
would drop the clause: tests/test_indicator_values.py checks it is still there.
"""

from django.db import migrations

TABLE = "indicators_indicatorvalue"


def without_rowid(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        (create,) = cursor.fetchone()
        if "WITHOUT ROWID" in create.upper():
            return
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [TABLE],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(f'DROP TABLE "{TABLE}"')
        cursor.execute(f"{create} WITHOUT ROWID")
        for index in indexes:
            cursor.execute(index)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(without_rowid, migrations.RunPython.noop)]
