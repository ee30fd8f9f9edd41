"""The page layout's header and footer, written in Python.

Every page shows the same header: a menu, the search form, the language form and who is
logged in. As template code it took about as long as an empty page through all the
middleware, on every page. Here its fixed text is translated once per language and process,
its links reversed once per process (``framja.core.context_processors.layout``), and only
what differs between requests is filled in: the menu item marked as the current page, the
user, the CSRF field and the current address.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from framja.core.html import csrf_input
from framja.core.translated import per_language

register = template.Library()


@dataclass(frozen=True)
class _MenuItem:
    """A link in the main menu: the key of its URL, its label and whether it needs a login."""

    key: str
    label: str
    logged_in_only: bool = False


@dataclass(frozen=True)
class _Texts:
    """The layout's fixed text in one language."""

    skip: str
    menu: str
    items: tuple[_MenuItem, ...]
    search_label: str
    search: str
    language: str
    change_language: str
    languages: tuple[tuple[str, str], ...]
    logged_in_as: str
    account: str
    log_out: str
    log_in: str
    footer: str
    api_docs: str


@per_language
def _texts(language: str) -> _Texts:
    """Translate the layout's text into ``language``, the active one, once per process."""
    del language  # the cache's key: gettext below translates into the active language
    return _Texts(
        skip=escape(gettext("Hoppa till innehållet")),
        menu=escape(gettext("Huvudmeny")),
        items=(
            _MenuItem("tree", escape(gettext("Organisationer"))),
            _MenuItem("catalog", escape(gettext("Kataloger"))),
            _MenuItem("submissions", escape(gettext("Att rapportera")), logged_in_only=True),
            _MenuItem("surveys", escape(gettext("Enkäter att besvara")), logged_in_only=True),
            _MenuItem("indicators", escape(gettext("Indikatorer")), logged_in_only=True),
            _MenuItem("examples", escape(gettext("Kunskapsbank"))),
            _MenuItem("search", escape(gettext("Sök"))),
            _MenuItem("api", escape(gettext("API"))),
        ),
        search_label=escape(gettext("Sök i Främja")),
        search=escape(gettext("Sök")),
        language=escape(gettext("Språk")),
        change_language=escape(gettext("Byt språk")),
        languages=tuple((code, escape(gettext(name))) for code, name in settings.LANGUAGES),
        logged_in_as=escape(gettext("Inloggad som")),
        account=escape(gettext("Mitt konto")),
        log_out=escape(gettext("Logga ut")),
        log_in=escape(gettext("Logga in")),
        footer=escape(
            gettext("Främja – planering och uppföljning av hälsofrämjande och förebyggande arbete.")
        ),
        api_docs=escape(gettext("API-dokumentation")),
    )


def current_menu_item(request: HttpRequest) -> str:
    """Return the key of the menu item for the page ``request`` asks for, or ""."""
    match = request.resolver_match
    if match is None:
        return ""
    url_name, app_name = match.url_name, match.app_name
    if url_name == "search":
        return "search"
    if url_name == "tree":
        return "tree"
    if url_name == "my_submissions":
        return "submissions"
    if url_name == "my_responses":
        return "surveys"
    return {"catalog": "catalog", "indicators": "indicators", "knowledge": "examples"}.get(
        app_name, ""
    )


def _menu(texts: _Texts, urls: dict[str, str], current: str, logged_in: bool) -> str:
    lines = []
    for item in texts.items:
        if item.logged_in_only and not logged_in:
            continue
        marked = ' aria-current="page"' if item.key == current else ""
        lines.append(f'<li><a href="{urls[item.key]}"{marked}>{item.label}</a></li>')
    return "\n          ".join(lines)


def _language_options(texts: _Texts, active: str) -> str:
    options = []
    for code, name in texts.languages:
        selected = " selected" if code == active else ""
        options.append(f'<option value="{code}" lang="{code}"{selected}>{name}</option>')
    return "\n            ".join(options)


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """Write the skip link and the page header for the request being answered."""
    request: HttpRequest = context["request"]
    urls = context["layout_urls"]
    language = get_language()
    texts = _texts(language)
    user = request.user
    current = current_menu_item(request)
    csrf = csrf_input(request)
    here = request.get_full_path()
    query = escape(request.GET.get("q", "")) if current == "search" else None
    searched = f' value="{query}"' if query is not None else ""
    logged_in = user.is_authenticated
    if user.is_authenticated:
        name = escape(user.get_full_name())
        who = f"""<span class="whoami">{texts.logged_in_as} <strong>{name}</strong></span>
        <a href="{urls["account"]}">{texts.account}</a>
        <form action="{urls["logout"]}" method="post" class="inline-form">
          {csrf}
          <button type="submit" class="button-small">{texts.log_out}</button>
        </form>"""
    else:
        who = f'<a href="{urls["login"]}?next={escape(quote(here))}">{texts.log_in}</a>'
    return mark_safe(  # every text in it is escaped
        f"""<a class="skip-link" href="#main">{texts.skip}</a>
  <header class="site-header">
    <div class="wrap header-inner">
      <a class="brand" href="{urls["home"]}">Främja</a>
      <nav aria-label="{texts.menu}">
        <ul class="nav">
          {_menu(texts, urls, current, logged_in)}
        </ul>
      </nav>
      <div class="header-tools">
        <form class="header-search" role="search" action="{urls["search"]}" method="get">
          <label for="header-search">{texts.search_label}</label>
          <input type="search" id="header-search" name="q" maxlength="200"{searched}>
          <button type="submit" class="button-small">{texts.search}</button>
        </form>
        <form class="lang-form" action="{urls["set_language"]}" method="post">
          {csrf}
          <input type="hidden" name="next" value="{escape(here)}">
          <label for="language-select">{texts.language}</label>
          <select id="language-select" name="language">
            {_language_options(texts, language)}
          </select>
          <button type="submit" class="button-small">{texts.change_language}</button>
        </form>
        {who}
      </div>
    </div>
  </header>"""
    )


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    """Write the page footer."""
    texts = _texts(get_language())
    api = context["layout_urls"]["api"]
    return mark_safe(  # every text in it is escaped
        f"""<footer class="site-footer">
    <div class="wrap">
      <p>{texts.footer}
         <a href="{api}">{texts.api_docs}</a></p>
    </div>
  </footer>"""
    )
