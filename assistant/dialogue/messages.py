"""The bot messages of one turn, taken apart: spoken texts and the custom payloads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from actions.coaching.apart.payload import ApartPayload
from actions.coaching.commitments.payload import CommitmentPayload
from actions.coaching.guided.payload import GuidePayload
from actions.coaching.scenarios.listen_payload import ListenPayload
from actions.payloads import (
    APART_KEY,
    COMMITMENT_KEY,
    EXPECT_KEY,
    FEEDBACK_KEY,
    GUIDE_KEY,
    LISTEN_KEY,
)


def split_messages(
    messages: Sequence[dict[str, Any]],
) -> tuple[
    list[str],
    dict[str, Any] | None,
    str | None,
    ListenPayload | None,
    GuidePayload | None,
    ApartPayload | None,
    CommitmentPayload | None,
]:
    """Separate spoken texts from the machine-readable custom payloads."""
    bot: list[str] = []
    feedback: dict[str, Any] | None = None
    expect: str | None = None
    listen: ListenPayload | None = None
    guide: GuidePayload | None = None
    apart: ApartPayload | None = None
    commitment: CommitmentPayload | None = None
    for message in messages:
        if message.get("text"):
            bot.append(str(message["text"]))
        custom = message.get("custom")
        if isinstance(custom, dict):
            if isinstance(custom.get(FEEDBACK_KEY), dict):
                feedback = custom[FEEDBACK_KEY]
            if isinstance(custom.get(EXPECT_KEY), str):
                expect = custom[EXPECT_KEY]
            if isinstance(custom.get(LISTEN_KEY), dict):
                # The segment is the text said just before its payload; a voice front-end
                # needs to know which of the lines is the partner's own voice.
                sent: ListenPayload = custom[LISTEN_KEY]
                listen = {**sent, "text": bot[-1] if bot else ""}
            if isinstance(custom.get(GUIDE_KEY), dict):
                guide = custom[GUIDE_KEY]
            if isinstance(custom.get(APART_KEY), dict):
                apart = custom[APART_KEY]
            if isinstance(custom.get(COMMITMENT_KEY), dict):
                commitment = custom[COMMITMENT_KEY]
    return bot, feedback, expect, listen, guide, apart, commitment
