"""How fast the crisis classifier is fitted, against scikit-learn on the same data.

    python -m bench.fit_speed               the whole fit here; sklearn for --steps steps
    python -m bench.fit_speed --steps 60

A whole scikit-learn fit takes 10-13 minutes on these 2 cores, so it is timed for a fixed
number of L-BFGS steps and the figure compared is seconds per step (median of rounds),
beside the whole fit's steps and time here. Needs the trained models (their feature cache);
run ``kintsugi train`` first. That both fits reach the same model is tests/test_linear_fit.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import warnings

os.environ["RASA_TELEMETRY_ENABLED"] = "false"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=30, help="sklearn L-BFGS steps timed")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from assistant.encoder import load_encoder
    from assistant.learning import feature_cache_path, linear
    from assistant.paths import PROJECT_ROOT
    from assistant.safety import training
    from assistant.safety.classifier import LABELS, word_ngrams
    from assistant.settings import DialogueSettings

    model_dir = DialogueSettings().understanding_dir
    examples = [
        e for e in training.load_examples(PROJECT_ROOT) if not training.is_test_split(e.text)
    ]
    texts, labels = training.training_texts(examples)
    cache = training._FeatureCache(feature_cache_path("safety"))
    features = cache.features(texts, load_encoder(model_dir).features)
    targets = np.array([LABELS.index(label) for label in labels])
    lexical = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True).fit_transform(texts)
    weights = linear.balanced_weights(targets, len(LABELS))

    started = time.perf_counter()
    ours = linear.fit_softmax(
        features, lexical, targets, len(LABELS), training.REGULARISATION_C, weights
    )
    ours_seconds = time.perf_counter() - started

    theirs = []
    inputs = hstack([csr_matrix(features), lexical]).tocsr()
    for _ in range(args.rounds):
        regression = LogisticRegression(
            C=training.REGULARISATION_C, max_iter=args.steps, class_weight="balanced"
        )
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # stopped early on purpose
            regression.fit(inputs, targets)
        theirs.append((time.perf_counter() - started) / int(regression.n_iter_[0]))
    ours_per_step = ours_seconds / ours.iterations
    sklearn_per_step = statistics.median(theirs)
    print(
        json.dumps(
            {
                "texts": len(texts),
                "features": features.shape[1] + lexical.shape[1],
                "fit_seconds": round(ours_seconds, 1),
                "fit_steps": ours.iterations,
                "seconds_per_step": round(ours_per_step, 3),
                "sklearn_seconds_per_step": round(sklearn_per_step, 3),
                "ratio_per_step": round(ours_per_step / sklearn_per_step, 3),
                "sklearn_fit_estimate_seconds": round(sklearn_per_step * ours.iterations),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
