"""Guided reflections, without Rasa: the content covers the whole brief, each reflection
fits 5-15 minutes when spoken, and navigation and command reading hold at the edges."""

from __future__ import annotations

import pytest

from actions.coaching.guided import (
    REFLECTIONS,
    get_reflection,
    named_reflection,
    suggest_reflection,
)
from actions.coaching.guided.base import (
    ADVICE_THEMES,
    ALL_THEMES,
    SPEAKING_RATE_WPM,
    GuidedReflection,
    Step,
)
from actions.coaching.guided.commands import read_command
from actions.coaching.guided.navigation import (
    FASTEST_PACE,
    SLOWEST_PACE,
    Command,
    Position,
    navigate,
    time_left_words,
)

LONG_ROAD = get_reflection("the-long-road")


# -- content ------------------------------------------------------------------------------


def test_at_least_three_reflections_with_distinct_ids_titles_and_aliases() -> None:
    assert len(REFLECTIONS) >= 3
    assert len({r.id for r in REFLECTIONS}) == len(REFLECTIONS)
    assert len({r.title for r in REFLECTIONS}) == len(REFLECTIONS)
    aliases = [alias for r in REFLECTIONS for alias in r.aliases]
    assert len(set(aliases)) == len(aliases), "an alias must pick one reflection only"


def test_together_they_cover_every_theme_of_the_content_brief() -> None:
    assert len(ADVICE_THEMES) == 9  # the nine pieces of advice in CONTENT.md
    covered = {tag for r in REFLECTIONS for step in r.steps for tag in step.tags}
    assert covered == ALL_THEMES, f"missing: {sorted(ALL_THEMES - covered)}"


def test_every_tag_is_a_known_theme() -> None:
    for reflection in REFLECTIONS:
        for step in reflection.steps:
            assert step.tags <= ALL_THEMES, (reflection.id, step.id, step.tags - ALL_THEMES)


@pytest.mark.parametrize("reflection", REFLECTIONS, ids=lambda r: r.id)
def test_each_lasts_5_to_15_minutes_when_spoken_with_its_silences(
    reflection: GuidedReflection,
) -> None:
    spoken_s = sum(len(step.text.split()) for step in reflection.steps) * 60 / SPEAKING_RATE_WPM
    silences_s = sum(step.silence_s for step in reflection.steps)
    assert reflection.duration_s == pytest.approx(spoken_s + silences_s)
    assert 5 * 60 <= reflection.duration_s <= 15 * 60
    assert 5 <= reflection.minutes <= 15


@pytest.mark.parametrize("reflection", REFLECTIONS, ids=lambda r: r.id)
def test_each_has_real_silences_answers_and_closes_on_the_kintsugi_image(
    reflection: GuidedReflection,
) -> None:
    assert all(step.silence_s >= 15 for step in reflection.steps)
    answers = [step for step in reflection.steps if step.invites_answer]
    assert 2 <= len(answers) < len(reflection.steps)
    closing = reflection.steps[-1]
    assert "kintsugi_gold_repair" in closing.tags
    assert "gold" in closing.text.lower()
    assert not closing.invites_answer  # the closing is listened to, not answered
    assert not any("kintsugi_gold_repair" in step.tags for step in reflection.steps[:-1])


def test_wabi_sabi_is_named_as_the_aesthetic_kintsugi_belongs_to() -> None:
    tagged = [s for r in REFLECTIONS for s in r.steps if "wabi_sabi" in s.tags]
    assert tagged and all("wabi-sabi" in s.text and "Kintsugi" in s.text for s in tagged)


def test_steps_must_exist_and_have_unique_ids() -> None:
    with pytest.raises(ValueError, match="no steps"):
        GuidedReflection("empty", "Empty", (), "", ())
    step = Step("a", "Say something.", 10)
    with pytest.raises(ValueError, match="repeats"):
        GuidedReflection("twice", "Twice", (), "", (step, step))


def test_remaining_time_counts_from_the_start_of_a_step() -> None:
    steps = LONG_ROAD.steps
    assert LONG_ROAD.remaining_s(0) == pytest.approx(LONG_ROAD.duration_s)
    assert LONG_ROAD.remaining_s(len(steps) - 1) == pytest.approx(steps[-1].duration_s)
    assert LONG_ROAD.remaining_s(len(steps)) == 0
    assert LONG_ROAD.step_index("closing") == len(steps) - 1


# -- choosing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the one before a hard conversation", "before-a-hard-conversation"),
        ("I have a hard conversation with her tonight", "before-a-hard-conversation"),
        ("after an argument please", "after-a-setback"),
        ("we had a fight", "after-a-setback"),
        ("The long road.", "the-long-road"),
        ("something for the long haul", "the-long-road"),
        ("guide me through a reflection", None),
        ("I want to practise listening", None),
    ],
)
def test_a_reflection_is_picked_by_name(text: str, expected: str | None) -> None:
    found = named_reflection(text)
    assert (found.id if found else None) == expected


def test_the_suggestion_moves_on_to_one_not_yet_done() -> None:
    ids = [r.id for r in REFLECTIONS]
    assert suggest_reflection([]).id == ids[0]
    assert suggest_reflection(ids[:1]).id == ids[1]
    assert suggest_reflection(ids).id == ids[0]  # all done: start again


# -- navigation ---------------------------------------------------------------------------


def _at(step: int, *, paused: bool = False, pace: float = 1.0) -> Position:
    return Position(LONG_ROAD.id, step=step, paused=paused, pace=pace)


def test_next_and_skip_move_on_and_finish_after_the_closing() -> None:
    last = len(LONG_ROAD.steps) - 1
    for command in (Command.NEXT, Command.SKIP):
        move = navigate(LONG_ROAD, _at(0), command)
        assert move.position.step == 1 and move.announce and not move.finished
        end = navigate(LONG_ROAD, _at(last), command)
        assert end.finished and end.position.step == last


def test_back_at_the_first_step_stays_there_and_says_so() -> None:
    move = navigate(LONG_ROAD, _at(0), Command.BACK)
    assert move.position.step == 0 and move.announce and move.note
    assert navigate(LONG_ROAD, _at(3), Command.BACK).position.step == 2


def test_repeat_says_the_same_step_again() -> None:
    move = navigate(LONG_ROAD, _at(4), Command.REPEAT)
    assert move.position.step == 4 and move.announce and move.note is None


def test_pause_then_continue_resumes_the_same_step() -> None:
    paused = navigate(LONG_ROAD, _at(5), Command.PAUSE)
    assert paused.position.paused and not paused.announce and paused.note
    again = navigate(LONG_ROAD, paused.position, Command.PAUSE)
    assert again.position == paused.position
    resumed = navigate(LONG_ROAD, paused.position, Command.CONTINUE)
    assert resumed.position == _at(5) and resumed.announce


def test_continue_when_not_paused_moves_on_and_resume_repeats() -> None:
    assert navigate(LONG_ROAD, _at(5), Command.CONTINUE).position.step == 6
    resumed = navigate(LONG_ROAD, _at(5), Command.RESUME)
    assert resumed.position.step == 5 and resumed.announce


def test_moving_while_paused_unpauses() -> None:
    for command in (Command.NEXT, Command.BACK, Command.REPEAT):
        assert not navigate(LONG_ROAD, _at(5, paused=True), command).position.paused


def test_time_left_and_pace_change_nothing_else() -> None:
    left = navigate(LONG_ROAD, _at(2), Command.TIME_LEFT)
    assert left.position == _at(2) and not left.announce
    assert left.note == time_left_words(LONG_ROAD.remaining_s(2))
    slower = navigate(LONG_ROAD, _at(2), Command.SLOWER)
    assert slower.position.pace == pytest.approx(0.9) and slower.position.step == 2
    faster = navigate(LONG_ROAD, _at(2), Command.FASTER)
    assert faster.position.pace == pytest.approx(1.1)


def test_pace_is_bounded() -> None:
    slowest = navigate(LONG_ROAD, _at(2, pace=SLOWEST_PACE), Command.SLOWER)
    assert slowest.position.pace == SLOWEST_PACE and "slow" in (slowest.note or "")
    fastest = navigate(LONG_ROAD, _at(2, pace=FASTEST_PACE), Command.FASTER)
    assert fastest.position.pace == FASTEST_PACE


def test_an_out_of_range_position_is_brought_back_inside() -> None:
    assert navigate(LONG_ROAD, _at(99), Command.REPEAT).position.step == len(LONG_ROAD.steps) - 1
    assert navigate(LONG_ROAD, _at(-3), Command.REPEAT).position.step == 0


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (30, "Less than a minute left."),
        (70, "About a minute left, with the quiet moments."),
        (420, "About 7 minutes left, with the quiet moments."),
    ],
)
def test_time_left_in_words(seconds: float, words: str) -> None:
    assert time_left_words(seconds) == words


def test_position_as_saved_is_one_based() -> None:
    assert _at(0).to_dict() == {
        "reflection": LONG_ROAD.id,
        "step": 1,
        "paused": False,
        "pace": 1.0,
    }


# -- reading commands ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("next", Command.NEXT),
        ("OK", Command.NEXT),
        ("done", Command.NEXT),
        ("I'm ready.", Command.NEXT),
        ("skip", Command.SKIP),
        ("go back", Command.BACK),
        ("say that again", Command.REPEAT),
        ("pause", Command.PAUSE),
        ("hang on", Command.PAUSE),
        ("continue", Command.CONTINUE),
        ("resume", Command.RESUME),
        ("How long is left?", Command.TIME_LEFT),
        ("slow down", Command.SLOWER),
        ("faster", Command.FASTER),
    ],
)
def test_command_phrases_work_even_at_an_answer_step(text: str, command: Command) -> None:
    assert read_command(text, None, answer_step=True) is command
    assert read_command(text, None, answer_step=False) is command


@pytest.mark.parametrize(
    "text",
    [
        "I need to stop pretending everything is fine and go back to being honest with her",
        "go back to the start of it all, when I lied",
        "pause before I answer, and listen",
        "ok so I think I'd say I was wrong",
        "next week I will tell her everything",
        "done hiding things",
    ],
)
def test_at_an_answer_step_anything_else_is_an_answer(text: str) -> None:
    # Even when the classifier reads a command into it.
    assert read_command(text, "guided_back", answer_step=True) is None


def test_elsewhere_a_short_message_with_a_command_intent_is_that_command() -> None:
    assert read_command("could we rewind a bit", "guided_back", answer_step=False) is Command.BACK
    assert read_command("yes", "affirm", answer_step=False) is Command.NEXT
    assert read_command("what's the weather", "out_of_scope", answer_step=False) is None
    long = "could you please go back to the part before this one for me"
    assert read_command(long, "guided_back", answer_step=False) is None
