"""The two kinds of crisis the assistant answers, and who was harmed in an abuse one.

Shared by the safety screen (which finds them), the replies (which answer them) and the
dialogue (which carries them), so they live in the pure domain layer.
"""

from __future__ import annotations

from typing import Literal

SafetyKind = Literal["self_harm", "abuse"]
AbuseRole = Literal["harmed", "harming", "unclear"]
"""Who was harmed: the user ("harmed"), the partner by the user ("harming"), or unknown."""
