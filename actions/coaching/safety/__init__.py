"""What the assistant says in a crisis, and the resources it names: pure content, shared by
the Rasa actions and the runtime. (Finding a crisis is the runtime's safety guard,
`assistant.safety`, which needs the sentence encoder.)"""

from actions.coaching.safety.kinds import AbuseRole, SafetyKind
from actions.coaching.safety.replies import (
    crisis_reply,
    declined_coaching_reply,
    resources_reply,
    ways_to_reach,
)
from actions.coaching.safety.resources import (
    DEFAULT_REGION,
    KNOWN_REGIONS,
    Helpline,
    SafetyResources,
    resources_for,
)

__all__ = [
    "DEFAULT_REGION",
    "KNOWN_REGIONS",
    "AbuseRole",
    "Helpline",
    "SafetyKind",
    "SafetyResources",
    "crisis_reply",
    "declined_coaching_reply",
    "resources_for",
    "resources_reply",
    "ways_to_reach",
]
