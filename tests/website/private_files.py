"""One of each private file, and a public image, as the site stores them (shared by the tests of
the storage, the app's answers and the README's nginx configuration)."""

import io
from dataclasses import dataclass

from PIL import Image

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from reading.models import ArchiveItem, Submission
from tests.factories import ArchiveItemFactory
from tests.factories.archive import note_image_bytes
from tests.factories.campaigns import SubmissionFactory

SECRET = b"the minutes of the acquisitions committee"


def jpeg(colour="white"):
    out = io.BytesIO()
    Image.new("RGB", (200, 150), colour).save(out, "JPEG")
    return out.getvalue()


@dataclass
class PrivateFiles:
    document: object
    hidden_note: ArchiveItem
    hidden_rendition: object
    public_note: ArchiveItem
    public_note_rendition: object
    submission: Submission
    public_image: object
    public_rendition: object

    def refused_names(self):
        """Every private file's stored name, with what it is."""
        return {
            "a login-only document": self.document.file.name,
            "a non-consented note's original": self.hidden_note.original.name,
            "its display image": self.hidden_note.display_image.file.name,
            "its rendition": self.hidden_rendition.file.name,
            "a submission copy": self.submission.note_file.name,
        }


def make_private_files():
    root = Collection.get_first_root_node()
    staff_only = root.add_child(name="Committee papers")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Minutes", collection=staff_only, file=ContentFile(SECRET, name="minutes.txt")
    )
    hidden_note = ArchiveItemFactory(data=note_image_bytes("private", seed=901))
    public_note = ArchiveItemFactory(data=note_image_bytes("public", seed=902), consent_public=True)
    submission = SubmissionFactory(
        note_file=ContentFile(note_image_bytes("copy", seed=903), name="my note.html")
    )
    public_image = get_image_model().objects.create(
        title="Reading room", file=ContentFile(jpeg(), name="reading-room.jpg")
    )
    return PrivateFiles(
        document=document,
        hidden_note=hidden_note,
        hidden_rendition=hidden_note.display_image.get_rendition("max-800x1100"),
        public_note=public_note,
        public_note_rendition=public_note.display_image.get_rendition("max-800x1100"),
        submission=submission,
        public_image=public_image,
        public_rendition=public_image.get_rendition("fill-120x90"),
    )
