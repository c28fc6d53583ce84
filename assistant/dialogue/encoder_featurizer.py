"""The shared sentence encoder as a Rasa NLU featurizer: meaning, not only words, for intents.

A Rasa 3.6 graph component (named in config.yml by its module path) that adds the
all-MiniLM-L6-v2 sentence embedding of each message's text as a dense sentence feature.
The intent classifier (Rasa's LogisticRegressionClassifier, which joins the sparse and
dense sentence features) then sees what a long, context-rich opener asks for ("... help me
practise an apology") even when its words never appeared in the training examples.

No TensorFlow: the encoder is the numpy forward pass in `assistant.encoder`, and it is the
same object the safety guard uses — `shared_encoder` loads the weights once per process
from the models folder the runtime names (`use_model_dir`), or `$KINTSUGI_UNDERSTANDING_DIR`
in a training child, or the project's models/.

No token (sequence) features: the classifier reads only sentence features, and per-token
vectors would cost memory on every message for nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.encoder import SentenceEncoder, load_encoder, shared_encoder
from assistant.learning import FeatureCache, feature_cache_path

SCALE = "scale"
MODEL_DIR = "model_dir"
NLU_FEATURES_VERSION = "sentence-embedding-1"
"""Names what the feature cache keeps for the NLU examples: the encoder's 384-d sentence
embedding, before the scale. Change it if that changes."""


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class EncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the shared encoder's 384-d sentence embedding (times `scale`) to each message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # The embedding is a unit vector (entries ~0.05) beside word and character
            # counts of 1 or more; scaled up, a regularised linear classifier can give it
            # weight without overfitting the counts (README, "Intent understanding").
            SCALE: 4.0,
            # A models folder that holds encoder/ (None: the process's shared one).
            MODEL_DIR: None,
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["tokenizers"]

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        scale = config.get(SCALE, 1.0)
        if not isinstance(scale, (int, float)) or scale <= 0:
            raise InvalidConfigException(f"EncoderFeaturizer: scale must be > 0, not {scale!r}")

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._scale = float(config[SCALE])
        self._model_dir: str | None = config[MODEL_DIR]
        self._encoder: SentenceEncoder | None = None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EncoderFeaturizer:
        return cls({**cls.get_default_config(), **config}, execution_context.node_name)

    @property
    def encoder(self) -> SentenceEncoder:
        """Resolved on first use, so building the graph (e.g. `rasa data validate`) reads
        no weights."""
        if self._encoder is None:
            self._encoder = (
                load_encoder(Path(self._model_dir)) if self._model_dir else shared_encoder()
            )
        return self._encoder

    def process(self, messages: list[Message]) -> list[Message]:
        """Adds the sentence feature to every message with text, encoding them in batches."""
        with_text = [message for message in messages if message.get(TEXT)]
        if with_text:
            texts = [str(message.get(TEXT)) for message in with_text]
            self._add(with_text, self.encoder.encode(texts))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """:meth:`process` for the training examples, through the feature cache that the
        learned classifiers use (assistant.learning.FeatureCache, in the user's cache
        folder). Every retrain encodes only sentences that no training on this machine
        encoded before. Encoding all of data/ (about 5,700 examples) took about 90 s in a
        fresh clone here."""
        with_text = [m for m in training_data.training_examples if m.get(TEXT)]
        if with_text:
            cache = FeatureCache(feature_cache_path("nlu"), NLU_FEATURES_VERSION)
            texts = [str(message.get(TEXT)) for message in with_text]
            self._add(with_text, cache.features(texts, self.encoder.encode))
            cache.save()
        return training_data

    def _add(self, messages: list[Message], vectors: np.ndarray) -> None:
        vectors = vectors * np.float32(self._scale)
        for message, vector in zip(messages, vectors, strict=True):
            self.add_features_to_message(None, vector[np.newaxis, :], TEXT, message)
