"""The indicator page's facts and its section of values, written in Python.

The latest period of a national indicator has a value for every region and municipality and
sex, several hundred rows; a template loop with a number filter per row took most of the page's
time. The facts and the section's links and headings are a few dozen translated labels and
URLs, cheaper here (translated once per language, the URLs reversed once per process) than as
template tags. The markup is the template's, to the whitespace.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import template
from django.utils.formats import get_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from framja.core.html import PLACEHOLDER, capfirst, url_filler
from framja.core.translated import per_language
from framja.indicators.models import Direction, Indicator, Level, Periodicity, Sex
from framja.indicators.selectors import LatestValue, ValueSummary

register = template.Library()
# The choices' labels by value, translated when written.
CHOICE_LABELS = {choices: dict(choices.choices) for choices in (Direction, Level, Periodicity)}
HUNDREDTH = Decimal("0.01")
WHOLE_LIMIT = 2.0**53
FAST_LIMIT = 1e12


def decimal_text(value: float, separator: str) -> str:
    """Return value as the floatformat:"-2" filter writes it: two decimals unless it is whole."""
    if -FAST_LIMIT < value < FAST_LIMIT:
        # The common case, fastest: below 10**12 floats lie much closer together than a
        # hundredth, so if the value reads back from its text with two decimals, that text
        # is the one the filter writes (less the decimals of a whole number).
        text = f"{value:.2f}"
        if float(text) == value:
            if text.endswith(".00"):
                return "0" if text == "-0.00" else text[:-3]
            return text.replace(".", separator)
    text = repr(value)
    # The other common cases without the decimal module, for a table of hundreds of values.
    if value.is_integer():
        if abs(value) < WHOLE_LIMIT:
            # Below 2**53 a whole float's digits are those of its repr; int() drops the minus
            # sign of -0.0 as the filter does.
            return str(int(value))
    else:
        whole, _point, fraction = text.partition(".")
        if len(fraction) <= 2 and "e" not in text:
            # One or two decimals: the repr is exact to the hundredth.
            return f"{whole}{separator}{fraction:0<2}"
    exact = Decimal(text)
    if exact == exact.to_integral_value():
        text = f"{exact.quantize(Decimal(1)):f}"
    else:
        text = f"{exact.quantize(HUNDREDTH, rounding=ROUND_HALF_UP):f}"
    # A value that rounds to zero is written without a minus sign.
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text.replace(".", separator)


@register.simple_tag
def latest_value_rows(values: list[LatestValue]) -> SafeString:
    """Return a <tr> per value: place, sex, value, status and source."""
    separator = str(get_format("DECIMAL_SEPARATOR"))
    missing = escape(gettext("saknas"))
    # A row is three pieces written once each: the place's cells (a place has a row per
    # sex), the sex's, and the status's and source's (a handful of pairs down the table).
    # An empty status or source reads "–".
    sexes = {sex.value: f'{escape(str(sex.label))}</td><td class="number">' for sex in Sex}
    heads: dict[str, str] = {}
    tails: dict[tuple[str, str], str] = {}
    parts = []
    for _code, place, sex, value, status, source in values:
        head = heads.get(place)
        if head is None:
            head = heads[place] = f"<tr><td>{escape(place)}</td><td>"
        tail = tails.get((status, source))
        if tail is None:
            tail = tails[status, source] = (
                f"</td><td>{escape(status) or '–'}</td><td>{escape(source) or '–'}</td></tr>\n"
            )
        if value is None:
            number = missing
        else:
            # decimal_text's common case, inline: hundreds of values to a page.
            number = f"{value:.2f}"
            if number.endswith(".00") or float(number) != value:
                number = decimal_text(value, separator)
            else:
                number = number.replace(".", separator)
        parts.append(head + sexes.get(sex, '</td><td class="number">') + number + tail)
    return mark_safe("".join(parts))  # every text above is escaped


@per_language
def _section_words(language: str) -> dict[str, str]:
    """Return the values section's fixed texts in ``language``, the active one, escaped, and
    its sentences as %-formats (written as ``blocktranslate`` writes them: the translation as
    it is, the values escaped)."""
    del language  # the cache's key: gettext below translates into the active language
    # Each text is written out in its gettext call, where makemessages finds it.
    words = {
        key: escape(text)
        for key, text in (
            ("values", gettext("Värden")),
            ("time_series", gettext("Tidsserie")),
            ("comparison", gettext("Jämförelse mellan platser")),
            ("sexes", gettext("Kvinnor och män")),
            ("targeting", gettext("Där behoven är störst")),
            ("place", gettext("Plats")),
            ("sex", gettext("Kön")),
            ("value", gettext("Värde")),
            ("status", gettext("Status")),
            ("source", gettext("Källa")),
            ("none", gettext("Inga värden är importerade ännu.")),
        )
    }
    words["count"] = gettext("%(count)s värden, från %(first)s till %(last)s.")
    words["latest"] = gettext("Senaste perioden, %(period)s")
    words["api"] = gettext(
        "Alla värden finns i API:t: <code>/api/indicator-values/?indicator=%(code)s</code>."
    )
    return words


@register.simple_tag
def indicator_values_section(indicator: Indicator, summary: ValueSummary) -> SafeString:
    """Return the <section> of the indicator's values: links to its charts, how many values
    over which periods, the latest period's table and where the API has them all; or that
    none are imported yet."""
    words = _section_words(get_language())
    head = f'<section aria-labelledby="values">\n  <h2 id="values">{words["values"]}</h2>\n  '
    if not summary.count:
        return mark_safe(f"{head}\n    <p>{words['none']}</p>\n  \n</section>")
    code = indicator.code
    chart = url_filler("indicators:chart", PLACEHOLDER, "tidsserie")
    comparison = url_filler("indicators:chart", PLACEHOLDER, "jamforelse")
    sexes = url_filler("indicators:chart", PLACEHOLDER, "kon")
    targeting = url_filler("indicators:targeting", PLACEHOLDER)
    count = words["count"] % {
        "count": escape(str(localize(summary.count))),
        "first": escape(summary.first_period or ""),
        "last": escape(summary.last_period or ""),
    }
    latest = words["latest"] % {"period": escape(summary.last_period or "")}
    return mark_safe(  # every text above is escaped, or a translation as blocktranslate has it
        f"{head}\n"
        '    <ul class="actions">\n'
        f'      <li><a href="{chart(code)}">{words["time_series"]}</a></li>\n'
        f'      <li><a href="{comparison(code)}">{words["comparison"]}</a></li>\n'
        f'      <li><a href="{sexes(code)}">{words["sexes"]}</a></li>\n'
        f'      <li><a href="{targeting(code)}">{words["targeting"]}</a></li>\n'
        "    </ul>\n"
        f"    <p>{count}</p>\n"
        "    <table>\n"
        f"      <caption>{latest}</caption>\n"
        f'      <thead><tr><th scope="col">{words["place"]}</th>'
        f'<th scope="col">{words["sex"]}</th>'
        f'<th scope="col" class="number">{words["value"]}</th>'
        f'<th scope="col">{words["status"]}</th><th scope="col">{words["source"]}</th></tr>'
        "</thead>\n"
        "      <tbody>\n"
        f"      {latest_value_rows(summary.latest)}\n"
        "      </tbody>\n"
        "    </table>\n"
        f"    <p>{words['api'] % {'code': escape(code)}}</p>\n"
        "  \n</section>"
    )


def _choice(choices: type[Direction | Level | Periodicity], value: str) -> str:
    """Return the value's label with a capital first letter, as get_FOO_display|capfirst."""
    return escape(capfirst(str(CHOICE_LABELS[choices].get(value, value))))


@register.simple_tag
def indicator_facts(indicator: Indicator) -> SafeString:
    """Return the <dl> of the indicator's data source, unit, direction, level, period, whether
    it is split by sex, its code, and its Kolada id and PxWeb table if it has them."""
    source = indicator.source
    publisher = f" ({escape(source.publisher)})" if source.publisher else ""
    by_sex = gettext("ja") if indicator.by_sex else gettext("nej")
    kolada = pxweb = ""
    if indicator.kolada_kpi_id:
        kolada = (
            f"<dt>{escape(gettext('Kolada-id'))}</dt>"
            f"<dd><code>{escape(indicator.kolada_kpi_id)}</code></dd>"
        )
    if indicator.pxweb_url:
        pxweb = (
            f"<dt>{escape(gettext('PxWeb-tabell'))}</dt>"
            f'<dd class="token">{escape(indicator.pxweb_url)}</dd>'
        )
    lines = [
        '<dl class="facts">',
        f"  <dt>{escape(gettext('Datakälla'))}</dt><dd>{escape(source.name)}{publisher}</dd>",
        f"  <dt>{escape(gettext('Enhet'))}</dt><dd>{escape(indicator.unit or '–')}</dd>",
        f"  <dt>{escape(gettext('Vad är bättre'))}</dt>"
        f"<dd>{_choice(Direction, indicator.direction)}</dd>",
        f"  <dt>{escape(gettext('Redovisas för'))}</dt><dd>{_choice(Level, indicator.level)}</dd>",
        f"  <dt>{escape(gettext('Period'))}</dt>"
        f"<dd>{_choice(Periodicity, indicator.periodicity)}</dd>",
        f"  <dt>{escape(gettext('Uppdelad på kön'))}</dt><dd>{escape(by_sex)}</dd>",
        f"  <dt>{escape(gettext('Kod i importfiler'))}</dt>"
        f"<dd><code>{escape(indicator.code)}</code></dd>",
        f"  {kolada}",
        f"  {pxweb}",
        "</dl>",
    ]
    return mark_safe("\n".join(lines))  # every text above is escaped
