"""The learned screen's parts that need no trained model: cutting a turn into pieces,
the model file, the three outcomes, how patterns add to them, and reading a check's
answer. The trained classifier itself is measured in test_safety_classifier.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.encoder import SENTENCE_FEATURES
from assistant.errors import DialogueModelError
from assistant.safety import SafetyFinding
from assistant.safety.check import check_question, read_check_answer
from assistant.safety.classifier import LABELS, CrisisModel, Neighbours, word_ngrams
from assistant.safety.guard import SafetyGuard
from assistant.safety.learned import LearnedScreen
from assistant.safety.segments import segments

# -- segments ---------------------------------------------------------------------------


def test_every_piece_quotes_the_turn_exactly() -> None:
    turn = "I'm sorry.  I lied about the money!\nIt won't happen again; I promise"
    for piece in segments(turn):
        assert turn[piece.start : piece.end] == piece.text
    texts = [p.text for p in segments(turn)]
    assert "I lied about the money" in texts and "I promise" in texts


def test_a_short_turn_of_several_sentences_is_also_read_whole() -> None:
    texts = [p.text for p in segments("I bought rope today. After tonight it won't matter.")]
    assert texts[0] == "I bought rope today. After tonight it won't matter"


def test_a_long_unpunctuated_turn_is_read_in_overlapping_windows() -> None:
    words = [f"w{i}" for i in range(40)]
    pieces = segments(" ".join(words))
    windows = [p.text.split() for p in pieces[1:]]
    assert pieces[0].text.split() == words  # the whole sentence too
    assert all(len(w) <= 16 for w in windows)
    assert windows[0][0] == "w0" and windows[-1][-1] == "w39"
    assert windows[1][0] == "w8"  # half overlap


class ClauseEncoderDouble:
    """A test double for the encoder: a short piece holding ``clause`` reads as a sure
    crisis; a long one reads as a crisis only when ``sentence_agrees``."""

    def __init__(self, clause: str, sentence_agrees: bool) -> None:
        self.clause, self.sentence_agrees = clause, sentence_agrees

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            short = len(text.split()) <= 16
            crisis = self.clause in text and (short or self.sentence_agrees)
            rows.append([0.0, 6.0, 0.0, 0.0] if crisis else [4.0, 0.0, 0.0, 0.0])
        return np.array(rows, dtype=np.float32)


def test_a_clause_of_a_long_sentence_is_sure_only_with_its_sentence() -> None:
    clause = "wanted to die"
    turn = " ".join(["and then"] * 10 + [clause] + ["we had toast and laughed"] * 4)
    for agrees in (False, True):
        screen = LearnedScreen(ClauseEncoderDouble(clause, agrees), _model(np.eye(4)))
        (found,) = screen(turn)
        assert found.kind == "self_harm" and clause in found.phrase
        assert found.certain is agrees  # alone, the clause raises a check, not a block


def test_empty_and_blank_turns_have_no_pieces() -> None:
    assert segments("") == [] and segments("  \n ") == []


def test_a_huge_turn_is_bounded() -> None:
    assert len(segments("word " * 20000)) <= 200


# -- the model file ---------------------------------------------------------------------


def _model(weights: np.ndarray, vocabulary: dict[str, int] | None = None) -> CrisisModel:
    vocabulary = vocabulary or {}
    return CrisisModel(
        dense_weight=weights.astype(np.float32),
        lexical_weight=np.zeros((len(vocabulary), 4), np.float32),
        bias=np.zeros(4, np.float32),
        vocabulary=vocabulary,
        idf=np.ones(len(vocabulary)),
        fingerprint="fp",
    )


def test_a_saved_model_loads_with_the_same_outputs(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    model = _model(rng.normal(size=(8, 4)), {"agreed": 0, "i agreed": 1, "pills": 2})
    model = dataclasses.replace(model, lexical_weight=rng.normal(size=(3, 4)).astype(np.float32))
    model.save(tmp_path / "m.npz")
    loaded = CrisisModel.load(tmp_path / "m.npz")
    x = rng.normal(size=(3, 8))
    texts = ["I agreed to it", "the pills", "nothing known"]
    assert loaded.fingerprint == "fp" and loaded.vocabulary == model.vocabulary
    np.testing.assert_allclose(
        loaded.probabilities(x, texts), model.probabilities(x, texts), rtol=1e-6
    )
    np.testing.assert_allclose(model.probabilities(x, texts).sum(axis=1), 1.0, rtol=1e-6)


def _features(sentences: np.ndarray) -> np.ndarray:
    """Encoder-shaped rows whose sentence-embedding columns hold ``sentences``."""
    rows = np.zeros((len(sentences), SENTENCE_FEATURES.stop), np.float32)
    rows[:, SENTENCE_FEATURES] = sentences
    return rows


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_the_nearest_sentences_outvote_the_far_ones() -> None:
    rng = np.random.default_rng(1)
    pocket = _unit(rng.normal(size=(1, 384)))
    # Three benign sentences right beside the pocket, twenty crisis ones far from it.
    near = _unit(pocket + 0.05 * rng.normal(size=(3, 384)))
    far = _unit(rng.normal(size=(20, 384)))
    vote = Neighbours(
        embeddings=np.vstack([near, far]),
        classes=np.array([0] * 3 + [1] * 20),
        count=15,
        temperature=0.02,
        share=0.5,
    ).vote(_features(pocket))
    assert vote.shape == (1, len(LABELS))
    np.testing.assert_allclose(vote.sum(axis=1), 1.0, rtol=1e-5)
    assert vote[0, LABELS.index("none")] > 0.99


def test_the_vote_is_blended_with_its_share_and_survives_saving(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    embeddings = _unit(rng.normal(size=(6, 384)))
    neighbours = Neighbours(embeddings, np.array([0, 1, 2, 3, 1, 0]), 3, 0.05, 0.5)
    model = dataclasses.replace(
        _model(np.zeros((SENTENCE_FEATURES.stop, 4))), neighbours=neighbours
    )
    x = _features(embeddings[:2])
    regression_alone = dataclasses.replace(model, neighbours=None).probabilities(x, ["a", "b"])
    expected = 0.5 * regression_alone + 0.5 * neighbours.vote(x)
    np.testing.assert_allclose(model.probabilities(x, ["a", "b"]), expected, rtol=1e-6)
    model.save(tmp_path / "m.npz")
    loaded = CrisisModel.load(tmp_path / "m.npz")
    assert loaded.neighbours is not None and loaded.neighbours.count == 3
    # Stored in half precision: the same answer to three decimals.
    np.testing.assert_allclose(loaded.probabilities(x, ["a", "b"]), expected, atol=2e-3)


def test_the_vote_is_left_out_only_where_it_cannot_lift_a_row_to_its_bar() -> None:
    rng = np.random.default_rng(3)
    embeddings = _unit(rng.normal(size=(6, 384)))
    # Every training sentence a crisis: the vote lifts each row as far as it can.
    neighbours = Neighbours(embeddings, np.array([1, 1, 2, 3, 1, 2]), 3, 0.05, 0.3)
    weights = np.zeros((SENTENCE_FEATURES.stop, 4))
    weights[0] = [4.0, 0.0, 0.0, 0.0]  # column 0 of the features pulls towards none
    model = dataclasses.replace(_model(weights), neighbours=neighbours)
    x = _features(embeddings[:3])
    x[:, 0] = [3.0, 1.0, 0.0]  # regression crisis share: tiny, small, even
    texts = ["a", "b", "c"]
    full = model.probabilities(x, texts)
    reading = model.read(x, texts, np.array([0.35, 0.35, 0.35], np.float32))
    # Rows 0 and 1 (each crisis class at most 0.02 by regression) cannot reach 0.35 whatever
    # the vote says (0.7 x 0.02 + 0.3 < 0.35): left out. Row 2 (0.25 each) can: read exactly.
    regression = dataclasses.replace(model, neighbours=None).probabilities(x, texts)
    could_reach = 0.7 * regression[:, 1:].max(axis=1) + 0.3 >= 0.35
    np.testing.assert_array_equal(reading.exact, could_reach)
    assert reading.exact.tolist() == [False, False, True]
    np.testing.assert_allclose(reading.probabilities[reading.exact], full[reading.exact])
    left_out = ~reading.exact
    # A row left out: each crisis class at most what the full blend gives, and under the bar
    # there too, so no finding can differ; the row still sums to one.
    assert (reading.probabilities[left_out, 1:] <= full[left_out, 1:] + 1e-6).all()
    assert (full[left_out, 1:] < 0.35).all()
    np.testing.assert_allclose(reading.probabilities.sum(axis=1), 1.0, rtol=1e-5)
    # A bar of 0 reads every row exactly, as probabilities() does.
    everything = model.read(x, texts, np.zeros(3, np.float32))
    assert everything.exact.all()
    np.testing.assert_allclose(everything.probabilities, full)


def test_word_features_match_scikit_learns_tfidf() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = ["I'm sorry I lied", "im sorry i hid the money", "she checks my phone, I agreed"]
    tfidf = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True).fit(corpus)
    model = dataclasses.replace(
        _model(np.zeros((1, 4))),
        vocabulary={str(k): int(v) for k, v in tfidf.vocabulary_.items()},
        idf=tfidf.idf_,
    )
    text = "Sorry, I'm sorry I hid it"
    expected = tfidf.transform([text]).toarray()[0]
    indices, values = model.lexical(text)
    got = np.zeros_like(expected)
    got[indices] = values
    np.testing.assert_allclose(got, expected, rtol=1e-5)
    assert word_ngrams("I'm OK") == ["im", "ok", "im ok"]


def test_a_missing_or_broken_model_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(DialogueModelError, match="kintsugi train"):
        CrisisModel.load(tmp_path / "none.npz")
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(DialogueModelError, match="kintsugi train --force"):
        CrisisModel.load(tmp_path / "bad.npz")


# -- three outcomes, and the patterns as a second line -----------------------------------


class EncoderDouble:
    """A test double for the sentence encoder: each piece's vector is looked up by a
    keyword, so the probabilities are chosen by the test."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            row = [4.0, 0.0, 0.0, 0.0]  # "none" by default
            for word, logits in self.table.items():
                if word in text:
                    row = logits
            rows.append(row)
        return np.array(rows, dtype=np.float32)


def _screen(table: dict[str, list[float]]) -> LearnedScreen:
    # With identity weights the "embedding" is the logits themselves.
    return LearnedScreen(EncoderDouble(table), _model(np.eye(4)), crisis_at=0.85, check_at=0.3)


def test_three_outcomes_crisis_check_and_nothing() -> None:
    screen = _screen({"sure": [0, 6, 0, 0], "maybe": [0, 1, 0, 0]})
    (sure,) = screen("I am sure about this. The rest is fine")
    assert sure.kind == "self_harm" and sure.certain and sure.phrase == "I am sure about this"
    (maybe,) = screen("maybe so")
    assert maybe.kind == "self_harm" and not maybe.certain
    assert screen("nothing here") == ()


def test_a_weak_sign_is_asked_about_only_when_the_whole_turn_shows_one_too() -> None:
    # With identity weights: "weak" reads 0.48 self-harm, "strong" 0.80; "calm", matched
    # last, makes any text that holds it read as nothing (the whole turn, here).
    screen = _screen({"weak": [0, 1, 0, 0], "strong": [0, 2.5, 0, 0], "calm": [6, 0, 0, 0]})
    assert screen("It was a weak moment. Otherwise calm.") == ()
    (asked,) = screen("It was a weak moment. Otherwise fine.")
    assert not asked.certain and asked.phrase == "It was a weak moment"
    (strong,) = screen("It was a strong moment. Otherwise calm.")  # strong enough alone
    assert not strong.certain and strong.phrase == "It was a strong moment"


def test_many_turns_read_at_once_score_as_each_alone() -> None:
    screen = _screen({"weak": [0, 1, 0, 0], "hurt her": [0, 0, 0, 6], "calm": [6, 0, 0, 0]})
    turns = ["It was a weak moment. Otherwise calm.", "", "i hurt her", "weak", "   ", "fine"]
    assert screen.scores_many(turns) == [screen.scores(turn) for turn in turns]


def test_abuse_roles_follow_the_class() -> None:
    screen = _screen({"hurt me": [0, 0, 6, 0], "hurt her": [0, 0, 0, 6]})
    assert screen("he hurt me")[0].role == "harmed"
    assert screen("i hurt her")[0].role == "harming"


def test_a_pattern_raises_the_learned_verdict_by_one_step_never_alone() -> None:
    learned = _screen({"likely": [0, 2, 0, 0], "maybe": [0, 1, 0, 0], "faint": [1.5, 0.5, 0, 0]})

    def patterns(text: str) -> tuple[SafetyFinding, ...]:
        return (SafetyFinding("self_harm", text, 0, len(text)),)

    guard = SafetyGuard(learned, patterns)
    assert guard("likely")[0].certain  # a likely check becomes a crisis
    assert not guard("maybe")[0].certain  # a weak one stays a check
    faint = guard("faint")  # nothing becomes a check
    assert len(faint) == 1 and not faint[0].certain
    assert guard("nothing at all") == ()  # the classifier sees no sign: ignored


# -- reading the answer to a check -----------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "answer"),
    [
        ("yes", "yes"),
        ("Yeah, I am.", "yes"),
        ("i dont know", "yes"),
        ("maybe", "yes"),
        ("not sure", "yes"),
        ("it frightens me", "yes"),
        ("no", "no"),
        ("No, I agreed to it.", "no"),
        ("nope im fine", "no"),
        ("we agreed to that after the affair", "no"),
        ("i'm not", "no"),
        ("the weather is strange today", None),
        ("I'm sorry I lied about the money and I know it hurt you badly, yes, and more", None),
    ],
)
def test_read_check_answer(reply: str, answer: str | None) -> None:
    assert read_check_answer(reply) == answer


def test_the_self_harm_check_names_the_regions_line() -> None:
    assert "988" in " ".join(check_question("self_harm", region="US"))
    assert "116 123" in " ".join(check_question("self_harm", region="UK"))


def test_labels_are_fixed() -> None:
    assert LABELS == ("none", "self_harm", "abuse_suffered", "abuse_done")


def test_a_turn_is_read_whole_again_only_when_a_weak_sign_needs_the_gate() -> None:
    read: list[str] = []
    encoder = EncoderDouble({"weak": [0, 1, 0, 0], "strong": [0, 2.5, 0, 0]})

    def counting(texts: Sequence[str]) -> np.ndarray:
        read.extend(texts)
        return encoder(texts)

    screen = LearnedScreen(counting, _model(np.eye(4)), crisis_at=0.85, check_at=0.3)
    strong, weak, calm = "A strong day. Then fine.", "A weak day. Then fine.", "All fine. Truly."
    strong_scores = screen.scores_many([strong, weak, calm])[0]
    assert strong not in read and calm not in read  # nothing there for the gate to decide
    assert read.count(weak) == 1  # the weak sign's turn, read whole once
    assert {s.turn for s in strong_scores} == {1.0}
    assert max(s.turn for s in screen.scores(weak)) == pytest.approx(0.48, abs=0.01)
