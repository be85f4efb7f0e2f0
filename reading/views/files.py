"""The private media that a reader may have: the display image of an archived note, and its
renditions, while the note is public (`ArchiveItem.objects.public()`); archive staff always.

Every private file (website.core.storage) has its URL here, and this view serves only those
images. The other private files have their own views, which check their own rules: documents
Wagtail's (the collection's privacy), originals and submission copies the admin's.
"""

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from wagtail.images import get_image_model
from wagtail.utils.sendfile import sendfile
from wagtail.utils.sendfile_streaming_backend import sendfile as streaming_sendfile

from reading.archive_images import archive_collection_ids, is_archive_staff
from reading.models import ArchiveItem
from website.core.storage import is_private_name


def _image_named(name):
    """The image a file belongs to: renditions live under images/, originals under
    original_images/ (Wagtail's own folders), so one lookup finds it."""
    Image = get_image_model()
    if name.startswith("original_images/"):
        return Image.objects.filter(file=name).first()
    rendition = Image.get_rendition_model().objects.filter(file=name).select_related("image")
    return next((r.image for r in rendition[:1]), None)


def may_see(user, image):
    if is_archive_staff(user):
        return True
    notes = ArchiveItem.objects.filter(display_image=image)
    if notes.public().exists():  # the reader's case, one query
        return True
    if notes.exists():
        return False
    # an image of the archive's collection that no note shows any more stays with the staff
    return image.collection_id not in archive_collection_ids()


@require_safe
def private_media_file(request, name):
    if not is_private_name(name):
        raise Http404
    image = _image_named(name)
    if image is None or not may_see(request.user, image):
        raise Http404
    storage = image.file.storage
    try:
        path = storage.path(name)
    except NotImplementedError:  # S3: the app streams it
        response = FileResponse(storage.open(name, "rb"))
    else:
        backend = None if getattr(settings, "SENDFILE_BACKEND", None) else streaming_sendfile
        response = sendfile(request, path, backend=backend)
    # privacy can change at any moment: every fetch asks again
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response
