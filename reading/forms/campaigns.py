"""The public recommendation form and the librarian's moderation form.

The public form asks only what the library needs to publish and to answer: who the reader is,
how they want to be named, the book (an ISBN, or a title and an author) and their words. A
hidden honeypot field catches form-filling robots without a puzzle for people.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reading import isbn as isbn_tools
from reading import pending_notes, uploads
from reading.models import Book, NameDisplay, RecommenderRole, Submission

TEXT_MIN = 10
TEXT_MAX = 3000


NOTE_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


def note_max_bytes():
    return getattr(settings, "RECOMMENDATION_NOTE_MAX_BYTES", 10 * 1024 * 1024)


def check_note_upload(upload):
    """Check the photo or scan of the handwritten note by its bytes, with the archive's own
    checks (reading.uploads: type by signature, pixel limit, decodes in full), and return the
    content type it really has and the inspection; raises ValidationError with a message for
    the reader."""
    limit = note_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; please send a photo or scan of at most %(limit)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024)},
            code="too_big",
        )
    inspection = uploads.inspect(upload, upload.name)
    upload.seek(0)
    if inspection.file_format not in NOTE_TYPES:
        raise ValidationError(_("Please send a JPEG, PNG or PDF file."), code="format")
    return NOTE_TYPES[inspection.file_format], inspection


class CatalogueMatchField(forms.ModelChoiceField):
    """The reader's answer to "is it one of these books?": a catalogue record, ANOTHER ("none of
    these: it is another book") or nothing (they did not answer: the library decides)."""

    ANOTHER = "another"

    def to_python(self, value):
        if value == self.ANOTHER:
            return self.ANOTHER
        return super().to_python(value)

    def validate(self, value):
        if value != self.ANOTHER:
            super().validate(value)


class SubmissionForm(forms.ModelForm):
    """A reader's recommendation. Everything typed is stored as written and escaped on output."""

    # Robots fill every field; people never see this one (hidden by CSS and from screen readers).
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    book = CatalogueMatchField(
        queryset=Book.objects.all(), required=False, widget=forms.HiddenInput
    )
    # The photo kept from an earlier try of this form (reading.pending_notes), and the reader's
    # wish to send none after all.
    pending_note = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    remove_note = forms.BooleanField(required=False, label=_("Remove this photo"))
    # Declared here (not from the model's 13 characters) so that "978-7-5366-9293-0" fits.
    isbn = forms.CharField(
        label=_("ISBN"),
        required=False,
        max_length=40,
        help_text=_(
            "On the back cover or the copyright page. Or give the title and the author instead."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Submission
        fields = [
            "name",
            "role",
            "school",
            "email",
            "name_display",
            "isbn",
            "title",
            "author",
            "book",
            "text",
            "note_file",
            "consent_text",
            "consent_note",
        ]
        labels = {
            "name": _("Your name"),
            "role": _("You are"),
            "school": _("School or department"),
            "email": pgettext_lazy("person", "Email"),
            "name_display": _("How may we show your name?"),
            "title": pgettext_lazy("book", "Title"),
            "author": _("Author"),
            "text": _("Your recommendation"),
            "note_file": _("Photo or scan of your handwritten note (optional)"),
            "consent_text": _(
                "I agree that the library publishes my recommendation, "
                "with my name shown as chosen above."
            ),
            "consent_note": _(
                "I also agree that the library publishes the image of my handwritten note."
            ),
        }
        help_texts = {
            "email": _(
                "Only the library sees it: to tell you when your recommendation is published."
            ),
            "text": _("Why this book? What did it change for you?"),
            "note_file": _(
                "JPEG, PNG or PDF. It is kept in the library's archive of handwritten notes."
            ),
        }
        widgets = {
            "name_display": forms.RadioSelect,
            "role": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX}),
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "note_file": forms.FileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
        }

    def __init__(self, *args, owner="", **kwargs):
        """`owner` is the reader's form session (pending_notes.form_owner): only its own kept
        photo can come back into the form."""
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.note_inspection = None  # a new photo sent with this post, once checked
        self.pending = None  # the photo kept from an earlier try that this post still carries
        self.note_not_kept = False  # a good new photo the site could not keep (too many kept)
        self.another_book = False
        self.fields["role"].choices = RecommenderRole.choices
        self.fields["name_display"].choices = NameDisplay.choices
        self.fields["school"].required = True
        self.fields["consent_text"].required = True
        self.fields["consent_text"].error_messages["required"] = _(
            "We can only publish your recommendation with your agreement."
        )
        self.fields["text"].error_messages["required"] = _(
            "Please write a few words about the book."
        )
        self.fields["book"].error_messages["invalid_choice"] = _(
            "The book you chose is no longer in the catalogue: please choose again, or give "
            "its title and author."
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.note_content_type = ""

    def clean_website(self):
        return self.cleaned_data.get("website", "")

    def clean_isbn(self):
        value = (self.cleaned_data.get("isbn") or "").strip()
        if not value:
            return ""
        try:
            return isbn_tools.normalise(value)
        except isbn_tools.InvalidISBN as exc:
            raise ValidationError(str(exc)) from exc

    def clean_text(self):
        text = (self.cleaned_data.get("text") or "").strip()
        if len(text) < TEXT_MIN:
            raise ValidationError(
                _("Please write at least %(min)s characters.") % {"min": TEXT_MIN}
            )
        if len(text) > TEXT_MAX:
            raise ValidationError(_("Please keep it under %(max)s characters.") % {"max": TEXT_MAX})
        return text

    def clean_note_file(self):
        upload = self.cleaned_data.get("note_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.note_content_type, self.note_inspection = check_note_upload(upload)
        return upload

    def clean_book(self):
        book = self.cleaned_data.get("book")
        if book == CatalogueMatchField.ANOTHER:
            self.another_book = True
            return None
        return book

    def _clean_kept_note(self, cleaned):
        """Which note this post carries: a new photo replaces the kept one, "remove" drops
        both, and a kept photo whose time is up is asked for again rather than lost silently."""
        if cleaned.get("remove_note"):
            self.note_inspection = None
            cleaned["note_file"] = False if self.instance.note_file else None
            return
        if self.note_inspection is not None:  # a new photo replaces the kept one
            return
        token = cleaned.get("pending_note") or ""
        self.pending = pending_notes.find(token, self.owner) if token else None
        if token and self.pending is None and "note_file" not in self.errors:
            self.add_error(
                "note_file",
                _(
                    "The photo you sent earlier is no longer kept (we keep it for %(hours)s "
                    "hours). Please choose it again."
                )
                % {"hours": round(pending_notes.keep_seconds() / 3600)},
            )

    @property
    def has_note(self):
        return bool(
            self.note_inspection
            or self.pending
            or (self.instance.note_file and self.cleaned_data.get("note_file") is not False)
        )

    def clean(self):
        cleaned = super().clean()
        self._clean_kept_note(cleaned)
        has_isbn = bool(cleaned.get("isbn")) or "isbn" in self.errors
        if not (
            has_isbn or cleaned.get("book") or (cleaned.get("title") and cleaned.get("author"))
        ):
            raise ValidationError(
                _("Tell us the book: its ISBN, or its title and its author."), code="no_book"
            )
        if cleaned.get("consent_note") and not self.has_note:
            cleaned["consent_note"] = False
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def save(self, commit=True):
        submission = super().save(commit=False)
        if self.note_inspection is not None:
            submission.note_content_type = self.note_content_type
        elif self.pending is not None:
            pending_notes.attach(submission, self.pending)
        elif not submission.note_file:
            submission.note_content_type = ""
        if commit:
            submission.save()
        return submission


class ModerationForm(forms.Form):
    """The librarian's decision on one submission."""

    DECISIONS = [
        ("accept", _("Accept: create a draft recommendation")),
        ("changes", _("Ask the reader for changes")),
        ("reject", pgettext_lazy("submission", "Reject")),
    ]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect, label=_("Decision"))
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Message to the reader"),
        help_text=_(
            "Sent by email in the reader's language. Required when asking for changes or rejecting."
        ),
    )
    book = forms.ModelChoiceField(
        queryset=Book.objects.none(),
        required=False,
        label=_("Book"),
        empty_label=_("Create a new book from the submission"),
        help_text=_("The catalogue record the recommendation joins."),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["book"].queryset = Book.objects.filter(pk__in=[b.pk for b in candidates])
        if candidates:
            self.fields["book"].initial = candidates[0].pk

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in {"changes", "reject"}
            and not cleaned.get("message", "").strip()
        ):
            self.add_error("message", _("Tell the reader what to change or why."))
        return cleaned
