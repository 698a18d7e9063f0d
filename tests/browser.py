"""Browser helpers shared by the browser tests: a uvicorn server over an index (the stand-in
embedder), headless Chromium (the system's, driven by Selenium), screenshots, waits."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kb.config import Settings
from kb.index import load_index
from kb.library import Library
from kb.search import Searcher
from tests.helpers import ROOT, HashEmbedder, free_port, hash_cards, uvicorn_thread

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTEFACTS = ROOT / "bench" / "out" / "screenshots"
"""Where the 360 px screenshots are kept (git-ignored)."""


def serve(s: Settings) -> Iterator[str]:
    """uvicorn on 127.0.0.1 (a free port, in a thread) over an index, with the stand-in's
    rule cards; yields the base URL."""
    import uvicorn

    from kb.web import create_app

    app = create_app(s, Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards))
    port = free_port()
    with uvicorn_thread(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)):
        yield f"http://127.0.0.1:{port}"


def chrome(javascript: bool = True, accept_language: str | None = None):  # noqa: ANN201
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM  # the system browser; nothing is downloaded
    profile = tempfile.mkdtemp(prefix="netral-chrome-")
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    prefs: dict[str, Any] = {}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if accept_language:
        prefs["intl.accept_languages"] = accept_language
    if prefs:
        opts.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    return driver, profile


def screenshot(driver, path: Path, width: int) -> Path:  # noqa: ANN001
    """The whole page at `width` (height capped), as PNG; a 360 px one is also kept under
    bench/out/screenshots/ (git-ignored) as the run's artefact."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height) + 20, 6000))
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    if width == 360:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, ARTEFACTS / path.name)
    return path


def wait(driver, css: str, timeout: float = 15):  # noqa: ANN001, ANN202
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def click_and_wait(driver, element, css: str, timeout: float = 15):  # noqa: ANN001, ANN202
    """Click `element` (a submit button, a link) and wait for `css` on the page it leads to, not on
    the one still showing: a filter form on a page that already lists rulings would otherwise be
    read before the new list arrives."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")

    def gone(_driver) -> bool:  # noqa: ANN001
        try:
            old.is_enabled()
        except WebDriverException:  # stale, or chromedriver's "Node ... does not belong to the document"
            return True
        return False

    element.click()
    WebDriverWait(driver, timeout).until(gone)
    return wait(driver, css, timeout)


