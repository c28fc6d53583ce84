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

L-BFGS is searched in preconditioned coordinates (:class:`_Preconditioner`). The encoder's
features are many poolings of one sentence, so its columns are strongly correlated and the
objective is a long, narrow valley in them: from zero, the crisis fit took 747 steps. The
dense weights and the bias are searched whitened (by the Cholesky factor of the
objective's curvature at the start), the n-gram weights scaled by their own curvature.
The change of variables is linear and invertible and the objective is unchanged, so its
single minimum (it is convex) is the same model; only the path there is shorter: on the
crisis data at b471f22, 175 steps and 150 s (setup included, other work running) instead
of 747 and about 390 s, ending at an objective 4 parts in 10^7 lower, every class
probability within 0.001 of the unpreconditioned fit's (a one-off comparison;
bench.fit_speed prints steps and seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.linalg import cholesky, solve_triangular
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

    preconditioner = _Preconditioner(dense, sparse, sample_weight, c, outputs)

    def preconditioned(coordinates: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = objective(preconditioner.weights(coordinates))
        return value, preconditioner.gradient(*unpack(gradient))

    result = minimize(
        preconditioned,
        np.zeros(split[1] + outputs),  # zero coordinates are zero weights
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": MAX_ITERATIONS, "gtol": GRADIENT_TOLERANCE},
    )
    dense_w, sparse_w, bias = unpack(preconditioner.weights(result.x))
    return LinearFit(
        dense_weight=np.ascontiguousarray(dense_w, dtype=np.float32),
        sparse_weight=np.ascontiguousarray(sparse_w, dtype=np.float32),
        bias=bias.astype(np.float32),
        iterations=int(result.nit),
    )


CURVATURE = 0.25
"""The loss's second derivative in a logit at the start, where every logit is zero: σ'(0)
= 1/4 for a sigmoid; a softmax over k outputs has (k-1)/k², at most 1/4. Any positive
value gives the same minimum; a close one gives the shortest path."""

_GRAM_ROWS = 4096
"""Rows of the dense block taken at a time for its Gram matrix, so no weighted copy of
the whole block (a gigabyte on the crisis data) is made."""


class _Preconditioner:
    """A linear change of variables for L-BFGS: weights = P · coordinates.

    - Dense weights and the bias, one column per output: P = L⁻ᵀ, where L Lᵀ is the
      objective's curvature at zero, CURVATURE · Xᵀ diag(w) X + I/c over the dense
      columns and a column of ones (the bias, unpenalised: a vanishing ridge keeps the
      factor defined). In these coordinates that curvature is the identity.
    - Sparse weights: the same curvature's diagonal, CURVATURE · Σ w x² + 1/c, each
      weight scaled by its inverse square root (whitening tens of thousands of n-gram
      columns would cost more than it saves; they are nearly uncorrelated anyway).

    The objective's gradient in coordinates is Pᵀ · its gradient in weights.
    """

    def __init__(
        self, dense: np.ndarray, sparse: csr_matrix, weight: np.ndarray, c: float, outputs: int
    ) -> None:
        n_dense = dense.shape[1]
        curvature = np.zeros((n_dense + 1, n_dense + 1))
        row_weight = weight.astype(np.float32)
        for start in range(0, dense.shape[0], _GRAM_ROWS):
            block = dense[start : start + _GRAM_ROWS]
            weighted = block * row_weight[start : start + _GRAM_ROWS, None]
            curvature[:n_dense, :n_dense] += block.T @ weighted
            curvature[n_dense, :n_dense] += weighted.sum(axis=0)
        curvature[:n_dense, n_dense] = curvature[n_dense, :n_dense]
        curvature[n_dense, n_dense] = weight.sum()
        curvature *= CURVATURE
        curvature[np.arange(n_dense), np.arange(n_dense)] += 1.0 / c
        curvature[n_dense, n_dense] *= 1.0 + 1e-8
        self._factor = cholesky(curvature, lower=True)
        sparse_curvature = CURVATURE * (sparse.multiply(sparse).T @ weight) + 1.0 / c
        self._sparse_scale = 1.0 / np.sqrt(np.asarray(sparse_curvature).ravel())[:, None]
        self._n_dense, self._outputs = n_dense, outputs
        self._whitened = (n_dense + 1) * outputs

    def weights(self, coordinates: np.ndarray) -> np.ndarray:
        """The flat weights (dense, sparse, bias) at these coordinates."""
        whitened = coordinates[: self._whitened].reshape(self._n_dense + 1, self._outputs)
        scaled = coordinates[self._whitened :].reshape(-1, self._outputs)
        dense_and_bias = solve_triangular(self._factor, whitened, lower=True, trans="T")
        return np.concatenate(
            [
                dense_and_bias[: self._n_dense].ravel(),
                (scaled * self._sparse_scale).ravel(),
                dense_and_bias[self._n_dense],
            ]
        )

    def gradient(self, dense: np.ndarray, sparse: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """The flat gradient in coordinates, from the gradient in weights (as ``unpack``
        splits it: dense (features, outputs), sparse (features, outputs), bias (outputs,))."""
        return np.concatenate(
            [
                solve_triangular(self._factor, np.vstack([dense, bias]), lower=True).ravel(),
                (sparse * self._sparse_scale).ravel(),
            ]
        )
