"""Privacy across translations, said plainly in the page editor.

The rule (website/core/privacy.py): a restriction on a page's original covers every
translation; a restriction on a translation covers that translation alone, so that an
unfinished English version can be kept private while the original stays public. An editor
who makes a translation private may instead mean the whole page; so the editor of a
restricted translation says which versions stay public and offers to make them private too
(the same kind of restriction, copied), and the editor of a translation that an original's
restriction covers says why it is private.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, PageViewRestriction

from .privacy import originals_of, view_restrictions


def _versions(page):
    return list(page.get_translations(inclusive=False).select_related("locale").order_by("pk"))


def uncovered_versions(page):
    """The other versions of `page` that stay public though `page` itself is restricted:
    empty when `page` has no restriction of its own or its restriction covers them."""
    if not PageViewRestriction.objects.filter(page=page).exists():
        return []
    return [version for version in _versions(page) if not view_restrictions(version)]


def covering_original(page):
    """The original whose restriction makes `page` private, or None."""
    for restriction in view_restrictions(page):
        if (
            restriction.page.translation_key == page.translation_key
            and restriction.page_id != page.pk
        ):
            return restriction.page
    return None


def _language(page):
    return page.locale.get_display_name()


def across_languages(obj):
    """What a restriction set on `obj` will mean for its other languages, said before the
    editor chooses (the privacy modal); "" for a page without translations or not a page."""
    if not isinstance(obj, Page):
        return ""
    versions = _versions(obj)
    if not versions:
        return ""
    names = ", ".join(_language(v) for v in versions)
    if originals_of([obj.translation_key]).get(obj.translation_key) == obj.pk:
        return _(
            "This is the original: a restriction here also covers its translations (%(languages)s)."
        ) % {"languages": names}
    return _(
        "This is a translation: a restriction here covers this language only; the other "
        "versions (%(languages)s) keep their own setting. You can then make every language "
        "private from the page editor."
    ) % {"languages": names}


def tell_editor(request, page):
    """`before_edit_page`: the message about the page's privacy across its languages."""
    if request.method != "GET":
        return
    uncovered = uncovered_versions(page)
    if uncovered:
        messages.warning(
            request,
            _(
                "This version is private, but its other languages stay public: %(versions)s. "
                "A restriction on a translation covers that translation only."
            )
            % {"versions": ", ".join(f"{v.title} ({_language(v)})" for v in uncovered)},
            buttons=[
                messages.button(
                    reverse("privacy_to_translations", args=[page.pk]),
                    _("Make every language private"),
                )
            ],
        )
        return
    original = covering_original(page)
    if original is not None:
        messages.info(
            request,
            _(
                "This version is private because its original, “%(title)s” (%(language)s), "
                "is private: a restriction on the original covers every translation."
            )
            % {"title": original.title, "language": _language(original)},
        )


class PrivacyToTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    """Copy a translation's restriction to the versions it leaves public, after a confirm."""

    template_name = "core/admin/privacy_to_translations.html"
    page_title = gettext_lazy("Make every language private")
    header_icon = "view"
    breadcrumbs_items = []  # a plain header: the title and the page's name

    def dispatch(self, request, pk):
        self.page = get_object_or_404(Page, pk=pk).specific
        if not self.page.permissions_for_user(request.user).can_set_view_restrictions():
            raise PermissionDenied
        self.restriction = PageViewRestriction.objects.filter(page=self.page).first()
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            versions=uncovered_versions(self.page),
            restriction=self.restriction,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )

    def post(self, request, pk):
        versions = uncovered_versions(self.page)
        refused = [
            v
            for v in versions
            if not v.permissions_for_user(request.user).can_set_view_restrictions()
        ]
        if refused:
            raise PermissionDenied
        with transaction.atomic():
            for version in versions:
                copy = PageViewRestriction(
                    page=version,
                    restriction_type=self.restriction.restriction_type,
                    password=self.restriction.password,
                )
                copy.save(user=request.user)
                copy.groups.set(self.restriction.groups.all())
        messages.success(
            request,
            _("Every language of “%(title)s” is now private.") % {"title": self.page.title},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)
