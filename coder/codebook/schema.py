"""The codebook schema: one pydantic model per YAML section; unknown keys are refused."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

EVENT_CODE = r"^(?:[0-9]{2,4}[A-Za-z]?|---)$"   # "---": a pattern that matches and codes nothing (it blocks shorter ones)
ACTOR_CODE = r"^(?:[A-Z0-9]{3}|---)(?:[A-Z0-9]{3})*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CodebookInfo(Strict):
    name: StrictStr = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    version: StrictStr
    description: StrictStr = ""
    licence: StrictStr = ""


class Category(Strict):
    code: StrictStr = Field(pattern=EVENT_CODE)
    name: StrictStr
    goldstein: float | None
    quad_class: int | None = Field(ge=1, le=4)   # null only for codes outside CAMEO (imported with --keep-codes)
    description: StrictStr = ""
    subordinate: bool = False


class Example(Strict):
    """A sentence and the events the group's patterns must code from it (`coder codebook test`)."""

    text: StrictStr
    date: dt.date | None = None
    events: list[list[StrictStr | None]] = Field(min_length=1)   # [source, target or null, code]

    @field_validator("events")
    @classmethod
    def _triples(cls, value):
        for event in value:
            if len(event) != 3:
                raise ValueError(f"{event!r}: write each event as [source, target, code] (target may be null)")
        return value


class PatternGroup(Strict):
    code: StrictStr = Field(pattern=EVENT_CODE)
    mutual: bool = False
    fallback: bool = False     # tried only in sentences where no other pattern matched
    lint_ignore: list[StrictStr] = []   # lint findings (L002 ...) that are intended here
    reverse: StrictStr | None = Field(None, pattern=EVENT_CODE)  # also code target -> source with this code
    examples: list[Example] = []    # sentences these patterns must code (coder codebook test)
    phrases: dict[StrictStr, StrictStr] = Field(min_length=1)


class Country(Strict):
    code: StrictStr = Field(pattern=r"^[A-Z]{3}(?:[A-Z]{3})*$")  # PSEGZA: a territory inside a country
    names: list[StrictStr] = Field(min_length=1)
    adjectives: list[StrictStr] = []
    capitals: list[StrictStr] = []


class DatedCode(Strict):
    code: StrictStr = Field(pattern=ACTOR_CODE)
    start: dt.date | None = Field(None, alias="from")
    until: dt.date | None = None


class Actor(Strict):
    names: list[StrictStr] = Field(min_length=1)
    short_names: list[StrictStr] = []
    kind: Literal["person", "organisation", "group"] = "organisation"
    codes: list[DatedCode] = Field(min_length=1)
    lint_ignore: list[StrictStr] = []   # lint findings (L001) that are intended here


class Discards(Strict):
    """Phrases that make the coder skip a sentence (sports results, "years later") or a whole story."""

    sentence: list[StrictStr] = []
    story: list[StrictStr] = []


class CodebookFile(Strict):
    """What one YAML file of a codebook may hold."""

    codebook: CodebookInfo | None = None
    categories: list[Category] = []
    synsets: dict[StrictStr, list[StrictStr]] = {}
    patterns: list[PatternGroup] = []
    countries: list[Country] = []
    actors: list[Actor] = []
    agents: dict[StrictStr, list[StrictStr]] = {}
    not_actors: list[StrictStr] = []
    discards: Discards | None = None

    @field_validator("agents")
    @classmethod
    def _agent_codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for code in value:
            if not re.fullmatch(r"(?:[A-Z0-9]{3})+~?", code):
                raise ValueError(f"agent code {code!r} must be capital letters in threes, e.g. GOV or GOVFRM "
                                 "(a trailing ~ puts it before the country: IGO~)")
        return value
