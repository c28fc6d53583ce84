"""Write the training clauses of the learned answer labels (actions/coaching/data/answer_clauses/).

The fragments (scripts/answer_fragments.py) were written by hand for this purpose from the
annotation guidelines at the top of tests/eval/answer_eval.yml. This script combines them the
way people answer a repeated question — a sigh before the fact, a fact and then "ask me any
time", a question thrown back instead of an answer — and writes about half of the clauses as
a speech recogniser writes them. Any clause that matches an item of the evaluation set or of
a blind batch is dropped.

Every variant of a fragment is kept only when it falls in the same split (by hash,
assistant/learning/clause_labels.py) as the fragment itself, so the never-trained test
split holds whole fragments, not cousins of trained clauses with a different filler.

    .venv/bin/python scripts/write_answer_clauses.py
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import answer_fragments as f  # noqa: E402
import answer_fragments_more as more  # noqa: E402

from assistant.learning import text_key  # noqa: E402
from assistant.learning.clause_labels import split_of  # noqa: E402

OUT = ROOT / "actions" / "coaching" / "data" / "answer_clauses"
HELD_OUT = [ROOT / "tests" / "eval" / "answer_eval.yml", ROOT / "tests" / "eval" / "blind"]

_NUMBERS = {"2": "two", "3": "three", "10": "ten"}


def speech(text: str) -> str:
    """As a recogniser writes it: lowercase, no apostrophes, no punctuation."""
    text = re.sub(r"['’]", "", text.lower())
    text = re.sub(r"\d+", lambda m: _NUMBERS.get(m.group(), m.group()), text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


_QUESTION = re.compile(
    r"^(?:\W*\w+, )?(?:who|what|why|where|when|how|do|does|did|are|is|can|could|would|should"
    r"|have|was|were|will)\b|, (?:do|don't|will|are|didn't) (?:you|i)$",
    re.IGNORECASE,
)


def typed(text: str, rng: random.Random) -> str:
    """As typed: usually capitalised, ending as its sentence does (or not at all)."""
    text = text[:1].upper() + text[1:] if rng.random() < 0.7 else text
    last = text.rsplit(",", 1)[-1]
    ends = ["?", "?", ""] if _QUESTION.search(last.strip()) else [".", ".", "", "!"]
    return text + rng.choice(ends)


def either(text: str, rng: random.Random) -> str:
    return speech(text) if rng.random() < 0.6 else typed(text, rng)


def _held_out_keys() -> set[str]:
    keys: set[str] = set()
    for place in HELD_OUT:
        for path in [place] if place.is_file() else sorted(place.glob("*.yml")):
            for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                keys.add(text_key(item["text"]))
    return keys


VARIANTS_PER_FRAGMENT = 6
"""Variants kept per fragment (besides the fragment itself), when its split allows."""


def variants(base: str, rng: random.Random, labels: list[str]) -> Iterable[str]:
    """Ways of saying a labelled fragment: alone, after a filler, joined to a fact."""
    yield speech(base)
    joinable = not labels or set(labels) & {
        "impatience",
        "invalidating",
        "deflection",
        "reassurance",
    }
    while True:
        # Typed mostly here, as the joined ones below are all speech: about half in all.
        if rng.random() < 0.6:
            filler = rng.choice(f.FILLERS_BEFORE)
            text = f"{filler}, {base}" if rng.random() < 0.5 else f"{filler} {base}"
            yield speech(text) if rng.random() < 0.15 else typed(text, rng)
            continue
        # Joined to a fact only as a recogniser writes it: a typed answer is cut into clauses
        # at its commas before the model reads it, so the fact would carry the label alone.
        fact = rng.choice(f.FACTS)
        if joinable and rng.random() < 0.6:
            text = f"{fact} {base}" if "reassurance" in labels else f"{base} {fact}"
        elif not labels or "reassurance" in labels:
            text = f"{fact} and {base}"
        else:
            text = f"{fact} but {base}"
        yield speech(text)


def build(rng: random.Random) -> dict[str, list[tuple[str, list[str]]]]:
    files: dict[str, list[tuple[str, list[str]]]] = {}
    held_out = _held_out_keys()
    seen: set[str] = set()

    def add(file: str, text: str, labels: list[str]) -> None:
        key = text_key(text)
        if key and key not in seen and key not in held_out:
            seen.add(key)
            files.setdefault(file, []).append((text, sorted(labels)))

    def add_fragment(file: str, base: str, labels: list[str]) -> None:
        split = split_of(base)
        add(file, typed(base, rng), labels)
        kept = 0
        for tries, text in enumerate(variants(base, rng, labels)):
            if kept >= VARIANTS_PER_FRAGMENT or tries >= 80:
                break
            if split_of(text) == split and text_key(text) not in seen:
                add(file, text, labels)
                kept += 1

    def add_each_under_its_label(fragments_by_label: dict[str, list[str]]) -> None:
        """Each fragment (and its variants) in its label's file, with that label alone."""
        for label, fragments in fragments_by_label.items():
            for base in fragments:
                add_fragment(label, base, [label])

    single = {
        "impatience": f.IMPATIENCE,
        "invalidating": f.INVALIDATING,
        "deflection": f.DEFLECTION,
        "minimizing": f.MINIMIZING,
        "blame_shift": f.BLAME_SHIFT,
        "counter_attack": f.COUNTER_ATTACK,
        "reassurance": f.REASSURANCE,
    }
    add_each_under_its_label(single)
    for base, labels in f.THROWN_BACK:
        add_fragment("thrown_back", base, labels)
    for base in f.HARD_NEGATIVES:
        add_fragment("hard_negatives", base, [])
    for base in f.FACTS:
        add("honest", typed(base, rng), [])
        add("honest", speech(base), [])
    for base in [*f.WARM_NONE, *f.HONEST_WHY, *f.HONEST_FEELINGS, *f.FACT_PIECES]:
        add_fragment("honest", base, [])
    # A sigh or a sarcastic opener before a plain answer: the answer is given, impatiently.
    for opener in f.WEARY_OPENERS:
        for fact in rng.sample(f.FACTS, 8):
            text = speech(f"{opener} {fact}")
            if split_of(text) == split_of(opener):
                add("impatience", text, ["impatience"])
    # Fragments written for the confusions the h batches showed (answer_fragments_more.py),
    # last, so the clauses written before them stay as they were.
    further = {
        "impatience": more.IMPATIENCE,
        "invalidating": more.INVALIDATING,
        "minimizing": more.MINIMIZING,
        "blame_shift": more.BLAME_SHIFT,
        "counter_attack": more.COUNTER_ATTACK,
    }
    add_each_under_its_label(further)
    for base in more.PLAIN_HONEST:
        add_fragment("hard_negatives", base, [])
    return files


HEADER = """\
# Answer clause labels: {name}. Written for the learned answer labels
# (scripts/write_answer_clauses.py from scripts/answer_fragments.py); guidelines:
# tests/eval/answer_eval.yml. Each item: text and the COMPLETE list of labels (empty: none).
"""


def main() -> None:
    files = build(random.Random(12))
    OUT.mkdir(parents=True, exist_ok=True)
    # Only the files this script wrote are replaced; clauses written by hand (or by a
    # helper) live in other files of the same folder and are left alone.
    for old in OUT.glob("*.yml"):
        if old.read_text(encoding="utf-8").startswith(HEADER.format(name=old.stem)):
            old.unlink()
    total = 0
    for name, items in sorted(files.items()):
        body = yaml.safe_dump(
            [{"text": t, "labels": labels} for t, labels in items],
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
        (OUT / f"{name}.yml").write_text(HEADER.format(name=name) + body, encoding="utf-8")
        total += len(items)
        print(f"{name}: {len(items)}")
    print(f"total: {total}")


if __name__ == "__main__":
    main()
