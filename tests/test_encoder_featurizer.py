"""The sentence encoder as a Rasa featurizer, and one encoder per process.

The featurizer is a real Rasa graph component fed real Rasa messages with the real weights;
the sharing test loads the real guard and the real trained dialogue in a fresh process and
counts the encoders there.
"""

from __future__ import annotations

import stat
import subprocess
import textwrap
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.encoder import MODEL_DIR_ENV, load_encoder, minilm, shared_model_dir
from assistant.paths import PROJECT_ROOT
from tests.support.cli import python_command

MODEL_DIR = PROJECT_ROOT / "models"
FEATURIZER = "assistant.dialogue.encoder_featurizer.EncoderFeaturizer"


@pytest.fixture(autouse=True)
def _no_process_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "_shared_dir", None)
    monkeypatch.delenv(MODEL_DIR_ENV, raising=False)


def test_the_shared_folder_is_the_named_one_then_the_environment_then_models(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert shared_model_dir() == MODEL_DIR
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path / "from-env"))
    assert shared_model_dir() == tmp_path / "from-env"
    minilm.use_model_dir(tmp_path / "named")
    assert shared_model_dir() == tmp_path / "named"


def test_config_names_the_featurizer_before_the_classifier() -> None:
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    pipeline = [step["name"] for step in config["pipeline"]]
    assert pipeline.index(FEATURIZER) < pipeline.index("LogisticRegressionClassifier")


@pytest.mark.slow
def test_the_classifier_reads_the_dense_sentence_features() -> None:
    """Rasa's LogisticRegressionClassifier joins sparse and dense sentence features; checked
    because an upgrade that dropped the dense ones would silently undo this pipeline."""
    from rasa.nlu.classifiers.logistic_regression_classifier import (
        LogisticRegressionClassifier,
    )
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message

    from assistant.dialogue.encoder_featurizer import EncoderFeaturizer

    featurizer = EncoderFeaturizer(EncoderFeaturizer.get_default_config(), "encoder")
    message = Message(data={TEXT: "can we practise listening"})
    featurizer.process([message])
    classifier = LogisticRegressionClassifier({}, "classifier", None, None)
    assert classifier._create_X([message]).shape == (1, 384)


@pytest.mark.slow
def test_featurizer_adds_the_scaled_sentence_embedding_of_each_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path))
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from assistant.dialogue.encoder_featurizer import EncoderFeaturizer

    config = {**EncoderFeaturizer.get_default_config(), "scale": 3.0}
    featurizer = EncoderFeaturizer(config, "encoder")
    texts = ["help me practise an apology", "I hid debt from my wife for a year"]
    messages = [Message(data={TEXT: text}) for text in texts] + [Message(data={})]
    featurizer.process_training_data(TrainingData(training_examples=messages))

    expected = load_encoder(MODEL_DIR).encode(texts) * 3.0
    for message, vector in zip(messages, expected, strict=False):
        sequence, sentence = message.get_dense_features(TEXT)
        assert sequence is None  # the classifier reads sentence features only
        assert sentence is not None and sentence.features.shape == (1, 384)
        np.testing.assert_allclose(sentence.features[0], vector, rtol=1e-5, atol=1e-6)
    assert messages[-1].get_dense_features(TEXT) == (None, None)  # no text, no feature
    assert featurizer.encoder is load_encoder(MODEL_DIR)  # the process's one encoder


class _CountingEncoder:
    """The real encoder, and the sentences it was asked to encode."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.asked += texts
        return load_encoder(MODEL_DIR).encode(texts)


@pytest.mark.slow
def test_a_retrain_encodes_only_sentences_no_training_here_encoded_before(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from assistant.dialogue.encoder_featurizer import EncoderFeaturizer

    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path / "cache"))

    def trained_on(texts: list[str]) -> tuple[list[str], list[np.ndarray]]:
        featurizer = EncoderFeaturizer(EncoderFeaturizer.get_default_config(), "encoder")
        counting = _CountingEncoder()
        monkeypatch.setattr(featurizer, "_encoder", counting)
        messages = [Message(data={TEXT: text}) for text in texts]
        featurizer.process_training_data(TrainingData(training_examples=messages))
        vectors = [m.get_dense_features(TEXT)[1].features[0] for m in messages]  # type: ignore[union-attr]
        return counting.asked, vectors

    first_asked, first = trained_on(["can we practise listening", "I broke her trust"])
    again_asked, again = trained_on(["I broke her trust", "help me say sorry"])
    assert sorted(first_asked) == ["I broke her trust", "can we practise listening"]
    assert again_asked == ["help me say sorry"]  # the one sentence not seen before
    np.testing.assert_array_equal(again[0], first[1])
    (cache,) = (tmp_path / "cache" / "features").glob("nlu-*.npz")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # owner-only, like every file we write


@pytest.mark.slow
def test_a_bad_scale_is_refused() -> None:
    from rasa.shared.exceptions import InvalidConfigException

    from assistant.dialogue.encoder_featurizer import EncoderFeaturizer

    with pytest.raises(InvalidConfigException, match="scale"):
        EncoderFeaturizer({**EncoderFeaturizer.get_default_config(), "scale": 0}, "encoder")


@pytest.mark.rasa
@pytest.mark.slow
def test_the_dialogue_and_the_safety_guard_share_one_encoder(tmp_path: Path) -> None:
    """In a fresh process, as `kintsugi chat` starts: guard and NLU load the weights once."""
    script = textwrap.dedent(
        """
        import asyncio, gc
        from assistant.dialogue.bridge import RasaDialogue
        from assistant.encoder.minilm import SentenceEncoder
        from assistant.safety.guard import load_safety_guard
        from assistant.settings import DialogueSettings

        settings = DialogueSettings()
        dialogue = RasaDialogue(
            settings, load_safety_screen=lambda: load_safety_guard(settings.understanding_dir)
        )
        dialogue.start()
        result = asyncio.run(dialogue.handle("one", "help me practise an apology"))
        assert result.exercise == "apology", result
        encoders = [o for o in gc.get_objects() if isinstance(o, SentenceEncoder)]
        print(len(encoders))
        """
    )
    done = subprocess.run(
        [*python_command(), "-c", script],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "1"
