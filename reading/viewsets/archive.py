"""The admin of the handwritten-note archive: the list by OCR status, upload of one or many
scans, correction of the OCR draft with the scan beside the text, and a retry of OCR.

Originals are never edited here: the form holds only the transcription, the rights and the
links; everything else is set by the upload and by the OCR task.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from reading import tasks
from reading.models import ArchiveItem, OcrStatus
from reading.permissions import can_correct_archive, can_upload_to_archive
from reading.uploads import UploadRefused, archive_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several scans in one upload (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.tif,.tiff,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        """Every file is checked by the archive itself, one by one, so that an empty or bad
        file is refused with its own reason while the good ones in the batch are kept."""
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Scans or photos of notes"),
        help_text=gettext_lazy(
            "JPEG, PNG, TIFF or PDF; choose one file or many. Each is archived exactly as it "
            "is, and OCR runs in the background."
        ),
    )
    consent_public = forms.BooleanField(
        label=gettext_lazy("The recommenders agreed that these notes may be shown publicly"),
        required=False,
    )


class ArchiveUploadView(WagtailAdminTemplateMixin, FormView):
    form_class = UploadForm
    template_name = "reading/archive/upload.html"
    page_title = gettext_lazy("Upload notes")
    header_icon = "doc-full-inverse"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not can_upload_to_archive(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": ArchiveItem._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        from reading.uploads import max_bytes

        context = super().get_context_data(**kwargs)
        context["max_mb"] = round(max_bytes() / 1024 / 1024)
        return context

    def form_valid(self, form):
        added, duplicates, refused = [], [], []
        for uploaded in form.cleaned_data["files"]:
            try:
                with transaction.atomic():
                    item, created = archive_upload(
                        uploaded,
                        user=self.request.user,
                        consent_public=form.cleaned_data["consent_public"],
                    )
            except UploadRefused as exc:
                refused.append((uploaded.name, exc.reason))
                continue
            (added if created else duplicates).append(item)
        for item in added:
            messages.success(self.request, _("%(name)s archived; OCR is waiting.") % {"name": item})
        for item in duplicates:
            messages.warning(
                self.request,
                _("%(name)s is already in the archive (same checksum); nothing was added.")
                % {"name": item},
            )
        if refused:
            for name, reason in refused:
                form.add_error("files", f"{name}: {reason}")
            return self.form_invalid(form)
        return redirect(self.index_url_name)


class TranscriptionForm(WagtailAdminModelForm):
    """Pre-fills an uncorrected transcription with the OCR draft, so correcting is editing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "transcription" in self.fields and not self.instance.transcription:
            self.initial["transcription"] = self.instance.ocr_draft


class ArchiveEditView(EditView):
    template_name = "reading/archive/edit.html"

    def save_instance(self):
        instance = self.form.instance
        stored = ArchiveItem.objects.filter(pk=instance.pk).values_list("transcription", flat=True)
        if instance.transcription != (stored.first() or ""):
            instance.corrected_by = self.request.user
            instance.corrected_at = timezone.now()
        return super().save_instance()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.object
        context["retry_url"] = reverse("reading_archive:retry", args=[self.object.pk])
        context["original_url"] = reverse("reading_archive:original", args=[self.object.pk])
        context["can_retry"] = self.object.ocr_status in (OcrStatus.FAILED, OcrStatus.DONE)
        return context


def retry_ocr(request, pk):
    """Queue OCR again for a note whose OCR failed (or to redo a draft)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_correct_archive(request.user):
        raise PermissionDenied
    item = get_object_or_404(ArchiveItem, pk=pk)
    requeued = ArchiveItem.objects.filter(
        pk=item.pk, ocr_status__in=[OcrStatus.FAILED, OcrStatus.DONE]
    ).update(ocr_status=OcrStatus.WAITING, ocr_error="")
    if requeued:
        transaction.on_commit(lambda: tasks.queue_ocr(item.pk))
        messages.success(request, _("OCR of %(name)s is queued again.") % {"name": item})
    else:
        messages.warning(
            request, _("OCR of %(name)s is already waiting or running.") % {"name": item}
        )
    return redirect("reading_archive:edit", item.pk)


def download_original(request, pk):
    """The original bytes, for librarians only (public pages show the display image)."""
    from django.http import FileResponse

    if not can_correct_archive(request.user):
        raise PermissionDenied
    item = get_object_or_404(ArchiveItem, pk=pk)
    extension = item.original.name.rsplit(".", 1)[-1]
    return FileResponse(
        item.original.open("rb"),
        content_type=item.mime_type,
        filename=f"note-{item.pk}-{item.sha256[:12]}.{extension}",
    )


class ArchiveViewSet(ModelViewSet):
    model = ArchiveItem
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Note archive")
    menu_order = 230
    add_to_admin_menu = True
    name = "reading_archive"
    url_prefix = "reading/archive"
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ArchiveEditView
    form_fields = ["transcription", "rights_statement", "consent_public", "campaign"]
    list_filter = ["ocr_status", "consent_public", "fixity_status"]
    search_fields = ["transcription", "ocr_draft", "original_filename", "sha256"]
    search_backend_name = None
    list_display = [
        "__str__",
        StatusTagColumn(
            "ocr_status",
            label=gettext_lazy("OCR"),
            accessor="get_ocr_status_display",
            primary=lambda item: item.ocr_status == OcrStatus.DONE,
        ),
        Column("consent_public", label=gettext_lazy("Public")),
        Column("get_fixity_status_display", label=gettext_lazy("Fixity")),
        "added_at",
    ]

    def get_form_class(self, for_update=False):
        fields = list(self.form_fields)
        if any(field.name == "recommendation" for field in ArchiveItem._meta.get_fields()):
            fields.append("recommendation")
        return forms.modelform_factory(ArchiveItem, form=TranscriptionForm, fields=fields)

    @property
    def add_view(self):
        return ArchiveUploadView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("retry/<int:pk>/", retry_ocr, name="retry"),
            path("original/<int:pk>/", download_original, name="original"),
        ]


archive_viewset = ArchiveViewSet()
