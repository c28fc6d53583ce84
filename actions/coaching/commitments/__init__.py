"""Commitments (steps 3 and 6 of the advice): promises you can keep, and keeping them.

Reading a promise (absolute, vague, unverifiable, no action, no time frame) and helping
make it small, specific, observable and time-bound; the role-play where the partner asks
for a promise that cannot honestly be kept; check-ins on kept commitments.
"""

from actions.coaching.commitments.checkin import (
    RESULTS,
    checkin_question,
    checkin_reply,
    read_checkin,
    said_back,
    when_made,
)
from actions.coaching.commitments.payload import CommitmentPayload, CommitmentRecord
from actions.coaching.commitments.promise import (
    EXAMPLE,
    PROBLEMS,
    PromiseAnalysis,
    PromiseFinding,
    advice_lines,
    analyze_promise,
)
from actions.coaching.commitments.roleplay import (
    ROLEPLAY_ASKS,
    RoleplayAnalysis,
    analyze_refusal,
    roleplay_feedback,
)

__all__ = [
    "EXAMPLE",
    "PROBLEMS",
    "RESULTS",
    "ROLEPLAY_ASKS",
    "CommitmentPayload",
    "CommitmentRecord",
    "PromiseAnalysis",
    "PromiseFinding",
    "RoleplayAnalysis",
    "advice_lines",
    "analyze_promise",
    "analyze_refusal",
    "checkin_question",
    "checkin_reply",
    "read_checkin",
    "roleplay_feedback",
    "said_back",
    "when_made",
]
