"""The commitments analyzer: which promises can be kept, check-in answers, the role-play."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from actions.coaching.commitments import (
    advice_lines,
    analyze_promise,
    analyze_refusal,
    checkin_question,
    checkin_reply,
    read_checkin,
    roleplay_feedback,
    said_back,
)


@pytest.mark.parametrize(
    ("promise", "labels"),
    [
        ("I'll never hurt you again", ("absolute", "no_action")),
        ("I'll change", ("vague", "no_action", "no_timeframe")),
        ("I'll be better", ("vague", "no_action", "no_timeframe")),
        ("I will be more honest with you", ("unverifiable", "no_action", "no_timeframe")),
        ("I'll always tell you the truth", ("absolute",)),
        ("I'll text you more", ("no_timeframe",)),
        ("I won't drink again", ("absolute", "no_action")),
    ],
)
def test_promises_that_cannot_be_kept_or_seen_are_flagged(
    promise: str, labels: tuple[str, ...]
) -> None:
    analysis = analyze_promise(promise)
    assert analysis.labels == labels
    assert not analysis.keepable
    assert analysis.score < 100


@pytest.mark.parametrize(
    "promise",
    [
        "I'll text you when I leave work, every day this month",
        "I'll be home by 7 every night this week",
        "I'll show you my phone whenever you ask, for the next month",
        "I'm going to book a counselling session by Friday",
    ],
)
def test_small_specific_observable_time_bound_promises_are_keepable(promise: str) -> None:
    analysis = analyze_promise(promise)
    assert analysis.keepable, analysis.labels
    assert analysis.score == 100
    assert advice_lines(analysis) == []


def test_advice_quotes_the_words_and_offers_a_small_example() -> None:
    lines = advice_lines(analyze_promise("I'll never hurt you again"), "her")
    assert lines[0].startswith("Saying “never” promises every day from now on")
    assert lines[-1].endswith("I'll text you when I leave work, every day this month.")
    vague = advice_lines(analyze_promise("i'll change"), "him")
    assert "“I'll change”" in vague[0] and "What would he actually see you do?" in vague[0]
    assert len(vague) <= 3


@pytest.mark.parametrize(
    ("answer", "result"),
    [
        ("I kept it", "kept"),
        ("yes, every day", "kept"),
        ("partly, most days", "partly"),
        ("not every day", "partly"),
        ("I missed it", "missed"),
        ("no, I forgot", "missed"),
        ("what's the weather", None),
    ],
)
def test_check_in_answers_are_read(answer: str, result: str | None) -> None:
    assert read_checkin(answer) == result


def test_the_promise_is_said_back_in_the_coachs_words() -> None:
    assert (
        said_back("I'll text you when I leave work, every day this month.", "her")
        == "you'd text her when you leave work, every day this month"
    )
    assert said_back("Home by seven", "him") == "you'd keep this promise: “Home by seven”"


def test_the_check_in_names_when_and_never_blames() -> None:
    zone = timezone(timedelta(hours=1))
    made = datetime(2026, 11, 24, 20, 0, tzinfo=zone)
    now = datetime(2026, 12, 2, 9, 0, tzinfo=zone)
    question = checkin_question("I'll text you when I leave work, every day", "her", made, now)
    assert question == (
        "Last week you said you'd text her when you leave work, every day. How did it go: "
        "kept, partly, or missed?"
    )
    missed = " ".join(checkin_reply("missed", "her")).lower()
    assert "smaller" in missed
    for word in ("should have", "fail", "disappoint", "again?"):
        assert word not in missed


def test_the_role_play_rewards_an_honest_no_with_a_real_offer() -> None:
    good = analyze_refusal(
        "I understand why you ask. I can't promise never, I'm not perfect and it wouldn't be "
        "honest. What I can promise is I'll tell you where I am every evening this month."
    )
    assert good.labels == ("acknowledged", "honest_why", "realistic_offer")
    assert good.score == 100
    gave_in = analyze_refusal("Okay, I promise. I will never make you feel like this again.")
    assert "absolute_promise" in gave_in.labels and gave_in.score == 0
    assert "can't be kept" in roleplay_feedback(gave_in)[0]
    pushed = analyze_refusal("You're being unreasonable, I said I'm sorry.")
    assert "invalidating" in pushed.labels
    assert roleplay_feedback(pushed)[-1] == "Say try again for another go, or stop."
