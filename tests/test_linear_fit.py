"""The learned classifiers' solver fits the model scikit-learn's LogisticRegression fits.

assistant/learning/linear.py keeps the encoder's dense features dense for speed, and
claims scikit-learn's objective unchanged. Here both are fitted on the same data, with
a dense block and a sparse block like the real ones, and their probabilities compared.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix, hstack
from scipy.sparse import random as sparse_random
from sklearn.linear_model import LogisticRegression

from assistant.learning.linear import balanced_weights, fit_sigmoids, fit_softmax


def _data(rows: int = 400, classes: int = 4) -> tuple[np.ndarray, csr_matrix, np.ndarray]:
    rng = np.random.default_rng(7)
    shares = np.array([0.55, 0.25, 0.15, 0.05][:classes])
    classes_of = rng.choice(classes, size=rows, p=shares / shares.sum())
    centres = rng.normal(size=(classes, 24))
    dense = (centres[classes_of] + rng.normal(scale=1.5, size=(rows, 24))).astype(np.float32)
    sparse = sparse_random(rows, 60, density=0.05, random_state=3, format="lil")
    # Some words go with a class, as the real n-grams do.
    sparse[np.arange(rows), classes_of * 5] = 1.0
    return dense, sparse.tocsr(), classes_of


def _probabilities(dense, sparse, fit, kind):  # type: ignore[no-untyped-def]
    logits = dense @ fit.dense_weight + sparse @ fit.sparse_weight + fit.bias
    if kind == "sigmoid":
        return 1.0 / (1.0 + np.exp(-logits))
    logits -= logits.max(axis=1, keepdims=True)
    return np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)


@pytest.mark.parametrize("balanced", [False, True])
def test_softmax_matches_scikit_learns_multinomial_regression(balanced: bool) -> None:
    dense, sparse, classes = _data()
    weights = balanced_weights(classes, 4) if balanced else None
    ours = fit_softmax(dense, sparse, classes, 4, c=2.0, sample_weight=weights)
    reference = LogisticRegression(
        C=2.0, max_iter=5000, tol=1e-8, class_weight="balanced" if balanced else None
    ).fit(hstack([csr_matrix(dense), sparse]).tocsr(), classes)
    expected = reference.predict_proba(hstack([csr_matrix(dense), sparse]).tocsr())
    got = _probabilities(dense, sparse, ours, "softmax")
    assert np.abs(got - expected).max() < 2e-3
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).mean() > 0.99


def test_sigmoids_match_one_scikit_learn_regression_per_label() -> None:
    dense, sparse, classes = _data(classes=3)
    targets = np.stack([classes == 0, classes == 1, classes != 1], axis=1)
    ours = fit_sigmoids(dense, sparse, targets, c=4.0)
    inputs = hstack([csr_matrix(dense), sparse]).tocsr()
    got = _probabilities(dense, sparse, ours, "sigmoid")
    for column in range(targets.shape[1]):
        reference = LogisticRegression(C=4.0, max_iter=5000, tol=1e-8)
        expected = reference.fit(inputs, targets[:, column]).predict_proba(inputs)[:, 1]
        assert np.abs(got[:, column] - expected).max() < 2e-3


def test_balanced_weights_are_scikit_learns() -> None:
    classes = np.array([0, 0, 0, 1, 2, 2])
    assert balanced_weights(classes, 3).tolist() == pytest.approx(
        [6 / 9, 6 / 9, 6 / 9, 2.0, 1.0, 1.0]
    )
    with pytest.raises(ValueError, match="every class"):
        balanced_weights(np.array([0, 0, 2]), 3)


def test_rows_that_do_not_line_up_are_refused() -> None:
    dense, sparse, classes = _data()
    with pytest.raises(ValueError, match="one row per example"):
        fit_softmax(dense[:-1], sparse, classes, 4, c=1.0)
