"""CommitmentsDialogue without the trained model: what is kept, when a check-in is asked,
and that nothing is kept from a turn the safety screen flagged. The inner dialogue is a
DOUBLE that returns scripted results (the chat tests run the real one)."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from actions.payloads import COMMITMENTS_CONTEXT_KEY
from assistant.journal.commitments import CommitmentsDialogue, commitments_key
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.support.scripted import ScriptedDialogue, result

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
RECORD = {
    "id": "c1",
    "text": "I'll call you every evening at 8 this week",
    "partner": "him",
    "made": (NOW - timedelta(days=2)).isoformat(),
    "checked": None,
    "outcomes": [],
}


def test_only_a_promise_the_user_asked_to_keep_is_kept_and_never_from_a_flagged_turn(
    tmp_path: Path,
) -> None:
    made = {"made": dict(RECORD, id="new"), "keep": True}
    script = [
        result(exercise="commitments", commitment={"made": RECORD, "keep": False}),
        result(exercise="commitments", commitment=made, safety="self_harm"),
        result(exercise="commitments", commitment=made),
    ]
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        dialogue = CommitmentsDialogue(ScriptedDialogue(script), journal, clock=lambda: NOW)
        for _ in range(3):
            asyncio.run(dialogue.handle("s", "x"))
        kept = [i for i in journal.export()["progress"] if i["key"].startswith("commitments/")]
    assert [record["id"] for record in kept[0]["value"]] == ["new"]


def test_a_later_day_asks_once_and_hands_the_commitment_to_the_actions(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        journal.save_progress(commitments_key("s"), json.dumps([RECORD]))
        inner = ScriptedDialogue(
            [result(), result(commitment={"checkin": {"id": "c1", "result": "partly"}})]
        )
        dialogue = CommitmentsDialogue(inner, journal, clock=lambda: NOW)
        first = asyncio.run(dialogue.handle("s", "hi"))
        assert first.bot[-1] == (
            "On Monday you said you'd call him every evening at 8 this week. How did it go: "
            "kept, partly, or missed?"
        )
        assert inner.contexts[0][COMMITMENTS_CONTEXT_KEY]["checkin"] is None  # asked after
        asyncio.run(dialogue.handle("s", "partly"))
        assert inner.contexts[1][COMMITMENTS_CONTEXT_KEY]["checkin"]["id"] == "c1"
        [record] = json.loads(journal.load_progress(commitments_key("s"), timedelta(days=1)) or "")
    assert record["outcomes"] == ["partly"] and record["checked"] == NOW.isoformat()
    assert dialogue.opening("s") == []  # once per run
