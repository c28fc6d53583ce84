"""The safety screen and what the assistant says when it finds a crisis.

Every user turn passes :func:`screen` before the dialogue sees it. A finding stops the
current exercise; the runtime answers with :func:`crisis_reply`, and after an abuse
disclosure answers requests for apology or reconciliation practice with
:func:`declined_coaching_reply` for the rest of the session.
"""

from assistant.safety.replies import crisis_reply, declined_coaching_reply, resources_reply
from assistant.safety.resources import (
    DEFAULT_REGION,
    KNOWN_REGIONS,
    Helpline,
    SafetyResources,
    resources_for,
)
from assistant.safety.screen import AbuseRole, SafetyFinding, SafetyKind, screen, screen_all

__all__ = [
    "DEFAULT_REGION",
    "KNOWN_REGIONS",
    "AbuseRole",
    "Helpline",
    "SafetyFinding",
    "SafetyKind",
    "SafetyResources",
    "crisis_reply",
    "declined_coaching_reply",
    "resources_for",
    "resources_reply",
    "screen",
    "screen_all",
]
