"""Production settings: strict by default, and no start without a secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SETUP = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup()"
# Variables that would change what is checked; the tests give their own.
CLEARED = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DEBUG",
    "DATABASE_URL",
    "DATABASE_URL_FILE",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "ALLOWED_HOSTS",
    "FRAMJA_VAR_DIR",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
}


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        DEBUG="false",
        ALLOWED_HOSTS="framja.example.se",
        DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3",
        FRAMJA_VAR_DIR=str(tmp_path / "var"),
        **extra,
    )
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_settings_pass_the_deployment_check(tmp_path):
    # given
    key = secrets.token_urlsafe(45)
    assert len(key) == 60
    env = production_env(tmp_path, SECRET_KEY=key)

    # when
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    # given
    env = production_env(tmp_path)

    # when
    result = run([sys.executable, "-c", SETUP], env)

    # then
    assert result.returncode != 0
    assert "RuntimeError" in result.stderr
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off." in result.stderr
    assert not (tmp_path / "var" / "secret-key").exists()


def test_it_reads_the_secret_key_from_a_file(tmp_path):
    # given
    key = secrets.token_urlsafe(45)
    key_file = tmp_path / "secret-key"
    key_file.write_text(key + "\n", encoding="utf-8")
    env = production_env(tmp_path, SECRET_KEY="not-this-one", SECRET_KEY_FILE=str(key_file))
    code = f"{SETUP}; from django.conf import settings; print(settings.SECRET_KEY)"

    # when
    result = run([sys.executable, "-c", code], env)

    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{key}\n"


def test_production_defaults_are_strict(tmp_path):
    # given
    env = production_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(45))
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "ALLOWED_HOSTS",
    ]
    code = f"{SETUP}; from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )

    # when
    result = run([sys.executable, "-c", code], env)

    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "False",
        "True",
        "31536000",
        "True",
        "True",
        "['framja.example.se']",
    ]
