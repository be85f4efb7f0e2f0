"""Background work for guides, through Django's task framework."""

from django_tasks import task

from guides import linkcheck


@task()
def check_links():
    """Check every link of the guides (queued nightly or from the admin)."""
    checked, broken = linkcheck.run()
    return {"checked": checked, "broken": broken}
