"""The ``framja`` console script, run as a newcomer would run it."""

import os
import signal
import subprocess
import sys
import time
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


def test_indicators_import_runs_in_the_foreground_and_reports(tmp_path):
    # given a demo database and a file of values for 2025 (the demo's example values end in 2024)
    assert run("demo", "--no-serve", tmp_path=tmp_path).returncode == 0
    good = tmp_path / "varden.csv"
    good.write_text(
        "indikator;plats;period;kön;värde\n"
        "paverkbar-slutenvard;0012;2025;T;12,5\n"
        "care-need-index;1280;2025;T;1,4\n",
        encoding="utf-8",
    )
    bad = tmp_path / "fel.csv"
    bad.write_text("indikator;plats;period;värde\ncare-need-index;1280;2024;x\n", encoding="utf-8")

    # when
    result = run("indicators", "import", str(good), tmp_path=tmp_path)
    again = run("indicators", "import", str(good), tmp_path=tmp_path)
    failed = run("indicators", "import", str(bad), tmp_path=tmp_path)

    # then
    assert result.returncode == 0, result.stderr
    assert "Läser 2 av 2 rader …" in result.stdout
    assert result.stdout.strip().endswith("Klart: 2 nya värden och 0 ersatta.")
    assert again.stdout.strip().endswith("Klart: 0 nya värden och 2 ersatta.")
    assert failed.returncode != 0
    assert "fel.csv, rad 2, fältet värde: ”x” är inget tal." in failed.stderr


def test_the_demo_starts_the_task_worker_and_stops_it_on_exit(tmp_path):
    # given
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "FRAMJA_VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    port = str(20000 + os.getpid() % 10000)
    demo = subprocess.Popen(
        [str(FRAMJA), "demo", "--port", port],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        worker_pid = None
        assert demo.stdout is not None
        for line in demo.stdout:
            if "Bakgrundsarbetaren körs (process " in line:
                worker_pid = int(line.split("(process ")[1].split(")")[0])
                break
        assert worker_pid is not None
        os.kill(worker_pid, 0)  # the worker is running

        # when the demo is stopped
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=60)

        # then the worker has stopped too
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _alive(worker_pid):
            time.sleep(0.2)
        assert not _alive(worker_pid)
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A finished child of a finished parent may linger as a zombie until it is reaped.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())
