"""The learned reflection labels: how learned findings combine with the listening rules, the
training data, and (with the trained model and the real encoder) new wording the rules miss."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from actions.coaching.learned_labels import LearnedLabels
from actions.coaching.listening_analysis import LABELS, analyze_listening
from actions.coaching.listening_feedback import compose_listening_feedback
from actions.coaching.listening_learned import listening_learned_in_use, use_listening_learned
from assistant.learning import text_key
from assistant.learning.listening import load_reflection_clauses, split_of
from tests.support.learned import word_labels

EVAL_FILE = Path(__file__).parent / "eval" / "reflection_eval.yml"
SCENARIO = "lost-job-lie"


def _learned(weights: dict[str, dict[str, float]]) -> LearnedLabels:
    return word_labels(LABELS, weights)


@pytest.fixture(autouse=True)
def _rules_only_unless_given() -> Iterator[None]:
    saved = listening_learned_in_use()
    use_listening_learned(None)
    yield
    use_listening_learned(saved)


# -- combining with the rules ------------------------------------------------------------------


def test_a_label_the_rules_missed_is_added_quoting_its_clause() -> None:
    text = "You found out from Priya, and that must have floored you"
    assert "feeling_named" not in analyze_listening(SCENARIO, text).labels
    analysis = analyze_listening(SCENARIO, text, _learned({"feeling_named": {"floored": 9.0}}))
    (finding,) = analysis.findings_for("feeling_named")
    assert text[finding.start : finding.end] == finding.phrase
    assert "floored" in finding.phrase and "Priya" not in finding.phrase


def test_the_default_learned_labels_are_used_until_unset() -> None:
    text = "that must have floored you"
    use_listening_learned(_learned({"feeling_named": {"floored": 9.0}}))
    assert "feeling_named" in analyze_listening(SCENARIO, text).labels
    assert "feeling_named" not in analyze_listening(SCENARIO, text, use_learned=False).labels
    use_listening_learned(None)
    assert "feeling_named" not in analyze_listening(SCENARIO, text).labels


def test_a_refused_defence_or_plan_is_not_added() -> None:
    learned = _learned({"defensiveness": {"excuses": 9.0}, "fixing": {"should": 9.0}})
    refused = analyze_listening(
        SCENARIO, "I won't make excuses. I'm not saying you should", learned
    )
    assert not {"defensiveness", "fixing"} & set(refused.labels)
    said = analyze_listening(SCENARIO, "there were excuses", learned)
    assert "defensiveness" in said.labels


def test_typed_text_with_question_marks_adds_a_question_only_where_one_is_asked() -> None:
    learned = _learned({"question": {"right": 9.0}})
    typed = "You felt alone, right. Was it the lying?"
    found = analyze_listening(SCENARIO, typed, learned).findings_for("question")
    assert [f.phrase for f in found] == ["Was it the lying?"]
    spoken = "you felt alone right"
    assert "question" in analyze_listening(SCENARIO, spoken, learned).labels


def test_validation_is_not_added_where_the_rules_found_the_speakers_side() -> None:
    learned = _learned({"validation": {"fair": 9.0}})
    analysis = analyze_listening(SCENARIO, "To be fair, I did call you back", learned)
    assert analysis.labels == ("defensiveness",)


def test_the_json_contract_is_unchanged_with_learned_labels() -> None:
    learned = _learned({"feeling_named": {"floored": 9.0}})
    data = analyze_listening(SCENARIO, "that must have floored you", learned).to_dict()
    assert set(data) == {"coverage", "covered", "missed", "labels", "findings"}
    assert set(data["findings"][0]) == {"label", "phrase", "start", "end", "advice"}


def test_feedback_credits_a_learned_feeling_without_putting_words_in_their_mouth() -> None:
    learned = _learned({"feeling_named": {"floored": 9.0}})
    analysis = analyze_listening(SCENARIO, "that must have floored you", learned)
    feedback = compose_listening_feedback(SCENARIO, analysis)
    assert "You named how they felt." in feedback.sentences
    assert not any("stupid" in s or "tired" in s for s in feedback.sentences[:-2])


def test_the_tip_follows_a_learned_defence() -> None:
    text = "honestly the lunch just ran long"
    learned = _learned({"defensiveness": {"ran": 9.0}})
    plain = compose_listening_feedback(SCENARIO, analyze_listening(SCENARIO, text))
    assert "your side" not in plain.next_time
    feedback = compose_listening_feedback(SCENARIO, analyze_listening(SCENARIO, text, learned))
    assert "your side" in feedback.next_time


# -- the training data ----------------------------------------------------------------------------


def test_the_training_data_is_big_varied_and_half_speech() -> None:
    clauses = load_reflection_clauses()
    assert len(clauses) >= 2000
    speech = [
        c for c in clauses if c.text == c.text.lower() and not any(p in c.text for p in ".,?'!")
    ]
    assert 0.4 <= len(speech) / len(clauses) <= 0.6
    counts = Counter(label for c in clauses for label in c.labels)
    assert all(counts[label] >= 150 for label in LABELS), counts
    assert sum(not c.labels for c in clauses) >= 500
    questions_without_mark = [c for c in clauses if "question" in c.labels and "?" not in c.text]
    assert len(questions_without_mark) >= 200


def test_no_clause_is_an_eval_item_and_the_splits_hold_enough() -> None:
    raw = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    eval_keys = {text_key(item["text"]) for item in raw}
    clauses = load_reflection_clauses()
    assert not [c.text for c in clauses if text_key(c.text) in eval_keys]
    splits = Counter(split_of(c.text) for c in clauses)
    assert splits["test"] >= 250 and splits["validation"] >= 250


# -- with the trained model and the real encoder ---------------------------------------------------


@pytest.fixture(scope="module")
def trained(dialogue_settings) -> LearnedLabels:  # type: ignore[no-untyped-def]
    from assistant.learning.listening import load_listening_learned

    return load_listening_learned(dialogue_settings.understanding_dir)


@pytest.mark.rasa
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("you found out from priya and that must have gutted you", {"feeling_named"}, set()),
        (
            "you felt like the last person to know is that close",
            {"feeling_named", "question"},
            set(),
        ),
        ("Honestly, who wouldn't be furious after that.", {"validation"}, set()),
        ("youre overreacting a bit its only money", {"defensiveness"}, set()),
        ("the traffic was insane and my phone was dead", {"defensiveness"}, set()),
        ("how about we book a couples counsellor this week", {"fixing"}, set()),
        ("I won't make excuses for any of it.", set(), {"defensiveness"}),
        ("i feel sick about it", set(), {"feeling_named"}),
        ("you keep wondering what else i made up", set(), {"question"}),
    ],
)
def test_new_wording_with_the_trained_model(
    trained: LearnedLabels, text: str, present: set[str], absent: set[str]
) -> None:
    labels = set(analyze_listening(SCENARIO, text, trained).labels)
    assert present <= labels, labels
    assert not absent & labels, labels
