import random

from django.template.defaultfilters import floatformat
from django.utils import translation

from framja.indicators.selectors import LatestValue
from framja.indicators.templatetags.indicator_values import decimal_text, latest_value_rows


def test_decimal_text_agrees_with_the_floatformat_filter():
    # given numbers that round up, down, to a whole number, to zero and below zero
    numbers = [
        95.25,
        95.2,
        95.0,
        2.675,
        0.125,
        1234.5678,
        -0.001,
        -3.14159,
        0.0,
        -0.0,
        1e-7,
        99.995,
        -7.0,
        190.1,
        -3.5,
        0.05,
        123456.78,
        2.0**53,
        2.0**53 + 2,
        9820766375385342.0,
        1.2345678901234567e25,
        1e-5,
        -0.004,
    ]
    for language, separator in (("sv", ","), ("en", ".")):
        with translation.override(language):
            # then each reads as the filter the template used would have written it
            assert [decimal_text(n, separator) for n in numbers] == [
                floatformat(n, "-2") for n in numbers
            ]


def test_the_rows_escape_every_text_and_name_missing_values():
    # given a value with markup in its texts and one without a value
    values = [
        LatestValue("0012", "<Region>", "K", 12.5, "", "Källa & co"),
        LatestValue("0000", "Riket", "T", None, "..", ""),
    ]

    # when
    with translation.override("sv"):
        html = str(latest_value_rows(values))

    # then
    assert html == (
        '<tr><td>&lt;Region&gt;</td><td>kvinnor</td><td class="number">12,50</td>'
        "<td>–</td><td>Källa &amp; co</td></tr>\n"
        '<tr><td>Riket</td><td>totalt</td><td class="number">saknas</td>'
        "<td>..</td><td>–</td></tr>\n"
    )


def test_repeated_places_and_texts_are_written_as_often_as_they_occur():
    # given one place with a row per sex, markup in a status and a source on several rows
    values = [
        LatestValue("0012", "Skåne & <Blekinge>", "K", 190.1, "<b>", "A & B"),
        LatestValue("0012", "Skåne & <Blekinge>", "M", 7.0, "<b>", "A & B"),
        LatestValue("0012", "Skåne & <Blekinge>", "T", -3.5, "", "A & B"),
    ]

    # when
    with translation.override("sv"):
        html = str(latest_value_rows(values))

    # then
    assert html == (
        "<tr><td>Skåne &amp; &lt;Blekinge&gt;</td><td>kvinnor</td>"
        '<td class="number">190,10</td><td>&lt;b&gt;</td><td>A &amp; B</td></tr>\n'
        "<tr><td>Skåne &amp; &lt;Blekinge&gt;</td><td>män</td>"
        '<td class="number">7</td><td>&lt;b&gt;</td><td>A &amp; B</td></tr>\n'
        "<tr><td>Skåne &amp; &lt;Blekinge&gt;</td><td>totalt</td>"
        '<td class="number">-3,50</td><td>–</td><td>A &amp; B</td></tr>\n'
    )


def test_decimal_text_agrees_with_the_floatformat_filter_on_many_numbers():
    # given numbers of every size with up to four decimals, whole ones and their negatives
    generator = random.Random(20261124)
    numbers = [
        sign * round(generator.uniform(0, 10.0**digits), decimals)
        for digits in range(0, 15)
        for decimals in range(0, 5)
        for sign in (1, -1)
        for _ in range(40)
    ]
    for language, separator in (("sv", ","), ("en", ".")):
        with translation.override(language):
            # then each reads as the filter would have written it
            assert [decimal_text(n, separator) for n in numbers] == [
                floatformat(n, "-2") for n in numbers
            ]
