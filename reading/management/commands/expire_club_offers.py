"""Pass on the reading clubs' seat offers whose time is up (reading.offers).

Each expired offer passes its reader by (they stay on the waitlist) and the seat is offered to
the next reader in line, or freed when nobody waits; each club under its row lock, as every
change to seats is. Seats are also passed on lazily whenever a club's seats are touched, so
this only makes the next reader hear of the seat on time. Run it every few minutes; a second
run finds nothing to do."""

from django.core.management.base import BaseCommand

from reading import seats


class Command(BaseCommand):
    help = "Pass on the reading clubs' expired seat offers to the next readers on the waitlist."

    def handle(self, *args, **options):
        expired = seats.expire_due_offers()
        self.stdout.write(f"{expired} expired offer(s) passed on")
