"""Splitting replies into sentences, so the first audio starts fast and barge-in can land
between sentences."""

from __future__ import annotations

import re

_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "etc.", "vs.", "st.")
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"')\]]*\s+")
MAX_CHARS = 220
"""Longer sentences are split at a comma or semicolon so synthesis never stalls playback."""


def split_sentences(text: str) -> list[str]:
    """Sentences in order, trimmed, none empty. Abbreviations do not end a sentence."""
    pieces: list[str] = []
    for part in _BOUNDARY.split(" ".join(text.split())):
        part = part.strip()
        if not part:
            continue
        if pieces and pieces[-1].lower().endswith(_ABBREVIATIONS):
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return [chunk for piece in pieces for chunk in _split_long(piece)]


def _split_long(sentence: str) -> list[str]:
    if len(sentence) <= MAX_CHARS:
        return [sentence]
    chunks: list[str] = []
    current = ""
    for clause in re.split(r"(?<=[,;:])\s+", sentence):
        if current and len(current) + len(clause) + 1 > MAX_CHARS:
            chunks.append(current)
            current = clause
        else:
            current = f"{current} {clause}".strip()
    if current:
        chunks.append(current)
    return chunks
