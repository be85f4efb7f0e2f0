"""Failed logins are throttled per account and per address (django-axes).

Guessing a librarian's password gives access to readers' personal data, so after
`LOGIN_FAILURE_LIMIT` failures an account, or an address, waits `LOGIN_LOCKOUT_MINUTES`
before it may try again; a successful login clears the count. Addresses are counted as the
form limits count them (`website.core.ratelimit.client_address`, which trusts the proxy's
header only when `CLIENT_ADDRESS_HEADER` names it). A librarian unlocks an account at once with
`manage.py axes_reset_username USERNAME` (or all with `axes_reset`).
"""

import ipaddress

from axes.backends import AxesStandaloneBackend

from django.conf import settings
from django.shortcuts import render

from .ratelimit import client_address


def login_address(request):
    """The address failed logins are counted by: the forms' reader address, an IPv6 /64 as
    its first address (axes stores an address, not a network), none when it is unreadable."""
    address = client_address(request)
    if address == "unknown":
        return None
    return str(ipaddress.ip_network(address, strict=False).network_address)


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check, for logins that come with a request. A login without one (the test
    client, a management shell) is not a web attacker's and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page in the reader's language, saying how long the pause lasts."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "account_locked.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
