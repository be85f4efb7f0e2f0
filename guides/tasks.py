"""Background work for guides, through Django's task framework."""

from django_tasks import task

from django.urls import reverse
from django.utils.translation import gettext as _

from guides import linkcheck
from website.core import jobs

LINK_CHECK_JOB = "guides.link_check"


@task()
def check_links():
    """Check every link of the guides (queued nightly or from the admin)."""
    checked, broken = linkcheck.run()
    return {"checked": checked, "broken": broken}


@task()
def check_links_for(job_pk):
    """The same check, started from the broken-links report, which follows its progress."""

    def work(progress):
        checked, broken = linkcheck.run(progress=progress)
        progress.result = _("%(checked)s links checked, %(broken)s broken.") % {
            "checked": checked,
            "broken": broken,
        }
        progress.result_url = reverse("guides_reports:broken_links")
        return {"checked": checked, "broken": broken}

    return jobs.run(job_pk, work)
