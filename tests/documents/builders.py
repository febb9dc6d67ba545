"""Small hand-built documents, operations and debriefs for the document analyses."""

from __future__ import annotations

from typing import Any

import pendulum

import maritime_crew as mc

D = pendulum.Date


def version(
    label: str, status: str, effective: D | None = None, **fields: Any
) -> mc.DocumentVersion:
    return mc.DocumentVersion(
        label=label, status=mc.VersionStatus(status), effective=effective, **fields
    )


def document(id: str, *versions: mc.DocumentVersion, **fields: Any) -> mc.Document:
    fields.setdefault("kind", mc.DocumentKind.SOP)
    fields.setdefault("title", f"Title of {id}")
    fields.setdefault("owner", "Maritime Operations Lead")
    return mc.Document(id=id, versions=tuple(versions), **fields)


def operation(id: str, vessel: str, start: D, **fields: Any) -> mc.Operation:
    return mc.Operation(id=id, vessel=vessel, kind="boarding", start=start, **fields)


def debrief(id: str, operation: str, date: D, *findings: mc.DebriefFinding) -> mc.Debrief:
    return mc.Debrief(id=id, operation=operation, date=date, findings=findings)


def action(id: str, document: str | None, due: D | None, kind: str = "revise") -> mc.DebriefFinding:
    return mc.DebriefFinding(
        id=id, summary=f"Finding {id}", document=document, action=mc.ActionKind(kind), due=due
    )
