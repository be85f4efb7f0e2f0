"""Django's LocaleMiddleware, without its language redirect of a view's own 404.

On a 404 for a path without a language prefix, Django redirects to the same path under the
reader's language when that path would match a URL pattern. Wagtail's page catch-all matches
every path, so every 404 outside the language-prefixed site was redirected: a club a teacher
may not open (`/admin/my-clubs/7/`) became `/zh-hans/admin/my-clubs/7/` on the public site,
and an OAI-PMH or API 404 became a page of the site. A 404 that a view answered (the request
was routed to it) is that view's answer and is kept; only an address that matched nothing
(`/clubs/`) is still sent to its language's page.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is not None
            and not translation.get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
