"""Spoken feedback after listening practice: interruptions, the reflection, one thing to try.

Kind, specific and short (CONTENT.md): what went well, the one thing to change, and an offer
to go again. The coach speaks about the partner as "they", because by now the role-play is
over. Inputs are plain data - interruption times come from the voice runtime or from text
mode, and the reflection from `actions.coaching.listening_analysis` - so composition is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from actions.coaching.listening_analysis import ListeningAnalysis, analyze_listening
from actions.coaching.scenarios import ListeningScenario, SegmentTiming, get_listening_scenario
from actions.coaching.spoken import count_word, join_words, quote_from, seconds_in, times_word

__all__ = ["ListeningFeedback", "compose_listening_feedback"]

OFFER = "Would you like to try this one again, or try a different scenario?"
MAX_TIMES_SPOKEN = 3
"""Interruption times read out; beyond this the feedback says how many more."""
MAX_POINTS_SPOKEN = 2
"""Caught or missed key points read out; more is a list, not feedback."""
LOW_COVERAGE = 0.5
MIN_PAUSE_S = 1.0
"""A designed pause at least this long counts as a pause when placing an interruption."""


@dataclass(frozen=True)
class ListeningFeedback:
    """What the coach says after one listening round, and the facts behind it."""

    scenario_id: str
    """The scenario practised."""

    sentences: tuple[str, ...]
    """The feedback, one plain sentence per entry, in speaking order."""

    interruptions: tuple[float, ...]
    """Interruption times in seconds from the start of the monologue, sorted."""

    interruptions_in_pauses: int
    """How many of them fell inside a designed pause."""

    next_time: str
    """The one thing to do differently (also among `sentences`)."""

    reflection: ListeningAnalysis | None
    """The reflection analysis, or None when the user gave no reflection."""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def score(self) -> int:
        """0-100 for the journal: how much of what they said the reflection covered, less
        a tenth for each time the user cut in; 0 without a reflection."""
        if self.reflection is None:
            return 0
        return max(0, round(100 * self.reflection.coverage) - 10 * len(self.interruptions))

    @property
    def labels(self) -> list[str]:
        """The reflection's labels, and `interrupting` when the user cut in."""
        labels = list(self.reflection.labels) if self.reflection else []
        return [*labels, "interrupting"] if self.interruptions else labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": "listening",
            "score": self.score,
            "labels": self.labels,
            "scenario_id": self.scenario_id,
            "text": self.text,
            "sentences": list(self.sentences),
            "interruptions": {
                "count": len(self.interruptions),
                "times_s": [round(t, 1) for t in self.interruptions],
                "in_pauses": self.interruptions_in_pauses,
            },
            "reflection": self.reflection.to_dict() if self.reflection else None,
            "next_time": self.next_time,
        }


def _in_pause(moment: float, timeline: Sequence[SegmentTiming]) -> bool:
    return any(
        t.end_s - t.speech_end_s >= MIN_PAUSE_S and t.speech_end_s <= moment < t.end_s
        for t in timeline
    )


def _interruption_sentences(times: Sequence[float], in_pauses: int) -> list[str]:
    if not times:
        return [
            "You let them finish without cutting in, even through the long pauses. That's the "
            "hardest part, and you did it."
        ]
    spoken = [seconds_in(t, about=i == 0) for i, t in enumerate(times[:MAX_TIMES_SPOKEN])]
    extra = len(times) - len(spoken)
    if extra:
        spoken.append(f"{count_word(extra)} more")
    if len(times) == 1:
        where = ", during one of their pauses" if in_pauses else ""
        first = f"You came in once before they had finished, {spoken[0]}{where}."
        sentences = [first]
    else:
        sentences = [
            f"You came in {times_word(len(times))} before they had finished: {join_words(spoken)}."
        ]
        if in_pauses == len(times):
            sentences.append("Each time was in a pause, while they were still finding the words.")
        elif in_pauses:
            verb = "was" if in_pauses == 1 else "were"
            sentences.append(
                f"{count_word(in_pauses).capitalize()} of those {verb} in a pause, while they "
                "were still finding the words."
            )
    return sentences


def _reflection_sentences(scenario: ListeningScenario, analysis: ListeningAnalysis) -> list[str]:
    sentences = []
    caught = [scenario.key_point(pid).summary for pid in analysis.covered]
    if len(caught) == len(scenario.key_points):
        sentences.append("Your reflection gave back every point they made.")
    elif caught:
        shown = caught[:MAX_POINTS_SPOKEN]
        sentences.append("Your reflection caught that " + join_words(shown, "and that") + ".")
    else:
        sentences.append("Your reflection didn't yet give back what they said.")
    if analysis.feeling_words:
        # Their words, not the scenario's names for the feelings: "humiliated" is credited
        # as humiliated, never as "stupid".
        sentences.append(f"You named how they felt: {join_words(list(analysis.feeling_words))}.")
    elif "feeling_named" in analysis.labels:
        sentences.append("You named how they felt.")
    missed = [scenario.key_point(pid).summary for pid in analysis.missed]
    if missed and caught:
        sentences.append("You didn't mention that " + join_words(missed[:1], "or that") + ".")
    # One quote per label at most: feedback is heard once, and one example is enough.
    templates = (
        ("validation", "Saying {said} told them their reaction is allowed."),
        ("defensiveness", "When you said {said}, the focus moved to your side."),
        ("fixing", "When you said {said}, it became advice, and they weren't asking for that yet."),
        ("question", "Asking {said} invited them to say more."),
    )
    for label, template in templates:
        for finding in analysis.findings_for(label)[:1]:
            said = quote_from(analysis.text, finding.start, finding.end)
            sentences.append(template.format(said=said))
    return sentences


def _next_time(
    scenario: ListeningScenario,
    analysis: ListeningAnalysis | None,
    interruptions: int,
    in_pauses: int,
) -> str:
    """The single most useful change: the tip for the main problem found. In order: cutting
    in while they were still speaking (when at least half the interruptions were), then your
    side in the reflection, then advice, then coming in during their pauses, then no
    reflection, then the feeling, the facts, and the small finishing touches."""
    reflected = analysis is not None and bool(analysis.text.strip())
    labels = analysis.labels if analysis is not None and reflected else ()
    over_their_words = interruptions - in_pauses
    if over_their_words and over_their_words >= in_pauses:
        return (
            "Next time, when something rises in you while they're talking, hold on to it until "
            "they've finished. Your turn will come."
        )
    if "defensiveness" in labels:
        return "Next time, leave your side out of the reflection. There will be room for it later."
    if "fixing" in labels:
        return "Next time, hold back the solutions and just give back what you heard."
    if interruptions:
        return (
            "Next time, when they go quiet, count to five in your head before you speak. The "
            "silence is part of what they're saying."
        )
    if analysis is None or not reflected:
        return (
            "Next time, when they finish, say back in your own words what you heard, starting "
            "with what hurt them most."
        )
    if "feeling_named" not in labels and scenario.feelings:
        return (
            f"Next time, name the feeling too: they told you they felt {scenario.feelings[0].name}."
        )
    if analysis.coverage < LOW_COVERAGE and analysis.missed:
        missed = scenario.key_point(analysis.missed[0]).summary
        return f"Next time, try to give back that {missed}, in your own words."
    if "validation" not in labels:
        return (
            'Next time, add a line like "that makes sense", so they know their reaction is allowed.'
        )
    if "question" not in labels:
        return 'Next time, finish by asking "did I get that right?"'
    return "Next time, keep doing exactly this."


def compose_listening_feedback(
    scenario: str | ListeningScenario,
    reflection: ListeningAnalysis | str | None,
    interruptions: Sequence[float] = (),
    *,
    timeline: Sequence[SegmentTiming] | None = None,
    in_pause: Sequence[bool | None] | None = None,
) -> ListeningFeedback:
    """Feedback for one listening round.

    `reflection` is the analysis, or the reflection text to analyse, or None when the user
    gave none. `interruptions` are the moments (seconds from the start of the monologue) the
    user spoke or typed before the finishing cue. `timeline` places them in or out of the
    designed pauses; the scenario's nominal timeline is used when the caller has no measured
    one. `in_pause`, one entry per interruption, says where the voice runtime heard it (in
    a pause or over the partner's voice); None entries are placed by the timeline.
    """
    chosen = get_listening_scenario(scenario) if isinstance(scenario, str) else scenario
    if isinstance(reflection, str):
        analysis: ListeningAnalysis | None = analyze_listening(chosen, reflection)
    else:
        analysis = reflection
    flags = list(in_pause) if in_pause is not None else []
    flags += [None] * (len(interruptions) - len(flags))
    places = timeline if timeline is not None else chosen.timeline()
    kept = sorted(
        (float(t), flag if flag is not None else _in_pause(float(t), places))
        for t, flag in zip(interruptions, flags, strict=False)
        if t >= 0
    )
    times = tuple(t for t, _ in kept)
    in_pauses = sum(1 for _, paused in kept if paused)

    sentences = _interruption_sentences(times, in_pauses)
    if analysis is not None and analysis.text.strip():
        sentences += _reflection_sentences(chosen, analysis)
    next_time = _next_time(chosen, analysis, len(times), in_pauses)
    sentences += [next_time, OFFER]
    return ListeningFeedback(
        scenario_id=chosen.id,
        sentences=tuple(sentences),
        interruptions=times,
        interruptions_in_pauses=in_pauses,
        next_time=next_time,
        reflection=analysis,
    )
