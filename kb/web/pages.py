"""The HTML face: Jinja templates (`web/templates/`), UI strings (`web/i18n/<lang>.json`), the
page language (`?lang=en`, remembered in a cookie) and rendering.

The views hand a template the library's own result objects (the ones the JSON API
serialises), plus what only a page needs: display lines, URLs, the language's strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..card import DISCLAIMER
from ..articles import reflow
from ..config import Settings
from ..library import Library
from ..rulings import VIOLATIONS
from .text import display_citation, display_date, display_term, display_title, our_numbering, status_badge, text_lines

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
"""Templates, static assets and UI strings."""
LANGS = ("id", "en")
COOKIE_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Strings:
    """One language's UI strings and example questions."""

    t: dict[str, str]
    examples: list[str]

    @classmethod
    def load(cls, folder: Path, lang: str) -> Strings:
        data = json.loads((folder / f"{lang}.json").read_text(encoding="utf-8"))
        return cls({**data["strings"], "disclaimer": DISCLAIMER[lang]}, list(data["examples"]))


def accepted_lang(header: str | None) -> str | None:
    """The language of ours the browser prefers most (`Accept-Language: en-GB,en;q=0.8,id;q=0.5`
    -> "en"), or None when it names neither. Equal weights keep the browser's order."""
    best: tuple[float, int, str] | None = None
    for i, item in enumerate((header or "").split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        code = "id" if code == "in" else code  # the old ISO code of Indonesian
        if code not in LANGS:
            continue
        try:
            weight = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            continue
        if weight > 0 and (best is None or (-weight, i) < (-best[0], best[1])):
            best = (weight, i, code)
    return best[2] if best else None


def lang_of(request: Request) -> tuple[str, bool]:
    """The page's language, and whether the request chose it (then it is remembered): `?lang=`,
    else the cookie a choice left, else the browser's `Accept-Language` (a first visit), else
    Indonesian."""
    q = request.query_params.get("lang")
    if q in LANGS:
        return q, True
    c = request.cookies.get("lang")
    if c in LANGS:
        return c, False
    return accepted_lang(request.headers.get("accept-language")) or "id", False


def lang_url(request: Request, code: str) -> str:
    """This page in another language (a path on this site, never "//host")."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", code)]
    return "/" + request.url.path.lstrip("/") + "?" + urlencode(params)


class Pages:
    """Renders templates in the request's language."""

    def __init__(self, settings: Settings, web_dir: Path = WEB_DIR):
        self.env = Environment(
            loader=FileSystemLoader(str(web_dir / "templates")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            auto_reload=False,  # templates ship with the release: no file check on every render
        )
        self.env.globals["max_query"] = settings.max_query_chars
        self.env.filters["reflow"] = reflow
        self.env.filters["lines"] = text_lines
        self.env.globals["violations"] = VIOLATIONS
        self.strings = {lang: Strings.load(web_dir / "i18n", lang) for lang in LANGS}

    def t(self, request: Request) -> dict[str, str]:
        return self.strings[lang_of(request)[0]].t

    def examples(self, request: Request) -> list[str]:
        return self.strings[lang_of(request)[0]].examples

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        lang, explicit = lang_of(request)
        t = self.strings[lang].t
        html = self.env.get_template(name).render(
            t=t,
            lang=lang,
            other_lang="en" if lang == "id" else "id",
            lang_urls={code: lang_url(request, code) for code in LANGS},
            path=request.url.path,
            badge=lambda meta: status_badge(meta, t),
            cite=lambda citation: display_citation(citation, t),
            date=lambda d: display_date(d, lang),
            term=lambda v: display_term(v, lang),
            title=display_title,
            ours=our_numbering,
            **ctx,
        )
        resp = HTMLResponse(html, status_code=status, headers={"Vary": "Accept-Language, Cookie"})
        if explicit:
            resp.set_cookie("lang", lang, max_age=COOKIE_AGE, samesite="lax", httponly=True)
        return resp


def pages_of(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


def library_of(request: Request) -> Library:
    lib: Library = request.app.state.library
    return lib
