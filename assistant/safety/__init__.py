"""The safety guard: finding a crisis in what the user says, before the dialogue sees it.

Every user turn passes the guard (`assistant.safety.guard`: the learned classifier on the
sentence encoder, with the pattern screen in `screen` as a second line). A finding stops the
current exercise; what the assistant then says, and the resources it names, are content in
the domain layer (`actions.coaching.safety`), shared with the Rasa actions.
"""

from assistant.safety.screen import AbuseRole, SafetyFinding, SafetyKind, screen, screen_all

__all__ = ["AbuseRole", "SafetyFinding", "SafetyKind", "screen", "screen_all"]
