"""Media files written whole or not at all, and private files kept where no web server looks.

Django's FileSystemStorage writes straight to the final name, so a disk that fills up halfway
leaves a truncated file there: an archived scan that is not the original, or an image that
never loads. This storage writes to a hidden temporary name in the same folder and links it to
the final name only when every byte is on disk; on any error the temporary file is removed and
the error (ENOSPC, EDQUOT…) goes up to the caller, whose transaction rolls back.

Private files (settings.PRIVATE_MEDIA_PATTERNS: archived originals, readers' submission copies,
documents, staged imports, the archive's display images and their renditions) are decided by
their name, in this one place, so that every model that stores through the default storage
(Wagtail's images and documents included, whose file fields take no storage of their own)
keeps them under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, which the web server serves to anyone.
Their URL is PRIVATE_MEDIA_URL + name: a view that checks who asks (reading.views.files), and
hands the file to the web server by X-Accel-Redirect where one is set (website.core.sendfile).
On S3 the same names go under the bucket's `PRIVATE_MEDIA_S3_PREFIX`.
"""

import contextlib
import os
import re
import shutil
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri

from website.core.image_metadata import MetadataFreeStorageMixin


def is_private_name(name):
    """Whether a stored name belongs to the private media."""
    name = str(name).replace("\\", "/")
    return any(re.match(pattern, name) for pattern in settings.PRIVATE_MEDIA_PATTERNS)


def private_url(name):
    return settings.PRIVATE_MEDIA_URL + filepath_to_uri(name)


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        directory, filename = os.path.split(name)
        temp_name = os.path.join(directory, f".partial-{uuid.uuid4().hex}-{filename[-60:]}")
        try:
            temp_name = super()._save(temp_name, content)
        except BaseException:
            self._remove(temp_name)
            raise
        temp_path = self.path(temp_name)
        try:
            while True:
                try:
                    os.link(temp_path, self.path(name))
                    break
                except FileExistsError:
                    if self._allow_overwrite:
                        os.replace(temp_path, self.path(name))
                        return name.replace("\\", "/")
                    name = self.get_available_name(name)
        finally:
            self._remove(temp_name)
        return name.replace("\\", "/")

    def _remove(self, name):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path(name))


def _by_name(method_name):
    """The method of the private storage for a private name, of this one otherwise."""

    def method(self, name, *args, **kwargs):
        if name and is_private_name(name):
            return getattr(self.private_storage(), method_name)(name, *args, **kwargs)
        return getattr(super(MediaFileSystemStorage, self), method_name)(name, *args, **kwargs)

    method.__name__ = method_name
    return method


class MediaFileSystemStorage(AtomicFileSystemStorage):
    """MEDIA_ROOT for what anyone may fetch, PRIVATE_MEDIA_ROOT for the private names."""

    def private_storage(self):
        # made at each use: the tests change PRIVATE_MEDIA_ROOT with override_settings
        return AtomicFileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url="/-/")

    _open = _by_name("_open")
    _save = _by_name("_save")
    delete = _by_name("delete")
    exists = _by_name("exists")
    path = _by_name("path")
    size = _by_name("size")
    get_accessed_time = _by_name("get_accessed_time")
    get_created_time = _by_name("get_created_time")
    get_modified_time = _by_name("get_modified_time")

    def listdir(self, path):
        if is_private_name(path.rstrip("/") + "/"):
            return self.private_storage().listdir(path)
        return super().listdir(path)

    def url(self, name):
        if name and is_private_name(name):
            return private_url(name)
        return super().url(name)


class RenditionStorage(MetadataFreeStorageMixin, MediaFileSystemStorage):
    """Wagtail's renditions (WAGTAILIMAGES_RENDITION_STORAGE): pixels only, no metadata."""


def move_private_files(public_root=None, private_root=None, back=False):
    """Move the private files that an earlier version left under MEDIA_ROOT to
    PRIVATE_MEDIA_ROOT (with back=True, the other way); returns the names moved."""
    public_root = str(public_root or settings.MEDIA_ROOT)
    private_root = str(private_root or settings.PRIVATE_MEDIA_ROOT)
    source_root, target_root = (private_root, public_root) if back else (public_root, private_root)
    moved = []
    for directory, _dirs, files in os.walk(source_root):
        for filename in files:
            source = os.path.join(directory, filename)
            name = os.path.relpath(source, source_root).replace(os.sep, "/")
            if not is_private_name(name):
                continue
            target = os.path.join(target_root, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.move(source, target)
            moved.append(name)
    return moved
