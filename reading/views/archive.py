"""The public page of one archived note: only while it is public (`ArchiveItem.objects.public()`:
the writer consented and its recommendation is published and not private)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from reading.models import ArchiveItem


def note_detail(request, pk):
    note = get_object_or_404(ArchiveItem.objects.public().select_related("display_image"), pk=pk)
    return TemplateResponse(request, "reading/archive/note.html", {"note": note, "counted": note})
