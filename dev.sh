#!/usr/bin/env bash
# Främja's two entry points:
#   ./dev.sh demo   set everything up, build the demo database and serve it on http://127.0.0.1:8000
#   ./dev.sh test   set everything up and run every gate and the whole test suite, on SQLite and PostgreSQL
# Both find a Python 3.12+ interpreter, make .venv and install the project into it.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFEL: %s\n' "$*" >&2; exit 1; }
is_ci() { [ "${CI:-}" = "true" ]; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

find_python() {
  local candidate
  for candidate in "${FRAMJA_PYTHON:-}" python3.14 python3.13 python3.12 \
      "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
    if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      command -v "$candidate" 2>/dev/null || echo "$candidate"
      return 0
    fi
  done
  return 1
}

setup() {
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    local python
    python=$(find_python) || fail "Hittade ingen Python 3.12 eller senare. Installera en, eller ange den med FRAMJA_PYTHON=/sökväg/python3.12."
    say "Skapar .venv med $python ($("$python" --version))"
    rm -rf .venv
    "$python" -m venv .venv
  fi
  if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    say "Installerar beroenden"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    touch .venv/.installed
  fi
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  say "Installerar Chromium (Debian-paketet) för webbläsartesterna"
  if as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    return 0
  fi
  is_ci && fail "Chromium saknas och kunde inte installeras."
  return 1
}

# LibreOffice (without its GUI) opens the exported DOCX and XLSX in a test, as Word and Excel
# users would; poppler-utils' pdftotext reads what it printed.
ensure_libreoffice() {
  if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then return 0; fi
  say "Installerar LibreOffice (Writer och Calc utan grafiskt gränssnitt) och poppler-utils"
  if as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils >/dev/null; then
    return 0
  fi
  is_ci && fail "LibreOffice saknas och kunde inte installeras."
  return 1
}

ensure_postgres() {
  local host=127.0.0.1 port=5432
  if command -v pg_isready >/dev/null && pg_isready -q -h "$host" -p "$port"; then return 0; fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "Startar PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      pg_isready -q -h "$host" -p "$port" && return 0
      sleep 1
    done
  fi
  is_ci && fail "PostgreSQL svarar inte på $host:$port."
  return 1
}

run_demo() {
  setup
  export DEBUG=true
  .venv/bin/framja compiletranslations >/dev/null
  exec .venv/bin/framja demo "$@"
}

run_tests() {
  setup
  export DEBUG=true
  local bin=.venv/bin
  "$bin/framja" compiletranslations >/dev/null
  local pytest_args=(-q -n "${FRAMJA_TEST_WORKERS:-2}" --dist loadfile)
  local skipped=() excluded=()

  if ! ensure_chromium; then
    skipped+=("webbläsartesterna (Chromium saknas)")
    excluded+=("not browser")
  fi
  if ! ensure_libreoffice; then
    skipped+=("LibreOffice-testet (LibreOffice saknas)")
    excluded+=("not libreoffice")
  fi
  if [ ${#excluded[@]} -gt 0 ]; then
    local expression="${excluded[0]}" item
    for item in "${excluded[@]:1}"; do expression="$expression and $item"; done
    pytest_args+=(-m "$expression")
  fi
  local postgres=yes
  if ! ensure_postgres; then
    postgres=no
    skipped+=("PostgreSQL-körningen (ingen server på 127.0.0.1:5432)")
  fi

  say "ruff check";            "$bin/ruff" check .
  say "ruff format --check";   "$bin/ruff" format --check .
  say "mypy";                  "$bin/mypy" .
  say "makemigrations --check"; "$bin/framja" makemigrations --check --dry-run

  say "Testsviten på SQLite"
  DATABASE_URL="sqlite:///$PWD/var/test.sqlite3" "$bin/pytest" "${pytest_args[@]}"
  if [ "$postgres" = yes ]; then
    say "Testsviten på PostgreSQL"
    # The test databases are thrown away: commits need not wait for the disk.
    PGOPTIONS="${PGOPTIONS:-} -c synchronous_commit=off" \
      DATABASE_URL="${FRAMJA_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}" \
      "$bin/pytest" "${pytest_args[@]}"
  fi

  if [ ${#skipped[@]} -gt 0 ]; then
    printf '\nOBS: hoppade över %s. I CI krävs allt.\n' "${skipped[*]}"
  fi
  say "Allt gick igenom"
}

case "${1:-}" in
  demo) shift; run_demo "$@" ;;
  test) shift; run_tests "$@" ;;
  *) echo "Användning: ./dev.sh demo [--port N] | ./dev.sh test" >&2; exit 2 ;;
esac
