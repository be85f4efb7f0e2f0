"""What an import did (or, in a preview, would do), for the command and the admin page."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# A preview lists this many changes; the counts always cover the whole file.
MAX_LISTED = 500


@dataclass
class Rejection:
    position: str
    reason: str
    label: str = ""


@dataclass
class Change:
    position: str
    action: str  # "create" or "update"
    label: str
    fields: list = field(default_factory=list)
    # For an update: (field label, old value, new value), so the preview shows what changes.
    values: list = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool = False
    format: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    fatal: str = ""
    # MARC files: how many records were MARC21 and how many CNMARC ({"marc21": 3, ...}).
    record_formats: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.fatal

    @property
    def total(self):
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def count_record_format(self, kind):
        self.record_formats[kind] = self.record_formats.get(kind, 0) + 1

    @property
    def format_label(self):
        """The file's format as the preview names it: "marc — MARC21: 1, CNMARC (UNIMARC): 2"."""
        names = {"marc21": "MARC21", "unimarc": "CNMARC (UNIMARC)"}
        if not self.record_formats:
            return self.format
        counts = ", ".join(
            f"{names.get(kind, kind)}: {count}"
            for kind, count in sorted(self.record_formats.items())
        )
        return f"{self.format} — {counts}"

    def reject(self, position, reason, label=""):
        self.rejected.append(Rejection(position, reason, label))

    def warn(self, position, message):
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(Rejection(position, message))

    def record_change(self, position, action, label, fields=(), values=()):
        if action == "create":
            self.created += 1
        else:
            self.updated += 1
        if len(self.changes) < MAX_LISTED:
            self.changes.append(Change(position, action, label, list(fields), list(values)))

    def fail(self, message):
        """The file as a whole could not be read: nothing was (or would be) stored."""
        self.fatal = message
        self.created = self.updated = self.unchanged = 0
        self.changes = []

    def summary(self):
        if self.fatal:
            return _("Nothing was imported: %(reason)s") % {"reason": self.fatal}
        text = _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(rejected)s rejected."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }
        if self.dry_run:
            text = _("Preview (nothing stored yet): %(counts)s") % {"counts": text}
        return text

    def lines(self):
        """The report as plain lines, for the command's output."""
        yield self.summary()
        for rejection in self.rejected:
            label = f" [{rejection.label}]" if rejection.label else ""
            yield _("Rejected %(position)s%(label)s: %(reason)s") % {
                "position": rejection.position,
                "label": label,
                "reason": rejection.reason,
            }
        for warning in self.warnings:
            yield _("Note %(position)s: %(message)s") % {
                "position": warning.position,
                "message": warning.reason,
            }
