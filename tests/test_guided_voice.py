"""The pure pieces of guided reflections by voice (assistant.voice.guided): what is spoken,
what follows a prompt, what a voice command becomes, the pace, and the held silence."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

import numpy as np

from assistant.dialogue.bridge import TurnResult
from assistant.events import AudioChunk
from assistant.speech.commands import (
    DURING_PLAYBACK,
    GUIDED_DURING_PLAYBACK,
    CommandVocabulary,
)
from assistant.voice.endpointing import PROFILES
from assistant.voice.guided import (
    COMMAND_TEXT,
    MIN_SILENCE_S,
    NEXT_TEXT,
    GuidedVoice,
    Then,
    hold_silence,
)

CUE = "(Take a moment with that. Say next when you're ready.)"


class Voice:
    """Stands for the synthesizer: only its rate is read and set."""

    def __init__(self, rate: int = 160) -> None:
        self.rate = rate


def guide(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "reflection": "before-a-hard-conversation",
        "title": "Before a hard conversation",
        "step": 1,
        "of": 9,
        "silence_s": 20.0,
        "answer": False,
        "remaining_s": 600.0,
        "closing": False,
        "paused": False,
        "pace": 1.0,
        "keep_answers": False,
        "kept_answer": None,
        "text_cue": CUE,
        "finished": False,
        "stopped": False,
    }
    return {**base, **changes}


def reply(bot: list[str], payload: dict[str, Any] | None, expect: str = "command") -> TurnResult:
    return TurnResult(
        sender="v",
        text="x",
        intent=None,
        confidence=None,
        exercise="reflection" if payload else None,
        safety=None,
        bot=bot,
        expect=expect,
        guide=payload,
    )


def test_the_text_cue_is_not_spoken_and_a_thinking_step_gets_its_silence() -> None:
    voice = GuidedVoice(Voice(), silence_scale=0.5)
    spoken, then = voice.on_reply(reply(["Let's begin by arriving.", CUE], guide()))
    assert spoken.bot == ["Let's begin by arriving."]
    assert then is Then.QUIET
    assert voice.active and voice.silence_left_s == 10.0


def test_a_journal_notice_after_the_cue_is_still_spoken() -> None:
    voice = GuidedVoice(Voice())
    spoken, _ = voice.on_reply(reply(["Prompt.", CUE, "I couldn't save that."], guide()))
    assert spoken.bot == ["Prompt.", "I couldn't save that."]


def test_an_answer_step_listens_long_form_and_waits_its_silence_for_speech() -> None:
    voice = GuidedVoice(Voice(), silence_scale=0.1)
    _, then = voice.on_reply(reply(["Say it out loud."], guide(answer=True, silence_s=45.0)))
    assert then is Then.LISTEN
    profile = voice.answer_profile(PROFILES["long_form"])
    assert profile.no_speech_timeout_s == 4.5
    # The patience for a thinking pause is the long-form profile's, longer than 4 s.
    assert profile.trailing_silence_s == PROFILES["long_form"].trailing_silence_s > 4.0


def test_outside_an_answer_step_the_profile_is_left_alone() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Prompt."], guide()))
    assert voice.answer_profile(PROFILES["command"]) == PROFILES["command"]


def test_silences_never_shrink_below_the_floor() -> None:
    voice = GuidedVoice(Voice(), silence_scale=0.01)
    voice.on_reply(reply(["Prompt."], guide(silence_s=20.0)))
    assert voice.silence_left_s == MIN_SILENCE_S


def test_a_paused_reflection_waits_and_continue_or_yes_pick_it_up() -> None:
    voice = GuidedVoice(Voice())
    _, then = voice.on_reply(reply(["Paused. Say continue."], guide(paused=True, text_cue=None)))
    assert then is Then.PAUSED and voice.paused
    assert voice.command_text("continue", during_playback=False) == "continue"
    assert voice.command_text("yes", during_playback=False) == "continue"
    assert voice.command_text("pause", during_playback=False) is None
    assert voice.command_text("stop", during_playback=False) == "stop"


def test_pace_sets_the_rate_and_the_end_gives_the_old_rate_back() -> None:
    synth = Voice(200)
    voice = GuidedVoice(synth)
    voice.on_reply(reply(["Okay, more slowly."], guide(pace=0.8)))
    assert synth.rate == 160
    voice.on_reply(reply(["Quicker."], guide(pace=1.2)))
    assert synth.rate == 240
    _, then = voice.on_reply(reply(["That's the end."], guide(finished=True, text_cue=None)))
    assert then is Then.LISTEN and not voice.active
    assert synth.rate == 200


def test_the_pace_stays_within_the_synthesizer_range() -> None:
    synth = Voice(250)
    GuidedVoice(synth, max_rate=260).on_reply(reply(["Quick."], guide(pace=1.3)))
    assert synth.rate == 260


def test_stopping_ends_the_reflection_for_the_session() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Prompt."], guide()))
    _, then = voice.on_reply(reply(["Okay, we'll stop here."], guide(stopped=True)))
    assert then is Then.LISTEN and not voice.active
    assert voice.command_text("back", during_playback=False) is None


def test_voice_commands_become_the_dialogue_s_words() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Prompt."], guide()))
    words = {c: voice.command_text(c, during_playback=False) for c in COMMAND_TEXT}
    assert words["time_left"] == "how long is left"
    assert words["skip"] == "skip" and words["back"] == "back" and words["done"] == NEXT_TEXT
    assert voice.command_text("quit", during_playback=False) is None  # the session's own


def test_how_long_is_left_in_a_silence_keeps_the_rest_of_it() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Prompt.", CUE], guide(silence_s=20.0)))
    voice.silence_heard(8.0)
    assert voice.command_text("time_left", during_playback=False) == "how long is left"
    _, then = voice.on_reply(reply(["About 9 minutes left.", CUE], guide(silence_s=20.0)))
    assert then is Then.QUIET and voice.silence_left_s == 12.0


def test_back_in_a_silence_gives_the_step_its_whole_silence() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Step two.", CUE], guide(step=2, silence_s=30.0)))
    voice.silence_heard(25.0)
    voice.command_text("back", during_playback=False)
    _, then = voice.on_reply(reply(["Step one.", CUE], guide(step=1, silence_s=20.0)))
    assert then is Then.QUIET and voice.silence_left_s == 20.0


def test_slower_over_a_prompt_says_the_prompt_again_after_the_acknowledgement() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["A long prompt.", CUE], guide()))
    voice.command_text("slower", during_playback=True)
    spoken, then = voice.on_reply(reply(["Okay, more slowly.", CUE], guide(pace=0.9)))
    assert spoken.bot == ["Okay, more slowly."]
    assert then is Then.THINK and voice.follow_up == "repeat"
    _, then = voice.on_reply(reply(["A long prompt.", CUE], guide(pace=0.9)))
    assert then is Then.QUIET and voice.follow_up is None


def test_slower_in_a_silence_is_only_acknowledged() -> None:
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Prompt.", CUE], guide()))
    voice.command_text("slower", during_playback=False)
    _, then = voice.on_reply(reply(["Okay, more slowly.", CUE], guide(pace=0.9)))
    assert then is Then.QUIET


def test_a_reply_without_a_guide_is_left_as_it_is() -> None:
    voice = GuidedVoice(Voice())
    result = reply(["Hello."], None, expect="answer")
    spoken, then = voice.on_reply(result)
    assert spoken == result and then is Then.LISTEN and not voice.active


def test_navigation_works_over_prompts_only_in_a_reflection() -> None:
    assert {"back", "time_left"} <= GUIDED_DURING_PLAYBACK
    assert not {"back", "time_left"} & DURING_PLAYBACK
    vocabulary = CommandVocabulary()
    assert vocabulary.command_for("Go back.") == "back"
    assert vocabulary.command_for("how long is left") == "time_left"
    assert vocabulary.command_for("How much longer?") == "time_left"
    assert vocabulary.command_for("next") == "skip"


# -- the held silence ------------------------------------------------------------------------


class Mic:
    """Stands for the microphone: hands out `blocks` chunks of silence, then None."""

    def __init__(self, blocks: int, block: int = 320) -> None:
        self.left = blocks
        self.block = block
        self.read_count = 0
        self.started = 0

    async def read(self) -> AudioChunk | None:
        if self.left == 0:
            return None
        self.left -= 1
        self.read_count += 1
        return AudioChunk(np.zeros(self.block, np.int16), 0.0)

    def drain(self) -> None:
        pass

    def listening_started(self) -> None:
        self.started += 1


class Grammar:
    """Stands for the command recognizer: hears `command` at chunk `at`."""

    def __init__(self, command: str, at: int) -> None:
        self.command, self.at, self.fed = command, at, 0

    def accept(self, samples: Any, *, act_on_partial: frozenset[str] = frozenset()) -> str | None:
        self.fed += 1
        return self.command if self.fed == self.at else None

    def reset(self) -> None:
        self.fed = 0


def test_a_silence_is_held_for_its_length_in_audio() -> None:
    mic = Mic(blocks=1000)
    outcome = asyncio.run(hold_silence(mic, Grammar("back", at=10_000), 2.0))  # type: ignore[arg-type]
    assert outcome.command is None and not outcome.ended
    assert mic.read_count == 100  # 2 s of 20 ms blocks, and not one more
    assert outcome.heard_s == 2.0


def test_a_command_breaks_the_silence_and_says_when() -> None:
    outcome = asyncio.run(hold_silence(Mic(1000), Grammar("time_left", at=25), 5.0))  # type: ignore[arg-type]
    assert outcome.command == "time_left"
    assert outcome.heard_s == 0.5


def test_a_phrase_that_is_no_reflection_command_does_not_break_it() -> None:
    outcome = asyncio.run(hold_silence(Mic(1000), Grammar("yes", at=5), 1.0))  # type: ignore[arg-type]
    assert outcome.command is None and outcome.heard_s == 1.0


def test_the_end_of_a_replayed_input_ends_the_silence() -> None:
    outcome = asyncio.run(hold_silence(Mic(10), None, 5.0))  # type: ignore[arg-type]
    assert outcome.ended and outcome.heard_s == 0.2


def test_without_a_grammar_the_silence_is_held_without_asking_for_a_turn() -> None:
    mic = Mic(1000)
    asyncio.run(hold_silence(mic, None, 1.0))  # type: ignore[arg-type]
    assert mic.started == 0  # a replayed recording keeps its next turn for the next turn


def test_guided_voice_keeps_the_payload_as_sent() -> None:
    payload = guide(step=3)
    voice = GuidedVoice(Voice())
    voice.on_reply(reply(["Prompt."], payload))
    assert voice.guide == payload


# -- kintsugi talk keeps the place ----------------------------------------------------------


class StepDialogue:
    """Stands for the dialogue: every turn says step 3 of a reflection."""

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        return dataclasses.replace(reply(["Prompt.", CUE], guide(step=3)), sender=sender)


def test_talk_keeps_a_reflection_s_place_in_the_journal(tmp_path: Path) -> None:
    from assistant.cli.voice import _with_journal
    from assistant.journal.commitments import CommitmentsDialogue
    from assistant.journal.guided_progress import GuidedProgressDialogue
    from assistant.journal.journaled_dialogue import JournaledDialogue
    from assistant.journal.progress import ProgressDialogue
    from assistant.journal.store import Journal
    from assistant.journal.time_apart import TimeApartDialogue
    from assistant.settings import PrivacySettings

    privacy = PrivacySettings(data_dir=tmp_path)
    with Journal.open(privacy) as journal:
        dialogue = _with_journal(StepDialogue(), journal)  # type: ignore[arg-type]
        assert isinstance(dialogue, JournaledDialogue)
        # Progress facts, kept promises, a time-apart agreement, then the reflection's place.
        assert isinstance(dialogue.inner, ProgressDialogue)
        assert isinstance(dialogue.inner.inner, CommitmentsDialogue)
        apart = dialogue.inner.inner.inner
        assert isinstance(apart, TimeApartDialogue)  # carries a time-apart agreement
        assert isinstance(apart.inner, GuidedProgressDialogue)
        asyncio.run(dialogue.handle("voice", "repeat"))
    with Journal.open(privacy) as journal:  # as after a restart
        again = _with_journal(StepDialogue(), journal)  # type: ignore[arg-type]
        assert isinstance(again, JournaledDialogue)
        assert isinstance(again.inner, ProgressDialogue)
        assert isinstance(again.inner.inner, CommitmentsDialogue)
        apart = again.inner.inner.inner
        assert isinstance(apart, TimeApartDialogue)
        assert isinstance(apart.inner, GuidedProgressDialogue)
        saved = apart.inner.progress.saved("voice")
    assert saved is not None and saved["step"] == 3
    assert saved["reflection"] == "before-a-hard-conversation"
