"""The turn model (actions/coaching/turn_labels.py): how it decides a turn's findings, its
file, and the trained models on the share of the blind batches none trains on."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from actions.coaching.apology_vocabulary import Finding
from actions.coaching.learned_labels import ClauseReading, LearnedLabels, PackedFeatures
from actions.coaching.pieces import Segment
from actions.coaching.turn_labels import (
    DROP_BELOW,
    RULE_VETO,
    SURE_CLAUSE,
    TurnModel,
    TurnModelError,
    decide,
    turn_row,
)

LABELS = ("deflection", "blame_shift", "reassurance")
TEXT = "I was at work. You were never home anyway. Ask me anything."
PIECES = (
    Segment("I was at work.", 0, 14),
    Segment("You were never home anyway.", 15, 42),
    Segment("Ask me anything.", 43, 59),
)


def _reading(probabilities: list[list[float]]) -> ClauseReading:
    return ClauseReading(
        TEXT, PIECES, np.array(probabilities, np.float32), np.full(3, 0.5, np.float32), LABELS
    )


def _finding(label: str, piece: Segment) -> Finding:
    return Finding(label, piece.text, piece.start, piece.end, f"advice on {label}")


READING = _reading([[0.6, 0.1, 0.0], [0.2, 0.4, 0.1], [0.0, 0.0, 0.9]])


def test_a_label_read_for_the_turn_quotes_the_clause_most_likely_to_carry_it() -> None:
    found = decide(TEXT, [], set(), READING, {"blame_shift": 0.8}, lambda lb: f"advice on {lb}")
    assert found == [_finding("blame_shift", PIECES[1])]  # 0.4 there, the highest
    assert TEXT[found[0].start : found[0].end] == found[0].phrase


def test_a_clause_models_finding_read_as_absent_is_dropped_and_the_rules_stay() -> None:
    clause_model = _finding("deflection", PIECES[0])
    rules = _finding("reassurance", PIECES[2])
    chances = {"deflection": DROP_BELOW - 0.01, "reassurance": RULE_VETO}
    found = decide(TEXT, [clause_model, rules], {"reassurance"}, READING, chances, str)
    assert found == [rules]  # doubted far below the clause model's bar, and still kept
    doubted = {"deflection": DROP_BELOW, "reassurance": 0.01}  # doubted, not ruled out
    assert decide(TEXT, [clause_model], set(), READING, doubted, str) == [clause_model]


def test_a_rule_finding_is_dropped_only_when_the_turn_model_is_all_but_sure_it_is_absent() -> None:
    rules = _finding("reassurance", PIECES[2])
    vetoed = {"reassurance": RULE_VETO - 0.01}
    assert decide(TEXT, [rules], {"reassurance"}, READING, vetoed, str) == []
    unread: dict[str, float] = {}  # no reading of the rule's label: no veto
    assert decide(TEXT, [rules], {"reassurance"}, READING, unread, str) == [rules]


def test_a_label_can_be_held_to_a_higher_bar_before_it_is_added() -> None:
    chances = {"blame_shift": 0.45}
    assert decide(TEXT, [], set(), READING, chances, str) != []  # over THRESHOLD (0.4)
    assert decide(TEXT, [], set(), READING, chances, str, thresholds={"blame_shift": 0.5}) == []


def test_a_clause_read_surely_is_not_overruled_by_the_turn() -> None:
    sure = _reading([[SURE_CLAUSE + 0.001, 0.1, 0.0], [0.2, 0.4, 0.1], [0.0, 0.0, 0.9]])
    clause_model = _finding("deflection", PIECES[0])
    assert decide(TEXT, [clause_model], set(), sure, {"deflection": 0.01}, str) == [clause_model]


def test_a_finding_already_there_is_kept_as_it_is_not_quoted_twice() -> None:
    had = _finding("deflection", PIECES[0])
    assert decide(TEXT, [had], set(), READING, {"deflection": 0.9}, str) == [had]


def test_the_analyzers_veto_stops_an_addition() -> None:
    found = decide(
        TEXT, [], set(), READING, {"blame_shift": 0.9}, str,
        may_add=lambda label, start, end: not (label == "blame_shift" and start == 15),
    )  # fmt: skip
    assert found == []


def test_a_turn_without_clauses_is_quoted_whole() -> None:
    empty = ClauseReading("hmm", (), np.zeros((0, 3), np.float32), np.zeros(3), LABELS)
    found = decide("hmm", [], set(), empty, {"deflection": 0.9}, str)
    assert [(f.phrase, f.start, f.end) for f in found] == [("hmm", 0, 3)]


def test_the_row_holds_what_was_found_the_clause_readings_and_the_features() -> None:
    features = np.arange(4, dtype=np.float32)
    row = turn_row(LABELS, {"reassurance"}, {"deflection", "reassurance"}, READING, features)
    assert row.tolist() == pytest.approx(
        [1, 0, 1, 0, 0, 1, 0.6, 0.4, 0.9, 0.8 / 3, 0.5 / 3, 1.0 / 3, np.log1p(3), 0, 1, 2, 3]
    )


def _model(bias: list[float]) -> TurnModel:
    return TurnModel(
        labels=LABELS,
        dense_weight=np.zeros((17, 3), np.float32),
        lexical_weight=np.array([[0.0, 3.0, 0.0]], np.float32),
        bias=np.array(bias, np.float32),
        vocabulary={"anyway": 0},
        idf=np.ones(1),
        fingerprint="fp",
    )


def test_the_model_reads_its_weights_and_survives_a_save(tmp_path: Path) -> None:
    model = _model([0.0, -1.0, 2.0])
    row = np.zeros(17, np.float32)
    chances = model.probabilities(row, "never home anyway")
    assert chances["deflection"] == pytest.approx(0.5)
    assert chances["blame_shift"] == pytest.approx(1 / (1 + np.exp(-2.0)))  # -1 + 3 · 1
    assert chances["reassurance"] == pytest.approx(1 / (1 + np.exp(-2.0)))
    path = tmp_path / "turn-labels.npz"
    model.save(path)
    loaded = TurnModel.load(path, LABELS)
    assert loaded.probabilities(row, "never home anyway") == pytest.approx(chances)
    assert loaded.fingerprint == "fp"
    with pytest.raises(TurnModelError, match="another version"):
        TurnModel.load(path, ("deflection",))
    with pytest.raises(TurnModelError, match="no trained turn model"):
        TurnModel.load(tmp_path / "none.npz", LABELS)


# -- the trained turn models ---------------------------------------------------------------


def _micro(pairs: list[tuple[frozenset[str], frozenset[str]]]) -> float:
    tp = sum(len(found & gold) for found, gold in pairs)
    fp = sum(len(found - gold) for found, gold in pairs)
    fn = sum(len(gold - found) for found, gold in pairs)
    return 2 * tp / (2 * tp + fp + fn)


def _reading_each_turn_once(learned: LearnedLabels) -> LearnedLabels:
    """``learned`` with the encoder's reading of each turn's clauses kept, so the pass
    without the turn model and the pass with it share one reading per turn: the encoder is
    deterministic, and both passes are the same analyzer on the same features; only the
    turn model differs. (Reading every held-out turn twice was half this test's time.)"""
    read = learned.read_together
    assert read is not None  # the shipped reader reads clauses and the turn in one pass
    kept: dict[tuple[str, ...], PackedFeatures] = {}

    def read_once(texts: Sequence[str]) -> PackedFeatures:
        key = tuple(texts)
        if key not in kept:
            kept[key] = read(texts)
        return kept[key]

    return LearnedLabels(learned.encode, learned.model, learned.turn, read_once)


@pytest.mark.rasa
@pytest.mark.slow
@pytest.mark.first
@pytest.mark.parametrize(("kind", "gain"), [("answer", 0.0), ("apology", 0.03)])
def test_on_the_share_no_model_trains_on_the_turn_model_reads_better(
    dialogue_settings, kind: str, gain: float
) -> None:  # type: ignore[no-untyped-def]
    """The shipped turn model against the analyzer without it, on the blind turns in the
    hashed test share (about 15 %). Measured at c07e1ae (whole-turn features pooled from the
    clauses' own pass, the decisions at 0.4 / 0.35 / 0.995, writers up to as and at learned):
    answers 0.850 -> 0.882, apology (components and anti-patterns) 0.838 -> 0.917."""
    from assistant.learning.clause_labels import load_learned_labels, split_of
    from assistant.learning.turns import ANSWER_TURNS, APOLOGY_TURNS, load_turns

    spec = ANSWER_TURNS if kind == "answer" else APOLOGY_TURNS
    learned = load_learned_labels(spec.labels, dialogue_settings.understanding_dir)
    assert learned.turn is not None  # `make test` trains it
    held_out = [t for t in load_turns(spec) if split_of(t.text) == "test"]
    assert len(held_out) >= 140
    learned = _reading_each_turn_once(learned)
    before = [(frozenset(spec.analyze(t.text, learned.without_turn(), True)), t.labels)
              for t in held_out]  # fmt: skip
    after = [(frozenset(spec.analyze(t.text, learned, True)), t.labels) for t in held_out]
    print(f"{kind}: micro F1 {_micro(before):.3f} -> {_micro(after):.3f}")
    assert _micro(after) >= _micro(before) + gain


def test_a_batch_marked_not_learned_is_left_out() -> None:
    from assistant.learning.turns import ANSWER_TURNS, BLIND, learned_by_the_turn_model, load_turns

    assert not learned_by_the_turn_model(BLIND / "answers-bh1.yml")  # a first run, kept blind
    assert not learned_by_the_turn_model(BLIND / "answers-g1.yml")  # the writer's own labels
    assert learned_by_the_turn_model(BLIND / "answers-ax1.yml")
    batches = {turn.batch for turn in load_turns(ANSWER_TURNS)}
    assert "answers-ax2.yml" in batches and not {"answers-bh2.yml", "answers-g1.yml"} & batches


def test_recording_a_first_run_leaves_the_turn_model_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new writer's batch, recorded before anything learns from it, is not read by the
    turn model, so it must not make the model stale (and retrain it in every clone)."""
    import shutil

    from assistant.learning import turns

    blind = tmp_path / "blind"
    shutil.copytree(turns.BLIND, blind)
    monkeypatch.setattr(turns, "BLIND", blind)
    before = turns.training_fingerprint(turns.APOLOGY_TURNS, "clauses")
    item = '- text: "sorry"\n  style: typed\n  labels: [regret]\n'
    (blind / "apology-zz1.yml").write_text(f"{turns.NOT_LEARNED} yet.\n{item}")
    assert turns.training_fingerprint(turns.APOLOGY_TURNS, "clauses") == before
    (blind / "apology-zz1.yml").write_text(f"# Learned since today.\n{item}")
    assert turns.training_fingerprint(turns.APOLOGY_TURNS, "clauses") != before
