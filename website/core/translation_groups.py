"""One page per translation group: a page and its translations are one piece of content (one
reader's recommendation, one column article), so a listing shows it once, in the reader's
language when it has been translated, else in the language it was written in."""


def one_per_group(pages, language=None, locale_id=None):
    """The pages of `pages` (in their order), one per `translation_key`, preferring the one
    in `language` (a language code) or `locale_id`."""
    chosen = {}
    order = []
    for page in pages:
        key = page.translation_key
        if key not in chosen:
            order.append(key)
            chosen[key] = page
        elif _prefers(page, language, locale_id) and not _prefers(chosen[key], language, locale_id):
            chosen[key] = page
    return [chosen[key] for key in order]


def _prefers(page, language, locale_id):
    if locale_id is not None:
        return page.locale_id == locale_id
    if language is not None:
        return page.locale.language_code == language
    return False
