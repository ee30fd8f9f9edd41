"""Time the import of a CSV of indicator values on the database in DATABASE_URL.

Makes the file's indicators if they are missing, removes their old values, then imports the
file twice: first every value is new, then every value replaces one. Prints the seconds.

    python bench/generate_csv.py var/bench/values.csv
    DATABASE_URL=sqlite:///$PWD/var/bench.sqlite3 python bench/import_csv.py var/bench/values.csv
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        python bench/import_csv.py var/bench/values.csv
"""

import argparse
import csv
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")


def indicator_codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        return {row[0] for row in reader}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from framja.indicators.models import DataSource, Indicator, IndicatorValue
    from framja.indicators.services import import_values_file

    call_command("migrate", verbosity=0)
    source = DataSource.objects.get(name="Egen mätning")
    codes = indicator_codes(args.file)
    for code in sorted(codes):
        Indicator.objects.get_or_create(
            code=code, defaults={"name": f"Testindikator {code}", "source": source}
        )
    IndicatorValue.objects.filter(indicator__code__in=codes).delete()

    vendor = connection.vendor
    print(f"Databas: {vendor} ({connection.settings_dict['NAME']})")
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        result = import_values_file(path=args.file, file_name=args.file.name, user=None)
        seconds = time.perf_counter() - started
        print(
            f"Körning {run}: {result.rows:,} rader på {seconds:.2f} s "
            f"({result.rows / seconds:,.0f} rader/s); nya {result.created:,}, "
            f"ersatta {result.updated:,}".replace(",", " ")
        )


if __name__ == "__main__":
    main()
