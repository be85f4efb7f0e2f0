"""Media files written whole or not at all.

Django's FileSystemStorage writes straight to the final name, so a disk that fills up halfway
leaves a truncated file there: an archived scan that is not the original, or an image that
never loads. This storage writes to a hidden temporary name in the same folder and links it to
the final name only when every byte is on disk; on any error the temporary file is removed and
the error (ENOSPC, EDQUOT…) goes up to the caller, whose transaction rolls back.
"""

import contextlib
import os
import uuid

from django.core.files.storage import FileSystemStorage


class MediaFileSystemStorage(FileSystemStorage):
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
