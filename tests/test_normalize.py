"""Text normalisation: one canonical form for typed text and recognised speech."""

from __future__ import annotations

import random

import pytest

from actions.coaching.normalize import normalize


def test_lowercase_and_whitespace_collapsed() -> None:
    assert normalize("  I'M   So\tSORRY \n now  ").text == "i'm so sorry now"


def test_typographic_characters_are_unified() -> None:
    assert normalize("I’m sorry — “really”… it’s ‘done’").text == (
        "i'm sorry - \"really\"... it's 'done'"
    )


@pytest.mark.parametrize(
    ("speech", "restored"),
    [
        ("im", "i'm"),
        ("ive", "i've"),
        ("id", "i'd"),
        ("dont", "don't"),
        ("doesnt", "doesn't"),
        ("didnt", "didn't"),
        ("wont", "won't"),
        ("cant", "can't"),
        ("couldnt", "couldn't"),
        ("wouldnt", "wouldn't"),
        ("shouldnt", "shouldn't"),
        ("isnt", "isn't"),
        ("wasnt", "wasn't"),
        ("werent", "weren't"),
        ("havent", "haven't"),
        ("hadnt", "hadn't"),
        ("youre", "you're"),
        ("youve", "you've"),
        ("youll", "you'll"),
        ("theyre", "they're"),
        ("thats", "that's"),
        ("theres", "there's"),
        ("whats", "what's"),
        ("shouldve", "should've"),
    ],
)
def test_contractions_are_restored(speech: str, restored: str) -> None:
    assert normalize(f"so {speech} then").text == f"so {restored} then"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("its my fault", "it's my fault"),
        ("its not okay", "it's not okay"),
        ("its been hard", "it's been hard"),
        ("its on me", "it's on me"),
        ("the app lost its place", "the app lost its place"),
        ("it has its own rules", "it has its own rules"),
        ("its. my", "its. my"),
        ("ill make it right", "i'll make it right"),
        ("so ill show you", "so i'll show you"),
        ("i feel ill", "i feel ill"),
        ("she was very ill", "she was very ill"),
        ("ill will", "ill will"),
        ("lets move on", "let's move on"),
        ("she lets me talk", "she lets me talk"),
        ("we were there well before", "we were there well before"),
    ],
)
def test_ambiguous_words_follow_their_neighbours(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_numbers_are_left_alone() -> None:
    assert normalize("It was only 1 time, one time, 100% sure").text == (
        "it was only 1 time, one time, 100% sure"
    )


def test_full_width_and_ligatures_fold() -> None:
    assert normalize("Ｉ’ｍ ｓｏｒｒｙ").text == "i'm sorry"
    assert normalize("ﬁne").text == "fine"


def test_control_and_zero_width_characters() -> None:
    norm = normalize("a\x00b\u200bc\x1b[1md")
    assert norm.text == "a bc [1md"


def test_an_inserted_apostrophe_maps_to_the_word_it_came_from() -> None:
    norm = normalize("Im sorry I didnt call")
    start = norm.text.index("didn't")
    assert norm.span_in_original(start, start + len("didn't")) == (11, 16)
    assert norm.original_phrase(start, start + len("didn't")) == "didnt"
    assert norm.original_phrase(0, 3) == "Im"


def test_span_in_text_reverses_span_in_original() -> None:
    text = "  Im   SO sorry,  I DIDNT  mean it  "
    norm = normalize(text)
    for token in norm.tokens():
        start, end = norm.span_in_original(token.start, token.end)
        assert norm.span_in_text(start, end) == (token.start, token.end)


def test_tokens_keep_inner_apostrophes() -> None:
    assert [t.text for t in normalize("I'm sorry, it's 'done'").tokens()] == [
        "i'm",
        "sorry",
        "it's",
        "done",
    ]


def test_empty_and_blank_input() -> None:
    for text in ("", "   \n\t "):
        norm = normalize(text)
        assert norm.text == ""
        assert norm.tokens() == ()
        assert norm.span_in_original(0, 0)[0] == norm.span_in_original(0, 0)[1]


def test_offsets_round_trip_on_random_text() -> None:
    alphabet = "abc IMim'’ dont DIDNT its ill lets\t\n😀é\u200b.,—…\x00ＩＭ"
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        norm = normalize(text)
        assert len(norm.origin_starts) == len(norm.text) == len(norm.origin_ends)
        for token in norm.tokens():
            start, end = norm.span_in_original(token.start, token.end)
            assert 0 <= start <= end <= len(text)
            phrase = text[start:end]
            assert phrase == phrase.strip()
            # The original word is the normalised one, give or take case, width, apostrophes.
            folded = normalize(phrase).text.replace("'", "")
            assert folded == token.text.replace("'", "")


def test_out_of_range_spans_are_clamped() -> None:
    norm = normalize("sorry")
    assert norm.span_in_original(-5, 99) == (0, 5)
    assert norm.span_in_original(3, 1) == (3, 3)
