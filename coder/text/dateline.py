"""Datelines: the story's date and place at the start of a text, kept out of its first sentence."""

from __future__ import annotations

import datetime as dt
import re

# "date 2025-09-06 Beijing: ..." (the project's sample format)
_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{1,2}-\d{1,2})\s+([^:\n]{0,80}):\s*", re.IGNORECASE)
# "GAZA CITY, Palestinian Territories: ..." or "LYON: ..." or "BEIJING (Reuters) - ..."
_PLACE_LINE = re.compile(
    r"\A\s*[A-Z][A-Z .'-]{1,40}(?:,[^:\n]{1,40})?(?:\s*\([^)\n]{1,30}\))?\s*(?::|\s[-–—])\s+"
)


class BadDate(ValueError):
    """A date that is not a real calendar date in ISO form."""


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")


def parse_date(value: str) -> dt.date:
    """An ISO date (YYYY-MM-DD, or a timestamp that starts with one); BadDate otherwise."""
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":   # the usual form: read by the datetime module
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass   # the pattern below says what is wrong
    m = _ISO_DATE.match(text)
    if not m:
        raise BadDate(f"bad date {text!r}: expected YYYY-MM-DD")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise BadDate(f"bad date {text!r}: {exc}") from None


def read_dateline(text: str) -> tuple[dt.date | None, str, str]:
    """(date, place, text without the dateline). BadDate if the dateline's date is impossible."""
    m = _DATE_LINE.match(text)
    if m:
        return parse_date(m[1]), m[2].strip(), text[m.end():]
    m = _PLACE_LINE.match(text)
    if m:
        return None, m.group().strip(" :-–—"), text[m.end():]
    return None, "", text
