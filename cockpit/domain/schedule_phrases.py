"""The phrase language of schedules: what a typed phrase means, in canonical words.

`read_calendar` turns a calendar phrase ("every 2 weeks on fri", "monthly on the
last weekday") into its canonical phrase and RRULE body; `read_after_done` reads
"3 days after done"; `checked_rrule` accepts a raw RRULE or says why it cannot
work. `cockpit.domain.schedule.parse_schedule` puts these together into a
`Schedule`.

Month ends: a phrase naming the 29th, 30th or 31st falls on the last day of a
shorter month (an owner who invoices on the 31st still invoices in February):
"monthly on the 31st" is BYMONTHDAY=28,29,30,31;BYSETPOS=-1, and "yearly on
02-29" falls on Feb 28 in common years. Raw RRULEs are taken literally (RFC 5545
skips months without the day).

Cockpit schedules dates, not times: sub-daily RRULEs (FREQ=HOURLY..., BYHOUR,
BYMINUTE, BYSECOND) are refused.
"""

from __future__ import annotations

import re
from datetime import date

from cockpit.domain.errors import ScheduleError
from cockpit.domain.rrule_dates import build_rrule, month_day, rule_parts

# Phrases that work, shown in error messages and help. The 29th, 30th and 31st
# fall on the last day of shorter months; "yearly on 02-29" on Feb 28 in common years.
EXAMPLES: tuple[str, ...] = (
    "daily", "weekdays", "every mon, thu", "weekly on fri", "every 2 weeks on fri",
    "every 3 days", "monthly on the 15th", "monthly on the 31st", "monthly on the last day",
    "monthly on the last fri", "monthly on the 2nd tue", "monthly on the last weekday",
    "quarterly", "yearly on 01-31", "3 days after done", "on demand",
    "RRULE:FREQ=WEEKLY;BYDAY=TU",
)  # fmt: skip
ON_DEMAND_PHRASES = frozenset({"on demand", "on-demand", "manual", "manually"})

_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SHORT = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    name: code
    for code, names in zip(_CODES, (
        "mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
        "fri friday", "sat saturday", "sun sunday"), strict=True)
    for name in names.split()
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1}
_WEEKDAYS = "MO,TU,WE,TH,FR"
_MAX_EVERY = 999
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_SUB_DAILY = ("FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=SECONDLY", "BYHOUR", "BYMINUTE", "BYSECOND")
_DAYS = r"[a-z]+(?:(?:, and |, | and )[a-z]+)*"
_EVERY = r"every (?:(?P<n>\d+) {unit}s?|(?P<other>other) {unit}|{unit})"


def normalized(text: str) -> str:
    """The phrase in lower case, with single spaces and ", " between list items."""
    return re.sub(r"\s+", " ", re.sub(r"\s*,\s*", ", ", text.strip().lower()))


def is_raw_rrule(phrase: str) -> bool:
    """Whether a (normalized) phrase is written as an RRULE rather than in words."""
    return phrase.startswith(("rrule:", "freq=")) or "dtstart" in phrase


def read_after_done(phrase: str) -> tuple[str, int, str] | None:
    """The canonical phrase, amount and unit ("days", "weeks", "months") of an
    after-done phrase, or None."""
    match = re.fullmatch(r"(?:every )?(\d+) (day|week|month)s? after (?:done|completion)", phrase)
    if match is None:
        return None
    every, unit = _amount(match[1]), match[2]
    canonical = f"{every} {unit}{'' if every == 1 else 's'} after done"
    return canonical, every, f"{unit}s"


def read_calendar(phrase: str) -> tuple[str, str] | None:
    """The canonical phrase and RRULE body of a calendar phrase, or None."""
    if phrase in ("daily", "every day"):
        return "daily", "FREQ=DAILY"
    if phrase in ("weekdays", "every weekday"):
        return "weekdays", f"FREQ=WEEKLY;BYDAY={_WEEKDAYS}"
    if match := re.fullmatch(r"every other day|every (\d+) days?", phrase):
        every = 2 if match[1] is None else _amount(match[1])
        return (
            read_calendar("daily") if every == 1 else (f"every {every} days", _rule("DAILY", every))
        )
    if match := re.fullmatch(
        rf"(?:weekly|biweekly|{_EVERY.format(unit='week')})(?: on ({_DAYS}))?", phrase
    ):
        return _weekly(_interval(match, phrase.startswith("biweekly")), match[3])
    if match := re.fullmatch(rf"(?:monthly|{_EVERY.format(unit='month')})(?: on (.+))?", phrase):
        return _monthly(_interval(match, False), match[3])
    if match := re.fullmatch(r"quarterly(?: on (?:the )?(first day|1st|last day))?", phrase):
        if match[1] == "last day":
            return "quarterly on the last day", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
        return "quarterly", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1"
    if match := re.fullmatch(r"(?:yearly|annually|every year)(?: on (\d{1,2})-(\d{1,2}))?", phrase):
        return _yearly(match[1], match[2])
    if match := re.fullmatch(rf"every ({_DAYS})", phrase):
        return _every_days(match[1])
    return None


def _interval(match: re.Match[str], biweekly: bool) -> int:
    if biweekly or match["other"]:
        return 2
    return _amount(match["n"]) if match["n"] else 1


def _amount(digits: str) -> int:
    amount = int(digits)
    if not 1 <= amount <= _MAX_EVERY:
        raise ScheduleError(f"an interval goes from 1 to {_MAX_EVERY}, not {amount}")
    return amount


def _rule(freq: str, interval: int, *by: str) -> str:
    return ";".join((f"FREQ={freq}", *([f"INTERVAL={interval}"] if interval > 1 else []), *by))


def _day_codes(days: str) -> list[str] | None:
    names = re.split(r", and |, | and ", days)
    if not all(name in _DAY_NAMES for name in names):
        return None
    return sorted({_DAY_NAMES[name] for name in names}, key=_CODES.index)


def _day_text(codes: list[str]) -> str:
    return ", ".join(_SHORT[_CODES.index(code)] for code in codes)


def _weekly(interval: int, days: str | None) -> tuple[str, str] | None:
    head = "weekly" if interval == 1 else f"every {interval} weeks"
    if days is None:
        return head, _rule("WEEKLY", interval)
    codes = _day_codes(days)
    if codes is None:
        return None
    return f"{head} on {_day_text(codes)}", _rule("WEEKLY", interval, f"BYDAY={','.join(codes)}")


def _every_days(days: str) -> tuple[str, str] | None:
    codes = _day_codes(days)
    if codes is None:
        return None
    if len(codes) == len(_CODES):
        return "daily", "FREQ=DAILY"
    if ",".join(codes) == _WEEKDAYS:
        return "weekdays", f"FREQ=WEEKLY;BYDAY={_WEEKDAYS}"
    return f"every {_day_text(codes)}", f"FREQ=WEEKLY;BYDAY={','.join(codes)}"


def _monthly(interval: int, on: str | None) -> tuple[str, str] | None:
    head = "monthly" if interval == 1 else f"every {interval} months"
    if on is None:
        return head, _rule("MONTHLY", interval)
    on = {"first day": "1st"}.get(on.removeprefix("the "), on.removeprefix("the "))
    if on == "last day":
        by = "BYMONTHDAY=-1"
    elif match := re.fullmatch(r"(first|1st|last) weekday", on):
        on = f"{'last' if match[1] == 'last' else 'first'} weekday"
        by = f"BYDAY={_WEEKDAYS};BYSETPOS={-1 if match[1] == 'last' else 1}"
    elif (match := re.fullmatch(r"([a-z0-9]+) ([a-z]+)", on)) and match[1] in _ORDINALS:
        nth, codes = _ORDINALS[match[1]], _day_codes(match[2])
        if codes is None:
            return None
        if nth == 5:
            raise ScheduleError("an nth weekday of the month goes from the 1st to the 4th, or last")
        on = f"{'last' if nth == -1 else _ordinal(nth)} {_day_text(codes)}"
        by = f"BYDAY={nth:+d}{codes[0]}"
    elif match := re.fullmatch(r"(?:day )?(\d+)(?:st|nd|rd|th)?", on):
        day = int(match[1])
        if day > 31:
            raise ScheduleError(f"a month has at most 31 days, so there is no {_ordinal(day)}")
        if day < 1:
            raise ScheduleError("a day of the month goes from the 1st to the 31st")
        on, by = _ordinal(day), month_day(day)
    else:
        return None
    return f"{head} on the {on}", _rule("MONTHLY", interval, by)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _yearly(month_text: str | None, day_text: str | None) -> tuple[str, str]:
    if month_text is None or day_text is None:
        return "yearly", "FREQ=YEARLY"
    month, day = int(month_text), int(day_text)
    try:
        date(2000, month, day)  # a leap year: 02-29 is a real date
    except ValueError:
        raise ScheduleError(
            f'"{month_text}-{day_text}" is not a date; write the month and day as MM-DD, e.g. 01-31'
        ) from None
    return (
        f"yearly on {month:02d}-{day:02d}",
        f"FREQ=YEARLY;BYMONTH={month};{month_day(day, month)}",
    )


def checked_rrule(text: str) -> str:
    """The normalized body of a raw RRULE, refused with a reason when it cannot work."""
    body = re.sub(r"\s+", "", text).upper().removeprefix("RRULE:")
    body = ";".join(part for part in body.split(";") if part)
    if "DTSTART" in body:
        raise ScheduleError(
            "an RRULE here must not carry DTSTART: it starts on the process's start date"
        )
    if malformed := [part for part in body.split(";") if part and "=" not in part]:
        raise ScheduleError(f'broken RRULE "{body}": "{malformed[0]}" is not NAME=VALUE')
    if not re.search(r"(^|;)FREQ=", body):
        raise ScheduleError(f'broken RRULE "{body}": FREQ is missing, e.g. FREQ=WEEKLY')
    if any(part in body for part in _SUB_DAILY):
        raise ScheduleError("Cockpit schedules dates, not times: use FREQ=DAILY or longer")
    names = [part.split("=", 1)[0] for part in body.split(";")]
    if twice := sorted({name for name in names if names.count(name) > 1}):
        raise ScheduleError(f'broken RRULE "{body}": {twice[0]} is given twice')
    parts = rule_parts(body)
    if parts.get("FREQ") not in _FREQUENCIES:
        raise ScheduleError(
            f"unknown frequency {parts.get('FREQ') or '(none)'}; use "
            + ", ".join(_FREQUENCIES[:-1])
            + f" or {_FREQUENCIES[-1]}"
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise ScheduleError(f'broken RRULE "{body}": use COUNT or UNTIL, not both')
    try:
        parsed = build_rrule(body, date(1900, 1, 1))
    except (ValueError, TypeError, KeyError) as error:
        raise ScheduleError(f'broken RRULE "{body}": {error}') from None
    if int(parts.get("INTERVAL", "1")) < 1:
        raise ScheduleError(f'broken RRULE "{body}": INTERVAL must be at least 1')
    if int(parts.get("COUNT", "1")) < 1:
        raise ScheduleError(f'broken RRULE "{body}": COUNT must be at least 1')
    if next(iter(parsed.replace(count=None)), None) is None:
        raise ScheduleError(f'the RRULE "{body}" never falls on a date')
    return body
