"""Every public page type passes axe-core with no serious or critical violation, in both
languages, and every page can be used with the keyboard alone."""

from pathlib import Path

import pytest

from .pages import public_urls

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# Violations reported to the owners of the code, with the fix, and tolerated here until it lands
# (rule id, a CSS selector fragment of the offending node). Anything else fails the test.
KNOWN = set()  # (rule, selector fragment) pairs tolerated while a fix is pending: none now


def _axe_source():
    if not AXE.exists():
        pytest.fail(
            "axe-core is missing: run `npm ci` (scripts/setup.sh does with WITH_TEST_PACKAGES=1)"
        )
    return AXE.read_text()


def run_axe(page):
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    blocking = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        violation["nodes"] = [
            node
            for node in violation["nodes"]
            if not any(
                violation["id"] == rule and fragment in " ".join(node["target"])
                for rule, fragment in KNOWN
            )
        ]
        if violation["nodes"]:
            blocking.append(violation)
    return blocking


def _describe(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)


# Everything a reader can act on, as the browser's own tab order sees it.
_MARK_INTERACTIVE = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
                   + '[tabindex], [contenteditable=true], video[controls], audio[controls]';
    const shown = el => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
               && !el.closest('[inert]');
    };
    const all = [...document.querySelectorAll(selector)]
        .filter(el => !el.disabled && el.tabIndex >= 0 && shown(el));
    // A group of radio buttons is one Tab stop (arrow keys move inside it).
    const stops = new Map();
    for (const el of all) {
        const key = el.type === 'radio' && el.name ? `radio:${el.name}` : el;
        if (!stops.has(key)) {
            stops.set(key, `${el.tagName.toLowerCase()} "${(el.innerText || el.value
                || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`);
        }
        el.dataset.keyboardWalk = [...stops.keys()].indexOf(key);
    }
    return [...stops.values()];
}"""


def keyboard_walk(page):
    """Tab through the whole page: every control must be reached, in view, with a visible
    focus ring. Returns the problems found (empty when the page works by keyboard alone)."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    controls = page.evaluate(_MARK_INTERACTIVE)
    reached, problems = set(), []
    # a player's own buttons (play, timeline, volume, full screen) are Tab stops inside it
    players = page.evaluate(
        "() => document.querySelectorAll('video[controls], audio[controls]').length"
    )
    for _ in range(len(controls) + 3 + 8 * players):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "body":
            break
        if focused["walk"] is not None:
            reached.add(int(focused["walk"]))
        label = f"{focused['tag']} {focused['text'][:40]!r}"
        if not focused["visible"]:
            problems.append(f"focus went off screen: {label}")
        if not (focused["outline"] or focused["shadow"]):
            problems.append(f"no visible focus ring: {label}")
    missing = [controls[index] for index in range(len(controls)) if index not in reached]
    if missing:
        problems.append(f"not reachable by Tab: {missing[:5]}")
    return problems


def test_every_public_page_type_passes_axe_and_works_by_keyboard_in_both_languages(
    axe_page, demo_site
):
    """One page of each type that the demo content publishes, and each public view: no
    serious or critical axe violation, and every link, button and field reached by Tab alone
    with a visible focus ring."""
    failures = {}
    checked = []
    for language in ("zh-hans", "en"):
        urls = public_urls(language)
        assert len(urls) >= 2, urls
        for label, url in urls:
            response = axe_page.goto(demo_site.url + url)
            assert response.status == 200, f"{label} {url}: {response.status}"
            assert axe_page.locator("html").get_attribute("lang") == language, url
            checked.append(f"{label} {url}")
            violations = run_axe(axe_page)
            if violations:
                failures[f"{label} {url} (axe)"] = _describe(violations)
            problems = keyboard_walk(axe_page)
            if problems:
                failures[f"{label} {url} (keyboard)"] = "\n".join(sorted(set(problems)))
    print("axe and keyboard checked:", *checked, sep="\n  ")
    assert not failures, "\n\n".join(f"{page}\n{text}" for page, text in failures.items())


def _focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
                href: el.getAttribute('href'), lang: el.getAttribute('lang'),
                walk: el.dataset ? (el.dataset.keyboardWalk ?? null) : null,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none',
                visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                         && box.left < window.innerWidth,
            };
        }"""
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_keyboard_alone_reaches_the_skip_link_search_languages_and_main_links(
    page, site, home, language
):
    page.goto(f"{site.url}/{language}/")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "body":
            break
        stops.append(focused)
        assert focused["visible"], f"focus went to something off screen: {focused}"
        assert focused["outline"] or focused["shadow"], f"no visible focus on {focused}"
    first = stops[0]
    assert "skip-link" in first["cls"], stops[0]
    assert any(stop["id"] == "site-search-q" for stop in stops)
    other = "en" if language == "zh-hans" else "zh-hans"
    assert any(stop["lang"] == other and stop["href"] for stop in stops), "language switcher"
    nav_links = [stop for stop in stops if stop["tag"] == "a" and stop["href"]]
    assert len(nav_links) >= 3

    # The skip link moves the focus to the main content.
    page.goto(f"{site.url}/{language}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_search_and_language_switch(page, site, home):
    """Search by keyboard, then switch language by keyboard, staying on the same page."""
    page.goto(f"{site.url}/zh-hans/")
    page.focus("#site-search-q")
    page.keyboard.type("阅读")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hans/search/?q=*")
    switch = page.locator(".language-switcher a[lang='en']")
    switch.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert not page.watcher.server_errors
