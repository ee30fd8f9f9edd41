"""The `framja` command: the project's management commands under one name."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run a management command, e.g. ``framja demo`` or ``framja migrate``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["framja", *(sys.argv[1:] if argv is None else argv)])
    return 0
