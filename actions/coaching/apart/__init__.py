"""Time apart (step 8 of the advice): understanding the agreed time to talk again, saying it
back in words, and the few lines said while an agreement runs and when it ends."""

from actions.coaching.apart.agreement import (
    EXCEPTIONS,
    describe_exceptions,
    exceptions_in,
    partner_in,
    preparation_lines,
    read_yes_no,
    session_opening,
)
from actions.coaching.apart.dates import describe_time, parse_agreed_time, time_left
from actions.coaching.apart.payload import ApartPayload

__all__ = [
    "EXCEPTIONS",
    "ApartPayload",
    "describe_exceptions",
    "describe_time",
    "exceptions_in",
    "parse_agreed_time",
    "partner_in",
    "preparation_lines",
    "read_yes_no",
    "session_opening",
    "time_left",
]
