"""Date and time inputs for public forms, in the one format browsers accept.

An `<input type="date">` accepts only `YYYY-MM-DD` (and `type="time"` `HH:MM`,
`type="datetime-local"` `YYYY-MM-DDTHH:MM`), whatever language the page is in. Django's own
`DateInput` formats its value with the active locale's first input format, so on a Chinese page it
writes `2026/12/02`: the browser drops the value, a required field looks empty and the form can
no longer be sent. These widgets always write ISO values; the locale still decides how the
browser *displays* them. The fields keep parsing ISO (Django tries ISO first for datetimes and
every locale's input formats include `%Y-%m-%d` and `%H:%M`), and `IsoDateInputsMixin`
makes every date, time and datetime field of a form use them, so that a public form cannot forget.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class IsoTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_TIME)


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATETIME)


def _iso_widget(field):
    """The ISO widget for a date, time or datetime field (None for any other field), keeping
    the attributes the form gave its widget."""
    attrs = {k: v for k, v in field.widget.attrs.items() if k != "type"}
    if isinstance(field, forms.DateTimeField):
        return IsoDateTimeInput(attrs)
    if isinstance(field, forms.DateField):
        return IsoDateInput(attrs)
    if isinstance(field, forms.TimeField):
        return IsoTimeInput(attrs)
    return None


class IsoDateInputsMixin:
    """Give every date, time and datetime field of the form a browser-native ISO input.

    Put it first among a public form's bases. A field that already uses one of the ISO widgets,
    or a widget that is not a plain text input (a select of dates, a hidden input), is left as
    the form set it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, (IsoDateInput, IsoTimeInput, IsoDateTimeInput)):
                continue
            if not isinstance(field.widget, forms.widgets.DateTimeBaseInput):
                continue
            widget = _iso_widget(field)
            if widget is not None:
                field.widget = widget
