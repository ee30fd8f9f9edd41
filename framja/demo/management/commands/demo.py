"""``framja demo``: (re)create the demo database and serve it."""

import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from framja.demo.loader import DemoSummary, load_demo

SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _sqlite_files(name: str) -> list[Path]:
    """Return the database file and its journals, or nothing for an in-memory database."""
    if name in ("", ":memory:") or "mode=memory" in name:
        return []
    return [Path(f"{name}{suffix}") for suffix in SQLITE_SUFFIXES]


def _drop_django_tables() -> None:
    """Drop every table of the installed apps and the migration history.

    ``flush`` would not do: it also empties the rows the data migrations load (the regions
    and municipalities), and migrating again would not bring them back.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    introspection = connection.introspection
    with connection.cursor() as cursor:
        existing = set(introspection.table_names(cursor, include_views=False))
        tables = set(introspection.django_table_names(only_existing=True, include_views=False))
        tables |= {"django_migrations"} & existing
        if tables:
            quoted = ", ".join(connection.ops.quote_name(table) for table in sorted(tables))
            cursor.execute(f"DROP TABLE {quoted} CASCADE")


class Command(BaseCommand):
    help = "Skapa demodatabasen på nytt med data från källdokumenten och starta servern."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Skapa databasen men starta inte servern."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port att lyssna på.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Starta inte bakgrundsarbetaren (importer av indikatorvärden).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Töm även en PostgreSQL-databas (allt i den försvinner).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        self._reset_database(force=options["force"])
        call_command("migrate", interactive=False, verbosity=0)
        summary = load_demo()
        self._print_summary(summary, port=port)
        if not options["no_serve"]:
            self.worker: subprocess.Popen[bytes] | None = None
            try:
                if not options["no_worker"]:
                    self._start_worker()
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                self._stop_worker()

    def _start_worker(self) -> None:
        """Start the task worker beside the web server; it runs the background imports."""

        # A TERM to the demo (not only Ctrl+C) must also reach the ``finally`` that stops
        # the worker.
        def stop(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "django", "db_worker", "--no-reload", "--verbosity", "1"],
        )
        self.stdout.write(
            _("Bakgrundsarbetaren körs (process %(pid)d).") % {"pid": self.worker.pid}
        )

    def _stop_worker(self) -> None:
        worker = self.worker
        if worker is not None and worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    def _reset_database(self, *, force: bool) -> None:
        database = settings.DATABASES[DEFAULT_DB_ALIAS]
        vendor = connections[DEFAULT_DB_ALIAS].vendor
        if vendor == "sqlite":
            connections.close_all()
            for path in _sqlite_files(str(database["NAME"])):
                path.unlink(missing_ok=True)
        elif not force:
            raise CommandError(
                _(
                    "Databasen %(name)s är inte SQLite. Demo tömmer hela databasen; "
                    "ange --force om det är meningen."
                )
                % {"name": database.get("NAME", "")}
            )
        else:
            _drop_django_tables()

    def _print_summary(self, summary: DemoSummary, *, port: int) -> None:
        width = max(len(login.email) for login in summary.logins)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Demodatabasen är klar.")))
        self.stdout.write(_("Öppna http://127.0.0.1:%(port)d/ och logga in:") % {"port": port})
        self.stdout.write("")
        self.stdout.write(f"  {_('E-post'):<{width}}  {_('Lösenord'):<8}  {_('Roll')}")
        for login in summary.logins:
            self.stdout.write(f"  {login.email:<{width}}  {summary.password:<8}  {login.role}")
            self.stdout.write(f"  {'':<{width}}  {'':<8}  {login.can}")
        self.stdout.write("")
