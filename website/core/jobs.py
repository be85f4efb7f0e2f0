"""Long admin operations as background tasks whose state the page follows.

`start()` records a `BackgroundJob` and queues the app's task after the commit (so the request
answers at once); the task wraps its work in `run()`, which marks the job running, lets the
work report `progress(done, total)`, and records the result, or the reason of a failure in the
starter's language. `status` is the small JSON view the admin script polls, and
`core/admin/job_status.html` the block a page includes to show it. No app is named here.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import BackgroundJob

logger = logging.getLogger(__name__)


def start(kind, user, task, *args):
    """Record a job of `kind` for `user` and queue `task(job_pk, *args)` once committed."""
    job = BackgroundJob.objects.create(
        kind=kind,
        started_by=user if user is not None and user.is_authenticated else None,
        language=translation.get_language() or "",
    )
    transaction.on_commit(lambda: task.enqueue(job.pk, *args))
    return job


def latest(kind, user):
    """The last job of this kind the user started, to show again when they come back."""
    return BackgroundJob.objects.filter(kind=kind, started_by=user).first()


class Progress:
    """What the work sees of its job: report counts, give the result."""

    def __init__(self, job):
        self.job = job
        self.result = ""
        self.result_url = ""

    def __call__(self, done, total=None):
        BackgroundJob.objects.filter(pk=self.job.pk).update(done=done, total=total)


def run(job_pk, work):
    """Run `work(progress)` for the job; returns what the work returned (None on failure)."""
    claimed = BackgroundJob.objects.filter(pk=job_pk, status=BackgroundJob.Status.QUEUED).update(
        status=BackgroundJob.Status.RUNNING
    )
    if not claimed:
        return None
    job = BackgroundJob.objects.get(pk=job_pk)
    progress = Progress(job)
    with translation.override(job.language or None):
        try:
            value = work(progress)
        except Exception as exc:  # the page says why; the traceback goes to the log
            logger.exception("background job %s failed", job_pk)
            BackgroundJob.objects.filter(pk=job_pk).update(
                status=BackgroundJob.Status.FAILED,
                error=str(getattr(exc, "message", "") or exc)[:2000] or exc.__class__.__name__,
                finished_at=timezone.now(),
            )
            return None
    BackgroundJob.objects.filter(pk=job_pk).update(
        status=BackgroundJob.Status.DONE,
        result=progress.result,
        result_url=progress.result_url,
        finished_at=timezone.now(),
    )
    return value


def describe(job):
    """The job's state in words, for the page and the JSON answer."""
    if job.status == BackgroundJob.Status.QUEUED:
        text = _("Queued: it starts as soon as a worker is free.")
    elif job.status == BackgroundJob.Status.RUNNING:
        if job.total:
            text = _("Running: %(done)s of %(total)s done.") % {
                "done": job.done,
                "total": job.total,
            }
        else:
            text = _("Running…")
    elif job.status == BackgroundJob.Status.DONE:
        text = _("Done: %(result)s") % {"result": job.result} if job.result else _("Done.")
    else:
        text = _("Failed: %(reason)s") % {"reason": job.error}
    return {
        "id": job.pk,
        "status": job.status,
        "label": str(job.get_status_display()),
        "text": text,
        "done": job.done,
        "total": job.total,
        "result_url": job.result_url,
        "finished": job.finished,
    }


def status(request, pk):
    """The job's state as JSON, for the person who started it (or a superuser)."""
    job = get_object_or_404(BackgroundJob, pk=pk)
    if not (request.user.is_superuser or job.started_by_id == request.user.pk):
        raise PermissionDenied
    return JsonResponse(describe(job))


urlpatterns = [path("jobs/<int:pk>/", status, name="background_job_status")]
