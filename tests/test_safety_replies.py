"""Unit tests for the crisis replies and the region table."""

from __future__ import annotations

import dataclasses
import re

import pytest

from actions.coaching.safety import (
    DEFAULT_REGION,
    KNOWN_REGIONS,
    AbuseRole,
    crisis_reply,
    declined_coaching_reply,
    resources_for,
    resources_reply,
)

ROLES: tuple[AbuseRole, ...] = ("harmed", "harming", "unclear")


def _all_replies(region: str) -> dict[str, list[str]]:
    replies = {"self_harm": crisis_reply("self_harm", region)}
    for role in ROLES:
        replies[f"abuse/{role}"] = crisis_reply("abuse", region, role=role)
        replies[f"declined/{role}"] = declined_coaching_reply(region, role=role)
    replies["declined/default"] = declined_coaching_reply(region)
    replies["resources"] = resources_reply(region)
    return replies


def _says_no_person_can_be_reached(lines: list[str]) -> bool:
    return any("can’t reach a person" in line for line in lines)


def test_us_is_the_default() -> None:
    assert DEFAULT_REGION == "US"
    assert crisis_reply("self_harm") == crisis_reply("self_harm", "US")
    assert declined_coaching_reply() == declined_coaching_reply("US")


def test_us_self_harm_reply_gives_988_and_911() -> None:
    text = " ".join(crisis_reply("self_harm", "US"))
    assert "call or text 988" in text
    assert "call 911" in text


@pytest.mark.parametrize("role", ROLES)
def test_us_abuse_reply_gives_the_hotline_and_911(role: AbuseRole) -> None:
    text = " ".join(crisis_reply("abuse", "US", role=role))
    assert "1-800-799-7233" in text
    assert "TTY" in text and "1-800-787-3224" in text
    assert "text START to 88788" in text
    assert "call 911" in text


def test_us_replies_together_carry_every_resource() -> None:
    text = " ".join(line for lines in _all_replies("US").values() for line in lines)
    for needle in ("988", "1-800-799-7233", "TTY", "1-800-787-3224", "START to 88788", "911"):
        assert needle in text


@pytest.mark.parametrize("region", KNOWN_REGIONS)
def test_every_reply_says_the_device_cannot_reach_a_person(region: str) -> None:
    for name, lines in _all_replies(region).items():
        assert _says_no_person_can_be_reached(lines), (region, name)


@pytest.mark.parametrize("role", ROLES)
def test_abuse_reply_pauses_coaching_and_says_why(role: AbuseRole) -> None:
    text = " ".join(crisis_reply("abuse", role=role))
    assert "pause the coaching" in text
    assert "isn’t a relationship problem that an apology can fix" in text
    assert "rest of this session" in text


def test_harming_reply_offers_the_hotline_without_shaming() -> None:
    text = " ".join(crisis_reply("abuse", "US", role="harming"))
    assert "worried about their own behaviour" in text
    assert "1-800-799-7233" in text
    for word in ("monster", "disgusting", "shame", "evil", "terrible person", "should be"):
        assert word not in text.lower()


def test_harmed_reply_says_it_is_not_their_fault() -> None:
    assert "not your fault" in " ".join(crisis_reply("abuse", role="harmed"))
    assert "not your fault" not in " ".join(crisis_reply("abuse", role="harming"))


def test_declined_coaching_reply_explains_and_repeats_resources() -> None:
    text = " ".join(declined_coaching_reply("US"))
    assert "apology" in text and "reconciliation" in text
    assert "isn’t a relationship problem" in text
    assert "1-800-799-7233" in text and "911" in text


def test_uk_replies_use_uk_numbers_only() -> None:
    self_harm = " ".join(crisis_reply("self_harm", "UK"))
    abuse = " ".join(crisis_reply("abuse", "UK", role="harmed"))
    harming = " ".join(crisis_reply("abuse", "UK", role="harming"))
    assert "Samaritans" in self_harm and "116 123" in self_harm and "999" in self_harm
    assert "0808 2000 247" in abuse and "999" in abuse
    # The UK abuse helpline is not listed as serving people who harm; do not claim it does.
    assert "0808 2000 247" not in harming
    assert "116 123" in harming
    everything = " ".join(line for lines in _all_replies("UK").values() for line in lines)
    for us_only in ("988", "911", "1-800", "88788"):
        assert us_only not in everything


def test_international_replies_give_no_numbers_and_point_to_local_services() -> None:
    for name, lines in _all_replies("INTERNATIONAL").items():
        text = " ".join(lines)
        assert not re.search(r"\d", text), (name, text)
        assert "local emergency number" in text, name


@pytest.mark.parametrize("region", KNOWN_REGIONS)
def test_replies_are_plain_short_spoken_sentences(region: str) -> None:
    for name, lines in _all_replies(region).items():
        assert 3 <= len(lines) <= 6, name
        for line in lines:
            assert line == line.strip() and line, name
            assert line[0].isupper(), (name, line)
            assert line.endswith((".", "!", "?")), (name, line)
            assert not re.search(r"[*_#`\[\]<>|~\\]", line), (name, line)
            assert "\n" not in line
            assert len(line) <= 320, (name, line)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("US", "US"), ("us", "US"), (" uk ", "UK"), ("GB", "UK"), ("international", "INTERNATIONAL")],
)
def test_region_lookup_is_forgiving_about_case_and_aliases(given: str, expected: str) -> None:
    assert resources_for(given).region == expected


def test_region_switching_changes_the_numbers() -> None:
    assert resources_for("US").emergency_number == "911"
    assert resources_for("UK").emergency_number == "999"
    assert resources_for("INTERNATIONAL").emergency_number is None
    assert crisis_reply("self_harm", "US") != crisis_reply("self_harm", "UK")


def test_unknown_region_is_a_clear_error() -> None:
    with pytest.raises(ValueError) as excinfo:
        crisis_reply("self_harm", "Atlantis")
    message = str(excinfo.value)
    assert "'Atlantis'" in message
    for region in KNOWN_REGIONS:
        assert region in message
    with pytest.raises(ValueError):
        declined_coaching_reply("")


def test_unknown_kind_or_role_is_an_error() -> None:
    with pytest.raises(ValueError):
        crisis_reply("sadness")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        crisis_reply("abuse", role="bystander")  # type: ignore[arg-type]


def test_resources_are_frozen() -> None:
    resources = resources_for("US")
    with pytest.raises(dataclasses.FrozenInstanceError):
        resources.emergency_number = "112"  # type: ignore[misc]
    assert resources.abuse_line is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        resources.abuse_line.call = "0"  # type: ignore[misc]


def test_asked_for_help_numbers_gives_every_us_resource_without_assuming_a_crisis() -> None:
    lines = resources_reply("US")
    said = " ".join(lines)
    for number in ("988", "1-800-799-7233", "START to 88788", "911"):
        assert number in said
    assert _says_no_person_can_be_reached(lines)
    # No session-long decline of coaching, and no guess about which crisis it is.
    assert "won’t coach" not in said and "abuse" not in said.lower()


def test_asked_for_help_numbers_in_the_uk_offers_only_what_each_line_does() -> None:
    said = " ".join(resources_reply("UK"))
    assert "116 123" in said and "0808 2000 247" in said and "999" in said
    assert "988" not in said and "911" not in said
    # The UK abuse helpline is for those being harmed, so it is not offered to the other side.
    assert not resources_for("UK").abuse_line.helps_people_who_harm  # type: ignore[union-attr]
    assert "what you might do" not in said


def test_asked_for_help_numbers_with_no_checked_lines_points_to_local_help() -> None:
    said = " ".join(resources_reply("INTERNATIONAL"))
    assert "local emergency number" in said and not re.search(r"\d{3}", said)
