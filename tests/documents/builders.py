"""Small hand-built documents, operations and debriefs for the document analyses."""

from __future__ import annotations

from typing import Any

import pendulum

import maritime_crew as mc

D = pendulum.Date


def version(
    label: str, status: str, effective: D | None = None, **fields: Any
) -> mc.model.DocumentVersion:
    return mc.model.DocumentVersion(
        label=label, status=mc.model.VersionStatus(status), effective=effective, **fields
    )


def document(id: str, *versions: mc.model.DocumentVersion, **fields: Any) -> mc.model.Document:
    fields.setdefault("kind", mc.model.DocumentKind.SOP)
    fields.setdefault("title", f"Title of {id}")
    fields.setdefault("owner", "Maritime Operations Lead")
    return mc.model.Document(id=id, versions=tuple(versions), **fields)


def operation(id: str, vessel: str, start: D, **fields: Any) -> mc.model.Operation:
    return mc.model.Operation(id=id, vessel=vessel, kind="boarding", start=start, **fields)


def debrief(
    id: str, operation: str, date: D, *findings: mc.model.DebriefFinding
) -> mc.model.Debrief:
    return mc.model.Debrief(id=id, operation=operation, date=date, findings=findings)


def action(
    id: str, document: str | None, due: D | None, kind: str = "revise"
) -> mc.model.DebriefFinding:
    return mc.model.DebriefFinding(
        id=id, summary=f"Finding {id}", document=document, action=mc.model.ActionKind(kind), due=due
    )
