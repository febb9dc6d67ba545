"""Bad input gets a clear, located message, and every problem is reported at once.

Each case is a small dataset with one mistake a person could make, and the exact
message they should see: the file, the line of the record's ``[[table]]`` header, the
path to the value using record ids, and what was expected versus what was found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import maritime_crew as mc

PERSON = '[[person]]\nid = "BF1"\nname = "A"\ndiscipline = "deck"\n'
VESSEL = '[[vessel]]\nid = "v"\nname = "V"\ntype = "cutter"\n'
DOCUMENT = '[[document]]\nid = "D"\nkind = "sop"\ntitle = "T"\nowner = "O"\n'
TERMS = '[[terms]]\nid = "tc"\ntitle = "T"\nstatus = "draft"\n'


def work(start: str) -> str:
    return f'[[work_period]]\nperson = "BF1"\nstart = {start}\nend = 2021-02-01T10:00:00Z\n'


MOMENT = "a date and time (YYYY-MM-DDTHH:MM:SS, with an offset or in UK local time)"
VALUE = "a value: text in double quotes, a number, a date, true or false, or a list in [ ]"
PERIOD = "a period such as P5Y, P12M, P90D or PT10H (ISO 8601 duration)"

# (case id, TOML text, problem code, expected str(problem) without the "<case>.toml" prefix)
CASES = [
    (
        "toml-syntax",
        '[[person]]\nid = "BF1"\nname = \n',
        "syntax",
        f":3: invalid TOML at column 8: expected {VALUE}, found the end of the line",
    ),
    (
        "text-without-quotes",
        VESSEL + "home_port = Plymouth Sound\n",
        "syntax",
        f":5: invalid TOML at column 13: expected {VALUE}, found the text 'Plymouth Sound'; "
        'text is written in double quotes, such as name = "HMC Vigilant"',
    ),
    (
        "text-not-closed",
        VESSEL + 'home_port = "Dover\n',
        "syntax",
        ":5: invalid TOML at column 19: expected a closing quote before the end of the line, "
        'found the end of the line; text over several lines goes in triple quotes, """like this"""',
    ),
    (
        "list-not-closed",
        PERSON + 'duty_roles = ["coxswain", "medic"\n',
        "syntax",
        ":6: invalid TOML at column 1: expected ',' between the items of a list, or ']' to end "
        "it, found the end of the file",
    ),
    (
        "header-not-closed",
        '[[vessel]\nid = "v"\n',
        "syntax",
        ":1: invalid TOML at column 9: expected ']]' to close the [[table]] header, "
        "found the text ']'",
    ),
    (
        "field-given-twice",
        VESSEL + 'name = "W"\n',
        "syntax",
        ":5: invalid TOML at column 1: expected each field once in a record, "
        "found 'name' a second time",
    ),
    (
        "list-over-several-lines-given-twice",
        VESSEL + 'name = [\n  "W",\n  "X",\n]\n',
        "syntax",
        ":5: invalid TOML at column 1: expected each field once in a record, "
        "found 'name' a second time",
    ),
    (
        "indented-key-over-several-lines-given-twice",
        VESSEL + '  name = [\n  "W",\n]\n',
        "syntax",
        ":5: invalid TOML at column 3: expected each field once in a record, "
        "found 'name' a second time",
    ),
    (
        "month-that-does-not-exist",
        PERSON + '[[person.certificates]]\ntype = "eng1"\nexpires = 2021-13-01\n',
        "syntax",
        ":7: invalid TOML at column 11: expected a date written YYYY-MM-DD, such as 2021-03-31, "
        "found the date 2021-13-01 (the month must be from 01 to 12)",
    ),
    (
        "day-that-does-not-exist",
        PERSON + "born = 1985-02-29\n",
        "syntax",
        ":5: invalid TOML at column 8: expected a date written YYYY-MM-DD, such as 2021-03-31, "
        "found the date 1985-02-29 (that month has no such day)",
    ),
    (
        "hour-that-does-not-exist",
        work("2021-02-01T24:00:00Z"),
        "syntax",
        ":3: invalid TOML at column 9: expected a date and time written YYYY-MM-DDTHH:MM:SS, "
        "such as 2021-03-31T06:00:00Z, found the date and time 2021-02-01T24:00:00Z "
        "(hours run from 00 to 23)",
    ),
    (
        "unknown-table-with-hint",
        '[[people]]\nid = "x"\n',
        "unknown-table",
        ":1: people: unknown table 'people'; did you mean [[person]]?",
    ),
    (
        "unknown-table-without-hint",
        '[[frobnicate]]\nid = "x"\n',
        "unknown-table",
        ":1: frobnicate: unknown table 'frobnicate'; known tables: vessel, crew, person, "
        "deployment, certificate_type, course, practice_kind, duty_role, pathway, equipment_type, "
        "equipment_item, document, operation, debrief, terms, rest_profile, work_period, waiver",
    ),
    (
        "single-table-instead-of-array",
        '[person]\nid = "x"\n',
        "wrong-type",
        ":1: person: expected a list of records, written [[person]], found a table",
    ),
    (
        "missing-required-field",
        '[[person]]\nid = "BF1"\ndiscipline = "deck"\n',
        "missing-field",
        ":1: person[BF1].name: required field is missing",
    ),
    (
        "unknown-field-with-hint",
        PERSON
        + '[[person.certificates]]\ntype = "eng1"\nissued = 2020-01-01\nexpiry = 2022-01-01\n',
        "unknown-field",
        ":8: person[BF1].certificates[0].expiry: unknown field 'expiry'; did you mean 'expires'?",
    ),
    (
        "unknown-field-without-hint",
        VESSEL + 'colour = "grey"\n',
        "unknown-field",
        ":5: vessel[v].colour: unknown field 'colour'; known fields: id, name, type, home_port, "
        "class_name, length_m, crew_size, complement, status, recorded_by, recorded_on, reason",
    ),
    (
        "text-for-whole-number",
        VESSEL + 'crew_size = "12"\n',
        "wrong-type",
        ":5: vessel[v].crew_size: expected a whole number, found the text '12'",
    ),
    (
        "number-for-text",
        PERSON + '[[person.certificates]]\ntype = "eng1"\nissued = 2020-01-01\nnumber = 1234\n',
        "wrong-type",
        ":8: person[BF1].certificates[0].number: expected text, found the whole number 1234",
    ),
    (
        "boolean-for-whole-number",
        VESSEL + "crew_size = true\n",
        "wrong-type",
        ":5: vessel[v].crew_size: expected a whole number, found true",
    ),
    (
        "fraction-for-whole-number",
        VESSEL + "crew_size = 12.5\n",
        "wrong-type",
        ":5: vessel[v].crew_size: expected a whole number, found the number 12.5",
    ),
    (
        "impossible-date",
        PERSON + '[[person.certificates]]\ntype = "eng1"\nissued = "2020-13-01"\n',
        "invalid-value",
        ":7: person[BF1].certificates[0].issued: expected a date (YYYY-MM-DD), "
        "found the text '2020-13-01' (the month must be from 01 to 12)",
    ),
    (
        "date-in-another-format",
        PERSON + 'born = "01/02/1980"\n',
        "invalid-value",
        ":5: person[BF1].born: expected a date (YYYY-MM-DD), found the text '01/02/1980'",
    ),
    (
        "date-and-time-for-date",
        PERSON + "joined = 2020-03-01T10:00:00\n",
        "wrong-type",
        ":5: person[BF1].joined: expected a date (YYYY-MM-DD), "
        "found the date and time 2020-03-01T10:00:00",
    ),
    (
        "date-for-date-and-time",
        work("2021-02-01"),
        "wrong-type",
        f":3: work_period[0].start: expected {MOMENT}, found the date 2021-02-01",
    ),
    (
        "hour-that-does-not-exist-in-text",
        work('"2021-02-01T24:00:00Z"'),
        "invalid-value",
        f":3: work_period[0].start: expected {MOMENT}, found the text '2021-02-01T24:00:00Z' "
        "(hours run from 00 to 23)",
    ),
    (
        "local-time-in-the-spring-gap",
        work("2021-03-28T01:30:00"),
        "invalid-value",
        f":3: work_period[0].start: expected {MOMENT}, found the text '2021-03-28T01:30:00' "
        "(that local time does not exist in the UK: the clocks went forward; "
        "give the time with an offset, such as +00:00)",
    ),
    (
        "local-time-in-the-autumn-overlap",
        work("2020-10-25T01:30:00"),
        "invalid-value",
        f":3: work_period[0].start: expected {MOMENT}, found the text '2020-10-25T01:30:00' "
        "(that local time happens twice in the UK: the clocks went back; "
        "give the time with an offset, +01:00 for the first or +00:00 for the second)",
    ),
    (
        "period-in-words",
        DOCUMENT + 'review_interval = "12 months"\n',
        "invalid-value",
        f":6: document[D].review_interval: expected {PERIOD}, found the text '12 months'",
    ),
    (
        "fractional-period",
        DOCUMENT + 'review_interval = "P1.5Y"\n',
        "invalid-value",
        f":6: document[D].review_interval: expected {PERIOD}, found the text 'P1.5Y' "
        "(fractions are not allowed; use a smaller unit, e.g. PT90M for 1.5 hours)",
    ),
    (
        "period-as-number",
        DOCUMENT + "review_interval = 12\n",
        "wrong-type",
        ":6: document[D].review_interval: expected a period such as P5Y, P12M or P90D "
        "(ISO 8601 duration), found the whole number 12",
    ),
    (
        "weeks-mixed-with-years",
        DOCUMENT + 'review_interval = "P1Y2W"\n',
        "invalid-value",
        ":6: document[D].review_interval: expected a period in weeks alone, or without weeks, "
        "found the text 'P1Y2W' (ISO 8601 does not combine weeks with other units)",
    ),
    (
        "choice-not-allowed",
        VESSEL.replace('"cutter"', '"frigate"'),
        "invalid-choice",
        ":4: vessel[v].type: expected one of 'cutter', 'cpv', found the text 'frigate'",
    ),
    (
        "choice-misspelt",
        PERSON.replace('"deck"', '"engineer"'),
        "invalid-choice",
        ":4: person[BF1].discipline: expected one of 'deck', 'engineering', 'other', "
        "found the text 'engineer'; did you mean 'engineering'?",
    ),
    (
        "text-for-list",
        PERSON + 'duty_roles = "coxswain"\n',
        "wrong-type",
        ":5: person[BF1].duty_roles: expected a list, found the text 'coxswain'",
    ),
    (
        "text-for-table",
        PERSON + 'certificates = ["STCW II/1"]\n',
        "wrong-type",
        ":5: person[BF1].certificates[0]: expected a table, found the text 'STCW II/1'",
    ),
    (
        "business-year-not-consecutive",
        TERMS + 'business_year = "2021/23"\n',
        "invalid-value",
        ":5: terms[tc].business_year: expected a business year such as 2021/22, "
        "found the text '2021/23' (the year after 2021 is written /22)",
    ),
    (
        "business-year-as-number",
        TERMS + "business_year = 2021\n",
        "wrong-type",
        ":5: terms[tc].business_year: expected a business year such as 2021/22, in quotes, "
        "found the whole number 2021",
    ),
    (
        "age-bands-not-from-zero",
        '[[certificate_type]]\nid = "eng1"\nname = "ENG1"\n'
        'validity = [{ from_age = 18, period = "P2Y" }]\n',
        "invalid-value",
        ":4: certificate_type[eng1].validity: expected age bands starting with from_age = 0, "
        "found the whole number 18 (the first band covers every age up to the next band)",
    ),
    (
        "negative-count",
        VESSEL + 'complement = [{ role = "commander", count = -1 }]\n',
        "invalid-value",
        ":5: vessel[v].complement[0].count: expected a whole number of 0 or more, "
        "found the whole number -1",
    ),
    (
        "deployment-of-person-and-crew",
        '[[deployment]]\nid = "d"\nvessel = "v"\nstart = 2020-01-01\nperson = "BF1"\ncrew = "c"\n',
        "invalid-value",
        ":1: deployment[d]: expected either `person` or `crew`, found both "
        "(a deployment is of one person or of one whole crew)",
    ),
    (
        "amount-as-text",
        TERMS + '[[terms.allowances]]\nid = "a"\nname = "A"\namount = "27.50"\nper = "day"\n',
        "wrong-type",
        ":8: terms[tc].allowances[a].amount: expected a number, found the text '27.50'",
    ),
]


@pytest.mark.parametrize(("case", "text", "code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_its_message(case: str, text: str, code: str, expected: str) -> None:
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name=f"{case}.toml")
    problems = caught.value.problems
    assert [str(p) for p in problems] == [f"{case}.toml{expected}"]
    assert problems[0].code == code
    if code in ("syntax", "wrong-type", "invalid-choice", "unknown-field", "missing-field"):
        assert problems[0].expected
        assert problems[0].found


def test_cases_are_distinct() -> None:
    assert len(CASES) >= 20
    assert len({case[1] for case in CASES}) == len(CASES)


JSON_CASES = [
    (
        '{"person": [{"id": "a", "id": "b"}]}',
        "syntax",
        "in.json: invalid JSON: the key 'id' appears twice",
    ),
    (
        '{"person": [}',
        "syntax",
        "in.json:1: invalid JSON at column 13: expected a value: text in double quotes, a number, "
        "true, false, null, a list in [ ] or an object in { }, found the text '}'",
    ),
    (
        '{"person": [{"id": "a",}]}',
        "syntax",
        "in.json:1: invalid JSON at column 24: expected a name in double quotes "
        "(and no ',' after the last item), found the text '}]}'",
    ),
    (
        "[1, 2]",
        "wrong-type",
        "in.json: expected a table of records at the top of the file, found a list of 2 items",
    ),
    (
        '{"person": [{"id": "a", "name": "A", "discipline": "deck", "born": 19800101}]}',
        "wrong-type",
        "in.json: person[a].born: expected a date (YYYY-MM-DD), found the whole number 19800101",
    ),
]


@pytest.mark.parametrize(("text", "code", "expected"), JSON_CASES)
def test_bad_json_gives_its_message(text: str, code: str, expected: str) -> None:
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, format="json", name="in.json")
    assert [str(p) for p in caught.value.problems] == [expected]
    assert caught.value.problems[0].code == code


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[person]]\nid = "BF1"\nname = 1\ndiscipline = "dek"\n\n'
        '[[person]]\nid = "BF2"\nname = "B"\ndiscipline = "deck"\n'
        '[[person.certificates]]\ntype = "eng1"\nissued = "2020-02-30"\n',
        encoding="utf-8",
    )
    (tmp_path / "b.toml").write_text('[[vessel]]\nid = "v"\nname = \n', encoding="utf-8")
    (tmp_path / "c.json").write_text('{"crew": [{"id": "c"}]}', encoding="utf-8")
    with pytest.raises(mc.DataError) as caught:
        mc.load(tmp_path)
    a, b, c = (str(tmp_path / name) for name in ("a.toml", "b.toml", "c.json"))
    assert [str(p) for p in caught.value.problems] == [
        f"{a}:3: person[BF1].name: expected text, found the whole number 1",
        f"{a}:4: person[BF1].discipline: expected one of 'deck', 'engineering', 'other', "
        "found the text 'dek'; did you mean 'deck'?",
        f"{a}:12: person[BF2].certificates[0].issued: expected a date (YYYY-MM-DD), "
        "found the text '2020-02-30' (that month has no such day)",
        f"{b}:3: invalid TOML at column 8: expected {VALUE}, found the end of the line",
        f"{c}: crew[c].name: required field is missing",
    ]
    assert str(caught.value).splitlines()[0] == "5 problems in 3 files:"


def test_a_missing_path_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(mc.DataError) as caught:
        mc.load(tmp_path / "nowhere")
    assert [p.message for p in caught.value.problems] == ["no such file or directory"]


def test_a_directory_without_data_files_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    with pytest.raises(mc.DataError) as caught:
        mc.load(tmp_path)
    assert [p.message for p in caught.value.problems] == [
        "the directory holds no .toml, .json or .csv files"
    ]


def test_text_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[person]]\nid = "BF1"\nname = "Zoë"\n'.encode("latin-1"))
    with pytest.raises(mc.DataError) as caught:
        mc.load(path)
    (problem,) = caught.value.problems
    assert problem.code == "encoding"
    assert problem.line == 3
    assert "not valid UTF-8" in problem.message


@pytest.mark.parametrize(
    "value",
    ["11/02/1978", "2020-1-20", "20.01.2020", "{ type = 'x', issued = 2020-1-2 }"],
)
def test_a_date_written_another_way_is_explained(value: str) -> None:
    text = f'[[person]]\nid = "BF1"\nname = "A B"\ndiscipline = "deck"\nborn = {value}\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="people.toml")
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("syntax", 5)
    written = value.removeprefix("{ type = 'x', issued = ").removesuffix(" }")
    assert problem.expected == "a date written YYYY-MM-DD, such as 2021-03-31"
    assert problem.found == f"the date {written}"
    assert problem.message.endswith(
        f"found the date {written}; write the year first, then the month and the day, "
        "with two digits each, joined by -"
    )


def test_other_syntax_errors_do_not_mention_dates() -> None:
    text = '[[person]]\nid = "BF1"\nborn = 1978-02-11\nx = [1,\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="people.toml")
    assert "dates are written" not in caught.value.problems[0].message


def test_a_misspelt_field_is_reported_before_the_missing_field_it_causes() -> None:
    text = (
        '[[person]]\nid = "BF1"\nname = "A B"\ndiscipline = "deck"\n'
        'certificates = [{ type = "eng1", isued = 2020-01-20 }]\n'
    )
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="people.toml")
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("unknown-field", "person[BF1].certificates[0].isued"),
        ("missing-field", "person[BF1].certificates[0].issued"),
    ]


def test_a_real_date_next_to_a_syntax_error_is_not_blamed() -> None:
    text = '[[person]]\nid = "BF1"\nborn = 1978-02-11 x\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="people.toml")
    (problem,) = caught.value.problems
    assert problem.message == (
        "invalid TOML at column 19: expected the end of the line after the value "
        "(one field = value on each line), found the text 'x'; "
        'text is written in double quotes, such as name = "HMC Vigilant"'
    )


def _only_syntax_problem(text: str) -> mc.io.Problem:
    """The one problem loading ``text`` as TOML gives, which must be a syntax error."""
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="in.toml")
    (problem,) = caught.value.problems
    assert problem.code == "syntax"
    return problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[vessel]]\nin_service = True\n", "write true and false in lower case"),
        ("[[person]]\nid = 01003\n", "a whole number does not start with 0"),
        (
            "[[document]]\nreview_interval = 12 months\n",
            'a period is written in quotes, such as "P12M" for 12 months',
        ),
        ('[[person]]\nfull name = "A"\n', "a field name is one word, such as home_port"),
        ('[vessel]\nid = "a"\n[vessel]\n', "a list of records has a [[table]] header"),
        ('x = "C:\\data"\n', "write \\\\ for a backslash, or put the text in single quotes"),
    ],
)
def test_common_slips_get_advice(text: str, expected: str) -> None:
    assert expected in _only_syntax_problem(text).message


def test_a_syntax_error_quoting_personal_data_can_be_redacted() -> None:
    text = '[[person]]\nid = "BF1"\nname = Alex Morgan\nborn = 1978-02-30\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="people.toml")
    (problem,) = caught.value.problems
    assert "'Alex Morgan'" in problem.message
    redacted = problem.redacted()
    assert "Alex" not in redacted.message + str(redacted.found)
    assert redacted.message.startswith("invalid TOML at column 8: expected a value")
    assert "found text (withheld)" in redacted.message

    with pytest.raises(mc.DataError) as caught:
        mc.loads(text.replace("Alex Morgan", '"Alex Morgan"'), name="people.toml")
    redacted = caught.value.problems[0].redacted()
    assert "1978" not in redacted.message + str(redacted.found)
    assert "found a date (withheld) (that month has no such day)" in redacted.message


def test_unknown_and_missing_fields_say_what_was_expected_and_found() -> None:
    text = '[[person]]\nid = "BF1"\ndiscipline = "deck"\nnom = "A"\n'
    with pytest.raises(mc.DataError) as caught:
        mc.loads(text, name="people.toml")
    # Each at its line: the missing field at the record's header, the unknown at its own.
    missing, unknown = caught.value.problems
    assert (missing.line, unknown.line) == (1, 4)
    assert (unknown.code, unknown.found) == ("unknown-field", "nom")
    assert unknown.expected is not None
    assert unknown.expected.startswith("one of the fields id, name, discipline, born,")
    assert (missing.code, missing.path) == ("missing-field", "person[BF1].name")
    assert (missing.expected, missing.found) == ("a value for this required field", "no such field")


SAMPLE = (
    '[[person]]\nid = "BF1"\nname = "A B"\ndiscipline = "deck"\nborn = 1980-01-02\n'
    'duty_roles = ["coxswain", "medic"]\n'
    "sizes = [{ equipment = 'dry-suit', size = \"L\" }]\n"
    '[[person.certificates]]\ntype = "eng1"\nissued = 2020-01-01T06:00:00Z\n'
)


@given(
    st.lists(
        st.tuples(
            st.integers(0, len(SAMPLE)),
            st.integers(0, 3),
            st.text(alphabet="[]{}=\"'\\,.#:-+ \n\t\x01aZ019", max_size=3),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_every_toml_syntax_error_is_explained(edits: list[tuple[int, int, str]]) -> None:
    text = SAMPLE
    for position, cut, insert in edits:
        text = text[:position] + insert + text[position + cut :]
    try:
        mc.loads(text, name="in.toml")
    except mc.DataError as error:
        for problem in error.problems:
            if problem.code == "syntax":
                assert problem.message.startswith("invalid TOML at column ")
                assert problem.expected
                assert problem.found
                assert problem.line is not None


@pytest.mark.parametrize(
    ("text", "parser_words"),
    [
        ("name = \n", "Invalid value"),
        ('name = "A" "B"\n', "Expected newline or end of document after a statement"),
        ("= 5\n", "Invalid statement"),
        ('name "A"\n', "Expected '=' after a key in a key/value pair"),
        ("[[]]\n", "Invalid initial character for a key part"),
        ('[[person]\nid = "x"\n', "Expected ']]' at the end of an array declaration"),
        ("[person\n", "Expected ']' at the end of a table declaration"),
        ("x = [1 2]\n", "Unclosed array"),
        ("x = { a = 1", "Unclosed inline table"),
        ('name = "Alex', "Unterminated string"),
        ('name = "Alex\n', "Illegal character"),
        ("name = 'Alex", "Expected"),
        ("name = 'Al\x01ex'\n", "Found invalid character"),
        ('name = "A"\nname = "B"\n', "Cannot overwrite a value"),
        ('[vessel]\nid = "a"\n[vessel]\n', "Cannot declare"),
        ("x = { a = 1 }\nx.b = 2\n", "Cannot mutate immutable namespace"),
        ("x = { a = 1, a = 2 }\n", "Duplicate inline table key"),
        ('x = "C:\\data"\n', "Unescaped '\\' in a string"),
        ('x = "\\u12G4"\n', "Invalid hex value"),
        ('x = "\\uD800"\n', "Escaped character is not a Unicode scalar value"),
        ("born = 2021-02-30\n", "Invalid date or datetime"),
    ],
)
def test_no_syntax_error_is_left_in_the_parser_s_words(text: str, parser_words: str) -> None:
    problem = _only_syntax_problem(text)
    assert parser_words not in problem.message
    assert problem.message.startswith("invalid TOML at column ")
    assert ", found " in problem.message
