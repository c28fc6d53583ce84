"""Language identification at the door: another language is told kindly that Kintsugi
speaks English only for now, and English (short, or full of names) is never sent away.

The real library (lingua-language-detector) with its shipped models; nothing is downloaded.
"""

from __future__ import annotations

import pytest

from assistant.dialogue.language import other_language
from assistant.dialogue.text_input import InputProblem, clean_text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hola, necesito ayuda con mi pareja", "Spanish"),
        ("Ich möchte mich bei meiner Frau entschuldigen", "German"),
        ("quiero pedir perdón a mi esposa por mentir", "Spanish"),
        ("kannst du mir helfen, mich zu entschuldigen", "German"),
        ("je veux m'excuser auprès de ma femme", "French"),
        ("voglio chiedere scusa a mio marito", "Italian"),
        ("정말 미안해요 내가 잘못했어요", "Korean"),
        ("Я очень сожалею", "Russian"),
        ("Συγγνώμη", "Greek"),
    ],
)
def test_another_language_is_named(text: str, language: str) -> None:
    assert other_language(text) == language
    assert clean_text(text).problem is InputProblem.NOT_ENGLISH


@pytest.mark.parametrize(
    "text",
    [
        # Short English: too short for any detector to call foreign.
        *("ok", "yes", "next", "hmm", "i dunno", "no", "nah", "uh huh", "mm hm", "yo", "k"),
        *("go on", "ty", "hello hello", "a different scenario", "i dont get it"),
        # English with names and borrowed words.
        "I'm sorry Maria",
        "Jürgen, I lied to you",
        "Sofía I am so sorry",
        "I want to apologise to Ingrid",
        "I'm sorry Señora Gutiérrez",
        "María José and I fought about money",
        "Dear Anneliese, I was wrong",
        "Désolé, I'm sorry about the café",
        # Speech style, and a long opener.
        "im sorry i didnt tell you about the money",
        "I hid debt from my wife, about 14 thousand dollars… help me practise an apology",
    ],
)
def test_english_is_never_sent_away(text: str) -> None:
    assert other_language(text) is None
    assert clean_text(text).problem is not InputProblem.NOT_ENGLISH


def test_names_alone_are_not_a_language() -> None:
    assert other_language("Gutiérrez Señora") is None
