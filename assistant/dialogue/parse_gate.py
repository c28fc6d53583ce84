"""What the dialogue acts on: the NLU's parse after the safety guard and the command guard.

Pure decisions on one turn (no Rasa, no conversation state): which intent a crisis finding
forces, when long free text is not a command, when an unsure finding is worth a question,
and which kind of turn a free-text loop waits for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.dialogue.turn import SafetyVerdict, TurnResult

# Short commands may interrupt free-text capture (an apology being said). A long utterance
# that the classifier happens to label "stop" is almost certainly part of the apology
# ("I need to stop lying to you...") and must not end the exercise. "Crisis help" and
# "I'm not safe" are commands too: they must work in the middle of anything.
COMMAND_INTENTS = frozenset({"stop", "help", "skip", "ask_crisis_help"})
MAX_COMMAND_WORDS = 5
FREE_TEXT_LOOPS = frozenset(
    {
        "apology_form",
        "listening_form",
        "questions_form",
        "guided_form",
        "apart_form",
        "commitment_form",
        "promise_roleplay_form",
    }
)
# The turn each free-text loop waits for when no action said (actions normally say, turn by
# turn: a listening monologue expects short answers until its reflection, which is long).
LOOP_TURN_KINDS = {
    "apology_form": "long_form",
    "listening_form": "answer",
    "questions_form": "answer",
    "guided_form": "command",
    "apart_form": "answer",
    "commitment_form": "answer",
    "promise_roleplay_form": "long_form",
}
# The NLU learns the crisis intents too: they are the intents the crisis rules act on, and
# the runtime forces them when the safety guard decides. The classifier's own guess is
# never used: on the safety classifier's never-trained test split, crisis intents at 0.95
# or more blocked 29 of 503 benign messages when acting alone, and as a reason to ask they
# added 13 checks on benign messages for 1 crisis the guard missed (README, "Safety").
CRISIS_INTENTS = {"crisis_self_harm": "self_harm", "crisis_abuse": "abuse"}
HELP_REQUEST_INTENT = "ask_crisis_help"
CONTENT_INTENTS = frozenset({"share_feelings", "apology_statement", "out_of_scope", "nlu_fallback"})
"""Intents whose words are the user's own story; every other intent is a request or a
command about the exercise, which a check would only interrupt."""
REQUEST_MIN_CONFIDENCE = 0.8
REQUEST_MAX_WORDS = 15
"""A request this long or shorter is only a request. A longer one tells a story around it
("help me apologise for holding the knife, he's talking about leaving"), and a story can
hold a disclosure, so the guard's doubt is still asked about (README, "Intent
understanding")."""
REQUEST_SILENCES_BELOW = 0.6
"""A clear request silences only a weak sign: a finding whose probability is at least this
(the guard's CHECK_ALONE_AT, a sign strong enough to be asked about on its own; a test keeps
them equal) is asked about whatever the NLU reads. On the never-trained split the request
gate had silenced 21 crises the guard had asked about, among them "gonna end it tonight" read
as `goodbye` (0.94) and "the one promise i cant keep is staying alive if she leaves" read as
`start_commitments` (0.94); with this bar 14 of them are asked about (2 more get the crisis
help they asked for, 5 are weak signs), for 4 more checks over the split's benign sentences,
the practice sets and the menu batches together (3,900 sentences)."""
NLU_FLOOR = 0.25
"""The FallbackClassifier's threshold in config.yml (a test keeps them equal). When the NLU's
top guess is set aside (a crisis intent, a command inside free text), the next guess must
clear it too; below it the turn is `nlu_fallback` and the user hears the choices, never an
exercise guessed at 0.08."""


@dataclass(frozen=True)
class TurnPlan:
    """What one call to the dialogue runs: a text, what the screen found in it, and
    whether an unsure finding may still be asked about."""

    text: str
    verdicts: Sequence[SafetyVerdict]
    audio: Mapping[str, Any] | None
    resume: Mapping[str, Any] | None
    may_check: bool = True
    lead: tuple[str, ...] = ()
    """Lines said before the dialogue's reply."""
    apart: Mapping[str, Any] | None = None
    """The time-apart context for the actions (`RasaDialogue.handle`)."""
    context: Mapping[str, Any] | None = None
    """More metadata for the actions, by payload key (`RasaDialogue.handle`)."""


@dataclass(frozen=True)
class PendingCheck:
    """A turn held back while the user answers a safety check."""

    kind: str
    role: str | None
    text: str
    audio: Mapping[str, Any] | None
    resume: Mapping[str, Any] | None
    exercise: str | None
    asked_again: bool = False

    def confirmed(self) -> ConfirmedFinding:
        """The finding the user confirmed by answering yes."""
        return ConfirmedFinding(self.kind, self.text, True, self.role)


@dataclass(frozen=True)
class ConfirmedFinding:
    kind: str
    phrase: str
    certain: bool
    role: str | None


def safety_decision(
    parse_data: dict[str, Any], plan: TurnPlan, active_loop: str | None
) -> tuple[dict[str, Any], tuple[SafetyVerdict, ...], SafetyVerdict | None]:
    """What the safety guard's findings mean for one turn: the parse the dialogue acts on,
    the certain findings (a crisis reply), and an unsure finding to ask about."""
    certain = certain_only(plan.verdicts)
    if certain:
        return crisis_parse(parse_data, certain), certain, None
    unsure: SafetyVerdict | None = plan.verdicts[0] if plan.verdicts else None
    # The NLU's own crisis guess is never acted on (see CRISIS_INTENTS).
    parse_data = next_best_if(parse_data, set(CRISIS_INTENTS))
    # Long free text inside a capture loop is never read as a command.
    parse_data = guard_commands(parse_data, active_loop, plan.text)
    intent = parse_data.get("intent") or {}
    if intent.get("name") == HELP_REQUEST_INTENT:
        # "I'm not safe", "crisis help": asked for help, they get every resource at once,
        # which is more than a check would give.
        unsure = None
    elif (
        intent.get("name") not in CONTENT_INTENTS
        and float(getattr(unsure, "score", None) or 0.0) < REQUEST_SILENCES_BELOW
        and float(intent.get("confidence") or 0.0) >= REQUEST_MIN_CONFIDENCE
        and len(plan.text.split()) <= REQUEST_MAX_WORDS
        and (active_loop not in FREE_TEXT_LOOPS or len(plan.text.split()) <= MAX_COMMAND_WORDS)
    ):
        # A clear request or command ("take me through the long road", "next") carries
        # no disclosure to ask about when the sign is weak; a sure finding still acts.
        unsure = None
    return parse_data, (), unsure if plan.may_check else None


def check_turn(sender: str, text: str, exercise: str | None, lines: list[str]) -> TurnResult:
    """A turn that asks a safety check: nothing reached the dialogue, the exercise waits,
    and a yes or a no comes next (a voice front-end hears it with its command grammar)."""
    return TurnResult(
        sender=sender,
        text=text,
        intent=None,
        confidence=None,
        exercise=exercise,
        safety="check",
        bot=lines,
        expect="command",
    )


def certain_only(verdicts: Sequence[SafetyVerdict]) -> tuple[SafetyVerdict, ...]:
    return tuple(v for v in verdicts if getattr(v, "certain", True))


def forced_intent(parse_data: dict[str, Any], intent: str) -> dict[str, Any]:
    forced = dict(parse_data)
    forced["intent"] = {"name": intent, "confidence": 1.0}
    forced["intent_ranking"] = [{"name": intent, "confidence": 1.0}]
    return forced


def crisis_parse(parse_data: dict[str, Any], verdicts: Sequence[SafetyVerdict]) -> dict[str, Any]:
    """Force the crisis intent. When a turn discloses abuse and self-harm together, the
    abuse intent is used (so the rest of the session stays free of apology coaching) and
    the action is told to give the self-harm care first."""
    kinds = {verdict.kind: verdict for verdict in verdicts}
    if "abuse" in kinds:
        forced = forced_intent(parse_data, "crisis_abuse")
        role = getattr(kinds["abuse"], "role", None) or "unclear"
        forced["entities"] = [{"entity": "abuse_role", "value": str(role)}]
        if "self_harm" in kinds:
            forced["entities"].append({"entity": "crisis_also", "value": "self_harm"})
        return forced
    forced = forced_intent(parse_data, "crisis_self_harm")
    forced["entities"] = []
    return forced


def next_best_if(parse_data: dict[str, Any], excluded: set[str]) -> dict[str, Any]:
    intent = (parse_data.get("intent") or {}).get("name")
    return next_best(parse_data, excluded) if intent in excluded else parse_data


def next_best(parse_data: dict[str, Any], excluded: set[str]) -> dict[str, Any]:
    ranking: Sequence[dict[str, Any]] = parse_data.get("intent_ranking") or []
    for candidate in ranking:
        name = candidate.get("name")
        if name and name not in excluded and name != "nlu_fallback":
            guarded = dict(parse_data)
            confidence = float(candidate.get("confidence") or 0.0)
            if confidence < NLU_FLOOR:
                # What the FallbackClassifier would have said had this been the top guess.
                guarded["intent"] = {"name": "nlu_fallback", "confidence": NLU_FLOOR}
            else:
                guarded["intent"] = {"name": name, "confidence": confidence}
            return guarded
    return forced_intent(parse_data, "out_of_scope")


def guard_commands(
    parse_data: dict[str, Any], active_loop: str | None, text: str
) -> dict[str, Any]:
    """Keep long free text inside a capture loop from being read as a command."""
    intent = (parse_data.get("intent") or {}).get("name")
    if active_loop not in FREE_TEXT_LOOPS or intent not in COMMAND_INTENTS:
        return parse_data
    if len(text.split()) <= MAX_COMMAND_WORDS:
        return parse_data
    return next_best(parse_data, excluded=set(COMMAND_INTENTS) | set(CRISIS_INTENTS))


def expected_turn(tracker: Any) -> str:
    """Long-form while a free-text loop waits for its text; otherwise a normal answer."""
    if tracker is not None and tracker.active_loop_name in FREE_TEXT_LOOPS:
        return LOOP_TURN_KINDS.get(tracker.active_loop_name, "long_form")
    return "answer"
