"""Harvest 10,000 records through OAI-PMH ListRecords: time (target under 30 s) and memory
that does not grow with the number of records.

    .venv/bin/python benchmarks/oai_harvest.py                          # SQLite (in memory)
    scripts/with-postgres.sh .venv/bin/python benchmarks/oai_harvest.py # PostgreSQL

It runs in a throwaway test database (never DATABASE_URL's own database). It creates, in bulk,
10,000 books (Chinese and English titles, ISBNs, subjects, print and e-book holdings) on one
published themed shelf, which is what exposes a book over OAI-PMH (the real `book` kind of
reading/oai.py, with its real exposure query and Dublin Core and MARC21 mappings), then
harvests the `books` set to the end by following resumption tokens, in oai_dc and in marc21,
through Django's test client (the whole view, no network). It prints the seconds, records per
second, the pages fetched, the SQL queries per page (must not grow), and the peak of Python
memory allocated per page at the start and the end of the harvest (tracemalloc, in a second
run because tracing slows Python down): flat memory means the last pages peak no higher than
the first ones.
"""

import gc
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS = int(os.environ.get("OAI_BENCH_RECORDS", "10000"))
TARGET_SECONDS = 30
OAI = "{http://www.openarchives.org/OAI/2.0/}"
TITLES = [
    "三体",
    "人类简史",
    "平凡的世界",
    "邓稼先传",
    "钱学森传",
    "居里夫人传",
    "科学的历程",
    "A Brief History of Time",
    "Silent Spring",
    "The Double Helix",
    "乡土中国",
    "万历十五年",
]
SUBJECTS = ["科学家传记", "科学史", "心理健康", "职业生涯规划", "大学生活"]


def isbn13(n):
    body = f"978755{n:06d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def create(count):
    from taggit.models import Tag

    from reading.models import Book, BookEbook, BookSubject, ShelfItem
    from tests.factories import ShelfIndexPageFactory, ShelfPageFactory
    from website.home import demo

    home = demo.home_page()
    index = ShelfIndexPageFactory(parent=home)
    shelf = ShelfPageFactory(parent=index, title="万册书架", slug="ten-thousand")
    books = Book.objects.bulk_create(
        [
            Book(
                title=f"{TITLES[n % len(TITLES)]}（{n}）",
                authors="作者甲; Author B",
                isbn13=isbn13(n),
                publisher="科学出版社",
                year=1990 + n % 35,
                language="zh" if n % 3 else "en",
                summary="一本关于科学与人生的书。" * 3,
                call_number=f"K826.1/{n}",
                location="图书馆三楼",
                copies=1 + n % 4,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    tags = [
        Tag.objects.get_or_create(name=name, slug=f"s{i}")[0] for i, name in enumerate(SUBJECTS)
    ]
    BookEbook.objects.bulk_create(
        [
            BookEbook(book=book, url=f"https://ebooks.example.edu/{n}", platform="超星电子书")
            for n, book in enumerate(books)
            if n % 2
        ],
        batch_size=1000,
    )
    BookSubject.objects.bulk_create(
        [BookSubject(content_object=book, tag=tags[i % len(tags)]) for i, book in enumerate(books)],
        batch_size=1000,
    )
    ShelfItem.objects.bulk_create(
        [ShelfItem(page=shelf, book=book, sort_order=i) for i, book in enumerate(books)],
        batch_size=1000,
    )


def harvest(client, prefix, trace=False):
    from lxml import etree

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"verb": "ListRecords", "metadataPrefix": prefix, "set": "books"}
    records = pages = 0
    queries, peaks = [], []
    started = time.perf_counter()
    while True:
        if trace:
            gc.collect()  # each page's peak is its own, not garbage left by the one before
            tracemalloc.reset_peak()
        if trace:  # no query capture here: its log would be the memory that grows
            response = client.get("/oai/", params)
            peaks.append(tracemalloc.get_traced_memory())
        else:
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/oai/", params)
            queries.append(len(captured))
        root = etree.fromstring(response.content)
        error = root.find(f"{OAI}error")
        if error is not None:
            raise SystemExit(f"OAI error {error.get('code')}: {error.text}")
        records += len(root.findall(f"{OAI}ListRecords/{OAI}record"))
        pages += 1
        token = root.find(f"{OAI}ListRecords/{OAI}resumptionToken")
        if token is None or not token.text:
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text}
    return time.perf_counter() - started, records, pages, queries, peaks


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        create(RECORDS)
        print(
            f"created {RECORDS} books on a shelf in {time.perf_counter() - started:.1f} s "
            f"({connection.vendor})"
        )
        client = Client()
        ok = True
        for prefix in ("oai_dc", "marc21"):
            seconds, records, pages, queries, _ = harvest(client, prefix)
            ok &= records == RECORDS and seconds < TARGET_SECONDS
            print(
                f"ListRecords {prefix:6}: {records} records in {seconds:.1f} s "
                f"({records / seconds:.0f} records/s, target < {TARGET_SECONDS} s), "
                f"{pages} pages, SQL queries per page: first {queries[0]}, "
                f"then {statistics.median(queries[1:]) if len(queries) > 1 else '-'} (max "
                f"{max(queries[1:]) if len(queries) > 1 else '-'})"
            )
        tracemalloc.start()
        _seconds, records, pages, _queries, peaks = harvest(client, "oai_dc", trace=True)
        tracemalloc.stop()
        tenth = max(1, pages // 10)
        page_peaks = [peak for _current, peak in peaks]
        first, last = max(page_peaks[:tenth]) / 1e6, max(page_peaks[-tenth:]) / 1e6
        held = [current / 1e6 for current, _peak in peaks]
        print(
            f"memory (tracemalloc, oai_dc, {pages} pages): peak per page first tenth "
            f"{first:.1f} MB, last tenth {last:.1f} MB; held after page 1 {held[0]:.1f} MB, "
            f"after the last page {held[-1]:.1f} MB"
        )
        ok &= last <= first * 1.25 + 0.5 and held[-1] <= held[0] * 1.25 + 0.5
        print("OK" if ok else "TARGET MISSED")
        return 0 if ok else 1
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )


if __name__ == "__main__":
    sys.exit(main())
