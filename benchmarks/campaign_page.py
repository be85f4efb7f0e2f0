"""A campaign page with as many recommendations as the paper reports (403 books by 2024):
render time and SQL queries, filtered and unfiltered, against a campaign of 24.

    .venv/bin/python benchmarks/campaign_page.py                          # SQLite (in memory)
    scripts/with-postgres.sh .venv/bin/python benchmarks/campaign_page.py # PostgreSQL

It runs in a throwaway test database (never DATABASE_URL's own database). For each size it
prints the median milliseconds of 20 renders of page 1, of page 2 filtered by theme, and of the
book-match JSON used by the form, with the number of SQL queries of each. The query count must
be the same for both sizes (the page pays per page of 12, not per recommendation). The public
page cache is switched off, so that every render is measured rather than a cache hit.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [24, 403]
THEMES = ["科学史与科学家精神", "大学生发展", "心理健康", "职业生涯规划"]
SCHOOLS = ["理学院", "工学院", "生命科学学院", "商学院", "人文社会科学学院"]


def measure():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    from django.conf import settings

    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    rows = []
    try:
        import datetime

        from tests.factories import BookFactory, RecommendationPageFactory, RecommenderFactory
        from tests.factories.campaigns import campaign_in_both_languages
        from website.home import demo

        home = demo.home_page()
        client = Client()
        made = 0
        for size in SIZES:
            campaign, _ = campaign_in_both_languages(home)
            readers = [
                RecommenderFactory(
                    school=SCHOOLS[n % len(SCHOOLS)], role=["student", "faculty", "staff"][n % 3]
                )
                for n in range(20)
            ]
            for n in range(size):
                RecommendationPageFactory(
                    parent=campaign,
                    book=BookFactory(title=f"推荐图书{made + n}"),
                    recommender=readers[n % len(readers)],
                    recommended_on=datetime.date(2018 + n % 7, 4, 23),
                    themes=[THEMES[n % len(THEMES)]],
                )
            made += size
            for label, url, params in [
                ("campaign page 1", campaign.url, {}),
                ("page 2, one theme", campaign.url, {"theme": THEMES[0], "page": 2}),
                ("book match JSON", "/zh-hans/campaigns/book-match/", {"q": "推荐图书1"}),
            ]:
                timings = []
                for _ in range(20):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url, params)
                        timings.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                rows.append((size, label, statistics.median(timings), len(queries)))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return connection.vendor, rows


def main():
    vendor, rows = measure()
    print(f"campaign page benchmark ({vendor})")
    print(f"{'recommendations':>16} {'view':<20} {'median ms':>10} {'queries':>8}")
    for size, label, ms, queries in rows:
        print(f"{size:>16} {label:<20} {ms:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
