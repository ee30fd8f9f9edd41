"""framja backup and framja restore: the same content back, on either database, all or nothing."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection

from framja.core.backup import backed_up_models, database_summary
from framja.demo.loader import load_demo
from framja.organisations.models import Organisation
from tests.reference import load_reference_data

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[3]


def empty_the_database() -> None:
    """Leave the database as a fresh migration does: only the reference data."""
    tables = [model._meta.db_table for model in backed_up_models()]
    connection.check_constraints()
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(statement)
    load_reference_data()


@pytest.fixture
def demo(settings, tmp_path):
    load_demo()
    media = Path(settings.MEDIA_ROOT)
    (media / "indikatorimport" / "2026" / "11").mkdir(parents=True)
    (media / "indikatorimport" / "2026" / "11" / "värden.csv").write_bytes(b"kod;2024\nN1;1,5\n")
    return media


def rewrite(source: Path, target: Path, name: str, content: bytes) -> None:
    """Copy the backup with one of its members replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, content if item.filename == name else old.read(item))


def test_it_restores_identical_content_into_an_empty_database(demo, tmp_path):
    # given
    before = database_summary()
    assert sum(table.rows for table in before) > 2000
    call_command("backup", str(tmp_path / "b.zip"))
    empty_the_database()
    (demo / "indikatorimport" / "2026" / "11" / "värden.csv").unlink()
    assert database_summary() != before

    # when
    call_command("restore", str(tmp_path / "b.zip"))

    # then
    assert database_summary() == before
    restored = demo / "indikatorimport" / "2026" / "11" / "värden.csv"
    assert restored.read_bytes() == b"kod;2024\nN1;1,5\n"


def test_it_refuses_a_database_with_content_without_force(demo, tmp_path):
    # given
    call_command("backup", str(tmp_path / "b.zip"))
    Organisation.objects.filter(slug="rpo-halsoframjande").update(name="Ändrad efter kopian")
    before = database_summary()

    # when
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("restore", str(tmp_path / "b.zip"))

    # then
    assert database_summary() == before


def test_force_replaces_the_content(demo, tmp_path):
    # given
    backed_up = database_summary()
    call_command("backup", str(tmp_path / "b.zip"))
    Organisation.objects.filter(slug="rpo-halsoframjande").update(name="Ändrad efter kopian")

    # when
    call_command("restore", str(tmp_path / "b.zip"), "--force")

    # then
    assert database_summary() == backed_up
    assert Organisation.objects.get(slug="rpo-halsoframjande").name != "Ändrad efter kopian"


def test_a_restore_logs_everyone_out_and_empties_the_task_queue(demo, tmp_path, settings):
    # given a logged-in session and a queued task made after the backup
    from django.contrib.sessions.models import Session
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from framja.accounts.models import User
    from framja.indicators.tasks import run_import_job

    call_command("backup", str(tmp_path / "b.zip"))
    Client().force_login(User.objects.order_by("pk")[0])
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run_import_job.enqueue(job_id=1)
    assert (Session.objects.count(), DBTaskResult.objects.count()) == (1, 1)

    # when
    call_command("restore", str(tmp_path / "b.zip"), "--force")

    # then
    assert (Session.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_a_backup_that_fails_half_way_changes_nothing(demo, tmp_path):
    # given: the last table in the file has a broken row
    call_command("backup", str(tmp_path / "b.zip"))
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        last = list(manifest["tables"])[-1]
        good = zf.read(f"data/{last}.jsonl")
    assert good
    rewrite(tmp_path / "b.zip", tmp_path / "bad.zip", f"data/{last}.jsonl", good + b"[1]\n")
    Organisation.objects.filter(slug="rpo-halsoframjande").update(name="Ändrad efter kopian")
    (demo / "indikatorimport" / "2026" / "11" / "värden.csv").unlink()
    before = database_summary()

    # when
    with pytest.raises(CommandError, match="fel antal värden"):
        call_command("restore", str(tmp_path / "bad.zip"), "--force")

    # then
    assert database_summary() == before
    assert not (demo / "indikatorimport" / "2026" / "11" / "värden.csv").exists()


def test_it_refuses_a_backup_of_another_database_structure(demo, tmp_path):
    # given
    call_command("backup", str(tmp_path / "b.zip"))
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["migrations"].append("plans.9999_from_the_future")
    rewrite(
        tmp_path / "b.zip", tmp_path / "new.zip", "manifest.json", json.dumps(manifest).encode()
    )
    before = database_summary()

    # when
    with pytest.raises(CommandError, match="annan version av databasens struktur"):
        call_command("restore", str(tmp_path / "new.zip"), "--force")

    # then
    assert database_summary() == before


def test_it_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    # given
    (tmp_path / "x.zip").write_bytes(b"not a zip")

    # when / then
    with pytest.raises(CommandError, match="Kan inte läsa"):
        call_command("restore", str(tmp_path / "x.zip"))


def test_a_backup_restores_on_the_other_database(demo, tmp_path):
    """A backup of the test database restores into a fresh SQLite file with the same content."""
    # given
    call_command("backup", str(tmp_path / "b.zip"))
    expected = [[t.label, t.rows, t.digest] for t in database_summary()]
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_URL_FILE"}}
    env.update(DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3")
    env.update(FRAMJA_VAR_DIR=str(tmp_path / "var"))

    def framja(*args: str) -> subprocess.CompletedProcess[str]:
        code = "from framja.cli import main; main()"
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    # when
    migrated = framja("migrate", "-v0")
    restored = framja("restore", str(tmp_path / "b.zip"))
    summary = framja(
        "shell",
        "-c",
        "import json; from framja.core.backup import database_summary; "
        "print(json.dumps([[t.label, t.rows, t.digest] for t in database_summary()]))",
    )

    # then
    assert migrated.returncode == 0, migrated.stderr
    assert restored.returncode == 0, restored.stderr
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout.splitlines()[-1]) == expected
