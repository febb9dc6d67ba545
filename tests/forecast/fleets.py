"""A small hand-worked fleet with one obligation of each kind, for the forecast tests.

The forecast date is 2021-03-31; with a 30-day window the last day is 2021-04-30.
"""

from __future__ import annotations

import maritime_crew as mc

AS_OF = "2021-03-31"

TOML = """
[[vessel]]
id = "vigilant"
name = "HMC Vigilant"
type = "cutter"

[[vessel]]
id = "valiant"
name = "HMC Valiant"
type = "cutter"

[[crew]]
id = "vigilant-a"
name = "Vigilant A"
vessel = "vigilant"

[[crew]]
id = "valiant-a"
name = "Valiant A"
vessel = "valiant"

[[certificate_type]]
id = "eng1"
name = "ENG1 medical"
kind = "medical"
validity = "P2Y"

[[certificate_type]]
id = "gmdss"
name = "GMDSS"
kind = "proficiency"
validity = "P5Y"

[[course]]
id = "officer-safety"
name = "Officer safety training"
validity = "P1Y"

[[course]]
id = "first-aid"
name = "First aid"
validity = "P3Y"

[[duty_role]]
id = "boarding-officer"
name = "Boarding officer"
courses = ["officer-safety"]
certificates = ["eng1"]

[[equipment_type]]
id = "dry-suit"
name = "Dry suit"
services = [
    { kind = "pressure-test", interval = [
        { from_age = 0, period = "P3Y" },
        { from_age = 10, period = "P2Y" },
    ] },
]

[[equipment_type]]
id = "helmet"
name = "Boarding helmet"
services = [{ kind = "inspection", interval = "P12M" }]
shelf_life = "P5Y"

[[equipment_type]]
id = "plb"
name = "Personal locator beacon"

# Tested at 7 (2019-04-15): the 3-year interval would run to 2022-04-15, but the suit
# turns 10 on 2021-04-20 and from then is tested every 2 years, so it is due
# max(2019-04-15 + 2 years, 2021-04-20) = 2021-04-20.
[[equipment_item]]
id = "DS-OLD"
type = "dry-suit"
manufactured = 2011-04-20
services = [{ kind = "pressure-test", date = 2019-04-15 }]

# A young suit tested on 2018-04-30 is due 3 years later, on 2021-04-30.
[[equipment_item]]
id = "DS-NEW"
type = "dry-suit"
manufactured = 2017-01-10
services = [{ kind = "pressure-test", date = 2018-04-30 }]

# Inspected 2020-05-01: due 2021-05-01, the day after a 30-day window.
# Shelf life P5Y from 2016-05-01 ends on 2021-04-30, the last day of the window.
[[equipment_item]]
id = "BH-1"
type = "helmet"
manufactured = 2016-05-01
services = [{ kind = "inspection", date = 2020-05-01 }]

# Marked battery date on the last day of the window; not issued to anyone.
[[equipment_item]]
id = "PLB-STORE"
type = "plb"
expires = 2021-04-30

# Marked date inside the window, issued to BF2.
[[equipment_item]]
id = "PLB-2"
type = "plb"
expires = 2021-04-10

# Withdrawn before the forecast date: never forecast.
[[equipment_item]]
id = "PLB-GONE"
type = "plb"
expires = 2021-04-10
status = "withdrawn"
status_date = 2021-01-01

[[person]]
id = "BF1"
name = "Alex Morgan"
discipline = "deck"
crew = "vigilant-a"
duty_roles = ["boarding-officer"]
certificates = [
    { type = "eng1", number = "M-1", issued = 2019-04-30, expires = 2021-04-29 },
    { type = "gmdss", number = "G-1", issued = 2016-05-01 },
]
training = [
    { course = "officer-safety", completed = 2020-04-30 },
    { course = "first-aid", completed = 2018-05-02 },
]
issues = [
    { item = "DS-OLD", issued = 2019-01-01 },
    { item = "BH-1", issued = 2019-01-01 },
    { item = "PLB-GONE", issued = 2019-01-01 },
]

[[person]]
id = "BF2"
name = "Sam Carrow"
discipline = "deck"
crew = "valiant-a"
certificates = [
    # Expires inside the window, but a renewal is already issued: nothing to forecast.
    { type = "eng1", number = "M-2", issued = 2019-04-10, expires = 2021-04-09 },
    { type = "eng1", number = "M-3", issued = 2021-03-01, expires = 2023-02-28 },
]
training = [
    # Expires at the end of 2021-04-15; a place is booked (a future record), which does not
    # clear it.
    { course = "officer-safety", completed = 2020-04-16 },
    { course = "officer-safety", completed = 2021-04-20 },
]
issues = [
    { item = "DS-NEW", issued = 2020-01-01 },
    { item = "PLB-2", issued = 2020-01-01 },
]

# Left the command: nothing of theirs is forecast.
[[person]]
id = "BF3"
name = "Former Member"
discipline = "deck"
left = 2021-01-31
certificates = [{ type = "eng1", issued = 2019-04-10, expires = 2021-04-09 }]

[[document]]
id = "SOP-A"
kind = "sop"
title = "Boarding"
owner = "Operations Lead"
review_interval = "P12M"
vessels = ["vigilant"]
versions = [{ label = "1.0", status = "approved", effective = 2020-04-30 }]

# No interval: the default P12M applies; last reviewed 2020-05-01, due the day after
# the 30-day window.
[[document]]
id = "SOP-B"
kind = "sop"
title = "Sea boat"
owner = "Operations Lead"
versions = [{ label = "1.0", status = "approved", effective = 2019-01-01 }]
reviews = [{ date = 2020-05-01 }]

# Overdue already (due 2020-01-01): check's business, not the forecast's.
[[document]]
id = "SOP-C"
kind = "sop"
title = "Fire"
owner = "Operations Lead"
versions = [{ label = "1.0", status = "approved", effective = 2019-01-01 }]

[[operation]]
id = "OP-1"
vessel = "valiant"
kind = "patrol"
start = 2021-03-01
crew = "valiant-a"

[[debrief]]
id = "DB-1"
operation = "OP-1"
date = 2021-03-05
vessel = "valiant"
led_by = "BF2"
findings = [
    { id = "F-OPEN", summary = "x", document = "SOP-A", action = "revise", due = 2021-04-30 },
    { id = "F-CLOSED", summary = "x", document = "SOP-B", action = "review", due = 2021-04-20 },
    { id = "F-NONE", summary = "x", action = "none", due = 2021-04-20 },
    { id = "F-LATER", summary = "x", document = "SOP-A", action = "review", due = 2021-05-01 },
]

[[document]]
id = "SOP-D"
kind = "sop"
title = "Closes F-CLOSED"
owner = "Operations Lead"
review_interval = "P24M"
versions = [
    { label = "1.0", status = "approved", effective = 2021-03-20, addresses = ["F-CLOSED"] },
]

[[terms]]
id = "tc-new"
title = "New terms"
status = "consultation"
effective = 2021-05-01

[terms.consultation]
opens = 2021-03-01
closes = 2021-04-30
responses = [{ id = "R-1", received = 2021-03-10 }]

[[terms]]
id = "tc-old"
title = "Old terms"
status = "in-force"
effective = 2021-03-31
"""


def small_fleet() -> mc.model.Fleet:
    """The hand-worked fleet above."""
    return mc.loads(TOML)
