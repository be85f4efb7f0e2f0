"""schema.org JSON-LD of a guide (`GuidePage.get_json_ld`): a CollectionPage about its
subjects, maintained by its owners, named in the page's language."""

from website.core.structured_data import SCHEMA, language_tag, plain_text, site_name


def guide(page, request):
    english = page.locale.language_code.startswith("en")
    data = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": page.title,
        "description": plain_text(page.summary) or plain_text(page.search_description),
        "url": page.get_full_url(request),
        "inLanguage": language_tag(page),
        "publisher": {"@type": "Library", "name": site_name()},
        "about": [
            {"@type": "Thing", "name": (s.name_en if english else s.name_zh) or s.name_zh}
            for s in page.subjects.all()
        ],
        "maintainer": [
            {"@type": "Person", "name": (o.name_en if english else o.name_zh) or o.name_zh}
            for o in page.owners.all()
        ],
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data
