"""The safety screen's patterns, as data: the blocks they are built from and the pattern
groups in the order the screen tries them (self-harm first). The engine that reads them is
`assistant.safety.screen`."""

from assistant.safety.patterns.abuse import ABUSE
from assistant.safety.patterns.blocks import BLOCKS
from assistant.safety.patterns.group import PatternGroup
from assistant.safety.patterns.self_harm import SELF_HARM

__all__ = ["BLOCKS", "PATTERN_GROUPS", "PatternGroup"]

PATTERN_GROUPS: tuple[PatternGroup, ...] = (*SELF_HARM, *ABUSE)
