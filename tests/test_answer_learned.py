"""The learned answer labels: how learned findings combine with the rules, the training data,
and (with the trained model and the real encoder) new wording caught and clean answers left
alone."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml

from actions.coaching.answer import (
    LABELS,
    UNPATIENT_LABELS,
    analyze_answer,
    learned_labels_in_use,
    use_learned_labels,
)
from actions.coaching.answer_learned import (
    SHORT_TURN_CLAUSES,
    for_the_turn_length,
    told_or_disowned,
)
from actions.coaching.learned_labels import ClauseReading, LearnedLabels
from actions.coaching.pieces import Segment
from assistant.learning import text_key
from assistant.learning.answer import load_answer_clauses, split_of
from tests.support.learned import word_labels

ROOT = Path(__file__).parent.parent
HELD_OUT = [ROOT / "tests/eval/answer_eval.yml", *sorted((ROOT / "tests/eval/blind").glob("*.yml"))]


def _learned(weights: dict[str, dict[str, float]]) -> LearnedLabels:
    return word_labels(LABELS, weights)


@pytest.fixture(autouse=True)
def _rules_only_unless_given() -> Iterator[None]:
    saved = learned_labels_in_use()
    use_learned_labels(None)
    yield
    use_learned_labels(saved)


# -- combining with the rules -------------------------------------------------------------------


def test_without_a_model_the_analyzer_is_the_rules() -> None:
    text = "I already told you. Who told you that anyway?"
    assert analyze_answer(text) == analyze_answer(text, use_learned=False)


def test_a_label_the_rules_missed_is_added_quoting_its_clause() -> None:
    text = "I already told you, March. Who told you that anyway?"
    assert "deflection" not in analyze_answer(text).labels
    analysis = analyze_answer(text, _learned({"deflection": {"who": 9.0}}))
    [finding] = analysis.findings_for("deflection")
    assert finding.phrase == "Who told you that anyway"
    assert text[finding.start : finding.end] == finding.phrase
    # The rules' own finding stays, with its precise phrase.
    assert [f.phrase for f in analysis.findings_for("impatience")] == ["I already told"]


def test_installed_labels_are_used_by_default() -> None:
    text = "Who told you that?"
    use_learned_labels(_learned({"deflection": {"who": 9.0}}))
    assert "deflection" in analyze_answer(text).labels
    assert "deflection" not in analyze_answer(text, use_learned=False).labels


def test_the_rules_reassurance_vetoes_a_learned_impatience_in_the_same_clause() -> None:
    text = "Ask me again whenever you like."
    analysis = analyze_answer(text, _learned({"impatience": {"again": 9.0}}))
    assert analysis.labels == ("reassurance",)


def test_a_learned_reassurance_is_not_added_where_the_rules_found_impatience() -> None:
    text = "Don't ask me again."
    analysis = analyze_answer(text, _learned({"reassurance": {"ask": 9.0}}))
    assert analysis.labels == ("impatience",)


@pytest.mark.parametrize(
    "clause",
    [
        "I used to tell you to calm down",
        "i wont say it was nothing",
        "she told me you were overreacting",
        "I'm not going to change the subject",
    ],
)
def test_a_told_or_refused_phrase_is_not_added(clause: str) -> None:
    assert told_or_disowned(clause)
    learned = _learned({label: {w: 9.0 for w in clause.lower().split()} for label in LABELS[:-1]})
    assert analyze_answer(clause, learned).patient


def test_learned_blame_needs_someone_else_in_its_clause_and_is_not_denied() -> None:
    learned = _learned({"blame_shift": {"feelings": 9.0, "home": 9.0, "make": 9.0}})
    assert analyze_answer("I did have feelings.", learned).labels == ()
    assert analyze_answer("You didn't make me.", learned).labels == ()
    assert analyze_answer("you were never home", learned).labels == ("blame_shift",)


@pytest.mark.parametrize("clause", ["you're obsessing again", "who told you that", "whatever"])
def test_a_plain_clause_is_not_taken_for_a_told_one(clause: str) -> None:
    assert not told_or_disowned(clause)


def _reading(clause_count: int, thresholds: tuple[float, ...]) -> ClauseReading:
    pieces = tuple(Segment(f"c{i}", 3 * i, 3 * i + 2) for i in range(clause_count))
    probabilities = np.zeros((clause_count, len(thresholds)), np.float32)
    return ClauseReading(
        "", pieces, probabilities, np.array(thresholds, np.float32), ("a", "b", "c")
    )


def test_a_short_answer_is_read_at_the_labels_own_thresholds() -> None:
    reading = _reading(SHORT_TURN_CLAUSES, (0.4, 0.55, 0.8))
    assert for_the_turn_length(reading) is reading


def test_the_bar_rises_with_the_answer_length_and_stays_below_certainty() -> None:
    own = np.array((0.4, 0.55, 0.8), np.float32)
    bars = [for_the_turn_length(_reading(n, tuple(own))).thresholds for n in (4, 8, 16, 64)]
    for shorter, longer in zip([own, *bars], bars, strict=False):
        assert (longer > shorter).all()
    assert (bars[-1] < 1.0).all()
    # The order of the labels' bars is kept: a surer label stays surer.
    assert all(list(np.argsort(bar)) == [0, 1, 2] for bar in bars)


def test_a_borderline_reading_counts_in_a_short_answer_and_not_among_many_honest_clauses() -> None:
    learned = _learned({"deflection": {"whatever": 4.6}})
    short = "Whatever, it was Tuesday."
    honest = " ".join(
        [
            "I left work at five.",
            "I drove to the hotel by the ring road.",
            "I met her in the bar downstairs.",
            "We talked for an hour.",
            "Then we went upstairs.",
            "I got home at ten and told you I'd been at the gym.",
            "That was a lie and I'm sorry for it.",
        ]
    )
    long = f"{honest} Whatever, it was Tuesday."
    reading = learned.read(long)
    [row] = [i for i, piece in enumerate(reading.pieces) if "Whatever" in piece.text]
    column = LABELS.index("deflection")
    probability = float(reading.probabilities[row, column])
    raised = float(for_the_turn_length(reading).thresholds[column])
    # The word's weight makes the reading borderline: over the label's own bar, under the
    # bar for an answer this long (checked here, not assumed).
    assert reading.thresholds[column] <= probability < raised
    assert "deflection" in analyze_answer(short, learned).labels
    assert "deflection" not in analyze_answer(long, learned).labels
    # A sure reading is still reported however long the answer.
    sure = _learned({"deflection": {"whatever": 12.0}})
    assert "deflection" in analyze_answer(long, sure).labels


def test_the_json_contract_is_unchanged_with_learned_labels() -> None:
    text = "I already told you, March. Who told you that anyway?"
    data = analyze_answer(text, _learned({"deflection": {"who": 9.0}})).to_dict()
    assert set(data) == {"labels", "findings"}
    assert data["labels"] == ["impatience", "deflection"]
    for finding in data["findings"]:
        assert set(finding) == {"label", "phrase", "start", "end", "advice"}
        assert text[finding["start"] : finding["end"]] == finding["phrase"]


# -- the training data ---------------------------------------------------------------------------


def test_the_answer_labels_use_their_fixed_thresholds_and_refuse_a_short_list() -> None:
    import dataclasses

    import numpy as np

    from assistant.learning.answer import ANSWER_LABELS

    assert ANSWER_LABELS.fixed_thresholds is not None
    flat = np.full((4, len(LABELS)), 0.5)  # would choose something else on its own
    chosen = ANSWER_LABELS.choose_thresholds(flat, np.zeros((4, len(LABELS)), dtype=bool))
    assert chosen.tolist() == pytest.approx(list(ANSWER_LABELS.fixed_thresholds))
    short = dataclasses.replace(ANSWER_LABELS, fixed_thresholds=(0.5,))
    with pytest.raises(ValueError, match="one fixed threshold per label"):
        short.choose_thresholds(flat, np.zeros((4, len(LABELS)), dtype=bool))


@pytest.mark.slow  # 4-7 s: kept out of `make check`, run by `make test`
def test_the_training_clauses_are_many_varied_and_apart_from_the_evaluation_sets() -> None:
    examples = load_answer_clauses()
    assert len(examples) >= 2000
    counts = Counter(label for e in examples for label in e.labels)
    assert set(counts) == set(LABELS)
    assert min(counts.values()) >= 150, counts
    assert sum(not e.labels for e in examples) >= 500
    spoken = sum(e.text == e.text.lower() and not re.search(r"[.,!?']", e.text) for e in examples)
    assert 0.4 <= spoken / len(examples) <= 0.6
    held_out = {
        text_key(item["text"])
        for path in HELD_OUT
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    }
    assert not [e.text for e in examples if text_key(e.text) in held_out]
    splits = Counter(split_of(e.text) for e in examples)
    assert splits["test"] >= 300 and splits["validation"] >= 300


# -- with the trained model and the real encoder -------------------------------------------------


@pytest.fixture(scope="module")
def trained(dialogue_settings) -> LearnedLabels:  # type: ignore[no-untyped-def]
    from assistant.learning.answer import load_learned_answer_labels

    return load_learned_answer_labels(dialogue_settings.understanding_dir)


# New wording: none of these is in the training clauses, the evaluation set or the blind
# batches. Written before the model was tried on them; the trained model of the commit that
# added this comment caught 10 of 12 (it missed "who even remembers that stuff" and "glued to
# your laptop") and flagged 1 of 8 clean answers (minimizing, in "I'm not going to tell you it
# was nothing. It was an affair."). The bars below hold that line, not perfection.
NEW_WORDING = [
    ("ugh you literally asked me this at breakfast", "impatience"),
    ("Yes. Same as I said on Monday, and Tuesday, and Wednesday.", "impatience"),
    ("youre letting your imagination run wild again", "invalidating"),
    ("You're getting yourself all wound up over a coffee.", "invalidating"),
    ("why are you so interested in where i was", "deflection"),
    ("Honestly, who even remembers that stuff.", "deflection"),
    ("it was a stupid little flirt nothing more", "minimizing"),
    ("If you'd ever been home on a weekend, I wouldn't have gone out.", "blame_shift"),
    ("you were glued to your laptop every night", "blame_shift"),
    ("Says the one who hid a whole bank account.", "counter_attack"),
    ("you can bring this to me as often as it comes up", "reassurance"),
    ("There's no limit, love. Ask whenever it's on your mind.", "reassurance"),
]

CLEAN = [
    "I was at the dentist at three and home by five.",
    "no i havent heard from her since the spring",
    "It was four times, not three. I lied about the number before.",
    "i sold the car to pay off part of it and the rest is still on the card",
    "I can see this still hurts. It was at the hotel by the station.",
    "yes i went back once after i promised not to and im sorry",
    "I'm not going to tell you it was nothing. It was an affair.",
    "nobody made me do it it was my choice",
]


@pytest.mark.rasa
def test_new_wording_is_caught_where_the_rules_miss_it(trained: LearnedLabels) -> None:
    known = {text_key(e.text) for e in load_answer_clauses()}
    assert not [t for t, _ in NEW_WORDING if text_key(t) in known]
    rules_missed = [t for t, label in NEW_WORDING if label not in analyze_answer(t).labels]
    missed = [
        (t, label) for t, label in NEW_WORDING if label not in analyze_answer(t, trained).labels
    ]
    assert len(rules_missed) >= 10
    assert len(missed) <= 2, missed


@pytest.mark.rasa
def test_clean_honest_answers_are_rarely_flagged(trained: LearnedLabels) -> None:
    flagged = [
        (t, analyze_answer(t, trained).labels)
        for t in CLEAN
        if set(UNPATIENT_LABELS) & set(analyze_answer(t, trained).labels)
    ]
    assert len(flagged) <= 1, flagged


@pytest.mark.rasa
def test_the_cli_keeps_its_json_contract_with_the_trained_model() -> None:
    text = "why are you so interested in where i was"
    output = subprocess.run(
        [str(Path(sys.executable).parent / "kintsugi"), "analyze", "answer", text],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    data = json.loads(output.stdout)
    assert set(data) == {"labels", "findings"}
    assert "deflection" in data["labels"]
    for finding in data["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["phrase"]
