"""An example third-party rule pack: one rule, registered on import."""

from __future__ import annotations

from collections.abc import Iterator

import maritime_crew as mc


@mc.rule(
    code="XMPL001",
    name="single-word-name",
    severity="info",
    summary="A person's recorded name is a single word.",
    rationale="Example plugin rule: full names help identify people. Good practice.",
    parameters=[mc.rules.Parameter("min-words", int, 2, "Fewest words a name should have.")],
    example='A [[person]] with name = "Cher".',
    fix="Record the person's full name.",
    source="good practice",
    each=mc.facts.PEOPLE,  # one person at a time: the timeline follows each on its own
)
def single_word_name(person: mc.model.Person, ctx: mc.rules.Context) -> Iterator[mc.rules.Finding]:
    if len(person.name.split()) < ctx.params["min-words"]:
        yield ctx.about_person(
            person, f"{person.id} has a name of fewer than {ctx.params['min-words']} words"
        )
