"""Real-browser tests of what a reader meets (issue 14): the language a fresh browser gets,
the card in the question's language, labelled quotations, suggestions after "no clear rule",
the quiet character counter, the focus ring, the precedents filters, Swagger UI from this
site only, and a Lighthouse-style check of every page (one h1, heading order, `lang`,
labels, meta description, nothing wider than a phone). Headless Chromium over the bundled
corpus with the stand-in embedder; screenshots at 360 px kept in bench/out/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

from kb.config import Settings
from tests.browser import CHROMEDRIVER, CHROMIUM, chrome, click_and_wait, screenshot, serve, wait

try:
    import selenium  # noqa: F401
except ImportError:  # pragma: no cover
    selenium = None

pytestmark = [
    pytest.mark.skipif(selenium is None, reason="selenium is not installed (pip install selenium)"),
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed"),
]

EN = "en-GB,en;q=0.9"
ID = "id-ID,id;q=0.9,en;q=0.4"
CAR_EN = "Can a civil servant use an official car for a campaign?"
NONSENSE = "berapa harga cabai rawit di pasar minggu ini?"
RULING = "rulings--putusan-30-pid-sus-2019-pn-pml"


@pytest.fixture(scope="module")
def server(bundled_index: Settings) -> Iterator[str]:
    yield from serve(bundled_index)


def _browser(accept_language: str) -> Iterator[Any]:
    driver, profile = chrome(accept_language=accept_language)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def en_browser() -> Iterator[Any]:
    yield from _browser(EN)


@pytest.fixture
def id_browser() -> Iterator[Any]:
    yield from _browser(ID)


def _ask(driver: Any, server: str, question: str) -> Any:
    from selenium.webdriver.common.by import By

    driver.get(server + "/")
    driver.find_element(By.ID, "q").send_keys(question)
    driver.find_element(By.CSS_SELECTOR, "form.askform button[type=submit]").click()
    return wait(driver, "#answer")


def _narrow(driver: Any) -> None:
    driver.set_window_size(360, 780)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360


# ---------------------------------------------------------------------------- language


def test_fresh_english_browser_gets_an_english_page_and_card(server: str, en_browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    b = en_browser
    b.set_window_size(360, 780)
    card = _ask(b, server, CAR_EN)
    assert b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert b.find_element(By.CSS_SELECTOR, "label[for=q]").text.startswith("Your question")
    assert b.find_element(By.TAG_NAME, "h1").is_displayed()
    assert b.find_element(By.CSS_SELECTOR, "section.card").get_attribute("lang") == "en"  # the page's own language
    assert "This is not legal advice" in card.text and "Prohibited" in card.text
    assert "Jawaban" not in card.text and "Dilarang" not in card.text
    names = [a.text for a in b.find_elements(By.CSS_SELECTOR, "nav.lang a")]
    assert names == ["Bahasa Indonesia", "English"]
    _narrow(b)
    screenshot(b, tmp_path / "i14-english-fresh-360.png", 360)


def test_the_card_speaks_the_question_language_on_any_page(server: str, id_browser: Any) -> None:
    from selenium.webdriver.common.by import By

    b = id_browser
    card = _ask(b, server, CAR_EN)
    assert b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"  # Accept-Language: id
    assert b.find_element(By.ID, "passages-h").text.startswith("Kutipan")  # the page stays Indonesian
    assert b.find_element(By.CSS_SELECTOR, "section.card").get_attribute("lang") == "en"  # the card is marked English
    assert "This is not legal advice" in card.text and "Ini bukan nasihat hukum" not in card.text
    # the switch: a choice beats Accept-Language and is remembered
    b.find_element(By.LINK_TEXT, "English").click()
    wait(b, "html[lang=en]")
    b.get(server + "/about")
    assert b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


# ---------------------------------------------------------------------------- quotations, cleaning


def test_quotations_are_labelled_and_marked_with_their_language(server: str, en_browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    b = en_browser
    b.get(server + "/ask?" + f"q={quote_plus('can I attend a candidate declaration before KPU confirms them?')}")
    wait(b, "#answer")
    passages = b.find_elements(By.CSS_SELECTOR, "li.passage")
    assert passages
    for p in passages:
        label = p.find_element(By.CSS_SELECTOR, ".qlabel").text
        assert label.startswith(("Our summary, not the official text.", "Official text."))
        assert p.find_element(By.CSS_SELECTOR, "div.text").get_attribute("lang") == "id"  # Indonesian quote on an English page
        title = p.find_element(By.TAG_NAME, "h3").text
        assert not re.search(r"bagian \d+/\d+|, bagian [a-z]+$", title)  # our chunk split and Indonesian section names stay out
        if "Butir" in title:
            assert "item numbering is ours" in title
    assert any("Butir" in p.find_element(By.TAG_NAME, "h3").text for p in passages)  # the SKB's items, ours
    # the English gloss of our summaries is marked English on an Indonesian page
    b.get(server + "/docs/regulations--pp-94-2021?lang=id")
    gloss = b.find_elements(By.CSS_SELECTOR, "p.english")
    assert gloss and all(g.get_attribute("lang") == "en" for g in gloss)
    # a descriptive title of ours is said to be one, not shown as the title
    b.get(server + "/docs?lang=en")
    page = b.find_element(By.TAG_NAME, "main").text
    assert "judul Deskriptif" not in page and "a descriptive title of ours" in page
    _narrow(b)
    screenshot(b, tmp_path / "i14-docs-360.png", 360)


def test_a_ruling_page_reads_cleanly_in_english(server: str, en_browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    b = en_browser
    b.get(server + f"/docs/{RULING}")
    case = wait(b, "#bagian-perkara .text")
    assert not case.text.startswith("RINGKASAN") and "Catatan:" not in case.text  # the header block is not the case
    assert "Our note:" in b.find_element(By.CSS_SELECTOR, ".dochead").text
    assert "19 February 2019" in b.find_element(By.CSS_SELECTOR, ".dochead").text
    for sec in b.find_elements(By.CSS_SELECTOR, "section.pasal .text"):
        first = sec.text.split("\n")[0]
        assert first.split(" ")[0] not in ("DAKWAAN", "FAKTA", "PERTIMBANGAN", "AMAR", "PASAL")  # no repeated heading
    _narrow(b)
    screenshot(b, tmp_path / "i14-ruling-360.png", 360)


# ---------------------------------------------------------------------------- after "no clear rule"


def test_no_clear_rule_offers_examples_a_hint_and_fewer_passages(server: str, id_browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    b = id_browser
    b.set_window_size(360, 780)
    card = _ask(b, server, NONSENSE)
    assert "Tidak ditemukan aturan yang jelas" in card.text or "verdict-unclear" in card.get_attribute("class")
    box = b.find_element(By.CSS_SELECTOR, "section.suggest")
    assert "Sebutkan siapa Anda" in box.text
    links = box.find_elements(By.CSS_SELECTOR, "li a")
    assert 1 <= len(links) <= 3
    assert 0 < len(b.find_elements(By.CSS_SELECTOR, "li.passage")) <= 3
    # a question near a rule's situations gets those situations, and following one asks it
    card = _ask(b, server, "bolehkah saya nge-like postingan instagram calon bupati?")
    if "verdict-unclear" in card.get_attribute("class"):
        first = b.find_element(By.CSS_SELECTOR, "section.suggest li a")
        text = first.text
        first.click()
        wait(b, "#answer")
        assert b.find_element(By.ID, "q").get_attribute("value") == text
    b.get(server + "/ask?q=" + quote_plus(NONSENSE))
    _narrow(b)
    screenshot(b, tmp_path / "i14-unclear-360.png", 360)


# ---------------------------------------------------------------------------- accessibility


def test_the_counter_is_announced_only_near_the_limit(server: str, en_browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    b = en_browser
    b.get(server + "/")
    q = b.find_element(By.ID, "q")
    assert b.find_element(By.ID, "q-count").get_attribute("aria-hidden") == "true"
    live = b.find_element(By.ID, "q-left")
    assert live.get_attribute("aria-live") == "polite"
    q.send_keys("Can I like a candidate's post?")
    limit = Settings().max_query_chars
    assert b.find_element(By.ID, "q-count").text == f"30/{limit}"  # seen at once
    b.implicitly_wait(0)
    WebDriverWait(b, 3).until(lambda d: d.execute_script("return true"))
    assert b.execute_script("return document.getElementById('q-left').textContent") == ""  # nothing said far from the limit
    b.execute_script("const q = document.getElementById('q'); q.value = 'x'.repeat(arguments[0]); q.dispatchEvent(new Event('input'));", limit - 30)
    WebDriverWait(b, 5).until(lambda d: d.execute_script("return document.getElementById('q-left').textContent") != "")
    assert b.execute_script("return document.getElementById('q-left').textContent") == "30 characters left."


def _luminance(rgb: tuple[float, ...]) -> float:
    def ch(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(rgb[0]) + 0.7152 * ch(rgb[1]) + 0.0722 * ch(rgb[2])


def _contrast(a: str, b: str) -> float:
    la, lb = (_luminance(tuple(float(x) for x in re.findall(r"[\d.]+", c)[:3])) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_the_focus_ring_stands_out(server: str, en_browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    b = en_browser
    b.get(server + "/")
    body = b.find_element(By.TAG_NAME, "body")
    seen = set()
    for _ in range(8):  # skip link, brand, language switch, main navigation, ...
        body.send_keys(Keys.TAB) if not seen else b.switch_to.active_element.send_keys(Keys.TAB)
        el = b.switch_to.active_element
        style = b.execute_script(
            "const s = getComputedStyle(arguments[0]); let e = arguments[0], bg = 'rgba(0, 0, 0, 0)';"
            "while (e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {"
            "  const p = e.parentElement; if (!p) break; bg = getComputedStyle(p).backgroundColor; e = p; }"
            "return [s.outlineStyle, s.outlineWidth, s.outlineColor, bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg];", el)
        outline_style, width, color, around = style
        assert outline_style != "none" and float(width.rstrip("px")) >= 2, el.get_attribute("outerHTML")[:80]
        assert _contrast(color, around) >= 3, (el.get_attribute("outerHTML")[:80], color, around)
        seen.add(el.get_attribute("outerHTML")[:60])
    assert len(seen) >= 5


# ---------------------------------------------------------------------------- precedents


def test_precedents_for_legal_staff(server: str, en_browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    b = en_browser
    b.set_window_size(360, 780)
    b.get(server + "/precedents")
    b.find_element(By.ID, "article").send_keys("UU 7/2017 Pasal 280 ayat (1)")
    b.find_element(By.ID, "pq").send_keys("kampanye")
    click_and_wait(b, b.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"), "li.ruling")
    rulings = b.find_elements(By.CSS_SELECTOR, "li.ruling")
    assert len(rulings) == 1 and "51/Pid.Sus/2019/PN Idm" in rulings[0].text
    assert b.find_element(By.CSS_SELECTOR, "p.count").text == "1 ruling"  # not "1 rulings"
    line = rulings[0].find_element(By.CSS_SELECTOR, ".oneline").text
    assert "UU 7/2017 Pasal 280 ayat (1) huruf j" in line and "6 months in prison" in line and "fine Rp10.000.000" in line
    assert "Vote buying" in rulings[0].find_element(By.CSS_SELECTOR, ".vtypes").text
    marks = [m.text for m in rulings[0].find_elements(By.CSS_SELECTOR, "mark.cite")]
    assert marks and all(m.startswith("Pasal 280 ayat (1)") for m in marks)  # the article asked for, marked
    assert rulings[0].find_elements(By.CSS_SELECTOR, "mark:not(.cite)")  # and the keywords
    assert "20 February 2019" in rulings[0].text and "bagian pertimbangan" not in rulings[0].text
    assert b.execute_script("return document.documentElement.scrollWidth") <= 360
    screenshot(b, tmp_path / "i14-precedents-360.png", 360)
    # kind of violation, years and sort, from the form
    b.get(server + "/precedents")
    Select(b.find_element(By.ID, "year_from")).select_by_visible_text("2014")
    Select(b.find_element(By.ID, "year_to")).select_by_visible_text("2014")
    Select(b.find_element(By.ID, "sort")).select_by_value("date")
    click_and_wait(b, b.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"), "li.ruling")
    cases = [h.text for h in b.find_elements(By.CSS_SELECTOR, "li.ruling h2")]
    assert cases == ["01/Pid.Sus-Pemilu/2014/PN Dpk", "4/Pid.S/2014/PN Spg", "04/Pid.Sus/2014/PN Pwr"]  # June, May, February
    Select(b.find_element(By.ID, "violation")).select_by_value("asn-kampanye")
    click_and_wait(b, b.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"), "li.ruling")
    assert [h.text for h in b.find_elements(By.CSS_SELECTOR, "li.ruling h2")] == ["04/Pid.Sus/2014/PN Pwr"]


# ---------------------------------------------------------------------------- the API link, offline


def test_the_footer_api_link_works_with_nothing_but_this_site(server: str, en_browser: Any, tmp_path: Path) -> None:
    """Swagger UI comes from a package on this server: every file the page loads is from this
    site (the test machine has no internet, and the CSP allows this site only)."""
    from selenium.webdriver.common.by import By

    b = en_browser
    b.get(server + "/")
    b.find_element(By.CSS_SELECTOR, "footer a[href='/api/docs-ui']").click()
    wait(b, ".opblock-summary-path", timeout=30)
    paths = {e.text.replace("\u200b", "") for e in b.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/api/answer", "/api/search", "/api/precedents"} <= paths
    loaded = b.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded and all(u.startswith(server) for u in loaded), loaded
    _narrow(b)
    screenshot(b, tmp_path / "i14-api-docs-360.png", 360)


# ---------------------------------------------------------------------------- a Lighthouse-style check

AUDIT = r"""
const out = [];
const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
if (hs.filter(x => x === 1).length !== 1) out.push('h1 count ' + hs.filter(x => x === 1).length);
if (hs[0] !== 1) out.push('first heading h' + hs[0]);
for (let i = 1; i < hs.length; i++) if (hs[i] > hs[i - 1] + 1) out.push('heading h' + hs[i - 1] + ' -> h' + hs[i]);
const lang = document.documentElement.getAttribute('lang');
if (!['id', 'en'].includes(lang)) out.push('html lang ' + lang);
for (const e of document.querySelectorAll('[lang]')) if (!['id', 'en'].includes(e.getAttribute('lang'))) out.push('lang ' + e.getAttribute('lang'));
for (const e of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  const named = (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label');
  if (!named) out.push('unlabelled ' + (e.id || e.name));
}
const d = document.querySelector('meta[name=description]');
if (!d || d.content.trim().length < 40) out.push('meta description');
for (const a of document.querySelectorAll('a')) if (!a.textContent.trim() && !a.getAttribute('aria-label')) out.push('empty link ' + a.href);
for (const i of document.querySelectorAll('img')) if (!i.hasAttribute('alt')) out.push('img alt');
const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
if (new Set(ids).size !== ids.length) out.push('duplicate id');
if (document.documentElement.scrollWidth > window.innerWidth) out.push('overflow ' + document.documentElement.scrollWidth);
return out;
"""
PAGES = [
    "/", "/ask?q=" + quote_plus(CAR_EN), "/ask?q=" + quote_plus(NONSENSE), "/precedents",
    "/precedents?q=kampanye&article=490", "/docs", f"/docs/{RULING}", "/docs/regulations--pp-94-2021",
    "/docs/regulations--skb-netralitas-asn-2022", "/about", "/no-such-page",
]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_lighthouse_style_audit_of_every_page(server: str, en_browser: Any, lang: str) -> None:
    b = en_browser
    b.set_window_size(360, 780)
    problems = {}
    for path in PAGES:
        b.get(server + path + ("&" if "?" in path else "?") + f"lang={lang}")
        found = b.execute_script(AUDIT)
        if found:
            problems[path] = found
        assert b.find_element("tag name", "html").get_attribute("lang") == lang
    assert not problems, problems


def test_the_audit_finds_what_it_looks_for(en_browser: Any) -> None:
    """The check above is not blind: a page with each fault is reported for each."""
    b = en_browser
    b.get("data:text/html,<html lang=xx><body><h2>a</h2><h4>b</h4><input id=q><a href=x></a></body></html>")
    found = " | ".join(b.execute_script(AUDIT))
    for fault in ("h1 count 0", "first heading h2", "heading h2 -> h4", "html lang xx", "unlabelled q", "meta description", "empty link"):
        assert fault in found, found
