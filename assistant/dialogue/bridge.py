"""The bridge to Rasa: the trained model and the custom actions, both in this process.

One `RasaDialogue` serves many conversations (one per sender id). Every turn goes:
clean text → safety screen → NLU → command guard → Rasa's dialogue policies and actions.
What comes back is a `TurnResult`, the same for text chat, JSONL and voice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from actions.coaching.safety import crisis_reply
from actions.payloads import APART_CONTEXT_KEY, AUDIO_KEY, GUIDE_RESUME_KEY, REGION_KEY
from assistant.dialogue.agent import load_agent
from assistant.dialogue.messages import split_messages
from assistant.dialogue.parse_gate import (
    CRISIS_INTENTS,
    PendingCheck,
    TurnPlan,
    certain_only,
    check_turn,
    expected_turn,
    next_best_if,
    safety_decision,
)
from assistant.dialogue.replies import ACTION_FAILED, INPUT_PROBLEM_REPLIES
from assistant.dialogue.text_input import InputProblem, clean_text
from assistant.dialogue.turn import (
    Dialogue,
    SafetyScreen,
    SafetyVerdict,
    TurnResult,
    screen_each,
)
from assistant.errors import DialogueModelError
from assistant.safety.check import check_question, check_reask, read_check_answer
from assistant.settings import DialogueSettings

logger = logging.getLogger(__name__)


LOAD_POLL_S = 0.05
"""How often a turn that arrived during loading looks again (see `wait_loaded`)."""

# A saved guided-reflection position (from the journal) goes to the actions only with a
# request that can use it, not with every turn.
RESUME_INTENTS = frozenset({"guided_resume", "start_guided"})

RECHECK_AT = 0.75
"""After a check was answered no, the same kind is asked about again only from here."""

CHECK_ANSWERED_NO = "Thank you for telling me. Let’s carry on."
CHECK_UNANSWERED = (
    "All right. If that changes, tell me, or say “crisis help”, and I’ll give you the "
    "numbers to reach a person."
)

# A conversation at rest that has grown past this many events is folded into a fresh
# session with the same slots, so turns do not get slower as a conversation gets longer.
COMPACT_AFTER_EVENTS = 80

CARRIED_ACROSS_SESSIONS = ("abuse_disclosed", "safety_role")
"""Slots a new session of the same device keeps (see `RasaDialogue.end_conversation`)."""

__all__ = [
    "CHECK_ANSWERED_NO",
    "Dialogue",
    "RasaDialogue",
    "SafetyScreen",
    "SafetyVerdict",
    "TurnResult",
]
"""`Dialogue` and `TurnResult` live in `turn`; they are named here too because every
front-end reaches the dialogue through this module."""


class RasaDialogue:
    """A loaded Rasa agent with its custom actions in-process (`inprocess_actions`)."""

    def __init__(
        self,
        settings: DialogueSettings,
        *,
        safety_screen: SafetyScreen | None = None,
        load_safety_screen: Callable[[], SafetyScreen] | None = None,
        region: str = "US",
        notice: Callable[[str], None] | None = None,
        load_in_background: bool = False,
    ) -> None:
        """`load_safety_screen` builds the screen while the model loads (it reads the
        sentence encoder), instead of a ready `safety_screen`. With `load_in_background`,
        entering the context starts loading and returns at once (`start_in_background`)."""
        self._background = load_in_background
        self._settings = settings
        self._safety_screen = safety_screen
        self._load_safety_screen = load_safety_screen
        self._loaded = threading.Event()
        self._load_error: BaseException | None = None
        self._notice = notice or (lambda _message: None)
        self._agent: Any = None
        self._region = region
        # Per conversation: a turn held back while the user answers a safety check.
        self._pending_checks: dict[str, PendingCheck] = {}
        # Per conversation: the kinds of check already answered "no". Being asked again
        # after every remorseful sentence would be cruel; only a stronger sign asks again.
        self._answered_no: dict[str, set[str]] = {}
        self._actions: Any = None  # InProcessActionEndpoint once started

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Load the model and the custom actions (in this process; seconds, not more)."""
        self._check_model()
        self._load()
        if self._load_error is not None:
            raise self._load_error

    def start_in_background(self) -> None:
        """Begin loading on a thread and return at once, so a front-end can greet the user
        while it loads; turns wait for it (`wait_loaded`). A missing model is still
        reported here, at once."""
        self._check_model()
        threading.Thread(target=self._load, name="load dialogue", daemon=True).start()

    def _check_model(self) -> None:
        model_path = self._settings.model_path
        if not model_path.is_file():
            raise DialogueModelError(
                f"No trained dialogue model at {model_path}. Run `kintsugi train` "
                "(or `make run`, which trains when needed)."
            )

    def _load(self) -> None:
        try:
            # Before Rasa: skops (how Rasa reads its logistic-regression intent model) finds,
            # when imported, the module of each of ~765 scikit-learn types by searching every
            # module already loaded: 2.6 s after Rasa's 2,000 modules, 1.3 s before them.
            # `kintsugi chat`'s first reply, median of 6 fresh starts: 6.28 s, against 6.50 s.
            import skops.io  # noqa: F401

            # Imported here: it loads Rasa, which only the running dialogue needs.
            from actions.coaching.answer import use_learned_labels as use_learned_answer_labels
            from actions.coaching.apology import use_learned_labels
            from actions.coaching.listening_learned import use_listening_learned
            from assistant.dialogue.inprocess_actions import (
                InProcessActionEndpoint,
                use_precompiled_response_check,
            )
            from assistant.encoder import use_model_dir
            from assistant.learning.answer import learned_answer_labels_if_trained
            from assistant.learning.apology import learned_labels_if_trained
            from assistant.learning.listening import listening_learned_if_trained

            # The NLU's featurizer (built by Rasa, which cannot be handed settings) takes the
            # encoder from this folder: the one the safety guard's encoder came from.
            use_model_dir(self._settings.understanding_dir)
            if self._load_safety_screen is not None:
                self._safety_screen = self._load_safety_screen()
            self._actions = InProcessActionEndpoint()
            # The apology analyzer reads clauses with the learned labels when trained.
            use_learned_labels(learned_labels_if_trained(self._settings.understanding_dir))
            # So does the listening analyzer, with its own model on the same encoder.
            use_listening_learned(listening_learned_if_trained(self._settings.understanding_dir))
            # So does the answer analyzer of the questions exercise.
            use_learned_answer_labels(
                learned_answer_labels_if_trained(self._settings.understanding_dir)
            )
            use_precompiled_response_check()
            self._agent = load_agent(str(self._settings.model_path), self._actions)
        except BaseException as error:  # handed to the first turn, which raises it
            self._load_error = error
        finally:
            self._loaded.set()

    async def wait_loaded(self) -> None:
        """Return once the model is loaded; raise what loading raised, if it failed."""
        # Polled, not waited for on a worker thread: a Ctrl-C meanwhile must not leave
        # asyncio.run's shutdown waiting for that thread until the load is done.
        while not self._loaded.is_set():
            await asyncio.sleep(LOAD_POLL_S)
        if self._load_error is not None:
            raise self._load_error

    def block_until_loaded(self) -> None:
        """`wait_loaded` for code outside the event loop (Ctrl-C still interrupts it)."""
        self._loaded.wait()
        if self._load_error is not None:
            raise self._load_error

    @property
    def loaded(self) -> bool:
        return self._loaded.is_set() and self._load_error is None

    def stop(self) -> None:
        """Nothing runs beside the dialogue, so there is nothing to stop (a load still
        under way is a daemon thread and ends with the process); kept so the dialogue
        stays a context manager whatever it holds in future."""

    def __enter__(self) -> RasaDialogue:
        if self._background:
            self.start_in_background()
        else:
            self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- turns -----------------------------------------------------------------------------

    async def assess(self, text: str) -> str | None:
        """What the safety guard would do with ``text`` at the menu, without touching any
        conversation: "crisis", "check" or None (used to measure the guard as a whole)."""
        return (await self.assess_many([text]))[0]

    async def assess_many(self, texts: Sequence[str]) -> list[str | None]:
        """:meth:`assess` of each text; a screen that can read many texts at once (the
        guard's ``many``) reads them in one pass."""
        await self.wait_loaded()
        found = screen_each(self._safety_screen, texts)
        outcomes: list[str | None] = []
        for text, verdicts in zip(texts, found, strict=True):
            # The NLU's parse can only turn a check into nothing (a clear request is not
            # asked about), so a turn with no finding or a certain one needs no parse.
            if not verdicts:
                outcomes.append(None)
                continue
            if certain_only(tuple(verdicts)):
                outcomes.append("crisis")
                continue
            parse_data = await self._agent.parse_message(text)
            plan = TurnPlan(text, tuple(verdicts), None, None)
            parse_data, certain, unsure = safety_decision(parse_data, plan, None)
            outcomes.append("crisis" if certain else "check" if unsure is not None else None)
        return outcomes

    async def classify(self, text: str) -> tuple[str | None, float]:
        """The intent a turn would act on (NLU, with the crisis gate), without touching any
        conversation. The safety screen is not applied here."""
        await self.wait_loaded()
        parse_data = next_best_if(await self._agent.parse_message(text), set(CRISIS_INTENTS))
        intent = parse_data.get("intent") or {}
        return intent.get("name"), float(intent.get("confidence") or 0.0)

    async def handle(
        self,
        sender: str,
        text: str,
        audio: Mapping[str, Any] | None = None,
        *,
        resume: Mapping[str, Any] | None = None,
        apart: Mapping[str, Any] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> TurnResult:
        """Run one user turn and collect everything it produced.

        `resume` is a saved guided-reflection position (assistant.journal.guided_progress); it
        reaches the actions, as message metadata, only when the turn asks to resume. `apart`
        is the time-apart context ({"now", "agreement"}, assistant.journal.time_apart); it
        reaches the actions with every turn. `context` holds more message metadata for the
        actions, by payload key (the kept commitments and the progress facts, from the
        journal wrappers)."""
        await self.wait_loaded()
        cleaned = clean_text(text, self._settings.max_message_chars)
        if cleaned.problem is InputProblem.NOT_ENGLISH and self._screen_finds(cleaned.text):
            # Language identification can be wrong; a clear sign of crisis is never
            # answered with "English only". (An unsure sign is not enough: the screen reads
            # English, and on German or Korean its middle band is noise.)
            cleaned = dataclasses.replace(cleaned, problem=None)
        if not cleaned.usable:
            assert cleaned.problem is not None
            exercise, expect = await self._current_state(sender)
            return TurnResult(
                sender=sender,
                text=cleaned.text,
                intent=None,
                confidence=None,
                exercise=exercise,
                safety=None,
                bot=[INPUT_PROBLEM_REPLIES[cleaned.problem]],
                expect=expect,
            )

        notes: list[str] = []
        if cleaned.problem is InputProblem.TRUNCATED:
            notes.append(INPUT_PROBLEM_REPLIES[InputProblem.TRUNCATED])
        verdicts = tuple(self._safety_screen(cleaned.text)) if self._safety_screen else ()
        plan = TurnPlan(cleaned.text, verdicts, audio, resume, apart=apart, context=context)
        pending = self._pending_checks.pop(sender, None)
        if pending is not None and not certain_only(verdicts):
            answered = self._answer_check(sender, pending, cleaned.text)
            if isinstance(answered, TurnResult):
                return answered
            plan = dataclasses.replace(answered, apart=apart, context=context)
        notes.extend(plan.lead)
        result = await self._run_turn(sender, plan)
        failure = self._actions.take_failure() if self._actions else None
        if failure is not None:
            # A custom action raised, so the turn's action events were lost. Put the
            # conversation back as it was and tell the user in one sentence; what they
            # said can simply be said again, and nothing half-done stays behind.
            self._notice(f"a custom action failed; the turn was rolled back ({failure})")
            await self._restore(sender, result.snapshot)
            exercise, expect = await self._current_state(sender)
            return TurnResult(
                sender=sender,
                text=cleaned.text,
                intent=result.turn.intent,
                confidence=result.turn.confidence,
                exercise=exercise,
                safety=result.turn.safety,
                # Crisis care never depends on an action working.
                bot=[*notes, ACTION_FAILED, *_crisis_fallback(result.turn.safety, self._region)],
                expect=expect,
            )
        turn = result.turn
        return TurnResult(
            sender=turn.sender,
            text=turn.text,
            intent=turn.intent,
            confidence=turn.confidence,
            exercise=turn.exercise,
            safety=turn.safety,
            bot=notes + turn.bot,
            feedback=turn.feedback,
            expect=turn.expect,
            listen=turn.listen,
            guide=turn.guide,
            apart=turn.apart,
            commitment=turn.commitment,
        )

    def _screen_finds(self, text: str) -> bool:
        return bool(self._safety_screen and certain_only(tuple(self._safety_screen(text))))

    def _answer_check(self, sender: str, pending: PendingCheck, text: str) -> TurnPlan | TurnResult:
        """Read the reply to a safety check: a yes (or a doubt) gives the full crisis reply;
        a clear no runs the held-back turn as if nothing had been asked; anything else is
        asked once more, then taken as a no with a reminder of how to ask for help."""
        answer = read_check_answer(text)
        if answer == "yes":
            return TurnPlan(text, (pending.confirmed(),), None, None)
        if answer is None and not pending.asked_again:
            self._pending_checks[sender] = dataclasses.replace(pending, asked_again=True)
            reask = check_reask(pending.kind, pending.role)  # type: ignore[arg-type]
            return check_turn(sender, text, pending.exercise, [reask])
        if answer == "no":
            self._answered_no.setdefault(sender, set()).add(pending.kind)
        lead = CHECK_ANSWERED_NO if answer == "no" else CHECK_UNANSWERED
        return TurnPlan(
            pending.text, (), pending.audio, pending.resume, may_check=False, lead=(lead,)
        )

    async def _run_turn(self, sender: str, plan: TurnPlan) -> _Ran:
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        text, audio, resume = plan.text, plan.audio, plan.resume
        agent = self._agent
        store = agent.tracker_store
        snapshot = store.event_count(sender)
        tracker = await agent.processor.fetch_tracker_with_initial_session(sender)

        message = UserMessage(text, sender_id=sender)
        parse_data = await agent.processor.parse_message(message, tracker)
        parse_data, verdicts, unsure = safety_decision(parse_data, plan, tracker.active_loop_name)
        if unsure is not None and not self._asked_enough(sender, unsure):
            return self._ask_check(sender, plan, unsure, tracker, snapshot)

        metadata: dict[str, Any] = {REGION_KEY: self._region}
        if audio:
            metadata[AUDIO_KEY] = dict(audio)
        if resume and (parse_data.get("intent") or {}).get("name") in RESUME_INTENTS:
            metadata[GUIDE_RESUME_KEY] = dict(resume)
        if plan.apart is not None:
            metadata[APART_CONTEXT_KEY] = dict(plan.apart)
        if plan.context:
            metadata.update(plan.context)
        output = CollectingOutputChannel()
        await agent.handle_message(
            UserMessage(
                text,
                output,
                sender_id=sender,
                parse_data=parse_data,
                metadata=metadata,
            )
        )
        bot, feedback, expect, listen, guide, apart, commitment = split_messages(output.messages)
        after = await store.retrieve(sender)
        exercise = after.get_slot("exercise") if after else None
        if (
            after is not None
            and exercise is None
            and after.active_loop_name is None
            and len(after.events) > COMPACT_AFTER_EVENTS
        ):
            store.compact(sender)
        if expect is None:
            expect = expected_turn(after)
        intent = parse_data.get("intent") or {}
        kinds = {verdict.kind for verdict in verdicts}
        # Self-harm is the more urgent when a turn holds both; it is what we report.
        safety = (
            ("self_harm" if "self_harm" in kinds else "abuse")
            if kinds
            else CRISIS_INTENTS.get(str(intent.get("name")))
        )
        return _Ran(
            turn=TurnResult(
                sender=sender,
                text=text,
                intent=intent.get("name"),
                confidence=float(intent.get("confidence") or 0.0),
                exercise=exercise,
                safety=safety,
                bot=bot,
                feedback=feedback,
                expect=expect,
                listen=listen,
                guide=guide,
                apart=apart,
                commitment=commitment,
            ),
            snapshot=snapshot,
        )

    def _asked_enough(self, sender: str, sign: SafetyVerdict) -> bool:
        """True when this kind of check was answered "no" in this conversation and the new
        sign is not much stronger (RECHECK_AT)."""
        if sign.kind not in self._answered_no.get(sender, set()):
            return False
        score = getattr(sign, "score", None)
        return score is None or score < RECHECK_AT

    def _ask_check(
        self,
        sender: str,
        plan: TurnPlan,
        sign: SafetyVerdict,
        tracker: Any,
        snapshot: int,
    ) -> _Ran:
        """Hold the turn back and ask; nothing reaches the dialogue until the answer."""
        kind = "self_harm" if sign.kind == "self_harm" else "abuse"
        role = sign.role if kind == "abuse" else None
        exercise = tracker.get_slot("exercise")
        self._pending_checks[sender] = PendingCheck(
            kind=kind,
            role=role,
            text=plan.text,
            audio=plan.audio,
            resume=plan.resume,
            exercise=exercise,
        )
        question = check_question(kind, role, self._region)  # type: ignore[arg-type]
        return _Ran(turn=check_turn(sender, plan.text, exercise, question), snapshot=snapshot)

    def end_conversation(self, sender: str) -> None:
        """Forget where a conversation was (an exercise half done, a form waiting), so the
        next turn starts a new session — used when a home device wakes again. A disclosure
        of abuse is carried over: the same people are in the room, and coaching an apology
        there must stay off until the process restarts."""
        self._agent.tracker_store.restart(sender, keep=CARRIED_ACROSS_SESSIONS)
        self._pending_checks.pop(sender, None)
        self._answered_no.pop(sender, None)

    async def _restore(self, sender: str, snapshot: int) -> None:
        """Put a conversation back to the state saved before a failed turn."""
        self._agent.tracker_store.truncate(sender, snapshot)

    async def _current_state(self, sender: str) -> tuple[str | None, str]:
        tracker = await self._agent.tracker_store.retrieve(sender)
        if tracker is None:
            return None, "answer"
        return tracker.get_slot("exercise"), expected_turn(tracker)


@dataclass(frozen=True)
class _Ran:
    turn: TurnResult
    snapshot: int
    """Number of conversation events before the turn (to roll a failed turn back)."""


def _crisis_fallback(safety: str | None, region: str) -> list[str]:
    if safety not in ("self_harm", "abuse"):
        return []
    return crisis_reply(safety, region)  # type: ignore[arg-type]
