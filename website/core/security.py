"""Content-Security-Policy: strict on the public pages, what Wagtail needs on the admin.

django-csp sends one policy from settings.CONTENT_SECURITY_POLICY. The public templates load
only the site's own stylesheet and scripts, so they keep a strict policy with no inline code.
Wagtail's admin (and Django's) uses inline styles and scripts, data: and blob: images and
same-origin preview frames, so paths under ADMIN_CSP_PATHS get ADMIN_CONTENT_SECURITY_POLICY
instead of a policy so loose it would protect nothing anywhere.
"""

from csp.middleware import CSPMiddleware

from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        admin_paths = tuple(getattr(settings, "ADMIN_CSP_PATHS", ("/admin/", "/django-admin/")))
        if request.path_info.startswith(admin_paths):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
