"""all-MiniLM-L6-v2 as a numpy forward pass: sentence embeddings without torch or TensorFlow.

The model is a 6-layer BERT (hidden 384, 12 heads, intermediate 1536, exact-erf GELU,
LayerNorm eps 1e-12) whose token outputs are mean-pooled over the real tokens and
L2-normalised, exactly as sentence-transformers does; tests/test_encoder.py holds it to
embeddings computed by the upstream library. Tokenisation is HuggingFace `tokenizers` with
the model's own tokenizer.json.

Why numpy: the device already has numpy (Rasa needs it); torch or onnxruntime would add
hundreds of megabytes for a model that needs a few dozen matrix products per sentence.
Weights stay float32; the big word-embedding table is memory-mapped, so only the rows of
words actually seen are resident.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from tokenizers import Tokenizer

from assistant.encoder import EMBEDDING_DIM, MODEL_DIR_ENV, SENTENCE_FEATURES
from assistant.encoder.install import TOKENIZER, WEIGHTS, ensure_encoder, model_error
from assistant.paths import PROJECT_ROOT

NUM_LAYERS = 6
NUM_HEADS = 12
HEAD_DIM = EMBEDDING_DIM // NUM_HEADS
INTERMEDIATE = 1536
VOCAB_SIZE = 30522
MAX_POSITIONS = 512
MAX_SEQ_LENGTH = 256
"""sentence-transformers' max_seq_length for this model, [CLS] and [SEP] included."""
LAYER_NORM_EPS = 1e-12
MAX_BATCH_TOKENS = 1024
FEATURES_DIM = 2 * NUM_LAYERS * 384
"""Most tokens (texts x padded length) in one forward pass. Activations and temporaries
take about 47 KB per token at 256 tokens, so a pass stays under ~50 MB whatever the texts;
32 sentences of everyday length (~15 tokens) still go in one pass."""

RECENT_FEATURES = 32
"""How many texts' :meth:`SentenceEncoder.features` rows are kept for :meth:`encode` to
reuse. A turn is read twice: the safety guard reads its features, then the NLU's featurizer
its embedding, which is a slice of them (SENTENCE_FEATURES). A few dozen rows (18 KB each)
cover one turn's pieces and its speech-style readings."""

MAX_PACKED_TOKENS = 512
"""Most tokens `features_packed` puts in one sequence: its attention grid (12 heads x
tokens x tokens, float32) is then at most 12 MB, and still small beside the dense products."""

Float32Array = npt.NDArray[np.float32]
_MASKED = np.float32(-1e9)
_SAFETENSORS_DTYPES: dict[str, np.dtype[Any]] = {
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"),
}


def read_safetensors_header(path: Path) -> tuple[int, dict[str, Any]]:
    """(offset of the data block, header) of a .safetensors file.

    The format: 8-byte little-endian header length, a JSON header mapping each tensor name
    to dtype, shape and [begin, end) byte offsets relative to the data block, then raw
    little-endian data.
    """
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        if not 2 <= size <= 100_000_000:
            raise model_error(f"{path} is not a safetensors file")
        header: dict[str, Any] = json.loads(handle.read(size))
    header.pop("__metadata__", None)
    return 8 + size, header


def load_safetensors(path: Path, *, mmap: Sequence[str] = ()) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file as a numpy array, with numpy only.

    Tensors named in `mmap` are memory-mapped read-only instead of read: their pages are
    loaded on first touch and can be dropped by the kernel again.
    """
    offset, header = read_safetensors_header(path)
    tensors: dict[str, np.ndarray] = {}
    with path.open("rb") as handle:
        for name, info in header.items():
            dtype = _SAFETENSORS_DTYPES.get(info["dtype"])
            if dtype is None:
                raise model_error(f"{path}: unexpected dtype {info['dtype']} for {name}")
            begin, end = info["data_offsets"]
            shape = tuple(info["shape"])
            if (end - begin) != dtype.itemsize * math.prod(shape):
                raise model_error(f"{path}: wrong size for {name}")
            if name in mmap:
                tensors[name] = np.memmap(
                    path, dtype=dtype, mode="r", offset=offset + begin, shape=shape
                )
                continue
            array = np.empty(shape, dtype=dtype)
            handle.seek(offset + begin)
            if handle.readinto(array.data.cast("B")) != end - begin:
                raise model_error(f"{path} is truncated")
            tensors[name] = array
    return tensors


def _layer_norm(x: Float32Array, gamma: Float32Array, beta: Float32Array) -> Float32Array:
    mean = x.mean(axis=-1, keepdims=True)
    centred: Float32Array = x - mean
    variance = np.einsum("...i,...i->...", centred, centred)[..., None] / np.float32(x.shape[-1])
    centred *= 1.0 / np.sqrt(variance + np.float32(LAYER_NORM_EPS))
    centred *= gamma
    centred += beta
    return centred


_ERF_P = np.float32(0.3275911 / math.sqrt(2))
"""A&S 7.1.26's p, with the 1/sqrt 2 of erf(x / sqrt 2) folded in."""
_HALF_ERF_A = tuple(
    np.float32(a / 2) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)
"""A&S 7.1.26's coefficients, halved: the polynomial then gives y / 2 directly."""
GELU_ROWS = 64
"""Rows of the (tokens, 1536) activations taken at a time: 64 x 1536 float32 is 384 KB, so
each block's dozen passes run in the CPU's cache. Measured here: 800 tokens took 9.6 ms
in blocks against 15.0 ms in one piece, and a whole `features` pass was 18 % faster."""


def _gelu_(x: Float32Array) -> Float32Array:
    """BERT's exact GELU, x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)), computed in place.

    erf comes from Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, about one
    float32 ulp near 1, so as good as an exact erf at this precision) rather than scipy,
    whose import costs ~15 MB and 60 ms. With t = 1 / (1 + p |x| / sqrt 2) and
    y = poly(t) * exp(-x^2 / 2), erf(|x| / sqrt 2) = 1 - y; so with h = x * y / 2, the GELU
    is x - h for x >= 0 and h for x < 0. Two temporaries per block of GELU_ROWS rows.
    """
    rows = x.reshape(-1, x.shape[-1])
    for first in range(0, rows.shape[0], GELU_ROWS):
        block = rows[first : first + GELU_ROWS]
        t = np.abs(block)
        t *= _ERF_P
        t += np.float32(1.0)
        np.reciprocal(t, out=t)
        h = t * _HALF_ERF_A[0]
        for coefficient in _HALF_ERF_A[1:]:
            h += coefficient
            h *= t
        np.square(block, out=t)
        t *= np.float32(-0.5)
        np.exp(t, out=t)
        h *= t
        h *= block
        negative = block < 0
        block -= h
        np.copyto(block, h, where=negative)
    return rows.reshape(x.shape)  # x itself, unless x was not contiguous


class _Layer:
    """One transformer layer's weights, kept in PyTorch's (out, in) layout.

    `activations @ weight.T` on that layout measured 10-25 % faster here than on a
    pre-transposed copy (OpenBLAS packs the small activation side instead), and it needs
    no copy at load.
    """

    def __init__(self, tensors: dict[str, np.ndarray], index: int) -> None:
        def get(name: str) -> Float32Array:
            return np.ascontiguousarray(tensors[f"encoder.layer.{index}.{name}"], np.float32)

        scale = np.float32(1 / math.sqrt(HEAD_DIM))
        # Q, K and V in one product; the 1/sqrt(head_dim) score scale folded into Q.
        self.qkv_w = np.concatenate(
            [
                get("attention.self.query.weight") * scale,
                get("attention.self.key.weight"),
                get("attention.self.value.weight"),
            ]
        )
        self.qkv_b = np.concatenate(
            [
                get("attention.self.query.bias") * scale,
                get("attention.self.key.bias"),
                get("attention.self.value.bias"),
            ]
        )
        self.out_w = get("attention.output.dense.weight")
        self.out_b = get("attention.output.dense.bias")
        self.ln1_g = get("attention.output.LayerNorm.weight")
        self.ln1_b = get("attention.output.LayerNorm.bias")
        self.up_w = get("intermediate.dense.weight")
        self.up_b = get("intermediate.dense.bias")
        self.down_w = get("output.dense.weight")
        self.down_b = get("output.dense.bias")
        self.ln2_g = get("output.LayerNorm.weight")
        self.ln2_b = get("output.LayerNorm.bias")

    def __call__(self, x: Float32Array, mask_bias: Float32Array) -> Float32Array:
        """x: (batch * tokens, 384), so each dense layer is one matrix product whatever the
        batch; mask_bias: (batch, 1, 1, tokens), 0 for real tokens, very negative for padding.
        """
        batch, tokens = mask_bias.shape[0], mask_bias.shape[-1]
        qkv = x @ self.qkv_w.T
        qkv += self.qkv_b
        # (batch, tokens, 3, heads, head_dim) -> three (batch, heads, tokens, head_dim) views.
        q, k, v = qkv.reshape(batch, tokens, 3, NUM_HEADS, HEAD_DIM).transpose(2, 0, 3, 1, 4)
        scores = q @ k.transpose(0, 1, 3, 2)
        scores += mask_bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * tokens, EMBEDDING_DIM)
        attended = context @ self.out_w.T
        attended += self.out_b
        attended += x
        x = _layer_norm(attended, self.ln1_g, self.ln1_b)
        hidden = x @ self.up_w.T
        hidden += self.up_b
        out = _gelu_(hidden) @ self.down_w.T
        out += self.down_b
        out += x
        return _layer_norm(out, self.ln2_g, self.ln2_b)


class SentenceEncoder:
    """Texts to 384-dimensional unit vectors; cosine similarity is then a dot product.

    Thread-safe: the weights are read-only, and the only state kept between calls, the
    last few texts' features (:data:`RECENT_FEATURES`), is behind a lock.
    """

    def __init__(self, folder: Path) -> None:
        """Load from a folder with model.safetensors and tokenizer.json (see ensure_encoder)."""
        self.folder = folder
        tensors = load_safetensors(folder / WEIGHTS, mmap=("embeddings.word_embeddings.weight",))
        self._check_shapes(tensors)
        self._word = tensors["embeddings.word_embeddings.weight"]
        # Every token has type 0, so its type embedding is folded into the position table.
        self._position = np.ascontiguousarray(
            tensors["embeddings.position_embeddings.weight"][:MAX_SEQ_LENGTH]
            + tensors["embeddings.token_type_embeddings.weight"][0],
            np.float32,
        )
        self._ln_g = np.asarray(tensors["embeddings.LayerNorm.weight"], np.float32)
        self._ln_b = np.asarray(tensors["embeddings.LayerNorm.bias"], np.float32)
        self._layers = [_Layer(tensors, index) for index in range(NUM_LAYERS)]
        del tensors
        self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        # The shipped tokenizer.json pads and truncates to 128; we pad per batch ourselves
        # and truncate where sentence-transformers does (256, [CLS] and [SEP] kept).
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        self._recent: OrderedDict[str, Float32Array] = OrderedDict()
        self._recent_lock = threading.Lock()

    @staticmethod
    def _check_shapes(tensors: dict[str, np.ndarray]) -> None:
        expected = {
            "embeddings.word_embeddings.weight": (VOCAB_SIZE, EMBEDDING_DIM),
            "embeddings.position_embeddings.weight": (MAX_POSITIONS, EMBEDDING_DIM),
            "encoder.layer.0.intermediate.dense.weight": (INTERMEDIATE, EMBEDDING_DIM),
            f"encoder.layer.{NUM_LAYERS - 1}.output.dense.weight": (EMBEDDING_DIM, INTERMEDIATE),
        }
        for name, shape in expected.items():
            if name not in tensors or tensors[name].shape != shape:
                raise model_error(f"the weights are not all-MiniLM-L6-v2: {name}")

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids per text, [CLS] ... [SEP], at most MAX_SEQ_LENGTH.

        One `encode` per text rather than `encode_batch`: the batch call starts the
        library's thread pool, after which any fork (training runs `rasa train` as a child)
        prints a warning and disables it; the texts here are short, so nothing is lost.
        """
        return [self._tokenizer.encode(text).ids for text in texts]

    def _forward(self, batch: list[list[int]], *, features: bool = False) -> Float32Array:
        """Mean-pooled, L2-normalised embeddings of a batch of token-id lists; with
        ``features``, the FEATURES_DIM pooled states described at :meth:`features`."""
        tokens = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), tokens), dtype=np.intp)
        mask = np.zeros((len(batch), tokens), dtype=np.float32)
        for row, sequence in enumerate(batch):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        x = np.asarray(self._word[ids], dtype=np.float32)
        x += self._position[:tokens]
        x = _layer_norm(x.reshape(len(batch) * tokens, EMBEDDING_DIM), self._ln_g, self._ln_b)
        mask_bias = ((1.0 - mask) * _MASKED)[:, None, None, :]
        pooled: list[Float32Array] = []
        for layer in self._layers:
            x = layer(x, mask_bias)
            if features:
                states = x.reshape(len(batch), tokens, EMBEDDING_DIM)
                peaks = np.where(mask[:, :, None] > 0, states, np.float32(-1e9)).max(axis=1)
                pooled += [_mean_pool(states, mask), _unit_rows(peaks)]
        if features:
            return np.concatenate(pooled, axis=1)
        return _mean_pool(x.reshape(len(batch), tokens, EMBEDDING_DIM), mask)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Float32Array:
        """(len(texts), 384) float32 unit rows, in input order: the sentence embeddings
        of sentence-transformers' all-MiniLM-L6-v2. A text whose :meth:`features` were just
        computed is not run through the model again: its embedding is in them."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not one string")
        result = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        known = self._recalled(texts)
        for index, row in known.items():
            result[index] = row[SENTENCE_FEATURES]
        missing = [i for i in range(len(texts)) if i not in known]
        if missing:
            result[missing] = self._batched([texts[i] for i in missing], batch_size, features=False)
        return result

    def features(self, texts: Sequence[str], batch_size: int = 32) -> Float32Array:
        """(len(texts), FEATURES_DIM) float32: for classifiers, more than the embedding.
        For every layer, its states mean-pooled and max-pooled, each a unit vector: early
        layers stay closer to the words themselves, and the max keeps one strong token
        (a weapon, a farewell) from being averaged away. On the crisis classifier's test
        split these took checks on benign messages from 20.1 % to 16.5 % at the same
        recall, against the last layer's mean alone (README, "Safety screen")."""
        result = self._batched(texts, batch_size, features=True)
        if len(texts) <= RECENT_FEATURES:  # one turn's reading, not a training set
            self._remember(texts, result)
        return result

    def _recalled(self, texts: Sequence[str]) -> dict[int, Float32Array]:
        """Index in ``texts`` → the features kept for that text, where they are kept."""
        with self._recent_lock:
            return {i: self._recent[t] for i, t in enumerate(texts) if t in self._recent}

    def _remember(self, texts: Sequence[str], rows: Float32Array) -> None:
        with self._recent_lock:
            for text, row in zip(texts, rows, strict=True):
                self._recent[text] = row.copy()
                self._recent.move_to_end(text)
            while len(self._recent) > RECENT_FEATURES:
                self._recent.popitem(last=False)

    def features_packed(self, texts: Sequence[str]) -> Float32Array:
        """:meth:`features` of a few short texts (one turn's clauses), packed: see
        :meth:`read_packed`, whose ``rows`` these are."""
        return self.read_packed(texts).rows

    def read_packed(self, texts: Sequence[str]) -> PackedReading:
        """One turn's clauses read in as few passes as they fit, with no padding.

        The texts go end to end in one sequence, each token attending only to its own
        text's tokens (a block-diagonal mask) and placed from its text's own first position,
        so every row equals what :meth:`features` gives, to float rounding. The dense
        products then cost the turn's real tokens rather than texts x the longest text (a
        60-word apology: about 90 tokens instead of about 140). Texts that would take the
        sequence past MAX_PACKED_TOKENS (whose attention grid would grow too big) start
        another pass; since no token sees another text's, that changes nothing.

        ``together`` pools every token of every text at once, layer by layer, as
        :meth:`features` pools one text's: a reading of the whole turn taken from the same
        passes, so the turn models need no second run of the model over the turn (the
        whole-turn pass cost a 60-word apology 22 ms here, as much as its clauses').
        """
        if isinstance(texts, str):
            raise TypeError("read_packed takes a sequence of texts, not one string")
        if not texts:
            empty = np.zeros((0, FEATURES_DIM), dtype=np.float32)
            return PackedReading(empty, np.zeros(FEATURES_DIM, dtype=np.float32))
        token_ids = self.tokenize(texts)
        rows: list[Float32Array] = []
        sums = np.zeros((NUM_LAYERS, EMBEDDING_DIM), dtype=np.float32)
        peaks = np.full((NUM_LAYERS, EMBEDDING_DIM), -np.inf, dtype=np.float32)
        for chunk in _packs([len(ids) for ids in token_ids], MAX_PACKED_TOKENS):
            rows.append(self._packed_pass([token_ids[i] for i in chunk], sums, peaks))
        # Layer by layer, the mean then the max, as features() lays them out.
        together = np.stack([_unit_rows(sums), _unit_rows(peaks)], axis=1).reshape(-1)
        return PackedReading(np.concatenate(rows), together)

    def _packed_pass(
        self, token_ids: list[list[int]], sums: Float32Array, peaks: Float32Array
    ) -> Float32Array:
        """The :meth:`features` rows of ``token_ids`` in one sequence; adds each layer's
        token sum and token maximum into ``sums`` and ``peaks`` (in place)."""
        lengths = np.array([len(ids) for ids in token_ids], dtype=np.intp)
        owner = np.repeat(np.arange(len(token_ids)), lengths)
        positions = np.concatenate([np.arange(length) for length in lengths])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        same_text = owner[:, None] == owner[None, :]
        mask_bias = np.where(same_text, np.float32(0.0), _MASKED).astype(np.float32)[None, None]
        # (texts, tokens): 1 / length where the token is the text's, for the mean pool.
        share = (owner[None, :] == np.arange(len(token_ids))[:, None]) / lengths[:, None]
        share = share.astype(np.float32)
        x = np.asarray(self._word[np.concatenate(token_ids)], dtype=np.float32)
        x += self._position[positions]
        x = _layer_norm(x, self._ln_g, self._ln_b)
        pooled: list[Float32Array] = []
        for index, layer in enumerate(self._layers):
            x = layer(x, mask_bias)
            sums[index] += x.sum(axis=0)
            np.maximum(peaks[index], x.max(axis=0), out=peaks[index])
            pooled += [_unit_rows(share @ x), _unit_rows(np.maximum.reduceat(x, starts, axis=0))]
        return np.concatenate(pooled, axis=1)

    def _batched(self, texts: Sequence[str], batch_size: int, *, features: bool) -> Float32Array:
        """Texts are sorted by token count so each batch pads little, and long texts go in
        smaller batches (MAX_BATCH_TOKENS) so memory stays flat."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not one string")
        width = FEATURES_DIM if features else EMBEDDING_DIM
        result = np.zeros((len(texts), width), dtype=np.float32)
        if not texts:
            return result
        token_ids = self.tokenize(texts)
        order = sorted(range(len(texts)), key=lambda index: len(token_ids[index]))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < batch_size:
                if (end - start + 1) * len(token_ids[order[end]]) > MAX_BATCH_TOKENS:
                    break
                end += 1
            chunk = order[start:end]
            result[chunk] = self._forward([token_ids[i] for i in chunk], features=features)
            start = end
        return result


@dataclass(frozen=True)
class PackedReading:
    """:meth:`SentenceEncoder.read_packed`: each text's features, and all of them pooled."""

    rows: Float32Array
    """(texts, FEATURES_DIM): each text as :meth:`SentenceEncoder.features` reads it."""

    together: Float32Array
    """(FEATURES_DIM,): every token of every text pooled at once, layer by layer (mean and
    max, each a unit vector), as one text's are; zeros when there are no texts."""


def _packs(lengths: Sequence[int], limit: int) -> list[list[int]]:
    """Indices of consecutive texts grouped so each group's tokens stay within ``limit``
    (a text longer than the limit goes alone)."""
    groups: list[list[int]] = [[]]
    used = 0
    for index, length in enumerate(lengths):
        if groups[-1] and used + length > limit:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += length
    return groups


def _mean_pool(states: Float32Array, mask: Float32Array) -> Float32Array:
    pooled = np.einsum("btd,bt->bd", states, mask) / mask.sum(axis=1, keepdims=True)
    return _unit_rows(pooled)


def _unit_rows(rows: Float32Array) -> Float32Array:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.maximum(norms, np.float32(1e-12)), dtype=np.float32)


_cache: dict[Path, SentenceEncoder] = {}
_cache_lock = threading.Lock()


def load_encoder(model_dir: Path) -> SentenceEncoder:
    """The encoder for `model_dir`, unpacked and verified on first use, then shared.

    Memoised per folder under a lock, so concurrent first calls load the weights once.
    """
    key = model_dir.resolve()
    with _cache_lock:
        encoder = _cache.get(key)
        if encoder is None:
            encoder = SentenceEncoder(ensure_encoder(key))
            _cache[key] = encoder
        return encoder


_shared_dir: Path | None = None


def use_model_dir(model_dir: Path) -> None:
    """Make `model_dir` the folder `shared_encoder` reads in this process: the runtime calls
    it with the settings' understanding folder before Rasa loads the model, so the NLU and
    the safety guard hold one encoder, not two."""
    global _shared_dir
    _shared_dir = model_dir


def shared_model_dir() -> Path:
    """The models folder of this process: the one given to `use_model_dir`, else
    $KINTSUGI_UNDERSTANDING_DIR, else the project's models/ (the settings' default)."""
    if _shared_dir is not None:
        return _shared_dir
    from_env = os.environ.get(MODEL_DIR_ENV)
    return Path(from_env).expanduser() if from_env else PROJECT_ROOT / "models"


def shared_encoder() -> SentenceEncoder:
    """The process's encoder (see `shared_model_dir`), loaded once and shared with every
    other caller of `load_encoder` for the same folder."""
    return load_encoder(shared_model_dir())
