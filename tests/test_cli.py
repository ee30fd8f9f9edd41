"""The ``framja`` console script, run as a newcomer would run it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMJA = Path(sys.executable).parent / "framja"


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "FRAMJA_VAR_DIR": str(tmp_path),
    }
    return subprocess.run(
        [str(FRAMJA), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_demo_builds_the_database_and_prints_the_logins(tmp_path):
    # when
    result = run("demo", "--no-serve", "--port", "8123", tmp_path=tmp_path)

    # then
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8123/" in result.stdout
    for email in [
        "admin@framja.example",
        "ordforande@framja.example",
        "processtod@framja.example",
        "rag@framja.example",
        "utomstaende@framja.example",
    ]:
        assert email in result.stdout
    assert (tmp_path / "demo.sqlite3").exists()


def test_demo_can_be_rebuilt(tmp_path):
    # given a demo database that already exists
    assert run("demo", "--no-serve", tmp_path=tmp_path).returncode == 0

    # when it is built again
    result = run("demo", "--no-serve", tmp_path=tmp_path)

    # then it starts from scratch instead of failing on the existing data
    assert result.returncode == 0, result.stderr
    assert "Demodatabasen är klar." in result.stdout


def test_demo_refuses_to_empty_a_postgresql_database_without_force(tmp_path):
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}

    result = subprocess.run(
        [str(FRAMJA), "demo", "--no-serve"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "--force" in result.stderr


def test_every_management_command_is_a_framja_subcommand(tmp_path):
    result = run("help", "--commands", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert {"demo", "migrate", "compiletranslations"} <= set(result.stdout.split())


def test_adduser_creates_a_login_that_works(tmp_path):
    # given a demo database
    assert run("demo", "--no-serve", tmp_path=tmp_path).returncode == 0

    # when
    result = run("adduser", "ny@example.org", "--name", "Ny Person", tmp_path=tmp_path)
    again = run("adduser", "ny@example.org", tmp_path=tmp_path)

    # then
    assert result.returncode == 0, result.stderr
    password = result.stdout.split("Lösenord: ")[1].split()[0]
    check = run(
        "shell",
        "-c",
        "from django.contrib.auth import authenticate;"
        f"print(authenticate(username='ny@example.org', password='{password}').full_name)",
        tmp_path=tmp_path,
    )
    assert check.stdout.strip().splitlines()[-1] == "Ny Person"
    assert again.returncode != 0
    assert "finns redan" in again.stderr
