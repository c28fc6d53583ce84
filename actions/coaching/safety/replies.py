"""What the assistant says when the safety screen finds a crisis.

Each reply is a short list of plain sentences, spoken one after another by the voice and
shown as lines in text mode, so there is no markdown and every number is written the way
it reads ("988", "1-800-799-7233"). The words are warm and brief, name the help that
exists, and say plainly that this device cannot reach a person.
"""

from __future__ import annotations

from typing import get_args

from actions.coaching.safety.kinds import AbuseRole, SafetyKind
from actions.coaching.safety.resources import (
    DEFAULT_REGION,
    Helpline,
    SafetyResources,
    resources_for,
)

__all__ = ["crisis_reply", "declined_coaching_reply", "resources_reply", "ways_to_reach"]

_NO_PERSON = "I’m a program on this device, and I can’t reach a person or call anyone for you."

_WHY_NO_COACHING = (
    "Abuse isn’t a relationship problem that an apology can fix, so I won’t coach an "
    "apology or a reconciliation for the rest of this session."
)


def crisis_reply(
    kind: SafetyKind,
    region: str = DEFAULT_REGION,
    *,
    role: AbuseRole | None = None,
) -> list[str]:
    """The sentences to say when a turn discloses self-harm or abuse.

    ``role`` matters for abuse only: ``harming`` (the user says they did it) gets an
    invitation to get help to stop, without shaming; ``harmed`` and ``unclear`` (the
    default) get safety help. Raises ValueError for an unknown kind, role or region.
    """
    resources = resources_for(region)
    if kind == "self_harm":
        return _self_harm_reply(resources)
    if kind == "abuse":
        return _abuse_reply(resources, _checked_role(role))
    raise ValueError(f"Unknown safety kind {kind!r}; expected 'self_harm' or 'abuse'.")


def declined_coaching_reply(
    region: str = DEFAULT_REGION,
    *,
    role: AbuseRole | None = None,
) -> list[str]:
    """What to say when, after an abuse disclosure, the user asks for an apology or
    reconciliation exercise: why not, kindly, and where help is."""
    resources = resources_for(region)
    role = _checked_role(role)
    lines = [
        "I’m not going to run an apology or a reconciliation exercise today, and I want "
        "to be honest about why.",
        "Earlier you told me about abuse. That isn’t a relationship problem an apology "
        "can fix, and practising one here wouldn’t make anyone safer.",
    ]
    lines.extend(_abuse_help(resources, role))
    lines.append(_NO_PERSON)
    lines.append(_danger_line(resources, role))
    return lines


def resources_reply(region: str = DEFAULT_REGION) -> list[str]:
    """What to say when someone asks for crisis help, or says they are not safe, without
    saying why: every resource for the region, for either kind of crisis. It does not
    assume abuse (coaching is not declined for the session) or self-harm."""
    resources = resources_for(region)
    lines = ["Let’s put the practice aside for now. Here is where to find a person."]
    crisis = resources.crisis_line
    if crisis is not None:
        lines.append(
            "If you’re thinking about hurting yourself, or you’re in a very dark place, "
            f"{_reach(crisis, crisis.name)}"
        )
    else:
        lines.append(
            "If you’re thinking about hurting yourself, please reach a person near you now: "
            "a doctor, a hospital, or someone you trust who can stay with you."
        )
    abuse = resources.abuse_line
    if abuse is not None:
        who = "If someone is hurting you or you’re afraid of them"
        if abuse.helps_people_who_harm:
            who += ", or you’re worried about what you might do"
        lines.append(f"{who}, {_reach(abuse, abuse.name)}")
    else:
        lines.append(
            "If someone is hurting you or you’re afraid of them, a doctor, a hospital, or the "
            "police can put you in touch with local support."
        )
    lines.append(_NO_PERSON)
    lines.append(_danger_line(resources, "unclear"))
    lines.append("I’m still here if you want to keep talking.")
    return lines


def _checked_role(role: AbuseRole | None) -> AbuseRole:
    if role is None:
        return "unclear"
    if role not in get_args(AbuseRole):
        raise ValueError(f"Unknown role {role!r}; expected 'harmed', 'harming' or 'unclear'.")
    return role


def _self_harm_reply(resources: SafetyResources) -> list[str]:
    lines = [
        "I’m really glad you told me. What you’re feeling matters, and you don’t have to "
        "carry it alone.",
        "Let’s stop the exercise here.",
        _NO_PERSON,
    ]
    line = resources.crisis_line
    if line is not None:
        lines.append(f"Please talk to someone now. {_capitalise(_reach(line, line.name))}")
    else:
        lines.append(
            "I don’t have a checked crisis line for where you are, so please reach a person "
            "near you now: a doctor, a hospital, or someone you trust who can stay with you."
        )
    if resources.emergency_number is not None:
        lines.append(
            "If you might act on these thoughts, or you are in danger right now, call "
            f"{resources.emergency_number}."
        )
    else:
        lines.append(
            "If you might act on these thoughts, or you are in danger right now, call your "
            "local emergency number."
        )
    return lines


def _abuse_reply(resources: SafetyResources, role: AbuseRole) -> list[str]:
    if role == "harming":
        opening = [
            "Thank you for being honest with me about this. Hurting, threatening, "
            "frightening or controlling a partner is abuse, whatever led up to it.",
            "I’m going to pause the coaching. " + _WHY_NO_COACHING,
        ]
    elif role == "harmed":
        opening = [
            "Thank you for telling me. What you’re describing is serious, and it is not "
            "your fault.",
            "I’m going to pause the coaching. " + _WHY_NO_COACHING,
        ]
    else:
        opening = [
            "Thank you for telling me. What you’re describing sounds serious.",
            "I’m going to pause the coaching. " + _WHY_NO_COACHING,
        ]
    return [*opening, *_abuse_help(resources, role), _NO_PERSON, _danger_line(resources, role)]


def _abuse_help(resources: SafetyResources, role: AbuseRole) -> list[str]:
    line = resources.abuse_line
    if role == "harming":
        if line is not None and line.helps_people_who_harm:
            return [
                "You can get help to change this. "
                f"{_capitalise(line.name)} also talks with people who are worried about "
                f"their own behaviour. {_capitalise(_reach(line, 'it'))}",
            ]
        help_to_stop = (
            "You can get help to change this. A doctor or a local support service can "
            "point you to a programme for people who want to stop hurting someone."
        )
        crisis = resources.crisis_line
        if crisis is not None:
            return [
                help_to_stop,
                f"If you need to talk to someone now, {_reach(crisis, crisis.name)}",
            ]
        return [help_to_stop]
    if line is not None:
        if role == "unclear" and line.helps_people_who_harm:
            return [
                "Whether you’re the one being hurt or you’re worried about your own "
                f"behaviour, {line.name} can help. {_capitalise(_reach(line, 'it'))}"
            ]
        return [
            f"{_capitalise(line.name)} can help you think through what to do and how to stay "
            f"safe. {_capitalise(_reach(line, 'it'))}"
        ]
    return [
        "I don’t have a checked domestic abuse helpline for where you are. A doctor, a "
        "hospital, or the police can put you in touch with local support.",
    ]


def _danger_line(resources: SafetyResources, role: AbuseRole) -> str:
    who = "you are" if role == "harmed" else "you or anyone else is"
    number = resources.emergency_number
    if number is not None:
        return f"If {who} in danger right now, call {number}."
    return f"If {who} in danger right now, call your local emergency number."


def ways_to_reach(line: Helpline) -> str:
    """ "call or text 988", "call 116 123", "call 1-800-…, or text START to 88788"; empty
    when the line has neither."""
    if line.call is not None and line.call == line.text:
        return f"call or text {line.call}"
    ways = [f"call {line.call}"] if line.call is not None else []
    if line.text is not None:
        ways.append(f"text {line.text}")
    return ", or ".join(ways)


def _reach(line: Helpline, who: str) -> str:
    """How to reach ``line``, as "you can reach {who} ...: call ..." with a full stop."""
    ways = ways_to_reach(line)
    sentence = f"you can reach {who}"
    if line.hours:
        sentence += f" {line.hours}"
    if ways:
        sentence += ": " + ways
    sentence += "."
    if line.tty is not None:
        sentence += f" If you use a TTY, call {line.tty}."
    return sentence


def _capitalise(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
