"""Keeping a reader's note photo across a refused recommendation form (see models.PendingNote).

The photo is bound to the reader's form session: a random secret kept in their session, of
which only the hash is stored with the photo. The token in the form's hidden field names the
photo; without the same session it names nothing, so a token copied from a page, a log or a
shared screen opens no one's handwriting. Photos are kept `RECOMMENDATION_PENDING_NOTE_SECONDS`
(a day by default: long enough to fetch a forgotten ISBN, short enough to hold nobody's note
for long) and removed after that by every new one kept and by `purge_pending_notes`.
"""

import hashlib
import io
import logging
import secrets
from datetime import timedelta

from PIL import Image, ImageOps

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.utils import timezone

from reading import uploads
from reading.models import PendingNote

logger = logging.getLogger(__name__)

SESSION_KEY = "reading.recommend_form"
THUMBNAIL_SIDE = 480
MAX_PER_SESSION = 3
EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "pdf": ".pdf"}


def keep_seconds():
    return getattr(settings, "RECOMMENDATION_PENDING_NOTE_SECONDS", 24 * 3600)


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def form_owner(request, create=True):
    """The hash that binds photos to this reader's form session ("" when it has none yet and
    `create` is false: a request without the session owns nothing)."""
    secret = request.session.get(SESSION_KEY)
    if not secret:
        if not create:
            return ""
        secret = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = secret
    return _hash(secret)


def _cutoff():
    return timezone.now() - timedelta(seconds=keep_seconds())


def purge_expired():
    """Remove the photos whose time is up; returns how many."""
    deleted, _ = PendingNote.objects.filter(created_at__lt=_cutoff()).delete()
    if deleted:
        logger.info("pending note photos removed", extra={"count": deleted})
    return deleted


def find(token, owner):
    """The photo this form session kept under `token`, or None (unknown, another session's,
    or its time is up)."""
    if not token or not owner:
        return None
    return PendingNote.objects.filter(token=token, owner=owner, created_at__gte=_cutoff()).first()


def keep(inspection, owner, content_type, replacing=""):
    """Keep a checked upload (an `uploads.Inspection`) for this form session; the photo it
    replaces, if any, is removed."""
    purge_expired()
    if replacing:
        PendingNote.objects.filter(token=replacing, owner=owner).delete()
    # a few forms open at once in one session, not a store: the oldest beyond that go
    older = PendingNote.objects.filter(owner=owner).order_by("-created_at", "-pk")
    stale = list(older.values_list("pk", flat=True)[MAX_PER_SESSION - 1 :])
    if stale:
        PendingNote.objects.filter(pk__in=stale).delete()
    return PendingNote.objects.create(
        token=secrets.token_urlsafe(32),
        owner=owner,
        data=inspection.data,
        thumbnail=thumbnail_bytes(inspection.data),
        content_type=content_type,
        original_filename=inspection.original_filename,
        byte_size=inspection.byte_size,
    )


def discard(token, owner):
    if token and owner:
        PendingNote.objects.filter(token=token, owner=owner).delete()


def attach(submission, pending):
    """Give the kept photo to the submission (saved by the caller), under a random file name
    as a fresh upload would have."""
    file_format = uploads.sniff(bytes(pending.data[:16])) or "jpeg"
    submission.note_file.save(
        f"note{EXTENSIONS.get(file_format, '')}", ContentFile(bytes(pending.data)), save=False
    )
    submission.note_content_type = pending.content_type


def thumbnail_bytes(data):
    """A small JPEG of the photo (the first page of a PDF), upright as the phone took it."""
    data = bytes(data)
    if uploads.sniff(data[:16]) == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            page = pdf[0]
            width, height = page.get_size()
            image = page.render(scale=THUMBNAIL_SIDE / max(width, height, 1)).to_pil()
        finally:
            pdf.close()
    else:
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))  # JPEG: decode at a fraction
        image = ImageOps.exif_transpose(image)
    image = image.convert("RGB")
    image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def thumbnail_response(data):
    """A thumbnail for the reader's eyes only: never stored by a shared cache, never sniffed
    as anything but an image."""
    response = HttpResponse(bytes(data), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Content-Disposition"] = "inline"
    return response
