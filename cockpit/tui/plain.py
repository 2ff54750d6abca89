"""Text from the data file or the keyboard, made ready for a widget.

Names, titles, reasons and notes are text, never markup: a process called
`Backups [/]` shows those characters, and an escape sequence in a reason shows
as `?` instead of reaching the terminal. Build labels from these (or from
`Content.assemble` of their results), never from an f-string handed to a widget
as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from cockpit.domain.text import printable, printable_document, printable_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from textual.fuzzy import Matcher


def plain(text: str, style: str = "") -> Content:
    """One line as typed: markup characters shown, control characters as `?`."""
    shown = printable(text)
    return Content.styled(shown, style) if style else Content(shown)


def plain_lines(text: str, style: str = "") -> Content:
    """Text over several lines (a note, a message): line breaks kept, the rest as `plain`."""
    shown = printable_lines(text)
    return Content.styled(shown, style) if style else Content(shown)


def markdown_source(text: str) -> str:
    """Markdown for a Markdown viewer: its line breaks kept, tabs as spaces, any other
    control character as `?` (Markdown's own syntax is the point; markup is not read)."""
    return printable_lines(text.expandtabs(4))


def markdown_parser() -> MarkdownIt:
    """The parser for every Markdown viewer: Textual's "gfm-like", with raw HTML off, so
    `reply by <day>` in an instruction shows `<day>` instead of swallowing it as a tag.
    (markdown-it loads here, on first use, not before the first frame.)"""
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like", {"html": False})


def editable(text: str) -> str:
    """Text for an editor (the review's notes): tabs and line breaks kept, any other control
    character as `?`, so an escape sequence in the data file never reaches the terminal."""
    return printable_document(text)


def highlighted(matcher: Matcher, text: str) -> Content:
    """`text` with the letters the fuzzy `matcher` found in it highlighted.

    `Matcher.highlight` reads its candidate as markup: a name holding `[/]` would
    raise, and the palette would drop the hit without a word.
    """
    shown = printable(text)
    content = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if not score:
        return content
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
