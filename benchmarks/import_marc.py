"""Import 10,000 MARC records: time (target under 60 s) and memory that does not grow with the file.

    .venv/bin/python benchmarks/import_marc.py                  # SQLite (in memory)
    scripts/with-postgres.sh .venv/bin/python benchmarks/import_marc.py   # PostgreSQL

It runs against a throwaway test database (Django's test database machinery: never the
database in DATABASE_URL itself), on generated binary MARC21 files of Alma-style records
(Chinese and English titles, 020, 100, 245, 264, 650, AVA, AVE). It prints, for 1,000 and
10,000 records: the seconds the import took, records per second, the same file imported again
(every record unchanged), and the peak of Python memory allocated during an import
(tracemalloc, in separate runs on fresh records because tracing slows Python down). Flat memory
means the 10,000-record peak is close to the 1,000-record one while the file is ten times
larger.

As in production, tasks go to the database queue (django_tasks_db): the import stores the
books and queues their search indexing, and the worker's run over that queue
(`db_worker --batch`) is timed on its own line.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60
SIZES = [int(n) for n in os.environ.get("BENCH_MARC_SIZES", "1000,10000").split(",")]

TITLES = ["三体", "人类简史", "平凡的世界", "邓稼先传", "钱学森传", "居里夫人传", "科学的历程",
          "A brief history of time", "Sapiens", "The double helix"]  # fmt: skip
SUBJECTS = ["科学家传记", "科学史", "心理健康", "职业生涯规划", "中国文学", "History of science"]


def _isbn13(n):
    body = f"97875{n:07d}"  # n < 10,000,000
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def write_marc(path, count, offset=0):
    from pymarc import Field, Record, Subfield

    with open(path, "wb") as handle:
        for n in range(offset, offset + count):
            record = Record(force_utf8=True)
            record.leader = record.leader[:9] + "a" + record.leader[10:]
            record.add_field(Field(tag="001", data=f"99{n:011d}05466"))
            record.add_field(
                Field(tag="020", indicators=[" ", " "], subfields=[Subfield("a", _isbn13(n))])
            )
            record.add_field(
                Field(
                    tag="100", indicators=["1", " "], subfields=[Subfield("a", f"作者{n % 997},")]
                )
            )
            title = f"{TITLES[n % len(TITLES)]} 第{n}卷"
            record.add_field(
                Field(
                    tag="245",
                    indicators=["1", "0"],
                    subfields=[Subfield("a", title + " :"), Subfield("b", "基准测试 /")],
                )
            )
            record.add_field(
                Field(
                    tag="264",
                    indicators=[" ", "1"],
                    subfields=[Subfield("b", "科学出版社,"), Subfield("c", f"{1990 + n % 35}.")],
                )
            )
            record.add_field(
                Field(
                    tag="650",
                    indicators=[" ", "0"],
                    subfields=[Subfield("a", SUBJECTS[n % len(SUBJECTS)])],
                )
            )
            record.add_field(
                Field(
                    tag="AVA",
                    indicators=[" ", " "],
                    subfields=[
                        Subfield("c", "一楼思库专架"),
                        Subfield("d", f"K826.16/{n}"),
                        Subfield("f", str(1 + n % 4)),
                        Subfield("q", "南科大图书馆"),
                    ],
                )
            )
            if n % 3 == 0:
                record.add_field(
                    Field(
                        tag="AVE",
                        indicators=[" ", " "],
                        subfields=[
                            Subfield("m", "超星电子书"),
                            Subfield("n", "校园网或 VPN 访问"),
                            Subfield("u", f"https://ebooks.example.edu/{n}"),
                        ],
                    )
                )
            handle.write(record.as_marc())


def measure():
    """All runs in one process and one fresh test database; returns the figures."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    figures = {"database": connection.vendor, "runs": {}}
    queue = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    )
    queue.enable()
    try:
        from reading.importers import import_books

        offset = 0
        with tempfile.TemporaryDirectory() as folder:
            for count in SIZES:
                path = Path(folder) / f"export-{count}.mrc"
                write_marc(path, count, offset)
                offset += count
                started = time.perf_counter()
                with path.open("rb") as handle:
                    report = import_books(handle)
                seconds = time.perf_counter() - started
                assert report.created == count, report.summary()
                started = time.perf_counter()
                with path.open("rb") as handle:
                    second = import_books(handle)
                again = time.perf_counter() - started
                assert second.unchanged == count, second.summary()
                started = time.perf_counter()
                call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
                indexing = time.perf_counter() - started
                figures["runs"][count] = {
                    "file_mb": round(path.stat().st_size / 1e6, 2),
                    "seconds": round(seconds, 2),
                    "second_import_seconds": round(again, 2),
                    "indexing_seconds": round(indexing, 2),
                }
            for count in SIZES:
                path = Path(folder) / f"traced-{count}.mrc"
                write_marc(path, count, offset)
                offset += count
                tracemalloc.start()
                with path.open("rb") as handle:
                    report = import_books(handle)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                assert report.created == count, report.summary()
                figures["runs"][count]["tracemalloc_peak_mb"] = round(peak / 1e6, 2)
    finally:
        queue.disable()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return figures


def main():
    figures = measure()
    runs = figures["runs"]
    print(f"MARC import benchmark ({figures['database']}, {os.cpu_count()} CPUs)")
    print(
        f"{'records':>8} {'file MB':>8} {'seconds':>8} {'rec/s':>7} {'re-import s':>11} "
        f"{'Python peak MB':>14} {'indexing s':>10}"
    )
    for count in SIZES:
        run = runs[count]
        print(
            f"{count:>8} {run['file_mb']:>8} {run['seconds']:>8} {count / run['seconds']:>7.0f} "
            f"{run['second_import_seconds']:>11} {run['tracemalloc_peak_mb']:>14} "
            f"{run['indexing_seconds']:>10}"
        )
    big, small = runs[SIZES[-1]], runs[SIZES[0]]
    verdict = "PASS" if big["seconds"] < TARGET_SECONDS else "FAIL"
    print(f"{SIZES[-1]:,} records in {big['seconds']} s (target < {TARGET_SECONDS} s): {verdict}")
    print(
        f"Search indexing of the {SIZES[-1]:,} books, queued by the import and run by the "
        f"task worker afterwards: {big['indexing_seconds']} s"
    )
    ratio = big["tracemalloc_peak_mb"] / max(small["tracemalloc_peak_mb"], 0.01)
    print(
        f"Python memory peak {SIZES[-1]:,} / {SIZES[0]:,} records = {ratio:.2f}, "
        f"for a file {big['file_mb'] / small['file_mb']:.1f}x larger"
    )


if __name__ == "__main__":
    main()
