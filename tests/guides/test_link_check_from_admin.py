"""A subject librarian checks the links from the broken-links report: the check runs as a
background job and its page shows it queued, running with a count, then done with the result."""

import pytest

from django.urls import reverse

from tests.factories import UserFactory
from website.core.models import BackgroundJob

from .test_check_links import Handler, linked, server  # noqa: F401  (fixtures)


def test_the_report_starts_a_check_the_page_follows(
    linked,  # noqa: F811
    editor,
    client,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.GUIDES_LINKCHECK_TIMEOUT = 0.5
    client.force_login(editor)
    report = client.get(reverse("guides_reports:broken_links")).content.decode()
    check_url = reverse("guides_reports:link_check")
    assert check_url in report
    page = client.get(check_url).content.decode()
    assert 'data-controller="w-progress"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url)
    assert response.status_code == 302
    job = BackgroundJob.objects.get()
    assert job.status == "done" and job.done == job.total == 6
    state = client.get(reverse("background_job_status", args=[job.pk])).json()
    assert state["text"] == "Done: 6 links checked, 3 broken."
    assert state["result_url"] == reverse("guides_reports:broken_links")
    assert "data-background-job" in client.get(check_url).content.decode()


@pytest.mark.django_db
def test_a_running_check_is_shown_with_its_count(editor, client):
    client.force_login(editor)
    job = BackgroundJob.objects.create(
        kind="guides.link_check", started_by=editor, status="running", done=4, total=10
    )
    state = client.get(reverse("background_job_status", args=[job.pk])).json()
    assert state["text"] == "Running: 4 of 10 done." and not state["finished"]
    client.post(reverse("guides_reports:link_check"))  # one check at a time
    assert BackgroundJob.objects.count() == 1


@pytest.mark.django_db
def test_only_who_may_see_the_reports_may_check(client):
    client.force_login(UserFactory(is_staff=False))
    assert client.get(reverse("guides_reports:link_check")).status_code in (302, 403)
    assert not BackgroundJob.objects.exists()
