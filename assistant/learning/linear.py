"""Fit the learned classifiers' logistic regressions, with the dense features kept dense.

Every learned model here is a logistic regression over two blocks side by side: the
encoder's features (a few thousand dense columns) and TF-IDF word n-grams (tens of
thousands of sparse ones). scikit-learn's ``LogisticRegression`` takes them as one sparse
matrix, so the dense block was stored as a sparse one too: on the crisis data (33,363
texts) each L-BFGS step cost about 0.9 s and a fit 10-13 minutes, the longest part of
``kintsugi train`` and of a fresh clone's ``make test``. Here the dense block stays a
float32 array (one BLAS product per step) and the sparse block stays sparse: about 0.2 s a
step.

The objective is scikit-learn's, unchanged (L2 on the weights, none on the intercept,
``C`` its inverse strength, optional per-sample weights), minimised by the same L-BFGS,
so a model fitted here is the one scikit-learn fitted: on the crisis data at 9c83bed the
objective agreed with the saved scikit-learn model to 6 parts in 10^7 and the dense
weights to 0.1 % (a one-off comparison; tests/test_linear_fit.py checks the same on small
data, and bench.fit_speed times both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from scipy.special import expit, log_expit, logsumexp

__all__ = ["LinearFit", "balanced_weights", "fit_sigmoids", "fit_softmax"]

MAX_ITERATIONS = 5000
"""L-BFGS steps at most; the fits here converge in well under a thousand."""

GRADIENT_TOLERANCE = 1e-4
"""scikit-learn's default ``tol`` for L-BFGS (its projected-gradient bound)."""


@dataclass(frozen=True)
class LinearFit:
    """Weights of a fitted model, one column per output."""

    dense_weight: np.ndarray
    """(dense features, outputs) float32."""

    sparse_weight: np.ndarray
    """(sparse features, outputs) float32."""

    bias: np.ndarray
    """(outputs,) float32."""

    iterations: int
    """L-BFGS steps taken (for the record; a bench prints it)."""


def balanced_weights(classes: np.ndarray, count: int) -> np.ndarray:
    """Per-sample weights that weigh each class by the inverse of its size, as
    scikit-learn's ``class_weight="balanced"``: n / (classes * n_class)."""
    sizes = np.bincount(classes, minlength=count).astype(np.float64)
    if (sizes == 0).any():
        raise ValueError("every class needs at least one example")
    weights: np.ndarray = (len(classes) / (count * sizes))[classes]
    return weights


def fit_softmax(
    dense: np.ndarray,
    sparse: csr_matrix,
    classes: np.ndarray,
    count: int,
    c: float,
    sample_weight: np.ndarray | None = None,
) -> LinearFit:
    """Multinomial logistic regression: ``classes`` (n,) in range(count) → a softmax over
    ``count`` outputs. Minimises sum_i w_i · cross-entropy_i + ||W||² / (2c)."""
    targets = np.zeros((len(classes), count))
    targets[np.arange(len(classes)), classes] = 1.0

    def loss_and_gradient(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        log_p = logits - logsumexp(logits, axis=1, keepdims=True)
        return -(targets * log_p).sum(axis=1), np.exp(log_p) - targets

    weights = np.ones(len(classes)) if sample_weight is None else sample_weight
    return _fit(dense, sparse, count, c, weights, loss_and_gradient)


def fit_sigmoids(dense: np.ndarray, sparse: csr_matrix, targets: np.ndarray, c: float) -> LinearFit:
    """One binary logistic regression per column of ``targets`` (n, outputs) bool, fitted
    together: their objectives share nothing, so the joint minimum is each one's minimum,
    and one matrix product serves all of them."""
    positive = np.asarray(targets, dtype=np.float64)

    def loss_and_gradient(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # -log p(target) = -log σ(z) for a positive, -log σ(-z) for a negative.
        loss = -(positive * log_expit(logits) + (1.0 - positive) * log_expit(-logits))
        return loss.sum(axis=1), expit(logits) - positive

    return _fit(dense, sparse, positive.shape[1], c, np.ones(len(positive)), loss_and_gradient)


LossAndGradient = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
"""logits (n, outputs) → each row's loss (n,) and d loss / d logits (n, outputs)."""


def _fit(
    dense: np.ndarray,
    sparse: csr_matrix,
    outputs: int,
    c: float,
    sample_weight: np.ndarray,
    loss_and_gradient: LossAndGradient,
) -> LinearFit:
    """Minimise sum_i w_i · loss_i + ||W||² / (2c) over [dense, sparse] weights and an
    unpenalised bias, by L-BFGS from zero (scikit-learn's objective and start)."""
    dense = np.ascontiguousarray(dense, dtype=np.float32)
    dense_t = np.ascontiguousarray(dense.T)
    sparse = csr_matrix(sparse, dtype=np.float64)
    sparse_t = sparse.T.tocsr()
    n_dense, n_sparse = dense.shape[1], sparse.shape[1]
    if dense.shape[0] != sparse.shape[0] or dense.shape[0] != len(sample_weight):
        raise ValueError("dense, sparse and the targets need one row per example")
    split = (n_dense * outputs, (n_dense + n_sparse) * outputs)

    def unpack(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The flat parameter vector as (dense weights, sparse weights, bias)."""
        return (
            theta[: split[0]].reshape(n_dense, outputs),
            theta[split[0] : split[1]].reshape(n_sparse, outputs),
            theta[split[1] :],
        )

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        dense_w, sparse_w, bias = unpack(theta)
        logits = (dense @ dense_w.astype(np.float32)).astype(np.float64)
        logits += sparse @ sparse_w + bias
        row_loss, residual = loss_and_gradient(logits)
        data_loss = float(row_loss @ sample_weight)
        residual *= sample_weight[:, None]
        penalty = 0.5 / c * (float((dense_w**2).sum()) + float((sparse_w**2).sum()))
        gradient = np.concatenate(
            [
                ((dense_t @ residual.astype(np.float32)).astype(np.float64) + dense_w / c).ravel(),
                (sparse_t @ residual + sparse_w / c).ravel(),
                residual.sum(axis=0),
            ]
        )
        return data_loss + penalty, gradient

    result = minimize(
        objective,
        np.zeros(split[1] + outputs),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": MAX_ITERATIONS, "gtol": GRADIENT_TOLERANCE},
    )
    dense_w, sparse_w, bias = unpack(result.x)
    return LinearFit(
        dense_weight=np.ascontiguousarray(dense_w, dtype=np.float32),
        sparse_weight=np.ascontiguousarray(sparse_w, dtype=np.float32),
        bias=bias.astype(np.float32),
        iterations=int(result.nit),
    )
