"""Check every resource address and every link in the published guides."""

from django.core.management.base import BaseCommand, CommandError

from guides import linkcheck


class Command(BaseCommand):
    help = "Check the links of every guide and resource and record the results."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, help="Seconds to wait for one answer.")
        parser.add_argument("--concurrency", type=int, help="Links checked at the same time.")
        parser.add_argument("--per-host", type=int, help="Links checked at once on one host.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the check as a background task."
        )

    def handle(self, *args, **options):
        for name in ("timeout", "concurrency", "per_host"):
            if options[name] is not None and options[name] <= 0:
                raise CommandError(f"--{name.replace('_', '-')} must be greater than 0")
        if options["enqueue"]:
            from guides.tasks import check_links

            result = check_links.enqueue()
            self.stdout.write(f"queued link check {result.id}")
            return
        try:
            checked, broken = linkcheck.run(
                timeout=options["timeout"],
                concurrency=options["concurrency"],
                per_host=options["per_host"],
            )
        except linkcheck.LinkCheckError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"checked {checked} links, {broken} broken")
