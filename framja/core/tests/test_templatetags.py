from framja.core.templatetags.framja import paragraphs


def test_it_turns_dash_lines_into_a_list_and_escapes_everything():
    text = "Stort fokus på:\n\n- Hälsa <b>nu</b>\n- Psykisk (o)hälsa\nSlutsats & mer"

    html = paragraphs(text)

    assert html == (
        "<p>Stort fokus på:</p>"
        "<ul><li>Hälsa &lt;b&gt;nu&lt;/b&gt;</li><li>Psykisk (o)hälsa</li></ul>"
        "<p>Slutsats &amp; mer</p>"
    )


def test_it_renders_nothing_for_empty_text():
    assert paragraphs("") == ""


def test_paragraphs_turn_a_hash_line_into_a_subheading():
    html = paragraphs("Inledning\n### Patientperspektivet\n- Jämlik vård")

    assert html == (
        '<p>Inledning</p><p class="subheading">Patientperspektivet</p><ul><li>Jämlik vård</li></ul>'
    )
