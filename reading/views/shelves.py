"""QR labels that join a physical display shelf to its page.

The code encodes the shelf's counted address (`/go/shelf/<id>/qr/`, `shelf_scan`): a scan is
counted (the day and the shelf, nobody's data) and sends the reader on to the shelf page in
the label's language, so a librarian sees how many readers came from the physical shelf. The
printable label (an SVG at the size of a shelf sign, 150 × 100 mm) carries the shelf's name
and place beside the code, so the outreach librarians print it as it is. PDF and bare SVG
codes are there for other layouts.
"""

import io
import unicodedata

import segno

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from reading.counted import SHELF
from website.core import counting
from website.core.models import ViewCount

LABEL_WIDTH_MM = 150
LABEL_HEIGHT_MM = 100
QR_SIZE_MM = 62
TITLE_UNITS_PER_LINE = 11.5  # a CJK character is one unit at the title's size


def _shelf(shelf_id):
    return get_object_or_404(SHELF.public(), pk=shelf_id)


def _target(shelf, request):
    """The counted address the code encodes, absolute on the shelf's own site."""
    path = reverse("shelf_scan", args=[shelf.pk])
    site = shelf.get_site()
    return f"{site.root_url}{path}" if site else request.build_absolute_uri(path)


@never_cache
@require_safe
def shelf_scan(request, shelf_id):
    """Count a scan of the shelf's label and open the shelf page in the label's language.

    The destination is the shelf's own address, read from the page (no parameter can change
    it: no open redirect); a shelf that is not public, or none, is the site's 404.
    """
    shelf = _shelf(shelf_id)
    if counting.is_reader(request):
        counting.count(SHELF.key, shelf.pk, source=ViewCount.Source.QR)
    response = HttpResponseRedirect(shelf.get_url(request=request))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _width(char):
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.55


def wrap_title(title, units=TITLE_UNITS_PER_LINE, max_lines=3):
    """Split a title into lines that fit the label, breaking Latin text at spaces."""
    lines, current, used = [], "", 0.0
    for word in _tokens(title):
        w = sum(_width(c) for c in word)
        if current and used + w > units:
            lines.append(current.rstrip())
            current, used = "", 0.0
            word = word.lstrip()
            w = sum(_width(c) for c in word)
        current += word
        used += w
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def _tokens(text):
    """CJK characters one by one, Latin words whole (with their leading space)."""
    token = ""
    for char in text:
        if _width(char) == 1.0:
            if token:
                yield token
                token = ""
            yield char
        elif char == " ":
            if token:
                yield token
            token = " "
        else:
            token += char
    if token:
        yield token


def shelf_qr(request, shelf_id, fmt):
    shelf = _shelf(shelf_id)
    qr = segno.make(_target(shelf, request), error="m")
    buffer = io.BytesIO()
    if fmt == "svg":
        qr.save(buffer, kind="svg", scale=10, border=4, title=shelf.title)
        content_type = "image/svg+xml"
    elif fmt == "pdf":
        qr.save(buffer, kind="pdf", scale=8, border=4)
        content_type = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="shelf-{shelf.pk}-qr.{fmt}"'
    return response


def shelf_label(request, shelf_id):
    shelf = _shelf(shelf_id)
    url = _target(shelf, request)
    qr = segno.make(url, error="m")
    qr_x = LABEL_WIDTH_MM - QR_SIZE_MM - 6
    qr_y = (LABEL_HEIGHT_MM - QR_SIZE_MM) / 2 - 4
    title_lines = [
        {"text": text, "y": 24 + i * 9} for i, text in enumerate(wrap_title(shelf.title))
    ]
    last_title_y = title_lines[-1]["y"] if title_lines else 24
    svg = render_to_string(
        "reading/shelves/label.svg",
        {
            "shelf": shelf,
            "url": url,
            "width_mm": LABEL_WIDTH_MM,
            "height_mm": LABEL_HEIGHT_MM,
            "inner_width": LABEL_WIDTH_MM - 1,
            "inner_height": LABEL_HEIGHT_MM - 1,
            "title_lines": title_lines,
            "place_y": last_title_y + 10,
            "hint_y": LABEL_HEIGHT_MM - 10,
            "qr_x": qr_x,
            "qr_y": qr_y,
            "qr_size": QR_SIZE_MM,
            "qr_center": qr_x + QR_SIZE_MM / 2,
            "url_y": qr_y + QR_SIZE_MM + 4,
            # Monospace glyphs are 0.6 em wide: shrink a long address to the code's width.
            "url_size": round(min(2.2, (QR_SIZE_MM + 8) / (0.6 * max(len(url), 1))), 2),
            "qr_data_uri": qr.svg_data_uri(scale=4, border=2),
        },
        request=request,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="shelf-{shelf.pk}-label.svg"'
    return response
