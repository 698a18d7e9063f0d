"""Real-browser tests: headless Chromium (the system's `chromium` and `chromedriver`, driven
by Selenium) against a uvicorn server on 127.0.0.1. They type a question, submit, read the
answer card and a citation, click through to the document, and take screenshots (under
the test's tmp dir) on a phone-sized and a desktop window. The stand-in embedder over the
bundled corpus (with the fixture rule base) keeps them fast. Skipped, with the reason,
when the browser is missing.

    apt-get install -y chromium chromium-driver && pip install selenium
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.build import build_index
from kb.config import Settings
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf
from tests.browser import chrome as _chrome, click_and_wait as _click_and_wait, screenshot as _screenshot, serve as _serve, wait as _wait

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

try:
    import selenium  # noqa: F401
except ImportError:  # pragma: no cover
    selenium = None

pytestmark = [
    pytest.mark.skipif(selenium is None, reason="selenium is not installed (pip install selenium)"),
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
    ),
]


@pytest.fixture(scope="module")
def server(fixture_rules_index: Settings) -> Iterator[str]:
    """The bundled corpus, with the fixture rule base."""
    yield from _serve(fixture_rules_index)


@pytest.fixture(scope="module")
def pp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test PP, which has a Penjelasan."""
    root = tmp_path_factory.mktemp("browser-pp")
    make_pdf(root / "corpus" / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    s = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    yield from _serve(s)


@pytest.fixture
def browser():  # noqa: ANN201
    """A browser that prefers Indonesian, as most of the site's readers' do."""
    driver, profile = _chrome(accept_language="id-ID,id;q=0.9,en;q=0.5")
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_phone_ask_see_the_answer_and_open_the_document(server: str, browser, tmp_path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    browser.set_window_size(360, 780)
    browser.get(server + "/")
    box = browser.find_element(By.ID, "q")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=q]").is_displayed()
    box.send_keys("bolehkah PNS memakai mobil dinas untuk kampanye?")
    browser.find_element(By.CSS_SELECTOR, "form.askform button[type=submit]").click()

    card = _wait(browser, "#answer")
    assert "/ask?q=" in browser.current_url
    assert "Dilarang" in card.text and "PP 94/2021 Pasal 5 huruf n angka 4" in card.text
    assert "PP 94/2021 Pasal 14 huruf i" in card.text and "Ini bukan nasihat hukum" in card.text
    # the first phone screen: the verdict, what the sanction means, the citation
    headline = card.find_element(By.CSS_SELECTOR, ".headline")
    assert headline.text == "Sanksi: hukuman disiplin berat, sampai pemberhentian"
    for el in (card.find_element(By.CSS_SELECTOR, ".verdict"), headline, card.find_element(By.CSS_SELECTOR, ".maincit")):
        assert el.rect["y"] + el.rect["height"] <= 780, el.text
    passages = browser.find_elements(By.CSS_SELECTOR, "li.passage")
    assert len(passages) == 6 and browser.find_elements(By.CSS_SELECTOR, "li.passage mark")
    # readable at 360 px: nothing wider than the screen
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
    shot = _screenshot(browser, tmp_path / "ask-360.png", 360)

    browser.set_window_size(360, 780)
    card = browser.find_element(By.ID, "answer")
    card.find_element(By.PARTIAL_LINK_TEXT, "PP 94/2021 Pasal 5 huruf n angka 4").click()
    pasal = _wait(browser, "#pasal-5")
    assert browser.current_url.endswith("/docs/regulations--pp-94-2021#pasal-5--huruf-n-angka-4")
    clause = browser.find_element(By.ID, "pasal-5--huruf-n-angka-4")
    assert clause.text == "4. sebagai peserta kampanye dengan memakai fasilitas negara;"
    assert "Disiplin Pegawai Negeri Sipil" in browser.find_element(By.TAG_NAME, "h1").text
    assert "fasilitas negara" in pasal.text and "Ringkasan kami, bukan teks resmi." in browser.page_source
    top = browser.execute_script("return document.getElementById('pasal-5--huruf-n-angka-4').getBoundingClientRect().top")
    assert 0 <= top < 200  # the fragment scrolled the clause into view (and :target marks it)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
    _screenshot(browser, tmp_path / "doc-360.png", 360)
    print(f"screenshots: {shot.parent}")


def test_desktop_in_english_enter_asks_and_the_pdf_link_points_at_the_page(server: str, browser, tmp_path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1366, 900)
    browser.get(server + "/?lang=en")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=q]").text.startswith("Your question")
    box = browser.find_element(By.ID, "q")
    box.send_keys("Can a civil servant use an official car to go to a campaign rally?")
    assert browser.find_element(By.ID, "q-count").text.endswith(f"/{Settings().max_query_chars}")  # the counter nicety runs
    box.send_keys(Keys.ENTER)  # Enter asks (app.js)

    card = _wait(browser, "#answer")
    assert "Prohibited" in card.text and "PP 94/2021 Pasal 5 huruf n angka 4" in card.text and "This is not legal advice" in card.text
    assert "our summary, not the official text" in card.text
    pdf = card.find_element(By.CSS_SELECTOR, "a.pdf").get_attribute("href")
    assert "/docs/regulations--pp-94-2021.pdf#page=2" in pdf
    _screenshot(browser, tmp_path / "ask-1366.png", 1366)

    browser.set_window_size(1366, 900)
    browser.find_element(By.ID, "answer").find_element(By.PARTIAL_LINK_TEXT, "PP 94/2021 Pasal 14 huruf i angka 2").click()
    _wait(browser, "h1")
    assert browser.current_url.endswith("/docs/regulations--pp-94-2021#pasal-14--huruf-i-angka-2")
    _screenshot(browser, tmp_path / "doc-1366.png", 1366)

    # keyboard: the skip link is the first stop and leads to the content
    browser.get(server + "/?lang=en")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.text == "Skip to content"


def test_works_without_javascript(server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver, profile = _chrome(javascript=False)
    try:
        driver.set_window_size(360, 780)
        driver.get(server + "/precedents")
        driver.find_element(By.ID, "article").send_keys("490")
        _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"), "li.ruling")
        rulings = driver.find_elements(By.CSS_SELECTOR, "li.ruling")
        assert len(rulings) == 1 and "30/Pid.Sus/2019/PN Pml" in rulings[0].text
        driver.get(server + "/")
        driver.find_element(By.ID, "q").send_keys("Saya bupati, boleh ikut kampanye?")
        driver.find_element(By.CSS_SELECTOR, "form.askform button[type=submit]").click()
        card = _wait(driver, "#answer")
        assert "Tergantung" in card.text and "Jika pada masa kampanye" in card.text and "UU 10/2016 Pasal 70 ayat (2)" in card.text
        assert driver.find_element(By.ID, "q-count").text == ""  # app.js did not run
        card.find_elements(By.CSS_SELECTOR, ".followup a")[0].click()  # asks again, the condition filled in
        card = _wait(driver, "#answer")
        assert "Tergantung" not in card.text and "(pada masa" in driver.find_element(By.ID, "q").get_attribute("value")
        _screenshot(driver, tmp_path / "nojs-360.png", 360)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_penjelasan_stands_beside_its_pasal_on_a_desk_and_below_it_on_a_phone(pp_server: str, browser, tmp_path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    browser.set_window_size(1366, 900)
    browser.get(pp_server + "/docs/regulations--pp-7-2030#pasal-3")
    _wait(browser, "#pasal-3")
    body = browser.find_element(By.CSS_SELECTOR, "#pasal-3 .body").rect
    aside = browser.find_element(By.CSS_SELECTOR, "#pasal-3 aside.pj")
    assert "Yang dimaksud dengan deklarasi" in aside.text
    assert aside.rect["x"] >= body["x"] + body["width"]  # beside
    _screenshot(browser, tmp_path / "penjelasan-1366.png", 1366)
    browser.set_window_size(360, 780)
    browser.get(pp_server + "/docs/regulations--pp-7-2030#pasal-3")
    body = browser.find_element(By.CSS_SELECTOR, "#pasal-3 .body").rect
    aside = browser.find_element(By.CSS_SELECTOR, "#pasal-3 aside.pj").rect
    assert aside["y"] >= body["y"] + body["height"]  # below
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
