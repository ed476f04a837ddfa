"""Text as scraped: markup, control characters and rule lines out, and the limits that keep one
document from costing the run its time. Each change is noted, so the ledger can say what was done."""

from __future__ import annotations

import html
import re

# A long report is 100,000 characters; a page of 2,000,000 is boilerplate or a dump, not a story.
MAX_DOCUMENT_CHARS = 2_000_000
# A news sentence has 20-60 tokens; one of 400 is a table or a list pasted without full stops.
MAX_SENTENCE_TOKENS = 400

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_MARKUP = re.compile(r"<(?:[A-Za-z][\w:-]*|/[A-Za-z][\w:-]*|!--)[^<>]{0,2000}>")
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b[^>]{0,2000}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote)"
                    r"\b[^<>]{0,2000}>", re.IGNORECASE)
_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_NO_WORD = re.compile(r"^[^\w\n]*[^\w\s][^\w\n]*$\n?", re.MULTILINE)   # marks and no word: "-----", "| --- |"


def clean(text: str) -> tuple[str, list[str]]:
    """The text with markup, control characters and rule lines removed, and a note for each kind removed."""
    notes: list[str] = []
    found = len(_CONTROL.findall(text))
    if found:
        text = _CONTROL.sub(" ", text)
        notes.append(f"{found} control character(s) removed")
    if "<" in text and _MARKUP.search(text):
        text, hidden = _HIDDEN.subn(" ", text)
        text, blocks = _BLOCK.subn("\n\n", text)
        text, inline = _MARKUP.subn(" ", text)
        text = _SPACES.sub(" ", text)   # "<b>Russian</b> troops" -> "Russian troops", not "Russian  troops"
        notes.append(f"markup removed ({blocks + inline} tag(s){f', {hidden} script or style block(s)' if hidden else ''})")
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
        text = _CONTROL.sub(" ", text)   # an entity may have stood for one
    if _NO_WORD.search(text):
        text, lines = _NO_WORD.subn("\n", text)
        notes.append(f"{lines} line(s) without words removed")
    return text, notes
