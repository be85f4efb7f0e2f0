"""The demo's loans tell what the paper saw: books promoted in a term were borrowed more after.

The demo's loan figures are split over three terms (reading.demo.books); left as they are,
every book would change alike and "Loans before and after" would show nothing. Here the books
that a campaign or a shelf promoted during the spring 2024 term lend a larger share of their
loans to the autumn term (the total is kept, so the loan report's figures do not move). It
runs after the campaigns and shelves exist, and sets the shares rather than moving them, so
loading the demo again changes nothing.
"""

from datetime import date

from reading import loan_effects
from reading.models import CampaignPage, Loan, ShelfPage
from website.home import demo as home_demo

PROMOTED_SHARES = (("2023-09", 0.22), ("2024-02", 0.3), ("2024-09", 0.48))
TERM = (date(2024, 2, 1), date(2024, 9, 1))


def build():
    locale = home_demo.home_page().locale
    campaigns = list(CampaignPage.objects.filter(locale=locale))
    shelves = list(ShelfPage.objects.filter(locale=locale))
    groups = loan_effects.campaign_groups(campaigns) + loan_effects.shelf_groups(shelves)
    promoted = {
        book_id
        for *_head, events in groups
        for book_id, day in events.items()
        if day and TERM[0] <= day < TERM[1]
    }
    rows = {}
    for loan in Loan.objects.filter(book_id__in=promoted, period__in=dict(PROMOTED_SHARES)):
        rows.setdefault(loan.book_id, {})[loan.period] = loan
    for by_period in rows.values():
        if len(by_period) != len(PROMOTED_SHARES):
            continue
        total = sum(loan.loans for loan in by_period.values())
        shares = [(period, int(total * share)) for period, share in PROMOTED_SHARES[:-1]]
        shares.append((PROMOTED_SHARES[-1][0], total - sum(n for _p, n in shares)))
        for period, count in shares:
            loan = by_period[period]
            if loan.loans != count:
                loan.loans = count
                loan.save(update_fields=["loans"])
