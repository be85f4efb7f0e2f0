"""Public views of the campaigns that are not pages: the recommendation form, its catalogue
look-up, the reader's own submission page, recommender pages and the book-page section.

The form posts here rather than to the campaign page's serve(), so that the page stays a
cacheable page and the writing, rate limiting and emailing sit in one place.
"""

import json

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from reading import duplicates, moderation, pending_notes, publication
from reading.forms.campaigns import CatalogueMatchField, SubmissionForm
from reading.models import Book, RecommendationPage, Recommender, Submission
from reading.models.campaigns import get_campaign_or_404
from reading.views.books import register_book_section
from website.core.ratelimit import PostLimit
from website.core.translation_groups import one_per_group

MATCH_LIMIT = 8
# A person needs more than a second to write a recommendation; a second post inside it is a
# double click or a robot. Beyond that, a handful per window from one address is generous.
RECOMMENDATION_LIMIT = PostLimit(
    "recommend",
    "RECOMMENDATION",
    1,
    5,
    600,
    too_soon_message=gettext_lazy(
        "Your recommendation was sent a moment ago. Please wait a second and send again."
    ),
    too_many_message=gettext_lazy(
        "Thank you for so many recommendations! Please wait a few minutes before sending another."
    ),
)

# Each photo kept for a refused form is stored until its time is up: an address may have a
# generous number kept per hour (a whole class behind the campus proxy), not an endless one.
KEPT_NOTE_LIMIT = PostLimit("kept-note", "RECOMMENDATION_KEPT_NOTE", 0, 30, 3600)


def _rate_limited(request):
    """A kind message when this address sent too recently or too often, else ""."""
    refusal = RECOMMENDATION_LIMIT.reserve(request)
    return RECOMMENDATION_LIMIT.message(refusal) if refusal else ""


def _duplicate_message(count):
    if not count:
        return ""
    return ngettext(
        "This book has already been recommended by %(count)s reader — "
        "your recommendation will join theirs.",
        "This book has already been recommended by %(count)s readers — "
        "your recommendation will join theirs.",
        count,
    ) % {"count": count}


def _matches(data):
    """Catalogue records that fit what the reader typed, with how many readers recommended each.

    A record that is the same book by the duplicate rules (an ISBN of the work, or the same
    title and author once written the same way) is `same_book`; titles that merely contain the
    words typed are suggestions. The first same book is offered already chosen: it is what the
    library would link anyway, and the reader who knows better changes it in one tap. A list of
    suggestions is offered with nothing chosen, so that nobody's "三体" becomes "三体 II"
    because they did not look; the reader who does not answer leaves it to the librarian."""
    isbn = (data.get("isbn") or "").strip()
    title = (data.get("title") or "").strip()[:200]
    author = (data.get("author") or "").strip()[:200]
    books = duplicates.find_books(isbn=isbn, title=title, author=author)[:MATCH_LIMIT]
    for book in books:
        book.same_book = True
    if not books and len(title) >= 2:
        books = list(
            Book.objects.filter(Q(title__icontains=title) | Q(subtitle__icontains=title))[
                :MATCH_LIMIT
            ]
        )
        for book in books:
            book.same_book = False
    counts = duplicates.recommendation_counts(books)
    for book in books:
        book.readers = counts.get(book.pk, 0)
        book.duplicate_message = _duplicate_message(book.readers)
    return books


def _chosen_book(form, matches):
    """The radio button to show checked: the reader's own answer, else the same book."""
    if form.is_bound and form.data.get("book"):
        return str(form.data.get("book"))
    same = [book for book in matches if book.same_book]
    return str(same[0].pk) if same else ""


def _keep_note(request, form):
    """After a post the site cannot take yet: the checked photo it brought is kept for the next
    try (replacing the one kept before), or the kept one is dropped when the reader removed it."""
    token = form.cleaned_data.get("pending_note", "") if hasattr(form, "cleaned_data") else ""
    if form.note_inspection is not None:
        if KEPT_NOTE_LIMIT.reserve(request):
            form.note_not_kept = True
            return
        form.owner = pending_notes.form_owner(request)
        form.pending = pending_notes.keep(
            form.note_inspection, form.owner, form.note_content_type, replacing=token
        )
    elif form.cleaned_data.get("remove_note"):
        pending_notes.discard(token, form.owner)


def _form_context(campaign, form, matches=(), **extra):
    return {
        "page": campaign,
        "campaign": campaign,
        "form": form,
        "matches": matches,
        "chosen_book": _chosen_book(form, matches) if form is not None else "",
        "another_book": CatalogueMatchField.ANOTHER,
        **extra,
    }


def _refused(request, template, context, form, status):
    """The form again, with the photo kept; never stored by a cache (it names a kept photo)."""
    _keep_note(request, form)
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def submit(request, page_id):
    """The public recommendation form of an open campaign."""
    campaign = get_campaign_or_404(page_id)
    template = "reading/campaigns/submit.html"
    if not campaign.is_open:
        return TemplateResponse(request, template, _form_context(campaign, None, closed=True))
    if request.method != "POST":
        return TemplateResponse(request, template, _form_context(campaign, SubmissionForm()))

    owner = pending_notes.form_owner(request, create=False)
    form = SubmissionForm(request.POST, request.FILES, owner=owner)
    if "lookup" in request.POST:
        # The no-JavaScript catalogue look-up: show matches, keep everything typed (the photo
        # too), save nothing.
        form.is_valid()
        context = _form_context(
            campaign, form, matches=_matches(request.POST), looked_up=True, hide_errors=True
        )
        return _refused(request, template, context, form, 200)
    if form.is_spam:
        # Robots get the same thank-you page as people and nothing is stored.
        return TemplateResponse(
            request, "reading/campaigns/submitted.html", {"page": campaign, "campaign": campaign}
        )
    limited = _rate_limited(request)
    if limited:
        form.is_valid()
        context = _form_context(campaign, form, rate_limited=limited)
        return _refused(request, template, context, form, 429)
    if not form.is_valid():
        RECOMMENDATION_LIMIT.release(request)
        context = _form_context(campaign, form, matches=_matches(request.POST))
        return _refused(request, template, context, form, 400)
    submission = form.save(commit=False)
    submission.campaign = campaign
    submission.campaign_title = campaign.title
    submission.language = translation.get_language() or settings.LANGUAGE_CODE
    if not submission.book_id and not form.another_book:
        found = duplicates.find_books(
            isbn=submission.isbn, title=submission.title, author=submission.author
        )
        submission.book = found[0] if found else None
    submission.save()
    pending_notes.discard(form.cleaned_data.get("pending_note"), owner)
    moderation.receive(submission)
    return redirect("reading:submission_edit", token=submission.token)


def submission_status(request, token):
    """The reader's own page for their submission (the address is in their email): its state,
    and the form again when the library asked for changes."""
    submission = get_object_or_404(
        Submission.objects.select_related("campaign", "book"), token=token
    )
    campaign = submission.campaign
    readers = duplicates.recommendation_count(submission.book) if submission.book_id else 0
    context = {
        "page": campaign,
        "campaign": campaign,
        "submission": submission,
        "duplicate_message": _duplicate_message(readers),
        "published_url": publication.published_url(submission),
    }
    if submission.status != Submission.Status.CHANGES or campaign is None:
        response = TemplateResponse(request, "reading/campaigns/submitted.html", context)
        response["Cache-Control"] = "private, no-store"
        return response
    template = "reading/campaigns/submit.html"
    if request.method != "POST":
        form = SubmissionForm(instance=submission)
        extra = _form_context(campaign, form, editing=True)
        return TemplateResponse(request, template, {**context, **extra})
    owner = pending_notes.form_owner(request, create=False)
    form = SubmissionForm(request.POST, request.FILES, instance=submission, owner=owner)
    limited = _rate_limited(request)
    if limited:
        form.is_valid()
        extra = _form_context(campaign, form, rate_limited=limited, editing=True)
        return _refused(request, template, {**context, **extra}, form, 429)
    if form.is_valid() and not form.is_spam:
        submission = form.save(commit=False)
        submission.status = Submission.Status.PENDING
        submission.language = translation.get_language() or submission.language
        submission.save()
        pending_notes.discard(form.cleaned_data.get("pending_note"), owner)
        moderation.receive(submission)
        return redirect("reading:submission_edit", token=submission.token)
    RECOMMENDATION_LIMIT.release(request)
    extra = _form_context(campaign, form, matches=_matches(request.POST), editing=True)
    return _refused(request, template, {**context, **extra}, form, 400)


def pending_note_thumbnail(request, token):
    """The thumbnail of a photo kept for a form: for the form session that sent it only."""
    pending = pending_notes.find(token, pending_notes.form_owner(request, create=False))
    if pending is None:
        raise Http404
    return pending_notes.thumbnail_response(pending.thumbnail)


def submission_note_thumbnail(request, token):
    """The thumbnail of the note a submission carries, for its private status page (the
    token is the reader's private link; the note is not public until accepted and consented)."""
    submission = get_object_or_404(Submission, token=token)
    if not submission.note_file:
        raise Http404
    try:
        with submission.note_file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    return pending_notes.thumbnail_response(pending_notes.thumbnail_bytes(data))


def _json(data):
    """JSON with <, > and & escaped, so that a title typed by anyone can never become markup
    even if a browser or a careless script treated the response as HTML."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return HttpResponse(text, content_type="application/json")


@require_GET
def book_match(request):
    """JSON for the as-you-type catalogue match: ?isbn= or ?q= (title) and ?author=."""
    query = (request.GET.get("q") or request.GET.get("title") or "").strip()[:200]
    isbn = (request.GET.get("isbn") or "").strip()[:40]
    author = (request.GET.get("author") or "").strip()[:200]
    if len(query) < 2 and len(isbn) < 10:
        return _json({"results": []})
    books = _matches({"isbn": isbn, "title": query, "author": author})
    return _json(
        {
            "results": [
                {
                    "id": book.pk,
                    "title": book.title,
                    "authors": book.authors,
                    "isbn": book.isbn13,
                    "year": book.year,
                    "readers": book.readers,
                    "message": book.duplicate_message,
                    "same_book": book.same_book,
                }
                for book in books
            ]
        }
    )


def _one_per_translation(pages, language):
    """One page per translation group, in the reader's language when translated, newest
    first: a recommendation and its translation are one reader's recommendation."""
    chosen = one_per_group(pages, language)
    return sorted(chosen, key=lambda p: (p.recommended_on, p.pk), reverse=True)


def recommender_detail(request, slug):
    """A named recommender's recommendations and vlogs across campaigns.

    Only for readers who chose to be shown by name: anyone else (or anyone who later withdrew
    that consent) has no page at all, not even an empty one.
    """
    recommender = get_object_or_404(Recommender.objects.public(), slug=slug)
    language = translation.get_language() or settings.LANGUAGE_CODE
    pages = (
        RecommendationPage.objects.for_readers()
        .filter(recommender=recommender)
        .select_related("book", "locale")
        .prefetch_related("tagged_items__tag__english")
        .order_by("-recommended_on", "pk")
    )
    recommendations = _one_per_translation(pages, language)
    if not recommendations:
        raise Http404
    return TemplateResponse(
        request,
        "reading/recommenders/recommender_detail.html",
        {
            "recommender": recommender,
            "recommendations": recommendations,
            "vlogs": [p for p in recommendations if p.has_vlog],
        },
    )


def _book_recommendations(request, book):
    """The book page's section: every published recommendation of this book, in the reader's
    language when translated, counted once per reader."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    pages = (
        RecommendationPage.objects.for_readers()
        .filter(book=book)
        .select_related("recommender", "locale")
        .prefetch_related("tagged_items__tag__english")
        .order_by("-recommended_on", "pk")
    )
    recommendations = _one_per_translation(pages, language)
    if not recommendations:
        return None
    count = len(recommendations)
    return {
        "recommendations": recommendations,
        "heading": ngettext(
            "Recommended by %(count)s reader", "Recommended by %(count)s readers", count
        )
        % {"count": count},
    }


register_book_section("reading/campaigns/includes/book_recommendations.html", _book_recommendations)
