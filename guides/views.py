"""The counting redirect and the catalogue search: plain views, because pages only render."""

from django.http import Http404, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from guides import counting
from guides.counted import GUIDE
from guides.resources import destination_url, model_for
from website.core.views import view_beacon


def _guide_from(request):
    """The guide named by ?g=, if it is a published guide; anything else counts as none."""
    from guides.models import GuidePage

    value = request.GET.get("g", "")
    if not value.isdigit():
        return None
    return GuidePage.objects.live().filter(pk=int(value)).first()


@never_cache
@require_safe
def go(request, kind, pk):
    """Count a click on a record and send the reader to the record's own address.

    The destination is only ever read from the record: no parameter of the request can change
    it, so the redirect cannot be used to send people elsewhere (an open redirect).
    """
    model = model_for(kind)
    if model is None:
        raise Http404
    record = model.objects.filter(pk=pk).first()
    if record is None:
        raise Http404
    url = destination_url(record)
    if not url.startswith(("https://", "http://", "/")) or url.startswith("//"):
        raise Http404
    if counting.is_reader(request):
        counting.count_click(kind, record.pk, _guide_from(request))
    response = HttpResponseRedirect(url)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def seen(request, pk):
    """The guide beacon's former address, which pages cached before views of every kind were
    counted still carry: the same as the one beacon (website/core/counting.py)."""
    return view_beacon(request, GUIDE.key, pk)


MAX_CATALOGUE_QUERY = 200


@never_cache
@require_safe
def catalogue_search(request):
    """Send a guide's catalogue search box to the catalogue.

    The form posts here rather than to the catalogue itself because the site's
    Content-Security-Policy allows forms to submit only to this site, and because the
    catalogue's address is a pattern ({query}) that a plain HTML form cannot fill in. The
    destination is always the configured catalogue; only the words come from the reader.
    """
    from urllib.parse import quote, urlencode

    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import get_language, override

    words = " ".join(
        part.strip()[:MAX_CATALOGUE_QUERY]
        for part in (request.GET.get("prefill", ""), request.GET.get("q", ""))
        if part.strip()
    )[:MAX_CATALOGUE_QUERY]
    pattern = getattr(settings, "CATALOGUE_SEARCH_URL", "")
    if not pattern:
        # No catalogue set: the site's own book list, in the page's language, is the search.
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            language = get_language()
        with override(language):
            books = reverse("reading:book_list")
        return HttpResponseRedirect(f"{books}?{urlencode({'q': words})}" if words else books)
    if not words:
        return HttpResponseRedirect(pattern.split("?", 1)[0])
    return HttpResponseRedirect(pattern.replace("{query}", quote(words, safe="")))
