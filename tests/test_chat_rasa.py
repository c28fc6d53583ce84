"""The real text session: trained model, the real custom actions, the JSONL protocol.

Each test uses its own sender ids so it does not depend on the others.
"""

from __future__ import annotations

import json
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from actions.apology_actions import NO_REST
from actions.coaching.apology_feedback import MAX_SPOKEN_WORDS, TRY_AGAIN
from assistant.dialogue.bridge import RasaDialogue
from assistant.dialogue.replies import ACTION_FAILED
from assistant.dialogue.trained_cache import DISABLE_ENV
from assistant.dialogue.training import rasa_cache_dir
from assistant.paths import default_cache_dir
from tests.support.chat import practice_turn
from tests.support.cli import chat_jsonl

pytestmark = pytest.mark.rasa

APOLOGY_WITH_PROBLEMS = "I'm sorry if you were hurt, but you made me do it"
STRONGER_APOLOGY = (
    "im sorry i lied to you about the money i hid it because i was ashamed and that was "
    "my choice not yours i know it made you feel like you couldnt trust anything i said "
    "from now on i will show you every statement each month"
)


def _turn(dialogue: RasaDialogue, run: Callable[[Any], Any], sender: str, text: str) -> Any:
    return run(dialogue.handle(sender, text))


def test_full_apology_rehearsal_with_retry_comparison_and_example(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    start = _turn(rasa_dialogue, run, "flow", "help me practise an apology")
    assert start.exercise == "apology"
    assert start.expect == "long_form"
    assert len(start.bot) == 2  # framing, then straight into "say it"

    first = _turn(rasa_dialogue, run, "flow", APOLOGY_WITH_PROBLEMS)
    assert first.feedback is not None
    labels = {finding["label"] for finding in first.feedback["findings"]}
    assert {"conditional", "but_undoing", "blame_shift"} <= labels  # the payload keeps all
    assert first.bot[-1] == "Want to hear the other two?"
    rest = _turn(rasa_dialogue, run, "flow", "yes")
    assert rest.exercise == "apology" and rest.feedback is None
    spoken = " ".join([*first.bot, *rest.bot])
    assert '"you made me"' in spoken and '"but you made me do it"' in spoken  # quoted back
    assert rest.bot[-1] == TRY_AGAIN

    retry = _turn(rasa_dialogue, run, "flow", "yes")
    assert retry.exercise == "apology" and retry.expect == "long_form"
    second = _turn(rasa_dialogue, run, "flow", STRONGER_APOLOGY)
    assert second.feedback is not None
    assert second.feedback["attempt"] == 2
    assert second.feedback["previous_score"] == first.feedback["score"]
    assert second.feedback["score"] > first.feedback["score"]

    example = _turn(rasa_dialogue, run, "flow", "show me a stronger version")
    assert example.feedback is None
    assert any("money" in line for line in example.bot)  # built from their own words

    leave = _turn(rasa_dialogue, run, "flow", "no thanks")
    assert leave.exercise is None


WEAK_APOLOGY = (
    "I'm sorry you feel that way. Mistakes were made, but I was stressed and you spend a lot "
    "too. It's not a big deal, calm down. Can we just move on?"
)
"""Six anti-patterns by the rules (seven with the learned labels, which also read "and you spend
a lot too" as a counter-attack) and no component; before the 45-word rule its feedback was 149
words."""


def _words(lines: list[str]) -> int:
    return len(" ".join(lines).split())


def test_feedback_on_a_weak_apology_is_short_and_the_rest_is_offered(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "ear", "help me practise an apology")
    first = _turn(rasa_dialogue, run, "ear", WEAK_APOLOGY)
    assert first.safety is None and first.feedback is not None
    # The typed payload keeps every finding.
    assert len(first.feedback["anti_patterns"]) == 7
    assert "counter_attack" in first.feedback["anti_patterns"]
    assert _words(first.bot) <= MAX_SPOKEN_WORDS, first.bot  # everything said this turn
    changes = [line for line in first.bot if line.startswith(("Saying", "Try", "Offer"))]
    assert len(changes) == 2, first.bot
    assert first.bot[-1] == "Want to hear the other two?"

    rest = _turn(rasa_dialogue, run, "ear", "yes please")
    assert rest.exercise == "apology" and rest.feedback is None
    assert _words(rest.bot) <= MAX_SPOKEN_WORDS, rest.bot
    assert len(rest.bot) == 3  # the other two, then the offer of another go
    assert rest.bot[-1] == TRY_AGAIN
    assert not set(rest.bot) & set(first.bot)

    retry = _turn(rasa_dialogue, run, "ear", "yes")
    assert retry.expect == "long_form"  # now a yes is another go


def test_no_to_the_rest_of_the_feedback_moves_on_to_another_go(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "ear-no", "help me practise an apology")
    first = practice_turn(rasa_dialogue, run, "ear-no", WEAK_APOLOGY)
    assert first.bot[-1].startswith("Want to hear the other")
    declined = _turn(rasa_dialogue, run, "ear-no", "no")
    assert declined.bot == [NO_REST, TRY_AGAIN]
    assert declined.exercise == "apology"
    retry = _turn(rasa_dialogue, run, "ear-no", "yes")
    assert retry.expect == "long_form"
    again = practice_turn(rasa_dialogue, run, "ear-no", STRONGER_APOLOGY)
    assert again.feedback is not None and again.feedback["attempt"] == 2


def test_each_retry_is_compared_with_the_try_before_it(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "tries", "help me practise an apology")
    tries = [
        "I'm sorry if you were hurt, but you made me do it",
        "I'm sorry I lied to you about the money",
        "I'm sorry I lied to you about the money. It was my fault, and I'll answer anything "
        "you ask.",
    ]
    said = []
    for number, text in enumerate(tries, start=1):
        result = practice_turn(rasa_dialogue, run, "tries", text)
        assert result.feedback is not None and result.feedback["attempt"] == number
        said.append(result.bot)
        if result.bot[-1] != TRY_AGAIN:
            _turn(rasa_dialogue, run, "tries", "no")
        assert _turn(rasa_dialogue, run, "tries", "try again").expect == "long_form"
    assert said[1][0].startswith("That was stronger than your first try")
    assert said[2][0].startswith("That was stronger than your second try")
    assert not any("first try" in line for line in said[2])


def test_a_long_apology_mentioning_stop_is_not_a_command(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "guard", "i need to say sorry to my husband")
    said = _turn(
        rasa_dialogue, run, "guard",
        "stop me if this sounds wrong but i am so sorry i lied to you about where i was",
    )  # fmt: skip
    assert said.feedback is not None


def test_stop_and_help_work_while_the_apology_is_awaited(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "cmd", "help me practise an apology")
    helped = _turn(rasa_dialogue, run, "cmd", "help")
    assert helped.exercise == "apology" and helped.feedback is None
    assert helped.expect == "long_form"
    stopped = _turn(rasa_dialogue, run, "cmd", "stop")
    assert stopped.exercise is None and stopped.feedback is None
    again = _turn(rasa_dialogue, run, "cmd", "help me practise an apology")
    assert again.exercise == "apology"


@pytest.mark.parametrize(
    ("text", "reply_fragment"),
    [
        ("", "didn't get any words"),
        ("\x00\x01\x1b[2J", "didn't get any words"),
        ("🙏🙏🙏", "didn't get any words"),
        ("정말 미안해요 내가 잘못했어요", "only understand English"),
        ("asdf qwer zxcv", "didn't quite follow"),
    ],
)
def test_junk_gets_a_calm_useful_reply(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], text: str, reply_fragment: str
) -> None:
    result = _turn(rasa_dialogue, run, f"junk-{abs(hash(text))}", text)
    assert any(reply_fragment in line for line in result.bot), result.bot


def test_ten_thousand_characters_are_answered_and_the_cut_is_said(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "long", "help me practise an apology")
    result = _turn(rasa_dialogue, run, "long", "i am sorry i lied to you " * 400)
    assert "first part" in result.bot[0]
    assert result.feedback is not None


def test_yes_at_the_greeting_gives_the_menu_and_yes_to_an_offer_starts_the_rehearsal(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "menu-yes", "hello")
    menu = _turn(rasa_dialogue, run, "menu-yes", "yes")
    assert menu.exercise is None  # the greeting offers three exercises, not one
    assert all(word in " ".join(menu.bot) for word in ("apology", "listening", "questions"))
    offer = _turn(rasa_dialogue, run, "menu-yes", "i'm so sorry i lied to you about the money")
    assert offer.intent == "apology_statement"
    started = _turn(rasa_dialogue, run, "menu-yes", "yes")
    assert started.exercise == "apology" and started.expect == "long_form"


def test_off_topic_gets_a_redirect(rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]) -> None:
    result = _turn(rasa_dialogue, run, "offtopic", "what's the weather like tomorrow")
    assert result.intent == "out_of_scope"
    assert any("practise" in line for line in result.bot)


def test_senders_are_separate_conversations(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "alice", "help me practise an apology")
    bob = _turn(rasa_dialogue, run, "bob", "hello")
    assert bob.exercise is None
    alice = _turn(rasa_dialogue, run, "alice", "i am sorry i forgot your birthday again")
    assert alice.feedback is not None


def test_a_failing_action_is_said_in_one_sentence_and_the_turn_rolled_back(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the real feedback action is swapped for one that raises (a bug in
    an action cannot be provoked otherwise). The user hears one sentence, the conversation
    is as it was before the turn, and the same words work once the action does."""
    _turn(rasa_dialogue, run, "crash", "help me practise an apology")
    executor = rasa_dialogue._actions._executor
    real = executor.actions["action_apology_feedback"]

    def broken(*_args: Any) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setitem(executor.actions, "action_apology_feedback", broken)
    failed = _turn(rasa_dialogue, run, "crash", "i am sorry i broke your trust by lying")
    assert failed.bot == [ACTION_FAILED]
    assert failed.feedback is None
    assert failed.exercise == "apology"  # still waiting for the apology
    monkeypatch.setitem(executor.actions, "action_apology_feedback", real)
    again = _turn(rasa_dialogue, run, "crash", "i am sorry i broke your trust by lying")
    assert again.feedback is not None  # nothing was lost: the same words now get feedback


def test_a_failing_crisis_action_still_gives_crisis_care(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection, as above: crisis care never depends on an action working."""
    executor = rasa_dialogue._actions._executor

    def broken(*_args: Any) -> None:
        raise RuntimeError("injected failure")

    for name in [n for n in executor.actions if "crisis" in n or "safety" in n]:
        monkeypatch.setitem(executor.actions, name, broken)
    result = _turn(rasa_dialogue, run, "crash-care", "i want to kill myself tonight")
    assert result.safety == "self_harm"
    assert "988" in " ".join(result.bot)


# -- the command as a user runs it ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_jsonl_command_without_network(tmp_path: Path) -> None:
    result = chat_jsonl(
        [
            json.dumps({"sender": "a", "text": "help me practise an apology"}),
            '{"sender": "a", "text": ',
            json.dumps({"sender": "a", "text": APOLOGY_WITH_PROBLEMS}),
        ],
        tmp_path,
        network=False,
    )
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 3
    assert outputs[0]["exercise"] == "apology"
    assert "error" in outputs[1]
    assert outputs[2]["feedback"]["score"] < 50


@pytest.mark.slow
@pytest.mark.first
def test_chat_without_a_trained_model_trains_and_says_so(tmp_path: Path) -> None:
    # `rasa train` runs: the trained-model cache is off. Rasa's own training cache and the
    # sentence features of data/ come from this machine's cache folder, as in any clone
    # after the first; cold, they took about 85 of this test's 97 s in a fresh clone.
    machine_cache = {"KINTSUGI_CACHE_DIR": str(default_cache_dir()), DISABLE_ENV: "1"}
    result = chat_jsonl(
        ["hello"], tmp_path, "--model-dir", str(tmp_path / "models"), env=machine_cache
    )
    assert result.returncode == 0, result.stderr
    assert "no trained dialogue model yet; training it now" in result.stderr
    assert json.loads(result.stdout)["intent"] == "greet"
    assert (rasa_cache_dir() / "cache.db").is_file()  # Rasa's cache, outside the checkout
    assert stat.S_IMODE(rasa_cache_dir().stat().st_mode) == 0o700


def test_corrupt_model_says_how_to_rebuild_it(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "kintsugi.tar.gz").write_bytes(b"this is not a model")
    result = chat_jsonl(["hello"], tmp_path, "--model-dir", str(models))
    assert result.returncode == 1
    assert "kintsugi train --force" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_long_conversation_is_compacted_but_keeps_what_matters(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.dialogue.bridge as dialogue_module

    monkeypatch.setattr(dialogue_module, "COMPACT_AFTER_EVENTS", 10)
    disclosed = _turn(rasa_dialogue, run, "compact", "he hits me when he is angry")
    assert disclosed.safety == "abuse"
    for _ in range(4):
        _turn(rasa_dialogue, run, "compact", "hello")
    store = rasa_dialogue._agent.tracker_store
    assert store.event_count("compact") < 40  # folded, not growing turn by turn
    declined = _turn(rasa_dialogue, run, "compact", "help me practise an apology")
    assert declined.exercise is None
    assert any("1-800-799-7233" in line for line in declined.bot)


def test_spoken_delivery_reaches_the_feedback(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "spoken", "help me practise an apology")
    text = "i am sorry i lied to you about the money and i know it hurt you badly"
    audio = {"duration_s": 3.0, "words_per_minute": 320.0, "pauses_s": [0.4, 3.1]}
    result = run(rasa_dialogue.handle("spoken", text, audio))
    assert result.feedback is not None
    assert result.feedback["delivery"]["words_per_minute"] > 190  # measured, not typed
    assert result.feedback["delivery"]["long_pauses"] == 1
    # Owning it and an offer of repair matter more; the pace is in the rest, on a yes.
    assert result.bot[-1].startswith("Want to hear the other")
    rest = _turn(rasa_dialogue, run, "spoken", "yes")
    assert any("quickly" in line for line in rest.bot)


def test_ending_a_conversation_starts_afresh_but_keeps_a_disclosure(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    # A home device wakes again: a half-done exercise must not swallow the next words...
    started = _turn(rasa_dialogue, run, "wake-again", "help me practise an apology")
    assert started.exercise == "apology"
    rasa_dialogue.end_conversation("wake-again")
    fresh = _turn(rasa_dialogue, run, "wake-again", "hello")
    assert fresh.exercise is None and fresh.intent == "greet"
    # ...but an abuse disclosure still keeps apology coaching off in the next session.
    assert _turn(rasa_dialogue, run, "wake-abuse", "he hits me when he is angry").safety == "abuse"
    rasa_dialogue.end_conversation("wake-abuse")
    declined = _turn(rasa_dialogue, run, "wake-abuse", "help me practise an apology")
    assert declined.exercise is None
    assert any("1-800-799-7233" in line for line in declined.bot)
    rasa_dialogue.end_conversation("never-spoke")  # nothing to end: no error
