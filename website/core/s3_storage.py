"""Media on S3-compatible storage, with the private files (website.core.storage) under their own
prefix of the bucket, which the bucket's policy must not make public (README, "Past one
machine"). Their URL is the app's view that checks who asks, never a link into the bucket."""

from storages.backends.s3 import S3Storage
from storages.utils import safe_join

from django.conf import settings

from website.core.image_metadata import MetadataFreeStorageMixin
from website.core.storage import is_private_name, private_url


class S3MediaStorage(S3Storage):
    def _normalize_name(self, name):
        if is_private_name(name):
            return super()._normalize_name(safe_join(settings.PRIVATE_MEDIA_S3_PREFIX, name))
        return super()._normalize_name(name)

    def url(self, name, *args, **kwargs):
        if name and is_private_name(name):
            return private_url(name)
        return super().url(name, *args, **kwargs)


class S3RenditionStorage(MetadataFreeStorageMixin, S3MediaStorage):
    """Wagtail's renditions on S3: pixels only, no metadata (website.core.image_metadata)."""
