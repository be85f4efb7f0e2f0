"""Covers named in an import file, read from the folder the file was imported from.

A catalogue export names each cover by file name in a Cover (封面) column; the files sit beside
the export. A name that leaves the folder, a missing file or one that is not an image is
reported against its row and the book keeps the cover it had: the rest of the import stands.
"""

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _

from wagtail.images import get_image_model


def _problem(path, folder):
    if not path.is_relative_to(folder):
        return _("the cover “%(name)s” is outside the import folder and was not read")
    if not path.is_file():
        return _("the cover file “%(name)s” was not found beside the import file")
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return _("the cover file “%(name)s” is not an image")
    return None


def attach_covers(pending, folder, report):
    """Give each (position, book, file name) its cover image from `folder`."""
    folder = Path(folder).resolve()
    for position, book, name in pending:
        path = (folder / name).resolve()
        problem = _problem(path, folder)
        if problem:
            report.warn(position, problem % {"name": name})
            continue
        if report.dry_run:
            continue
        with path.open("rb") as handle:
            image = get_image_model()(
                title=book.title[:255], file=ImageFile(handle, name=path.name)
            )
            image.save()
        book.cover = image
        book.save(update_fields=["cover"])
