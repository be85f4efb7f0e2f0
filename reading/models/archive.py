"""The handwritten-note archive: every recommendation note the library scans, kept for good.

The original file is the record of the archive and is never modified or re-encoded: it is
stored under a path made of its SHA-256 (so the user's file name never decides where it goes,
and the same scan is never stored twice), with the technical metadata a preservation system
expects. Everything people see (the display image, the OCR draft, the corrected text) is
derived from it and can be made again.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from website.search.cjk import text_lang
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = ["ArchiveItem", "OcrStatus", "OriginalFormat", "FixityStatus", "ReviewStatus"]


class OriginalFormat(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    TIFF = "tiff", "TIFF"
    PDF = "pdf", "PDF"


MIME_TYPES = {
    OriginalFormat.JPEG: "image/jpeg",
    OriginalFormat.PNG: "image/png",
    OriginalFormat.TIFF: "image/tiff",
    OriginalFormat.PDF: "application/pdf",
}
EXTENSIONS = {
    OriginalFormat.JPEG: "jpg",
    OriginalFormat.PNG: "png",
    OriginalFormat.TIFF: "tif",
    OriginalFormat.PDF: "pdf",
}


class OcrStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for OCR")
    RUNNING = "running", _("OCR running")
    DONE = "done", _("Draft ready")
    FAILED = "failed", _("OCR failed")


class ReviewStatus(models.TextChoices):
    """Whether a librarian has checked the transcription against the scan. OCR says what a
    machine read; only this says a person vouched for it."""

    UNCHECKED = "unchecked", pgettext_lazy("transcription review", "To check")
    CHECKED = "checked", pgettext_lazy("transcription review", "Checked")


class FixityStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not yet verified")
    OK = "ok", _("Checksum matches")
    CHANGED = "changed", _("File changed")
    MISSING = "missing", _("File missing")


DEFAULT_RIGHTS = _(
    "© the recommender. Archived by the library for its reading-promotion collection; "
    "no reuse without permission."
)


def original_path(sha256, file_format):
    """archive/originals/ab/cd/<sha256>.<ext>: two levels of fan-out keep folders small."""
    return f"archive/originals/{sha256[:2]}/{sha256[2:4]}/{sha256}.{EXTENSIONS[file_format]}"


class ArchiveItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        """The notes a reader may see, in every channel (note page, recommendation page,
        search, OAI-PMH, the export's public flag).

        The writer consented, and a librarian reviewed it: either the recommendation it was
        written for is readable (live and not private: see website.core.privacy), and then
        it is shown on that recommendation's translations too,
        or the note belongs to no recommendation and a librarian published it on its own.
        Accepting a submission archives its note with the reader's consent while the
        recommendation is still a draft; that alone publishes nothing.
        """
        from reading.models.campaigns import RecommendationPage

        readable = RecommendationPage.objects.for_readers().values("pk")
        return self.filter(consent_public=True).filter(
            models.Q(recommendation__in=readable)
            | models.Q(recommendation__isnull=True, published_alone=True)
        )

    def pending(self):
        return self.filter(ocr_status=OcrStatus.WAITING)

    def failed(self):
        return self.filter(ocr_status=OcrStatus.FAILED)

    def to_check(self):
        """Drafts a librarian has yet to check against the scan (the dashboard's count, the
        list's filter)."""
        return self.filter(ocr_status=OcrStatus.DONE, review_status=ReviewStatus.UNCHECKED)

    def checked(self):
        return self.filter(review_status=ReviewStatus.CHECKED)

    def to_check_carefully(self):
        """Unchecked drafts the engine was unsure of: the ones to check first."""
        return self.to_check().filter(ocr_needs_care=True)


class ArchiveItem(ChineseSearchMixin, index.Indexed, models.Model):
    """One scanned handwritten note (one file; a PDF may hold several pages)."""

    original = models.FileField(_("original file"), max_length=255, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True, editable=False)
    file_format = models.CharField(
        _("format"), max_length=8, choices=OriginalFormat.choices, editable=False
    )
    byte_size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    width = models.PositiveIntegerField(_("width in pixels"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height in pixels"), null=True, editable=False)
    page_count = models.PositiveIntegerField(
        pgettext_lazy("scan", "pages"), default=1, editable=False
    )
    original_filename = models.CharField(
        _("file name when uploaded"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Kept as a note only; the archive never uses it to store the file."),
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    display_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("display image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("A web image made from the first page; the original stays untouched."),
    )

    ocr_status = models.CharField(
        _("OCR status"),
        max_length=10,
        choices=OcrStatus.choices,
        default=OcrStatus.WAITING,
        db_index=True,
    )
    ocr_error = models.TextField(_("OCR failure reason"), blank=True)
    ocr_engine = models.CharField(_("OCR engine"), max_length=40, blank=True)
    ocr_engine_version = models.CharField(_("OCR engine version"), max_length=40, blank=True)
    ocr_languages = models.CharField(_("OCR languages"), max_length=40, blank=True)
    ocr_confidence = models.FloatField(_("mean OCR confidence"), null=True, blank=True)
    ocr_lines = models.JSONField(
        _("OCR confidence by line"),
        default=list,
        blank=True,
        help_text=_("The engine's lines of the draft: text, box on the scan and confidence."),
    )
    ocr_needs_care = models.BooleanField(
        _("needs a careful check"),
        default=False,
        help_text=_("The engine was unsure of some of the draft (reading/ocr/confidence.py)."),
    )
    ocr_seconds = models.FloatField(_("OCR seconds"), null=True, blank=True)
    ocr_started_at = models.DateTimeField(_("OCR started at"), null=True, blank=True)
    ocr_finished_at = models.DateTimeField(_("OCR finished at"), null=True, blank=True)
    ocr_draft = models.TextField(_("OCR draft"), blank=True)

    transcription = models.TextField(
        _("corrected transcription"),
        blank=True,
        help_text=_("The text as written on the note, corrected by a librarian."),
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True, editable=False)
    review_status = models.CharField(
        pgettext_lazy("transcription review", "checked"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.UNCHECKED,
        db_index=True,
        editable=False,
    )

    rights_statement = models.TextField(_("rights statement"), default=DEFAULT_RIGHTS)
    consent_public = models.BooleanField(
        _("may be shown publicly"),
        default=False,
        help_text=_(
            "Only when the recommender agreed: the scan and its text then appear on the "
            "public site and in search."
        ),
    )

    published_alone = models.BooleanField(
        _("published on its own"),
        default=False,
        help_text=_(
            "For a note that belongs to no recommendation (an old scan, a bulk import): a "
            "librarian shows it by itself. A note of a recommendation is public only while "
            "its recommendation is published and not private."
        ),
    )

    recommendation = models.ForeignKey(
        "reading.RecommendationPage",
        verbose_name=_("recommendation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
        help_text=_("The recommendation this note was written for."),
    )

    campaign = models.ForeignKey(
        "reading.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="archived_notes",
        help_text=_("The campaign the note was written for, when known (e.g. a bulk import)."),
    )

    last_verified_at = models.DateTimeField(_("last verified at"), null=True, blank=True)
    fixity_status = models.CharField(
        _("fixity"),
        max_length=10,
        choices=FixityStatus.choices,
        default=FixityStatus.UNCHECKED,
        editable=False,
    )

    objects = ArchiveItemQuerySet.as_manager()

    search_fields = [
        index.SearchField("public_text"),
        index.AutocompleteField("public_text"),
        index.FilterField("consent_public"),
        # the public rule is a relation the backend cannot filter on: search asks for the
        # public notes' ids instead (reading/search_kinds.py)
        index.FilterField("id"),
        cjk_search_field(),
    ]

    class Meta:
        ordering = ["-added_at", "-pk"]
        verbose_name = _("archived note")
        verbose_name_plural = _("archived notes")
        indexes = [models.Index(fields=["consent_public", "ocr_status"])]

    def __str__(self):
        return self.original_filename or f"{self.sha256[:12]}.{EXTENSIONS.get(self.file_format)}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.consent_public:
            # consent withdrawn: the note must leave the search index, not linger in it
            index.remove_object(self)

    def get_absolute_url(self):
        return reverse("reading:archive_note", args=[self.pk])

    @property
    def text(self):
        """What the note says: the corrected transcription, else the OCR draft."""
        return self.transcription or self.ocr_draft

    @property
    def has_standard_rights(self):
        """Whether the statement is the library's standard one, in whichever language it was
        saved (the default is stored in the language of the request that made the item)."""
        text = self.rights_statement.strip()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                if text == str(DEFAULT_RIGHTS):
                    return True
        return False

    @property
    def display_rights(self):
        """The rights statement in the reader's language: the standard statement translated,
        one a librarian wrote for this note as written."""
        return str(DEFAULT_RIGHTS) if self.has_standard_rights else self.rights_statement

    @property
    def public_text(self):
        """The text every public channel shows of a public note (page, search, OAI-PMH,
        JSON-LD): the corrected transcription, else the OCR draft, which the page labels as
        unchecked. Whether the note is public at all is `ArchiveItem.objects.public()`."""
        return self.text

    @property
    def public_text_language(self):
        """The HTML lang of the transcription when it is not the page's: a note is kept as
        the reader wrote it, so a Chinese note on an English page (or an English one on a
        Chinese page) says so to screen readers."""
        return text_lang(self.public_text, get_language() or settings.LANGUAGE_CODE)

    @cached_property
    def is_public(self):
        return type(self).objects.public().filter(pk=self.pk).exists()

    @property
    def mime_type(self):
        return MIME_TYPES.get(self.file_format, "application/octet-stream")

    @property
    def is_corrected(self):
        return bool(self.transcription)

    def mark_checked(self, user):
        """A librarian saved the transcription: it is now vouched for by a person."""
        self.review_status = ReviewStatus.CHECKED
        self.corrected_by = user
        self.corrected_at = timezone.now()

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(consent_public=True)

    def compute_checksum(self):
        """SHA-256 of the stored original now (raises FileNotFoundError when it is gone)."""
        digest = hashlib.sha256()
        with self.original.storage.open(self.original.name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def read_original(self):
        with self.original.storage.open(self.original.name, "rb") as handle:
            return handle.read()
