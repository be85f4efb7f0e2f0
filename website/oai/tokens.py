"""Resumption tokens: the whole state of a partial list, signed, so the server keeps none.

A token holds the request's filters, the (datestamp, kind, pk) of the last record sent, the
moment the harvest began (records that change after it wait for the next incremental
harvest, so no record is skipped or sent twice while the list is paged), the cursor and the
complete list size. Django's signing detects an altered token; its timestamp an expired one.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .errors import BadResumptionToken

SALT = "website.oai.resumption-token"


def lifetime():
    return timedelta(seconds=getattr(settings, "OAI_TOKEN_LIFETIME", 24 * 3600))


def issue(state):
    token = signing.dumps(state, salt=SALT, compress=True)
    return token, timezone.now() + lifetime()


def read(token, verb):
    try:
        state = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired as exc:
        raise BadResumptionToken(
            "This resumption token has expired; start the list again."
        ) from exc
    except signing.BadSignature as exc:
        raise BadResumptionToken(
            "This resumption token was not issued by this repository or was altered."
        ) from exc
    if not isinstance(state, dict) or state.get("verb") != verb:
        raise BadResumptionToken(f"This resumption token does not continue a {verb} list.")
    try:
        return {
            **state,
            "from": _when(state.get("from")),
            "until": _when(state.get("until")),
            "after": _after(state.get("after")),
        }
    except (TypeError, ValueError) as exc:  # pragma: no cover - only with our own key
        raise BadResumptionToken("This resumption token cannot be read.") from exc


def dump_state(**state):
    return {
        **state,
        "from": state["from"].isoformat() if state.get("from") else None,
        "until": state["until"].isoformat() if state.get("until") else None,
        "after": [state["after"][0].isoformat(), *state["after"][1:]]
        if state.get("after")
        else None,
    }


def _when(value):
    return datetime.fromisoformat(value) if value else None


def _after(value):
    if not value:
        return None
    stamp, kind, pk = value
    return datetime.fromisoformat(stamp), str(kind), int(pk)
