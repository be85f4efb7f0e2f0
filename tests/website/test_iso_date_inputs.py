"""Date and time inputs carry ISO values whatever the page's language (browsers accept no other),
and the values browsers send back are read in every language."""

import datetime
import re

import pytest

from django import forms
from django.utils import timezone, translation

from website.core.forms import IsoDateInput, IsoDateInputsMixin, IsoDateTimeInput, IsoTimeInput


class EventForm(IsoDateInputsMixin, forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"class": "when"}))
    at = forms.TimeField()
    starts = forms.DateTimeField()
    note = forms.CharField(required=False)


INITIAL = {
    "day": datetime.date(2026, 12, 2),
    "at": datetime.time(14, 30),
    "starts": datetime.datetime(2026, 12, 2, 6, 30, tzinfo=datetime.UTC),
}


def value_of(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1), re.search(r'type="([^"]*)"', tag).group(1)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_mixin_renders_iso_values(language):
    with translation.override(language), timezone.override("Asia/Shanghai"):
        form = EventForm(initial=INITIAL)
        html = str(form)
    assert value_of(html, "day") == ("2026-12-02", "date")
    assert value_of(html, "at") == ("14:30", "time")
    # An aware datetime is shown in the reader's time zone, as datetime-local expects.
    assert value_of(html, "starts") == ("2026-12-02T14:30", "datetime-local")
    assert 'class="when"' in html  # the form's own attributes are kept
    assert isinstance(form.fields["day"].widget, IsoDateInput)
    assert isinstance(form.fields["at"].widget, IsoTimeInput)
    assert isinstance(form.fields["starts"].widget, IsoDateTimeInput)
    assert not isinstance(form.fields["note"].widget, IsoDateInput)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_what_browsers_send_is_read(language):
    with translation.override(language), timezone.override("Asia/Shanghai"):
        form = EventForm({"day": "2026-12-02", "at": "14:30", "starts": "2026-12-02T14:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 12, 2)
    assert form.cleaned_data["at"] == datetime.time(14, 30)
    assert form.cleaned_data["starts"] == INITIAL["starts"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_bound_form_shows_back_what_was_sent(language):
    """After an error elsewhere, the date the reader chose is still in its field."""
    with translation.override(language):
        form = EventForm({"day": "2026-12-02", "at": "25:99", "starts": ""})
        assert not form.is_valid()
        html = str(form)
    assert value_of(html, "day") == ("2026-12-02", "date")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_check_in_form_uses_them(language, home):
    from reading.forms.clubs import CheckInForm
    from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory

    signup = ClubSignupFactory(club=ClubPageFactory(parent=ClubIndexPageFactory(parent=home)))
    with translation.override(language):
        html = str(CheckInForm(signup=signup)["day"])
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert 'type="date"' in html
