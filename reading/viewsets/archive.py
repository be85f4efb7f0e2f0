"""The admin of the handwritten-note archive: the list by OCR status, upload of one or many
scans, correction of the OCR draft with the scan beside the text, and a retry of OCR.

Originals are never edited here: the form holds only the transcription, the rights and the
links; everything else is set by the upload and by the OCR task.
"""

import logging

import django_filters

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import (
    BooleanColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.images import get_image_model
from wagtail.permission_policies import ModelPermissionPolicy

from reading import fixity, tasks
from reading.models import ArchiveItem, FixityStatus, OcrStatus, ReviewStatus
from reading.ocr import confidence
from reading.permissions import can_correct_archive, can_upload_to_archive
from reading.uploads import THUMBNAIL_SPEC, UploadRefused, archive_upload, shorten
from website.core import jobs
from website.core.models import BackgroundJob
from website.core.resilience import stops_everything

logger = logging.getLogger(__name__)

STATUS_BATCH = 100
permission_policy = ModelPermissionPolicy(ArchiveItem)


def item_label(item):
    """A note as librarians think of it: who recommended which book (a file name or a hash
    says nothing); a note not yet tied to a recommendation falls back to its file name."""
    recommendation = item.recommendation
    if recommendation is None:
        return str(item)
    parts = [str(recommendation.recommender) if recommendation.recommender_id else ""]
    parts.append(str(recommendation.book.title) if recommendation.book_id else recommendation.title)
    return " · ".join(part for part in parts if part)


def describe_status(item):
    """What the status view and the upload answer say of an item, for the polling script."""
    return {
        "id": item.pk,
        "label": item_label(item),
        "ocr": item.ocr_status,
        "ocr_label": str(item.get_ocr_status_display()),
        "review": item.review_status,
        "review_label": str(item.get_review_status_display()),
        "error": item.ocr_error,
        "draft": item.ocr_draft if item.ocr_status == OcrStatus.DONE else "",
        "finished": item.ocr_status in (OcrStatus.DONE, OcrStatus.FAILED),
        "edit_url": reverse("reading_archive:edit", args=[item.pk]),
    }


def with_labels(queryset):
    """What `item_label` and the thumbnail read, in a fixed number of queries."""
    return queryset.select_related(
        "recommendation__recommender", "recommendation__book"
    ).prefetch_related(
        Prefetch(
            "display_image",
            queryset=get_image_model().objects.prefetch_renditions(THUMBNAIL_SPEC),
        )
    )


class WorkFilter(django_filters.ChoiceFilter):
    """The three questions a librarian asks of the archive: what is left to check, what is
    done, what failed. Each is a queryset method, so the dashboard counts the same thing."""

    CHOICES = [
        ("to_check", ReviewStatus.UNCHECKED.label),
        ("to_check_carefully", gettext_lazy("To check carefully (the engine was unsure)")),
        ("checked", ReviewStatus.CHECKED.label),
        ("failed", gettext_lazy("OCR failed")),
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", self.CHOICES)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value == "to_check":
            return queryset.to_check()
        if value == "to_check_carefully":
            return queryset.to_check_carefully()
        if value == "checked":
            return queryset.checked()
        if value == "failed":
            return queryset.failed()
        return queryset


class ArchiveFilterSet(WagtailFilterSet):
    work = WorkFilter(label=gettext_lazy("Work"), empty_label=gettext_lazy("All notes"))
    ocr_status = django_filters.ChoiceFilter(
        label=gettext_lazy("OCR status"), choices=OcrStatus.choices
    )
    consent_public = django_filters.BooleanFilter(label=gettext_lazy("May be shown publicly"))
    fixity_status = django_filters.ChoiceFilter(
        label=gettext_lazy("Fixity"), choices=FixityStatus.choices
    )

    class Meta:
        model = ArchiveItem
        fields = ["work", "ocr_status", "consent_public", "fixity_status"]


class YesNoColumn(BooleanColumn):
    """Wagtail's tick and cross, with "yes"/"no" in the reader's language beside them (the
    stock cell's only text is Python's True/False)."""

    cell_template_name = "reading/archive/admin/yes_no_cell.html"


class ThumbnailColumn(Column):
    cell_template_name = "reading/archive/admin/thumbnail_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        image = instance.display_image
        context["rendition"] = image.get_rendition(THUMBNAIL_SPEC) if image else None
        return context


class OcrStatusColumn(StatusTagColumn):
    """The OCR state, marked so that the admin script refreshes it until the OCR is done."""

    cell_template_name = "reading/archive/admin/ocr_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["item"] = instance
        context["status_url"] = reverse("reading_archive:status")
        return context


class ArchiveIndexView(IndexView):
    add_item_label = gettext_lazy("Upload notes")

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                HeaderButton(
                    _("Export a preservation package"),
                    url=reverse("reading_archive:export"),
                    icon_name="download",
                    priority=50,
                )
            )
        return buttons

    def get_base_queryset(self):
        return with_labels(super().get_base_queryset())

    @cached_property
    def columns(self):
        thumbnail, *others = super().columns
        title = self._get_title_column_class(TitleColumn)(
            "label",
            label=pgettext_lazy("archive", "Note"),
            accessor=item_label,
            get_url=self.get_edit_url,
        )
        return [thumbnail, title, *others]


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
        context["upload_strings"] = {
            "queued": _("Waiting to be sent"),
            "uploading": _("Sending…"),
            "progress": _("Upload of %(name)s"),
            "failed": _("The file could not be sent; try again."),
            "duplicate": _("(already in the archive: nothing was added)"),
        }
        return context

    def wants_json(self):
        """The page's script sends one file per request and reads the answer as JSON; without
        the script the same view takes the whole multi-file form."""
        return self.request.headers.get("Accept") == "application/json"

    def form_invalid(self, form):
        if self.wants_json():
            errors = [str(error) for errors in form.errors.values() for error in errors]
            return JsonResponse({"items": [], "errors": errors}, status=400)
        return super().form_invalid(form)

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
            except Exception as exc:  # one bad file must not stop the batch nor answer 500
                if stops_everything(exc):
                    raise  # a full disk or a lost database: the site's 507 or 503 page
                logger.exception("archive upload failed", extra={"file": uploaded.name[:300]})
                refused.append(
                    (
                        uploaded.name,
                        _("“%(name)s” could not be archived; nothing of it was kept.")
                        % {"name": shorten(uploaded.name, 80)},
                    )
                )
                continue
            (added if created else duplicates).append(item)
        if self.wants_json():
            return self.json_answer(added, duplicates, refused)
        if added:
            # One message, and no claim about OCR: the list beside it shows each state.
            messages.success(
                self.request,
                ngettext(
                    "%(count)s note archived (%(names)s); its OCR state is shown in the list.",
                    "%(count)s notes archived (%(names)s); their OCR state is shown in the list.",
                    len(added),
                )
                % {
                    "count": len(added),
                    "names": ", ".join(shorten(item.original_filename, 80) for item in added),
                },
            )
        if duplicates:
            messages.warning(
                self.request,
                _("Already in the archive (same checksum), nothing added: %(names)s")
                % {"names": ", ".join(str(item) for item in duplicates)},
            )
        if refused:
            for name, reason in refused:
                form.add_error("files", f"{shorten(name, 80)}: {reason}")
            return super().form_invalid(form)
        return redirect(self.index_url_name)

    def json_answer(self, added, duplicates, refused):
        items = [{**describe_status(item), "duplicate": False} for item in added]
        items += [{**describe_status(item), "duplicate": True} for item in duplicates]
        errors = [reason for _name, reason in refused]  # the page shows each file's name
        return JsonResponse({"items": items, "errors": errors}, status=400 if errors else 200)


class TranscriptionForm(WagtailAdminModelForm):
    """Pre-fills an uncorrected transcription with the OCR draft, so correcting is editing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "transcription" in self.fields and not self.instance.transcription:
            self.initial["transcription"] = self.instance.ocr_draft


class ArchiveEditView(EditView):
    template_name = "reading/archive/edit.html"

    def get_page_subtitle(self):
        return item_label(self.object)

    def save_instance(self):
        """Saving a transcription is the librarian's word that it matches the scan."""
        instance = self.form.instance
        if instance.transcription.strip():
            instance.mark_checked(self.request.user)
        return super().save_instance()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.object
        context["status_url"] = reverse("reading_archive:status")
        context["retry_url"] = reverse("reading_archive:retry", args=[self.object.pk])
        context["original_url"] = reverse("reading_archive:original", args=[self.object.pk])
        context["can_retry"] = tasks.can_retry(self.object)
        context["ocr_stuck"] = tasks.is_stuck(self.object)
        context["fixity_warning"] = fixity.failure_warning(self.object)
        context["ocr_lines"] = confidence.lines(self.object.ocr_lines)
        context["uncertain_lines"] = [line for line in context["ocr_lines"] if line.uncertain]
        context["line_mark"] = confidence.line_mark()
        return context


def retry_ocr(request, pk):
    """Queue OCR again for a note whose OCR failed, or stuck "running" past any run's
    timeout (its worker died), or to redo a draft."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_correct_archive(request.user):
        raise PermissionDenied
    item = get_object_or_404(ArchiveItem, pk=pk)
    requeued = ArchiveItem.objects.filter(Q(pk=item.pk) & tasks.retryable_filter()).update(
        ocr_status=OcrStatus.WAITING, ocr_error="", ocr_started_at=None
    )
    if requeued:
        transaction.on_commit(lambda: tasks.queue_ocr(item.pk))
        messages.success(request, _("OCR of %(name)s is queued again.") % {"name": item})
    else:
        messages.warning(
            request, _("OCR of %(name)s is already waiting or running.") % {"name": item}
        )
    return redirect("reading_archive:edit", item.pk)


def ocr_status(request):
    """The OCR and review state of the listed items (`?id=1&id=2`), for the admin's script
    that refreshes them; a librarian's view only, like the list."""
    if not permission_policy.user_has_any_permission(request.user, ["view", "change"]):
        raise PermissionDenied
    try:
        ids = sorted({int(value) for value in request.GET.getlist("id")})
    except ValueError:
        return JsonResponse({"error": _("Item ids are whole numbers.")}, status=400)
    if len(ids) > STATUS_BATCH:
        return JsonResponse(
            {"error": _("Ask for at most %(count)s items at once.") % {"count": STATUS_BATCH}},
            status=400,
        )
    items = ArchiveItem.objects.filter(pk__in=ids).select_related(
        "recommendation__recommender", "recommendation__book"
    )
    return JsonResponse({"items": [describe_status(item) for item in items]})


EXPORT_KIND = "reading.archive_export"


class ArchiveExportView(WagtailAdminTemplateMixin, TemplateView):
    """The BagIt package of the whole archive, built in the background: the page shows the
    last export's state (refreshing itself) and its download once it is done."""

    template_name = "reading/archive/export.html"
    page_title = gettext_lazy("Preservation package")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("reading_archive:index"),
                "label": ArchiveItem._meta.verbose_name_plural,
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = jobs.latest(EXPORT_KIND, self.request.user)
        context.update(
            job=job,
            state=jobs.describe(job) if job else None,
            result_link_label=_("Download the package (ZIP)"),
            count=ArchiveItem.objects.count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        running = jobs.latest(EXPORT_KIND, request.user)
        if running is not None and not running.finished:
            messages.warning(request, _("An export is already under way; it is shown below."))
        else:
            jobs.start(EXPORT_KIND, request.user, tasks.export_archive_bag)
            messages.success(request, _("The export is queued; this page follows it."))
        return redirect("reading_archive:export")


def download_export(request, pk):
    """A finished package, for the librarian who may change the archive (it holds every note,
    consented or not, so it is never a media file)."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    job = get_object_or_404(BackgroundJob, pk=pk, kind=EXPORT_KIND)
    path = tasks.export_zip_path(job.pk)
    if job.status != BackgroundJob.Status.DONE or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


class OriginalDownloadView(WagtailAdminTemplateMixin, TemplateView):
    """The original bytes, for librarians only (public pages show the display image).

    When the item's last fixity check failed, the librarian first sees why, on a page that
    offers the download anyway (`?confirmed=1`); a missing file answers that page, never a 500.
    """

    template_name = "reading/archive/original_warning.html"
    page_title = gettext_lazy("Download the original")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_correct_archive(request.user):
            raise PermissionDenied
        self.item = get_object_or_404(ArchiveItem, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        item = self.item
        self.warning = fixity.failure_warning(item)
        self.missing = False
        if not self.warning or request.GET.get("confirmed") == "1":
            try:
                handle = item.original.open("rb")
            except (FileNotFoundError, ValueError):
                self.missing = True
            else:
                extension = item.original.name.rsplit(".", 1)[-1]
                return FileResponse(
                    handle,
                    content_type=item.mime_type,
                    filename=f"note-{item.pk}-{item.sha256[:12]}.{extension}",
                )
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=404 if self.missing else 200)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("reading_archive:index"),
                "label": ArchiveItem._meta.verbose_name_plural,
            },
            {"url": reverse("reading_archive:edit", args=[self.item.pk]), "label": str(self.item)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.item,
            warning=self.warning,
            missing=self.missing,
            download_url=reverse("reading_archive:original", args=[self.item.pk]) + "?confirmed=1",
            edit_url=reverse("reading_archive:edit", args=[self.item.pk]),
        )
        return context


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
    index_view_class = ArchiveIndexView
    edit_view_class = ArchiveEditView
    form_fields = [
        "transcription",
        "rights_statement",
        "consent_public",
        "published_alone",
        "campaign",
    ]
    filterset_class = ArchiveFilterSet
    search_fields = [
        "transcription",
        "ocr_draft",
        "original_filename",
        "sha256",
        "recommendation__title",
        "recommendation__recommender__name",
    ]
    search_backend_name = None
    list_display = [
        ThumbnailColumn("display_image", label=gettext_lazy("Scan")),
        # the index view adds the note's title here, linked to its editor
        OcrStatusColumn(
            "ocr_status",
            label=gettext_lazy("OCR"),
            accessor="get_ocr_status_display",
            primary=lambda item: item.ocr_status == OcrStatus.DONE,
        ),
        StatusTagColumn(
            "review_status",
            label=pgettext_lazy("transcription review", "Checked"),
            accessor="get_review_status_display",
            primary=lambda item: item.review_status == ReviewStatus.CHECKED,
        ),
        YesNoColumn("consent_public", label=gettext_lazy("Public")),
        Column("get_fixity_status_display", label=gettext_lazy("Fixity")),
        DateColumn("added_at", label=gettext_lazy("Added")),
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
            path("status/", ocr_status, name="status"),
            path("export/", ArchiveExportView.as_view(), name="export"),
            path("export/<int:pk>/download/", download_export, name="export_download"),
            path("original/<int:pk>/", OriginalDownloadView.as_view(), name="original"),
        ]


archive_viewset = ArchiveViewSet()
