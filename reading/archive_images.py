"""The scans of handwritten notes are for archive staff only, inside the admin too.

Their display images live in the archive's own image collection (reading.uploads). Wagtail's
collection permissions are inherited from the root, where page editors hold theirs, so a
collection of its own cannot shut them out; this permission policy, registered for the image
model through Wagtail's `register_permission_policy`, keeps the archive collection out of the
image listing, the image chooser, editing and deleting for anyone who may not change archived
notes (`reading.change_archiveitem`). Everything else about images is Wagtail's own policy.
"""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

ARCHIVE_PERMISSION = "reading.change_archiveitem"


def archive_collection_ids():
    from wagtail.models import Collection

    from reading.uploads import ARCHIVE_COLLECTION_NAME

    root = Collection.get_first_root_node()
    if root is None:
        return []
    archive = root.get_children().filter(name=ARCHIVE_COLLECTION_NAME).first()
    if archive is None:
        return []
    return list(
        Collection.objects.descendant_of(archive, inclusive=True).values_list("pk", flat=True)
    )


def is_archive_staff(user):
    return bool(user and user.is_active and user.has_perm(ARCHIVE_PERMISSION))


class ArchiveImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def _hidden_from(self, user):
        return [] if is_archive_staff(user) else archive_collection_ids()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.collection_id in self._hidden_from(user):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        hidden = self._hidden_from(user)
        instances = super().instances_user_has_any_permission_for(user, actions)
        return instances.exclude(collection_id__in=hidden) if hidden else instances

    def collections_user_has_any_permission_for(self, user, actions):
        hidden = self._hidden_from(user)
        collections = super().collections_user_has_any_permission_for(user, actions)
        return collections.exclude(pk__in=hidden) if hidden else collections


def register():
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    register_permission_policy(
        get_image_model(),
        ArchiveImagePermissionPolicy(
            get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )
