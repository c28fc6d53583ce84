"""Crisis resources per region, for the safety replies.

Only numbers that are known to be right are listed. A region without a checked number
says so and points to local emergency services instead of guessing. The United States is
the default.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_REGION",
    "KNOWN_REGIONS",
    "Helpline",
    "SafetyResources",
    "resources_for",
]


@dataclass(frozen=True)
class Helpline:
    """A service a person can reach now, written the way it should be read aloud."""

    name: str
    """The service's name as it fits in a sentence, e.g. "Samaritans"."""

    call: str | None = None
    """The number to call, written to be read both on screen and by a voice."""

    text: str | None = None
    """What to text, e.g. "988" or "START to 88788"; ``None`` if texting is not offered."""

    tty: str | None = None
    """A number for TTY (text telephone) users, if the service has one."""

    hours: str | None = None
    """When and how it can be reached, as a phrase: "free, any time, day or night"."""

    helps_people_who_harm: bool = False
    """True if the service also talks with people worried about their own behaviour."""


@dataclass(frozen=True)
class SafetyResources:
    """Everything the safety replies need to know about one region."""

    region: str
    """The region code: "US", "UK" or "INTERNATIONAL"."""

    name: str
    """A readable name for the region."""

    emergency_number: str | None
    """The emergency services number; ``None`` where it differs by country."""

    crisis_line: Helpline | None
    """A line for suicidal thoughts and emotional crisis; ``None`` if none is checked."""

    abuse_line: Helpline | None
    """A line for domestic abuse; ``None`` if none is checked."""


_US = SafetyResources(
    region="US",
    name="United States",
    emergency_number="911",
    crisis_line=Helpline(
        name="the 988 Suicide and Crisis Lifeline",
        call="988",
        text="988",
        hours="any time, day or night",
    ),
    abuse_line=Helpline(
        name="the National Domestic Violence Hotline",
        call="1-800-799-7233",
        text="START to 88788",
        tty="1-800-787-3224",
        hours="any time, day or night",
        helps_people_who_harm=True,
    ),
)

_UK = SafetyResources(
    region="UK",
    name="United Kingdom",
    emergency_number="999",
    crisis_line=Helpline(
        name="Samaritans",
        call="116 123",
        hours="free, any time, day or night",
    ),
    abuse_line=Helpline(
        name="the National Domestic Abuse Helpline",
        call="0808 2000 247",
        hours="free, any time, day or night",
    ),
)

# Deliberately without numbers: a wrong number in a crisis is worse than none.
_INTERNATIONAL = SafetyResources(
    region="INTERNATIONAL",
    name="anywhere else",
    emergency_number=None,
    crisis_line=None,
    abuse_line=None,
)

_REGIONS: dict[str, SafetyResources] = {r.region: r for r in (_US, _UK, _INTERNATIONAL)}
_ALIASES = {"GB": "UK", "INTL": "INTERNATIONAL", "OTHER": "INTERNATIONAL"}

DEFAULT_REGION = "US"
KNOWN_REGIONS: tuple[str, ...] = tuple(sorted(_REGIONS))


def resources_for(region: str) -> SafetyResources:
    """The crisis resources for ``region`` (case does not matter; "GB" means "UK").

    Raises ValueError for a region that is not listed, naming the ones that are.
    """
    code = region.strip().upper()
    code = _ALIASES.get(code, code)
    try:
        return _REGIONS[code]
    except KeyError:
        known = ", ".join(KNOWN_REGIONS)
        raise ValueError(
            f"No safety resources for region {region!r}. Known regions: {known}. "
            "Set the region to one of these; use INTERNATIONAL if yours is not listed."
        ) from None
