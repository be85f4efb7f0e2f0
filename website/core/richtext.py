"""The admin's rich-text widget, forgiving of what a browser did not produce.

Draftail posts its content as JSON; a script, a browser extension or an old form can post raw
HTML or anything else instead, and Wagtail's widget then fails with a server error. Such a
value is read as HTML through the same converter that loads stored rich text into the editor,
which keeps only what the field's features allow (a `<script>` is dropped), so the answer is
defined: the content is saved, cleaned, never a 500.
"""

import json
import re

from wagtail.admin.rich_text import DraftailRichTextArea

# Code, not text: the converter would keep what these hold as visible words.
NOT_TEXT = re.compile(r"<(script|style|template)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


class ForgivingDraftailRichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        posted = data.get(name)
        if posted is None:
            return None
        try:
            contentstate = json.loads(posted)
            if not isinstance(contentstate, dict) or "blocks" not in contentstate:
                raise ValueError("not a Draftail contentstate")
            return self.converter.to_database_format(posted)
        except (ValueError, TypeError, KeyError, AttributeError):
            html = NOT_TEXT.sub("", str(posted))
            as_contentstate = self.converter.from_database_format(html)
            return self.converter.to_database_format(as_contentstate)
