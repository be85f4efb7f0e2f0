"""The OAI-PMH 2.0 endpoint: six verbs over GET and POST, every error by its name."""

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Min
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from website.core import cache as page_cache

from . import tokens
from . import xml as oaixml
from .errors import (
    BadArgument,
    BadResumptionToken,
    BadVerb,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoMetadataFormats,
    NoRecordsMatch,
    NoSetHierarchy,
    OAIError,
)
from .formats import FORMATS
from .kinds import add_in_each_language, repository_name
from .listing import Selection
from .models import DeletedRecord
from .registry import registry

ARGUMENTS = {
    "Identify": (set(), set(), False),
    "ListMetadataFormats": (set(), {"identifier"}, False),
    "ListSets": (set(), set(), True),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), False),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, True),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, True),
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The syntax the OAI-PMH schema gives these arguments; anything else cannot even be echoed.
SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")
PREFIX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def repository_identifier():
    return getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "library.example.edu")


def make_identifier(kind_name, pk):
    return f"oai:{repository_identifier()}:{kind_name}/{pk}"


def parse_identifier(identifier):
    """(kind, pk) for an identifier of this repository; idDoesNotExist otherwise."""
    prefix = f"oai:{repository_identifier()}:"
    rest = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    name, _sep, pk = rest.partition("/")
    kind = registry.get(name)
    if kind is None or not pk.isascii() or not pk.isdigit() or len(pk) > 18:
        raise IdDoesNotExist(f"No record has the identifier {identifier!r}.")
    return kind, int(pk)


def page_size():
    return getattr(settings, "OAI_PAGE_SIZE", 100)


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def endpoint(request):
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(reverse("oai"))
    now = timezone.now()
    try:
        verb, arguments = _arguments(params)
    except (BadVerb, BadArgument) as exc:
        root = oaixml.envelope(now, base_url, {})
        oaixml.error(root, exc.code, exc.message)
        return _response(root)
    root = oaixml.envelope(now, base_url, arguments)
    key = None
    if not UNSHARED_ARGUMENTS & set(arguments):
        key = page_cache.versioned_key(_cache_name(request, arguments))
    body = page_cache.page_cache().get(key) if key else None
    if body is not None:
        response = _response(root, body)
        response["X-OAI-Cache"] = "hit"
        return response
    try:
        with translation.override(settings.LANGUAGE_CODE):
            VERBS[verb](root, arguments, request, now)
    except OAIError as exc:
        # Errors after the arguments were understood still echo them (spec 3.2).
        for child in list(root)[2:]:
            root.remove(child)
        if isinstance(exc, (BadVerb, BadArgument)):
            root[1].attrib.clear()
        oaixml.error(root, exc.code, exc.message)
        return _response(root)
    body = oaixml.serialize_children(root, start=2)
    if key:
        page_cache.page_cache().set(key, body, page_cache.timeout())
    return _response(root, body)


# Answers that carry these are one harvester's own (its dates, its place in a list): keeping
# them would only push out the answers that others ask for again.
UNSHARED_ARGUMENTS = {"from", "until", "resumptionToken"}


def _cache_name(request, arguments):
    """What a response depends on besides the data: its arguments (a resumption token holds
    its whole state) and the host, which the records' URLs follow.

    The answer to the same arguments is the same until something is published, withdrawn or
    changed, which replaces the site-wide version (website/core/cache.py). A resumption token
    kept in a cached answer carries the moment of the first answer as its snapshot: nothing
    changed since, or the version would differ. Only the envelope (the response date) is new.
    """
    text = json.dumps([request.get_host(), sorted(arguments.items())], ensure_ascii=True)
    return "oai." + hashlib.sha256(text.encode()).hexdigest()


def _response(root, body=b""):
    return HttpResponse(oaixml.serialize(root, body), content_type="text/xml; charset=utf-8")


def _arguments(params):
    arguments = {}
    for key, values in params.lists():
        if len(values) != 1:
            if key == "verb":
                raise BadVerb("The verb is repeated.")
            raise BadArgument(f"The argument {key!r} is repeated.")
        arguments[key] = values[0]
    for key, value in arguments.items():
        if NOT_XML.search(key) or NOT_XML.search(value):
            raise BadArgument("An argument contains characters that XML cannot carry.")
    verb = arguments.pop("verb", None)
    if verb is None:
        raise BadVerb("No verb was given.")
    if verb not in ARGUMENTS:
        raise BadVerb(f"{verb!r} is not an OAI-PMH verb.")
    required, optional, resumable = ARGUMENTS[verb]
    if resumable and "resumptionToken" in arguments:
        extra = set(arguments) - {"resumptionToken"}
        if extra:
            raise BadArgument(
                "resumptionToken is an exclusive argument; remove " + ", ".join(sorted(extra))
            )
    else:
        unknown = set(arguments) - required - optional
        if unknown:
            raise BadArgument(f"{verb} does not take " + ", ".join(sorted(unknown)))
        missing = required - set(arguments)
        if missing:
            raise BadArgument(f"{verb} requires " + ", ".join(sorted(missing)))
    if "set" in arguments and not SET_SPEC.fullmatch(arguments["set"]):
        raise BadArgument(f"{arguments['set']!r} is not a setSpec.")
    if "metadataPrefix" in arguments and not PREFIX.fullmatch(arguments["metadataPrefix"]):
        raise BadArgument(f"{arguments['metadataPrefix']!r} is not a metadataPrefix.")
    if "identifier" in arguments and (
        not arguments["identifier"] or any(c.isspace() for c in arguments["identifier"])
    ):
        raise BadArgument("An identifier cannot be empty or contain spaces.")
    return verb, {"verb": verb, **arguments}


def _identify(root, arguments, request, now):
    element = oaixml.oai(root, "Identify")
    oaixml.oai(element, "repositoryName", repository_name())
    oaixml.oai(element, "baseURL", request.build_absolute_uri(reverse("oai")))
    oaixml.oai(element, "protocolVersion", "2.0")
    for email in getattr(settings, "OAI_ADMIN_EMAILS", None) or [settings.DEFAULT_FROM_EMAIL]:
        oaixml.oai(element, "adminEmail", email)
    oaixml.oai(element, "earliestDatestamp", oaixml.datestamp(earliest_datestamp(now)))
    oaixml.oai(element, "deletedRecord", "persistent")
    oaixml.oai(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def earliest_datestamp(default):
    stamps = [DeletedRecord.objects.aggregate(first=Min("datestamp"))["first"]]
    for kind in registry:
        stamps.append(kind.get_queryset().aggregate(first=Min(kind.datestamp_field))["first"])
    stamps = [stamp for stamp in stamps if stamp is not None]
    return min(stamps) if stamps else default


def _list_metadata_formats(root, arguments, request, now):
    if "identifier" in arguments:
        kind, pk = parse_identifier(arguments["identifier"])
        live = kind.get_queryset().filter(pk=pk)
        if live.exists():
            prefixes = [p for p in kind.formats if kind.filter_format(live, p).exists()]
        elif DeletedRecord.objects.filter(kind=kind.name, object_pk=pk).exists():
            prefixes = list(kind.formats)
        else:
            raise IdDoesNotExist(f"No record has the identifier {arguments['identifier']!r}.")
        if not prefixes:
            raise NoMetadataFormats("This item has no metadata format available.")
    else:
        offered = {prefix for kind in registry for prefix in kind.formats} | {"oai_dc"}
        prefixes = [prefix for prefix in FORMATS if prefix in offered]
    element = oaixml.oai(root, "ListMetadataFormats")
    for prefix in prefixes:
        fmt = FORMATS[prefix]
        entry = oaixml.oai(element, "metadataFormat")
        oaixml.oai(entry, "metadataPrefix", fmt.prefix)
        oaixml.oai(entry, "schema", fmt.schema)
        oaixml.oai(entry, "metadataNamespace", fmt.namespace)


def _list_sets(root, arguments, request, now):
    if "resumptionToken" in arguments:
        raise BadResumptionToken("The list of sets is never split; start it again.")
    if not len(registry):
        raise NoSetHierarchy("This repository does not support sets.")
    from .dublin_core import DublinCore

    element = oaixml.oai(root, "ListSets")
    for kind in registry:
        entry = oaixml.oai(element, "set")
        oaixml.oai(entry, "setSpec", kind.set_spec)
        oaixml.oai(entry, "setName", str(kind.set_name))
        if kind.set_description:
            dc = DublinCore()
            add_in_each_language(dc, "description", kind.set_description)
            oaixml.dublin_core(oaixml.oai(entry, "setDescription"), dc)
        for suffix, name in kind.get_subsets():
            entry = oaixml.oai(element, "set")
            oaixml.oai(entry, "setSpec", f"{kind.set_spec}:{suffix}")
            oaixml.oai(entry, "setName", str(name))


def _check_prefix(prefix):
    if prefix == "oai_dc":
        return
    if prefix not in FORMATS or not any(prefix in kind.formats for kind in registry):
        raise CannotDisseminateFormat(f"This repository does not offer {prefix!r}.")


def _get_record(root, arguments, request, now):
    prefix = arguments["metadataPrefix"]
    kind, pk = parse_identifier(arguments["identifier"])
    _check_prefix(prefix)
    obj = kind.get_queryset().filter(pk=pk).first()
    if obj is None:
        deleted = DeletedRecord.objects.filter(kind=kind.name, object_pk=pk).first()
        if deleted is None:
            raise IdDoesNotExist(f"No record has the identifier {arguments['identifier']!r}.")
        if prefix not in kind.formats:
            raise CannotDisseminateFormat(f"This item is not available as {prefix!r}.")
        record = oaixml.oai(oaixml.oai(root, "GetRecord"), "record")
        oaixml.header(record, arguments["identifier"], deleted.datestamp, deleted.sets, True)
        return
    if (
        prefix not in kind.formats
        or not kind.filter_format(kind.get_queryset().filter(pk=pk), prefix).exists()
    ):
        raise CannotDisseminateFormat(f"This item is not available as {prefix!r}.")
    kind.prepare([obj], request)
    _record(oaixml.oai(root, "GetRecord"), kind, obj, prefix, request)


def _record(parent, kind, obj, prefix, request):
    record = oaixml.oai(parent, "record")
    oaixml.header(
        record,
        make_identifier(kind.name, obj.pk),
        kind.get_datestamp(obj),
        kind.get_set_specs(obj),
    )
    metadata = oaixml.oai(record, "metadata")
    if prefix == "marc21":
        oaixml.marc21(metadata, kind.marc21(obj, request))
    else:
        oaixml.dublin_core(metadata, kind.dublin_core(obj, request))


def _parse_date(value, name):
    try:
        if DAY.match(value):
            moment = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return moment, "day"
        if SECOND.match(value):
            moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            return moment, "second"
    except ValueError:
        pass
    raise BadArgument(
        f"{name} must be a date (YYYY-MM-DD) or a UTC time to the second "
        f"(YYYY-MM-DDThh:mm:ssZ), not {value!r}."
    )


def _selection_from_arguments(arguments, now):
    prefix = arguments["metadataPrefix"]
    from_ = until = None
    granularities = set()
    if "from" in arguments:
        from_, granularity = _parse_date(arguments["from"], "from")
        granularities.add(granularity)
    if "until" in arguments:
        until_start, granularity = _parse_date(arguments["until"], "until")
        granularities.add(granularity)
        step = timedelta(days=1) if granularity == "day" else timedelta(seconds=1)
        try:
            until = until_start + step
        except OverflowError:
            until = None
        if from_ and until_start < from_:
            raise BadArgument("until is earlier than from.")
    if len(granularities) > 1:
        raise BadArgument("from and until must have the same granularity.")
    _check_prefix(prefix)
    # The harvest's snapshot: what changes from now on waits for the next incremental harvest.
    until = min(until, now) if until else now
    return {"prefix": prefix, "set": arguments.get("set"), "from": from_, "until": until}


def _list(root, arguments, request, now, verb):
    if "resumptionToken" in arguments:
        state = tokens.read(arguments["resumptionToken"], verb)
    else:
        state = {
            "verb": verb,
            **_selection_from_arguments(arguments, now),
            "after": None,
            "cursor": 0,
            "total": None,
        }
    if state["prefix"] not in FORMATS:
        raise BadResumptionToken("This resumption token cannot be read.")
    selection = Selection(state["prefix"], state["set"], state["from"], state["until"])
    if state["total"] is None:
        state["total"] = selection.count()
    size = page_size()
    items, more = selection.page(state["after"], size, request)
    if not items:
        if state["cursor"]:
            raise BadResumptionToken("This list has no more records; start it again.")
        raise NoRecordsMatch("No records match these arguments.")
    element = oaixml.oai(root, verb)
    for item in items:
        kind = registry.get(item.kind)
        if item.deleted is not None:
            parent = element if verb == "ListIdentifiers" else oaixml.oai(element, "record")
            oaixml.header(
                parent,
                make_identifier(item.kind, item.pk),
                item.datestamp,
                item.deleted.sets,
                deleted=True,
            )
        elif verb == "ListIdentifiers":
            oaixml.header(
                element,
                make_identifier(item.kind, item.pk),
                item.datestamp,
                kind.get_set_specs(item.obj),
            )
        else:
            _record(element, kind, item.obj, state["prefix"], request)
    cursor = state["cursor"]
    sent = cursor + len(items)
    total = max(state["total"], sent + (1 if more else 0))
    if more:
        last = items[-1]
        token, expires = tokens.issue(
            tokens.dump_state(**{**state, "after": last.key, "cursor": sent, "total": total})
        )
        oaixml.oai(
            element,
            "resumptionToken",
            token,
            completeListSize=total,
            cursor=cursor,
            expirationDate=oaixml.datestamp(expires),
        )
    elif cursor:
        # the size the first page announced, even when a record edited during the harvest
        # left the snapshot (it waits for the next incremental harvest): a list's size does
        # not change on its last page
        oaixml.oai(element, "resumptionToken", None, completeListSize=total, cursor=cursor)


VERBS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": lambda *args: _list(*args, verb="ListIdentifiers"),
    "ListRecords": lambda *args: _list(*args, verb="ListRecords"),
}
