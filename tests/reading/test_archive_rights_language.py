"""A note's rights statement reaches the reader in the page's language: the library's standard
statement is stored in the language of whoever made the item, so it is recognised in any
language and shown translated; a statement a librarian wrote for one note is shown as written.
OAI-PMH gives the standard one in each language, tagged."""

import pytest

from django.utils import translation

from reading.models.archive import DEFAULT_RIGHTS
from tests.factories import ArchiveItemFactory


def _standard(language):
    with translation.override(language):
        return str(DEFAULT_RIGHTS)


@pytest.mark.django_db
@pytest.mark.parametrize("saved_in", ["zh-hans", "en"])
def test_the_standard_statement_is_shown_in_the_readers_language(saved_in):
    item = ArchiveItemFactory(rights_statement=_standard(saved_in))
    assert _standard("zh-hans") != _standard("en")

    assert item.has_standard_rights
    for reader in ("zh-hans", "en"):
        with translation.override(reader):
            assert item.display_rights == _standard(reader)


@pytest.mark.django_db
def test_a_statement_written_for_one_note_is_shown_as_written():
    item = ArchiveItemFactory(rights_statement="© 林静 2019，经本人同意以 CC BY-NC 4.0 发布。")

    assert not item.has_standard_rights
    with translation.override("en"):
        assert item.display_rights == "© 林静 2019，经本人同意以 CC BY-NC 4.0 发布。"
