"""Focused behaviour of the apology analyzer (the broad figures are in test_apology_eval)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from actions.coaching import apology
from actions.coaching.apology import (
    ANTI_PATTERNS,
    COMPONENT_WEIGHTS,
    COMPONENTS,
    ApologyAnalysis,
    analyze_apology,
    score_labels,
)
from tests.support.scaling import assert_linear, repeated


def phrases(analysis: ApologyAnalysis, label: str) -> list[str]:
    return [f.phrase for f in analysis.findings_for(label)]


def test_the_vocabulary_is_exactly_the_one_in_content_md() -> None:
    assert COMPONENTS == (
        "regret",
        "responsibility",
        "specific_act",
        "harm_acknowledged",
        "repair_offer",
        "repentance",
        "forgiveness_request",
    )
    assert ANTI_PATTERNS == (
        "but_undoing",
        "conditional",
        "feelings_deflection",
        "passive_voice",
        "excuse",
        "justification",
        "blame_shift",
        "minimizing",
        "invalidating",
        "counter_attack",
        "absolute_promise",
        "pressure_to_forgive",
        "self_focus",
    )


def test_the_classic_non_apology_is_taken_apart_with_exact_phrases() -> None:
    text = "I'm sorry if you were hurt, but you made me do it."
    result = analyze_apology(text)
    assert set(result.anti_patterns) == {"conditional", "but_undoing", "blame_shift"}
    assert result.components == ()
    assert phrases(result, "conditional") == ["sorry if you were hurt"]
    assert phrases(result, "but_undoing") == ["but you made me do it"]
    assert phrases(result, "blame_shift") == ["you made me"]
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.phrase


def test_the_same_non_apology_in_speech_style() -> None:
    text = "im sorry if you were hurt but you made me do it"
    result = analyze_apology(text)
    assert set(result.anti_patterns) == {"conditional", "but_undoing", "blame_shift"}
    assert phrases(result, "conditional") == ["sorry if you were hurt"]
    assert phrases(result, "blame_shift") == ["you made me"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("There is no excuse for it.", "excuse"),
        ("I won't tell you it was no big deal.", "minimizing"),
        ("i wont tell you it was no big deal", "minimizing"),
        ("I'm not going to say calm down.", "invalidating"),
        ("im not going to say calm down", "invalidating"),
        ("I know saying 'it will never happen again' means nothing.", "absolute_promise"),
        ("i know saying it will never happen again means nothing", "absolute_promise"),
        ("I don't expect you to forgive me.", "forgiveness_request"),
        ("I'm not asking you to move on.", "pressure_to_forgive"),
        ("You didn't make me do anything.", "blame_shift"),
        ("I don't think you're overreacting at all.", "invalidating"),
        ("I'm not sorry for leaving.", "regret"),
        ("Sorry to bother you, can we talk?", "regret"),
        ('She said "you\'re overreacting" and I agreed, which was wrong.', "invalidating"),
    ],
)
def test_negated_refused_and_quoted_phrases_do_not_count(text: str, absent: str) -> None:
    assert absent not in analyze_apology(text).labels


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("I'm not just sorry but ready to change.", "but_undoing"),
        ("Ask me if you want details.", "conditional"),
        ("From now on I'll call you if I'm going to be late.", "conditional"),
        ("I cheated. Nothing undoes that, but I'll answer anything you ask.", "but_undoing"),
        ("I was stressed, but that's no excuse.", "excuse"),
    ],
)
def test_innocent_but_and_if(text: str, absent: str) -> None:
    assert absent not in analyze_apology(text).labels


# Rule false positives found on blind batches after their first runs (writers af to bs), each
# beside a near twin the same rule must still catch, so a fix that only deletes a rule fails.
@pytest.mark.parametrize(
    ("owned", "undermining", "label"),
    [
        ("I told you nothing happened. That was a lie.", "Nothing happened, okay?", "minimizing"),
        ("I'm sorry. It's just I was scared.", "It was just one kiss.", "minimizing"),
        ("its just youd been so quiet", "its just a few texts", "minimizing"),
        ("That was only yours to share.", "It was only money.", "minimizing"),
        ("It's nobody's fault but mine.", "I'm sorry, but you know how I get.", "but_undoing"),
        (
            "I'm sorry, but I hope one day you can forgive me.",
            "I'm sorry but you were cold.",
            "but_undoing",
        ),
        ("Nothing you did made me do it.", "You made me do it.", "blame_shift"),
        (
            "It was my decision, not something you pushed me into.",
            "You pushed me into it.",
            "blame_shift",
        ),
        (
            "You were the one who had to explain it to her.",
            "You were the one who wanted a break.",
            "blame_shift",
        ),
        ("I'll apologise to your brother too.", "Your brother does it too.", "blame_shift"),
        ("You should have been part of that decision.", "You should have known.", "blame_shift"),
        ("I've told her it's over.", "It's over. Let's move on.", "pressure_to_forgive"),
        ("I'm asking you to forgive me.", "I'm asking you to move on.", "pressure_to_forgive"),
        (
            "I'm sorry, you must have felt so alone.",
            "I'm sorry you feel that way.",
            "feelings_deflection",
        ),
        (
            "im sorry and if you want to ask me anything i will answer",
            "im sorry if you were upset",
            "conditional",
        ),
        (
            "You asked me if something was wrong and I lied.",
            "Sorry if something I did was wrong.",
            "conditional",
        ),
        (
            "I just didn't mention it. Technically that isn't lying.",
            "I only kissed her.",
            "minimizing",
        ),
        ("I don't see why I'm the bad guy here.", "I'm such a monster.", "self_focus"),
        ("I know you can't relax around me now.", "Relax, it was one drink.", "invalidating"),
        (
            "I know it felt like the end of the world.",
            "You act like it's the end of the world.",
            "invalidating",
        ),
        ("You're being honest with me.", "You're being a bit sensitive.", "invalidating"),
        (
            "I hid it because I was ashamed.",
            "I hid it because I knew you'd freak out.",
            "blame_shift",
        ),
    ],
)
def test_rules_tell_owning_from_undermining(owned: str, undermining: str, label: str) -> None:
    assert label not in analyze_apology(owned, use_learned=False).labels
    assert label in analyze_apology(undermining, use_learned=False).labels


def test_a_refused_excuse_counts_as_taking_responsibility() -> None:
    result = analyze_apology("I'm not going to pretend I was too drunk to know what I was doing.")
    assert "excuse" not in result.labels
    assert "responsibility" in result.labels


def test_a_strong_apology_in_both_styles() -> None:
    typed = (
        "I'm sorry I lied to you about the money. It was my fault, and I know it hurt you. "
        "I want to make it right, and from now on I'll show you every statement."
    )
    speech = (
        "im sorry i lied to you about the money it was my fault and i know it hurt you "
        "i want to make it right and from now on ill show you every statement"
    )
    for text in (typed, speech):
        result = analyze_apology(text)
        assert set(result.components) == {
            "regret",
            "specific_act",
            "responsibility",
            "harm_acknowledged",
            "repair_offer",
            "repentance",
        }
        assert result.anti_patterns == ()
        assert result.score == 100
        assert (
            phrases(result, "specific_act")[0].lower().startswith("i lied to you about the money")
        )


def test_numbers_match_as_digits_and_as_words() -> None:
    for text in ("It was only 1 time.", "it was only one time", "I'm 100% sure it won't happen"):
        assert analyze_apology(text).anti_patterns, text
    assert "absolute_promise" in analyze_apology("i promise one hundred percent").labels


def test_offsets_round_trip_on_messy_text() -> None:
    text = "  Im   SO sorry…\tI  DIDNT mean to hurt you,  honestly — you MADE me do it!!  "
    result = analyze_apology(text)
    assert result.findings
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.phrase
        assert finding.phrase == finding.phrase.strip()


def test_to_dict_is_json_ready_and_complete() -> None:
    result = analyze_apology("I'm sorry, but you started it.")
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"components", "anti_patterns", "findings", "score", "delivery"}
    assert data["anti_patterns"] == ["but_undoing", "blame_shift"]
    assert set(data["findings"][0]) == {"label", "phrase", "start", "end", "advice"}
    assert {"word_count", "estimated_seconds", "hedges", "fillers"} <= set(data["delivery"])


def test_every_finding_has_short_kind_advice() -> None:
    result = analyze_apology(
        "I'm sorry if you were upset, but you're overreacting. It will never happen again."
    )
    for finding in result.findings:
        assert finding.advice.endswith(".")
        assert len(finding.advice) < 90
        assert "(" not in finding.advice


def test_score_follows_the_research_weights() -> None:
    # Responsibility and repair weigh most, forgiveness least (Lewicki et al. 2016).
    assert max(COMPONENT_WEIGHTS, key=COMPONENT_WEIGHTS.__getitem__) == "responsibility"
    assert sorted(COMPONENT_WEIGHTS.values())[-2] == COMPONENT_WEIGHTS["repair_offer"]
    assert min(COMPONENT_WEIGHTS, key=COMPONENT_WEIGHTS.__getitem__) == "forgiveness_request"
    # Forgiveness is optional: the other six already make a full score.
    assert score_labels(set(COMPONENTS) - {"forgiveness_request"}) == 100
    assert score_labels({"regret", "responsibility"}) > score_labels({"regret"})
    assert score_labels({"regret", "blame_shift"}) < score_labels({"regret"})
    assert score_labels(ANTI_PATTERNS) == 0


def test_anti_patterns_lower_the_score() -> None:
    clean = analyze_apology("I'm sorry I lied. It was my fault.")
    undone = analyze_apology("I'm sorry I lied. It was my fault. But you started it.")
    assert undone.score < clean.score


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01\x02\x1b[31m\x7f",
        "😀🙏💔" * 50,
        "Es tut mir leid, ich habe dich angelogen.",
        "对不起，我骗了你。",
        "Прости меня, я был неправ.",
        "a" * 10_000,
        "sorry " * 1_700,
        "i'm sorry but " * 700,
        "sorry if " * 1_100,
        "never " * 1_700,
        "'" * 10_000,
        '"' * 10_000,
        "i was " * 1_700,
        "you made me " * 900,
        ". " * 5_000,
    ],
)
def test_junk_input_returns_a_valid_analysis_in_linear_time(text: str) -> None:
    result = analyze_apology(text)
    assert_linear(analyze_apology, repeated(text), size=len(text))
    assert 0 <= result.score <= 100
    assert set(result.components) <= set(COMPONENTS)
    assert set(result.anti_patterns) <= set(ANTI_PATTERNS)
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.phrase
    json.dumps(result.to_dict())


def test_the_analyzer_is_pure() -> None:
    source = Path(apology.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= {
        "__future__",
        "bisect",
        "re",
        "collections",
        "dataclasses",
        "typing",
        "actions",
    }
