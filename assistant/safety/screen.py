"""The safety screen: finds talk of self-harm or abuse in one user turn.

Every turn, typed or recognised, passes through :func:`screen` before the dialogue sees it.
The screen is deliberately a set of hand-written patterns rather than a classifier: its
behaviour is visible, testable and the same on every device, and it favours catching a real
crisis over avoiding a false alarm.

How it works:

1. The turn is normalised into lowercase words separated by single spaces, with apostrophes
   dropped and other punctuation turned into spaces, so typed text ("I'm", "don't") and
   recognised speech ("im", "dont") look the same. A map from each normalised character
   back to its position in the original lets a finding quote the user's exact words.
2. Each pattern is a regular expression over the normalised words. Patterns are built from
   fixed word lists with bounded repetition only, so matching stays linear in the input
   length (no nested unbounded quantifiers, no backreferences).
3. Negations that undo a phrase ("I'm not suicidal", "I would never hit her") and idioms
   that only look violent ("she kicked me out", "it hit me", "killing myself trying") are
   excluded inside the patterns themselves, next to the phrase they qualify.

Pure Python, no I/O, no state: safe to call from any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from actions.coaching.safety.kinds import AbuseRole, SafetyKind

__all__ = ["AbuseRole", "SafetyFinding", "SafetyKind", "screen", "screen_all"]


@dataclass(frozen=True)
class SafetyFinding:
    """One phrase in a user turn that means coaching must stop."""

    kind: SafetyKind
    """``self_harm`` (suicidal thoughts, self-injury, hopelessness about living) or
    ``abuse`` (violence, threats, fear of a partner, coercive control)."""

    phrase: str
    """The user's own words that triggered the finding: exactly ``text[start:end]``."""

    start: int
    """Index of the first character of :attr:`phrase` in the screened text."""

    end: int
    """Index one past the last character of :attr:`phrase` in the screened text."""

    role: AbuseRole | None = None
    """For ``abuse``: ``harmed`` when the user is the one being hurt or controlled,
    ``harming`` when the user says they did it, ``unclear`` otherwise. ``None`` for
    ``self_harm``."""

    certain: bool = True
    """True for a clear crisis (coaching stops); False when the screen is unsure and the
    assistant should ask before deciding (see assistant/safety/guard.py)."""

    score: float | None = None
    """The learned classifier's probability for this finding; ``None`` for a pattern."""


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------

# Apostrophes are dropped rather than turned into spaces, so "don't" becomes "dont",
# which is also what speech recognisers and quick typists produce.
_APOSTROPHES = frozenset("'’‘ʼ`´")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lowercase words joined by single spaces, and each character's index in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    separator = -1  # index of the first separator since the last word, or -1
    for index, char in enumerate(text):
        if char in _APOSTROPHES:
            continue
        for low in char.lower():
            if low.isalnum():
                if separator >= 0 and chars:
                    chars.append(" ")
                    origin.append(separator)
                separator = -1
                chars.append(low)
                origin.append(index)
            elif separator < 0:
                separator = index
    return "".join(chars), origin


# --------------------------------------------------------------------------------------
# Building blocks for the patterns. ``<NAME>`` in a pattern is replaced by BLOCKS[NAME].
# --------------------------------------------------------------------------------------

_BLOCKS: dict[str, str] = {}

_BLOCKS["PARTNER_NOUN"] = (
    r"(?:ex (?:husband|wife|boyfriend|girlfriend|partner)|husband|wife|partner|boyfriend"
    r"|girlfriend|bf|gf|fiancee|fiance|fiancé|fiancée|spouse|ex|man|woman|stepdad"
    r"|stepfather|stepmom|stepmum|stepmother|dad|father|mom|mum|mother|brother|sister"
    r"|son|daughter)"
)
_BLOCKS["I_SUBJ"] = r"(?:i|ive|im|id|ill)"
_BLOCKS["PARTNER_SUBJ"] = (
    r"(?:he|hes|hed|hell|she|shes|shed|shell|they|theyve|theyre|theyd|my <PARTNER_NOUN>)"
)
_BLOCKS["SUBJ"] = r"(?:<I_SUBJ>|<PARTNER_SUBJ>)"
# Auxiliaries and adverbs that may sit between a subject and its verb ("he has been
# hitting me", "she gets drunk and slaps me"). Negators are absent on purpose, so
# "i would never hit her" does not match.
_BLOCKS["AUX"] = (
    r"(?:has|have|had|been|was|were|is|am|are|be|being|just|also|always|sometimes|often"
    r"|even|once|twice|then|finally|actually|literally|physically|started|starts|start"
    r"|starting|keeps|keep|kept|tried|tries|trying|to|would|will|did|does|do|used|ended"
    r"|up|almost|nearly|really|again|got|gets|get|getting|accidentally|still|gonna|going"
    r"|threatened|threatens|basically|totally|suddenly|regularly|repeatedly"
    r"|constantly|ever|already|recently|drunk|and|usually|frequently|now|like)"
)
_BLOCKS["GAP"] = r"(?:<AUX> ){0,4}"
# Words that may follow an object pronoun when it is the object and not a possessive:
# "hit her when", "scared of her" (end) but not "scared of her reaction".
_BLOCKS["FOL"] = (
    r"(?:$| (?:when|whenever|because|cause|cuz|and|but|so|now|sometimes|all|every|since"
    r"|after|if|he|she|i|im|right|at|too|really|already|again|lately|like|to|in|on|around"
    r"|though|anymore|still|or|it|even|ever|once|twice|hard|with|across|against|into"
    r"|onto|off|down|over|up|back|until|till|while|before|during|then|last|yesterday"
    r"|today|tonight|this|that|the|a|an|several|multiple|repeatedly|more|many|for|by|as"
    r"|just|badly|bad|senseless|black|most|often|constantly|daily|also|three|two|four"
    r"|five|a lot|honestly|sometimes|about)\b)"
)
_BLOCKS["OBJ"] = (
    r"(?:me|us|him|them|her(?=<FOL>)|my <PARTNER_NOUN>"
    r"|(?:the|my|our|her|his) (?:kids|children|baby|son|daughter))"
)
_BLOCKS["BODY"] = (
    r"(?:throat|neck|hair|arm|arms|wrist|wrists|collar|shoulder|shoulders|face|jaw|ponytail)"
)
_BLOCKS["SURFACE"] = (
    r"(?:wall|walls|door|floor|ground|table|counter|car|window|cupboard|cabinet|fridge"
    r"|mirror|stairs|bath|tub|closet|corner|furniture|bed|couch|sofa|railing|dresser)"
)
_BLOCKS["FUT_P"] = (
    r"(?:hed|hell|shed|shell|theyd|theyll"
    r"|(?:he|she|they) (?:would|will|is going to|was going to|are going to|were going to"
    r"|is gonna|was gonna|gonna|could|might|is about to|will try to)"
    r"|(?:hes|shes|theyre) (?:going to|gonna|about to))"
)
_BLOCKS["FUT_I"] = (
    r"(?:id|ill|i (?:would|will|might|could|am going to|am gonna)|im (?:going to|gonna"
    r"|about to))"
)
_BLOCKS["WEAPON"] = (
    r"(?:knife|knives|gun|pistol|rifle|shotgun|bat|baseball bat|hammer|blade|weapon"
    r"|machete|razor)"
)
_BLOCKS["MYSELF"] = r"(?:myself|my self)"
_BLOCKS["KIDS"] = (
    r"(?:them|the kids|my kids|her kids|his kids|our kids|the children|my children|our"
    r" children|my son|my daughter|our son|our daughter|the baby)"
)
_BLOCKS["ANYMORE"] = r"(?: (?:anymore|any more|any longer|no more))"


def _expand(template: str) -> str:
    """Replace ``<NAME>`` blocks until none are left (blocks may use other blocks)."""
    previous = None
    while previous != template:
        previous = template
        template = re.sub(r"<([A-Z_]+)>", lambda m: _BLOCKS[m.group(1)], template)
    return template


# --------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------

_I_FORMS = frozenset({"i", "ive", "im", "id", "ill"})
_PARTNER_PRONOUNS = frozenset(
    {"he", "hes", "hed", "hell", "she", "shes", "shed", "shell", "they", "theyve"}
    | {"theyre", "theyd", "theyll"}
)
_PARTNER_NOUNS = frozenset(
    {"husband", "wife", "partner", "boyfriend", "girlfriend", "bf", "gf", "fiance"}
    | {"fiancee", "spouse", "ex"}
)


@dataclass(frozen=True)
class _Pattern:
    kind: SafetyKind
    regex: re.Pattern[str]
    role: AbuseRole | Literal["auto"] | None


def _preceding_subject(normalised: str, start: int) -> str | None:
    """The nearest subject-like pronoun in the few words before ``start``."""
    words = normalised[:start].split()[-6:]
    for position in range(len(words) - 1, -1, -1):
        word = words[position]
        if word in _I_FORMS:
            return "i"
        if word in _PARTNER_PRONOUNS:
            return "partner"
        if word in _PARTNER_NOUNS and position > 0 and words[position - 1] == "my":
            return "partner"
    return None


def _auto_role(match: re.Match[str], normalised: str) -> AbuseRole:
    groups = match.groupdict()
    obj = (groups.get("obj") or "").strip()
    raw_subj = (groups.get("subj") or "").strip()
    if raw_subj:
        subj: str | None = "i" if raw_subj in _I_FORMS else "partner"
    else:
        subj = _preceding_subject(normalised, match.start())
    if obj in {"me", "us"}:
        return "harmed"
    if subj == "i":
        return "harming"
    if obj == "my" or obj.startswith("my "):
        return "harmed"
    if subj == "partner" and obj not in {"her", "him", "them"}:
        return "harmed"
    return "unclear"


_PATTERNS: list[_Pattern] = []


def _add(kind: SafetyKind, role: AbuseRole | Literal["auto"] | None, *templates: str) -> None:
    for template in templates:
        _PATTERNS.append(_Pattern(kind, re.compile(r"\b" + _expand(template)), role))


# ---- self-harm -------------------------------------------------------------------------

_add(
    "self_harm",
    None,
    # "suicide", "suicidal", unless negated or an idiom ("career suicide").
    r"(?<!not )(?<!never )(?<!no longer )(?<!not feeling )(?<!not at all )(?<!isnt )"
    r"(?<!wasnt )(?<!never been )(?<!never felt )(?<!not really )(?<!not remotely )"
    r"(?<!career )(?<!social )(?<!political )(?<!financial )(?<!commercial )"
    r"(?<!professional )(?<!electoral )(?<!marital )"
    r"suicid(?:e|al|ality|ally)\b(?! (?:squad|door|doors|drill|drills|sprint|sprints|bomber"
    r"|bombers|bombing|knot|king|kings|run|runs|mission)\b)",
    # Kill / end / hang ... myself, unless negated or an idiom of effort or laughter.
    r"(?<!never )(?<!not going to )(?<!not gonna )(?<!wont )(?<!wouldnt )(?<!would not )"
    r"(?<!will not )(?<!could never )"
    r"(?:kill|killing|killed|kills|end|ending|off|offing|hang|hanging|hanged|shoot|shooting"
    r"|drown|drowning|poison|poisoning|unalive|unaliving|harm|harming|harmed|cut|cutting"
    r"|burn|burning|burned|burnt|starve|starving|starved|suffocate|suffocating|stab|stabbing"
    r"|strangle|strangling|electrocute|gas|overdose|overdosing|punch|punching|punched|hit"
    r"|hitting|slap|slapping|scratch|scratching|bruise|bruising) <MYSELF>\b"
    r"(?! (?:shaving|cooking|chopping|slicing|on (?:a|the|some|my|an)|while|by accident"
    r"|accidentally|off|out|trying|to (?:make|get|win|fix|keep|please|prove|earn|pay|finish"
    r"|help|save|be)|working|over (?:this|it|her|him|work|them)|for (?:her|him|this|it|work"
    r"|nothing|them|a|the)|laughing|at (?:work|the gym|the office)|with work|in (?:work|my work"
    r"|the work|alcohol|booze|drink|drinking|books|tv|the gym|a hobby|hobbies)|up)\b)",
    # "hurt myself" needs intent or habit: "i hurt myself at the gym" is not a crisis.
    r"(?<!dont )(?<!do not )(?<!never )"
    r"(?:want to|wanna|going to|gonna|thinking about|thought about|think about|thinking of"
    r"|urge to|urges to|tempted to|been|keep|kept|started|start|might|could|will|ill"
    r"|feel like|afraid ill|scared ill|afraid i will|scared i will|stop myself from"
    r"|planning to|plan to|try not to|trying not to|need to|deserve to|going to)"
    r"(?: (?:really|just|seriously|actually|badly|secretly))? (?:hurt|hurting|harm|harming)"
    r" <MYSELF>\b(?! by\b)",
    r"(?:hurt|hurting|hurts) <MYSELF> (?:again|on purpose|deliberately|intentionally"
    r"|when|every|at night|to cope|because)\b",
    # Wanting to die.
    r"(?<!dont )(?<!do not )(?<!never )(?<!didnt )(?<!not )"
    r"(?:want|wants|wanted|wanting|wanna|wish|wished|ready|deserve|deserves|plan|planning"
    r"|need)"
    r"(?: to)?(?: just| really| honestly| simply)? (?:die|be dead|not exist|not be alive"
    r"|stop existing|stop living|not wake up|never wake up|not be here anymore)\b"
    r"(?! (?:of|from) (?:shame|embarrassment|laughter|laughing|boredom|curiosity|cringe)\b)",
    r"(?:if|when) i (?:was|were|am) (?:dead|never born|not alive)\b",
    r"(?:better off|happier|easier|better) (?:for (?:everyone|everybody|them|her|him|my"
    r" family|my kids) )?(?:if|when) i (?:was |were |am )?(?:dead|gone|not here|not around"
    r"|not alive|never born|died|disappeared|wasnt here|werent here|wasnt around|werent"
    r" around|didnt exist|never existed|wasnt alive|was not here|were not here|was not"
    r" around)\b",
    r"(?:thoughts|thinking|thought|think|fantasize|fantasise|fantasizing|fantasising"
    r"|dream|dreaming|obsessing)(?: a lot| so much| all the time)? (?:about|of) (?:dying"
    r"|death|being dead|my death|my own death|not being here|not existing|not waking up"
    r"|my funeral)\b",
    r"(?:scared|afraid|frightened|terrified|worried) (?:of )?what i (?:might|could|would"
    r"|will|may|ll|m going to|am going to) do to <MYSELF>",
    r"(?:id|i would|i d) (?:much )?rather not (?:be here|be alive|exist|wake up|live)\b"
    r"(?! (?:right now|today|tonight|for|at(?! all)|in|with|when|while|during)\b)",
    r"(?:dont|do not|no longer|doesnt) (?:really )?(?:care|matter) (?:if|whether) i (?:live"
    r" or die|die|wake up|live|am alive|make it)\b",
    r"(?:go to sleep|sleep|fall asleep|close my eyes) forever\b",
    r"(?:want|wanna|need) (?:out of|to get out of|to check out of) (?:life|this life|this"
    r" world|living|existence)\b",
    r"(?:imagining|imagine|imagined|picturing|picture|pictured|planning|plan|planned"
    r"|writing|wrote) (?:my own|my) (?:funeral|death|suicide|goodbyes)\b",
    r"(?:researching|research|researched|looking up|looked up|look up|googling|googled"
    r"|searching|searched|reading about|read about) (?:ways|how|methods|the best way|the"
    r" easiest way|the quickest way|painless ways|a painless way) (?:to )?(?:die|kill myself"
    r"|end it|end my life|overdose|commit suicide|do it)\b",
    r"(?:painless|easy|easiest|quickest|quick|best) (?:ways?|methods?) to (?:die|kill myself"
    r"|end my life|end it all)\b",
    r"(?:have|got|made|making) a plan (?:to|for how to|for when to) (?:die|end it|end my life"
    r"|kill myself|take my life)\b",
    r"(?:life|my life|living|existing) (?:has|have) no (?:meaning|point|purpose)\b",
    r"(?:going to|gonna|want to|wanna|thinking about|thought about|think about|urge to"
    r"|tempted to|wanted to) (?:drive|driving|crash|crashing|steer|steering)(?: my car)?"
    r" (?:off (?:a|the) (?:bridge|cliff|road)|into (?:a|the) (?:tree|wall|river|lake|truck"
    r"|lorry|pole|bridge)|into oncoming traffic)\b",
    r"wish (?:that )?i (?:was|were|had) (?:dead|never born|not born|gone for good"
    r"|gone forever|never been born|not alive|not here anymore)\b",
    r"wish (?:that )?i (?:wasnt|werent|was not|were not) (?:alive|born|here anymore|here"
    r" any more|around anymore)\b",
    r"wish (?:that )?i (?:had never|hadnt|had not) been born\b",
    r"wish (?:that )?i (?:could|would) (?:just )?(?:die|disappear forever|disappear for good"
    r"|go to sleep and (?:never|not) wake up|sleep forever|stop existing|not wake up)\b",
    r"(?:rather|might as well|may as well) (?:just )?be dead\b",
    r"(?:might|may) as well (?:just )?(?:die|kill myself|end it)\b",
    # Being a burden; others better off.
    r"better off (?:dead|in the ground|six feet under|in a grave|in my grave)\b",
    r"(?:would|will|d|could) (?:all )?be (?:fine|okay|ok|happier|better|so much better)"
    r" without me\b",
    r"(?:the pain|it all|everything|this pain|my pain) to (?:end|stop) (?:forever|for good"
    r"|permanently)\b",
    r"better (?:off )?without me\b",
    r"better off (?:if|when) i (?:was|were|am|had|just)? ?(?:dead|gone|not here|not around"
    r"|not alive|never born|died|disappeared|wasnt here|werent here|wasnt around|werent"
    r" around|didnt exist|never existed|wasnt alive|was not here|were not here)\b",
    r"better off with me (?:dead|gone)\b",
    r"(?:better off|happier|easier) (?:not existing|not being alive|not being here|not"
    r" alive|gone for good|never having been born)\b",
    r"burden (?:to|on|for) (?:everyone|everybody|my family|all of them|the people"
    r" around me|everyone around me)\b",
    r"(?:no one|nobody|noone|none of them|nobody else) (?:would|will|is going to|is gonna"
    r"|gonna)?(?: even)? ?(?:care|notice|miss me|be sad|cry|mind) (?:if|when) i (?:died"
    r"|was dead|were dead|was gone|were gone|disappeared|killed myself|wasnt here|wasnt"
    r" around|didnt wake up|left this world|wasnt alive)\b",
    # Hopelessness about living.
    r"(?:whats|what is|wheres) the (?:point|use|purpose|reason) (?:of |in |to )?(?:going on"
    r"|living|being alive|staying alive|carrying on|existing|life|live|keep living|keep"
    r" going|waking up|be alive|being here|me being here|me living|any of it anymore"
    r"|anything anymore|it all|even living|even being here|trying to live|me)\b",
    r"(?:no|isnt any|isnt a|not any|see no|cant see any|cant see a|cant see the|dont see any"
    r"|dont see a|dont see the|there is no|theres no"
    r"|lost (?:my|the|all)|without a|without any) (?:point|reason|purpose|will)"
    r"(?: for me)? (?:in |of |to |for )?(?:me )?(?:living|going on|being alive|staying alive"
    r"|carrying on|existing|life|live|keep living|keep going|wake up|waking up|be alive|be here"
    r"|being here|go on|continue living|stay alive|carry on)\b",
    r"(?:nothing|no one|nobody|nothing left|not much) (?:left )?to live for\b",
    r"(?:not|no longer|isnt|is not|never|aint) worth living\b",
    r"(?:life|my life|living) (?:isnt|is not|is no longer|aint|doesnt feel|does not feel"
    r"|no longer feels) worth (?:it|living)\b",
    r"(?:see|is|theres|there is) no way out\b(?! of (?:this|the) (?:argument|fight|deal"
    r"|contract|lease|meeting)\b)",
    r"(?:i|im|i am)(?: just| really| honestly| seriously| truly)? (?:cant|can not|cannot"
    r"|couldnt) (?:go on|keep going|carry on|keep living|do life|be alive|go on living"
    r"|keep on living)\b",
    r"(?:dont think|dont know if|not sure|doubt|dont know how much longer) i can (?:go on"
    r"|keep going|carry on|keep living|go on living|keep on living|stay alive)\b",
    r"(?:tired|sick|exhausted|weary) of (?:living|being alive|life|existing|waking up"
    r"|being here)\b",
    r"(?:done|finished) (?:with life|living|with living|with being alive|existing)\b",
    r"(?:given|give|giving|gave) up on (?:life|living|myself and life|being alive)\b",
    r"hopeless about (?:everything|life|living|the future|my future|my life)\b",
    r"(?:everything|life|my life) (?:is|feels|seems) (?:so |completely |totally )?hopeless\b",
    # Not wanting to live, including doubt: "i'm not sure i want to live".
    r"(?:dont|do not|no longer|not sure (?:if |that |whether )?i|dont know (?:if|whether) i"
    r"|dont think i|not certain i|unsure (?:if )?i|doubt i|dont even|dont really|barely"
    r"|never|didnt|not sure i even)"
    r" (?:even |really |still |truly |actually |honestly )?(?:want|wanna|wish) (?:to )?"
    # "live" and "wake up" are left out when a place, person or time follows:
    # "i dont want to live with her", "i dont want to wake up early".
    r"(?:(?:live|go on|keep going|wake up)<ANYMORE>?(?! (?:with|together|apart|in|at"
    r"|near|there|here|without|alone|by|under|separately|on|close|nearby|early|late|next"
    r"|for|like that|a|an|the|my|our|his|her|this|that)\b)|be alive|exist|keep living"
    r"|stay alive|be here<ANYMORE>|be around<ANYMORE>|be on this earth|be in this world)\b",
    r"(?:dont|do not|cant|can not|cannot) see (?:a|any) (?:way|reason) (?:to )?(?:keep going"
    r"|go on|carry on|keep living|stay alive|live)\b(?! (?:with|together|in|at|here|there"
    r"|without)\b)",
    r"(?:dont|do not|no longer) deserve to (?:live|be alive|exist|be here)\b",
    r"(?:shouldnt|should not) (?:be alive|exist|be here anymore|have been born)\b",
    r"i (?:should|ought to) (?:just )?(?:die|be dead|kill myself|not be alive)\b",
    r"(?:go to sleep|fall asleep|sleep|close my eyes) and (?:never|not) (?:wake up|open them"
    r" again)\b",
    r"(?:hope|wish|pray|praying|hoping) (?:that )?i (?:dont|do not|never|wont|wouldnt|didnt)"
    r" wake up\b",
    # Ending one's life.
    r"(?<!never )(?<!not going to )(?<!not gonna )(?<!wont )(?<!wouldnt )(?<!would not )"
    r"(?:end|ending|ended) (?:it all|my (?:own )?life|my existence|everything for good"
    r"|my suffering|it for good)\b(?! (?:with|between)\b)",
    r"(?<!never )(?<!not going to )(?<!not gonna )(?<!wont )(?<!wouldnt )(?<!would not )"
    r"(?:take|taking) my (?:own )?life\b(?! (?:back|savings|seriously|into|in|for granted"
    r"|apart|over)\b)",
    r"(?:want|wants|wanted|need) (?:it all|everything|this all|all of it|my life) to (?:end"
    r"|be over|stop for good)\b",
    # Self-injury.
    r"(?<!never )(?<!no )(?<!not )self (?:harm|harming|harmed|injury|injuring|injure"
    r"|injured|mutilation|mutilating|mutilate)\b",
    r"selfharm(?:ing)?\b",
    r"(?:been|started|start|starting|keep|kept|back to|resumed|began|begun|relapsed and"
    r"|relapsed into|urge to|urges to|want to|wanna|thinking about|think about|go back to"
    r"|went back to|gone back to|im|was|am|stop)"
    r" (?:cutting|burning|scratching|hitting)"
    r"(?=$| (?:again|myself|my self|my arms?|my wrists?|my legs?|my thighs?|my skin"
    r"|my stomach|lately|recently|a lot|more|at night|every (?:day|night)|when|because"
    r"|and|since|to cope|secretly|in secret|behind|so)\b)",
    r"(?:cut|cutting|cuts|slit|slitting|slash|slashing|carve|carving|burn|burning|burned)"
    r" (?:my|into my) (?:wrists?|arms?|legs?|thighs?|skin|stomach|forearms?)\b"
    r"(?! (?:on|while|by accident|accidentally|open on|shaving|cooking)\b)",
    # Means.
    r"overdos(?:e|ed|ing)\b(?! on (?:chocolate|sugar|caffeine|coffee|candy|sweets|tv"
    r"|netflix|work)\b)",
    r"(?:take|taking|took|swallow|swallowed|swallowing) (?:all|a bunch|a handful|a whole"
    r" bottle|the whole bottle|every one|loads|lots) (?:of )?(?:my |the |her |his |those"
    r" |these )?(?:pills|tablets|meds|medication|medicine|sleeping pills|painkillers)\b",
    r"(?:took|taken|take|taking|swallowed|swallow) (?:too many|way too many|a lot of|loads"
    r" of|lots of) (?:my |the |of my |of the )?(?:pills|tablets|meds|medication|sleeping pills"
    r"|painkillers)\b",
    r"(?:stockpiling|hoarding|saving up|collecting) (?:my |the )?(?:pills|tablets|meds"
    r"|medication|painkillers|sleeping pills)\b",
    r"(?:jump|jumping|jumped|throw myself|throwing myself) (?:off|from) (?:a|the|my|this)"
    r" (?:bridge|building|roof|cliff|balcony|tower|overpass|ledge|window|car park)\b",
    r"(?:jump|jumping|step|stepping|throw myself|throwing myself|walk|walking|lie|lying)"
    r" in front of (?:a|the) (?:train|bus|truck|car|lorry|subway)\b",
    r"(?:gun|pistol|barrel) (?:to|in|against) my (?:head|mouth|temple|chest)\b",
    r"blow my (?:brains|head) (?:out|off)\b",
    r"(?:put|putting) a bullet (?:in|through) my\b",
    r"(?:drive|driving|crash|crashing|steer|steering) (?:my car )?(?:off (?:a|the)"
    r" (?:bridge|cliff|road)|into (?:a|the) (?:tree|wall|river|lake|truck|lorry|pole)"
    r" on purpose)\b",
    r"crash(?:ing)? (?:my|the) car on purpose\b",
    r"(?:noose|rope (?:around|round) my neck)\b",
    r"(?:disappear|vanish) (?:forever|for good|permanently)\b",
    r"(?:kms|kys myself|unalive|unaliving|sewerslide)\b",
    r"(?:suicide|goodbye) (?:note|notes|letter|letters)\b",
    # Preparations and farewells: the warning signs that name no act at all. Each is held
    # to the wording that only a farewell has ("bought a rope" but not "a rope for the
    # climbing trip"; "a note for her to find" but not "a note on the fridge").
    r"(?:have|got|ive got|keep|put|laid|lined) (?:the|my|all the|all my|enough|a bottle of"
    r"|a stash of) (?:sleeping )?(?:pills|tablets|meds|painkillers)(?: out)? (?:ready|lined"
    r" up|counted out|set aside|next to me|in front of me|stashed|saved up|here with me)\b",
    r"(?:bought|buying|got|getting|found|have) (?:a |some |the )?rope\b"
    r"(?! (?:for|to|swing|ladder|light|lights|toy|bridge|course)\b)(?=$| (?:today|tonight"
    r"|yesterday|this (?:morning|afternoon|evening|week)|and|just in case|already)\b)",
    r"(?:wrote|written|writing|write|left|leaving|leave) (?:letters|notes|messages|a letter"
    r"|a note|a message|a video) (?:to|for) (?:everyone|everybody|all of them|my (?:kids"
    r"|children|family|parents)|each of them)(?: \w+){0,3} (?:saying|to say) goodbye\b",
    r"(?:wrote|written|writing|left|leaving|leave) (?:a|the|my) (?:note|letter)(?: \w+)?"
    r" for (?:her|him|them|everyone|the kids|my (?:kids|family|wife|husband|partner|mum|mom"
    r"|dad|parents)) to (?:find|read after)\b",
    r"(?:said|saying|say|made) (?:all )?my (?:last |final )?goodbyes\b",
    r"(?:said|saying|say) goodbye(?: \w+){0,6} for the (?:last|final) time\b",
    r"(?:gave|giving|give|given|am giving) away (?:all )?(?:of )?(?:my|all my) (?:things|stuff"
    r"|belongings|possessions|clothes|books|records|pets?|dog|cat)\b",
    r"(?:wont|will not|will no longer|aint gonna) be (?:around|here|alive)(?=$| (?:much longer"
    r"|for much longer|for long|anymore|any more|by (?:the weekend|tomorrow|then|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday|next week|christmas|the morning)"
    r"|to see (?:it|them|her|him|the)|after (?:tonight|today|this))\b)",
    r"(?:because|since|as|cause|cuz) i (?:wont|will not) be (?:around|here)(?=$| (?:and|so"
    r"|to)\b)",
    r"(?:this is|tonight is|today is|its|it is) my (?:last|final) (?:night|day|morning)"
    r"(?! (?:in|at|of|on|before|with|off|here|as|shift|working|together)\b)",
    r"(?:know|decided|worked out|figured out|planned|picked|chosen|chose) (?:how|when|where)"
    r" (?:ill|im going to|im gonna|i will|i am going to|i am gonna|to) do it"
    r"(?=$| (?:and (?:when|where|how)|tonight|tomorrow|soon|now)\b)",
    r"(?:standing|sitting|stood|sat|im|i am) (?:on|at) (?:the|a|this) (?:edge of (?:the|a)"
    r" )?(?:bridge|ledge|edge|cliff|roof|rooftop|railing|platform edge)(?: \w+){0,2}"
    r" (?:right now|now|and (?:i|im) (?:want|wanna|going|gonna|about|thinking|cant stop))\b",
    r"(?:want|wanna|going|gonna|about|urge|thinking about|ready) (?:to )?jump(?=$| (?:off|now"
    r"|tonight)\b)",
    r"(?:put|putting|getting|got|sorted|sorting|set) my affairs in order\b(?! (?:for|before)"
    r" (?:the|my|our|a) (?:trip|move|surgery|operation|wedding|baby|holiday|deployment)\b)",
    r"(?:wont|will not|will never|wont ever|wont be) (?:be )?a (?:problem|burden|bother)"
    r" (?:for|to) (?:anyone|anybody|everyone|any of you|anyone else)(?: \w+)?\b",
    r"(?:train tracks|railway line|railway tracks|the tracks|the bridge|the cliff|the ledge"
    r"|the pills|the tablets) (?:are|is) (?:right there|right here|so close|just there"
    r"|calling me|calling to me)\b",
    r"how many (?:of these|of them|of my (?:pills|tablets)|pills|tablets|painkillers"
    r"|sleeping pills)(?: \w+){0,2} (?:it would take|it takes|would it take|does it take"
    r"|would kill|would be enough|is enough|are enough|it would need)\b",
    r"(?:sort|deal with|handle|take care of) (?:things|everything|it all|my stuff|the rest)"
    r"(?: out)? (?:after|afterwards)$",
    r"tell (?:the kids|my kids|my children|the children|her|him|them|my (?:mum|mom|dad|wife"
    r"|husband|partner|family|parents|sister|brother)|everyone) (?:that )?i loved (?:them"
    r"|her|him|you|everyone|all of them)$",
    r"(?:its|it is) (?:just |only )?a matter of when$",
    r"garage(?: \w+){0,3} (?:with )?(?:the )?engine (?:running|on)\b"
    r"|engine (?:running|on)(?: \w+){0,3} (?:in|inside) the garage\b",
    r"(?:my|our) (?:last|final) (?:conversation|talk|words|message|chat) (?:with|to) (?:anyone"
    r"|anybody|everyone|everybody|the world)\b",
    r"(?:taken|took|swallowed) something(?: \w+){0,3} (?:dont|do not|not sure|no idea)"
    r" (?:know )?how (?:much|many)\b",
    r"(?:itll|it will|it would|itd|so it) (?:just )?look(?:s)? like an accident\b",
    r"(?:not going to|not gonna|am not going to) be (?:here|around|alive) (?:much longer"
    r"|for much longer|for long|long)\b",
    r"(?:dont|do not) (?:plan|intend|expect) (?:on|to) (?:being|be|staying|stay) alive\b",
    r"(?:tonights|tonight is|todays|today is) the (?:night|day)(?: then)? (?:ive|i have|i)"
    r" (?:decided|made up my mind)\b",
    r"(?:when|after|once|for when) (?:im|i am) (?:gone|dead|not here anymore|not around"
    r" anymore)\b(?! (?:on|for|to|away|out|at|with|from|till|until|over|abroad|travelling"
    r"|traveling|working|in)\b)",
    r"(?:the )?last time (?:you|youll|anyone|anybody|anyone will|you will|theyll|she|shell"
    r"|he|hell)(?: will| ever| ll)? (?:hear|hears|see|sees) (?:from )?me\b",
    r"(?:itll|it will|everything will|this will|itll all|it will all) (?:all )?be over for"
    r" me\b",
    r"(?:hidden|hid|hiding|stashed|keep|kept|keeping) (?:a|the|some) rope\b",
    r"(?:staring at|keep looking at|kept looking at|counting out|counting|counted out) (?:the"
    r"|my|all the|all my|those) (?:pills|tablets|painkillers|sleeping pills)\b",
    r"(?:looking at|staring at) (?:the|my|all the|all my|those) (?:pills|tablets|painkillers"
    r"|sleeping pills)(?: \w+){0,4} (?:and|then) (?:counting|count|counted)\b",
    r"enough (?:pills|tablets|meds|painkillers|sleeping pills)(?: \w+)? (?:saved|stashed"
    r"|put by|put away|to do it|to end it|to not wake up|to make sure)\b",
    r"(?:top|edge) of (?:the|a) (?:car park|parking garage|multi storey|building|bridge|cliff"
    r"|tower|block of flats)(?: \w+){0,2} looking down\b",
    r"(?:sorted out|sorting out|decided|worked out|written down|wrote down) who (?:gets|will"
    r" get|should get|can have) my\b",
    r"(?:didnt|did not|doesnt|does not|wont|will not) know (?:it was|that it was|its|it is"
    r"|that its) (?:goodbye|the last time|a goodbye)\b",
    r"(?:nobody|no one|noone|none of (?:you|them)) (?:will|is going to|is gonna)(?: ever)?"
    r" (?:have to |need to )?(?:worry|deal|put up|bother) (?:about|with) me (?:again|ever again"
    r"|anymore|any more)\b",
)

# ---- abuse -----------------------------------------------------------------------------

_HIT_IDIOMS = (
    r"(?! up\b| with (?:[^ ]{1,20} ){0,3}(?:news|truth"
    r"|question|questions|idea|facts|reality|request|ultimatum|silent treatment|divorce"
    r"|papers|bill|lawsuit|demand|demands|list|it|that|this|accusations|feelings|story"
    r"|speech|guilt|pillow|pillows|cushion|cushions|snowball|snowballs|ball|balls|frisbee"
    r"|water balloon|water balloons)\b| at\b| to (?:it|the|that|this)\b| by\b| there\b"
    r"| home\b| out\b| in (?:a|an|the) (?:race|game|match|election|argument|debate|final"
    r"|contest|competition|tournament|round|quiz)\b| in (?:chess|cards|tennis|golf|pool"
    r"|poker|court|argument|arguments|debates?|races?|games?)\b)"
)

_add(
    "abuse",
    "auto",
    # Hitting and beating need a person as subject: "it hit me" is not violence.
    r"(?P<subj><SUBJ>) <GAP>(?:hit|hits|hitting|beat|beats|beating|beaten)(?: up)? "
    r"(?P<obj><OBJ>)\b" + _HIT_IDIOMS,
    r"(?:and|then)(?: then| also| sometimes| even| just)? (?:hit|hits|beat|beats|beating"
    r"|hitting) (?P<obj><OBJ>)\b" + _HIT_IDIOMS,
    r"(?:beat|beats|beating) up (?P<obj><OBJ>)\b",
    r"(?:beat|beats|beaten|beating) (?P<obj><OBJ>) (?:up|black and blue|badly|senseless"
    r"|bloody|unconscious)\b",
    # Other blows: the verb alone is violent, only a few idioms are excluded.
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:punch|punches|punched|punching|slap|slaps|slapped"
    r"|slapping|smack|smacks|smacked|smacking|kick|kicks|kicked|kicking|shove|shoves|shoved"
    r"|shoving|choke|chokes|choked|choking|strangle|strangles|strangled|strangling"
    r"|headbutt|headbutts|headbutted|stab|stabs|stabbed|stabbing|throttle|throttled"
    r"|throttles|backhand|backhanded|backhands|whip|whipped|whips|bit|bites|burned|burnt"
    r"|suffocate|suffocated|smother|smothered|elbowed|kneed|scratched|spat on|spit on"
    r"|spits on|spitting on)"
    r" (?P<obj><OBJ>)\b"
    r"(?! (?:up|out|off|in the back|under the bus|under the table|to the curb|with (?:a |the"
    r" )?(?:lawsuit|divorce|papers|bill)|into (?:shape|gear|action))\b)",
    # Pushing, throwing, slamming: only with a physical destination.
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:push|pushes|pushed|pushing|threw|throws|throw|throwing"
    r"|slammed|slams|slam|slamming|pinned|pins|pin|pinning|knocked|knocks|knock|knocking"
    r"|tackled|shoved|shoves|shove) (?P<obj><OBJ>)"
    r" (?:(?:up )?against (?:a|the|my|her|his) <SURFACE>|(?:in|into|onto|on) (?:a|the|my"
    r"|her|his) <SURFACE>|down (?:the stairs|on|onto|to)|down(?=$| (?:and|hard|again|so"
    r"|when|whenever|because|until|while|in|on))|to the (?:floor|ground)|on the (?:floor"
    r"|ground|bed)|off (?:a|the|my|her|his) (?:bed|couch|chair|stairs|balcony|porch|sofa"
    r"|deck)|out of (?:a|the|my|her|his) (?:car|moving car|window|bed)|across the (?:room"
    r"|floor|kitchen)|over (?:the|a) (?:railing|balcony|table|couch)|over(?=$| (?:and"
    r"|hard|again|so|when))|by (?:my|her|his|the) <BODY>|around(?=$| (?:and|when|the"
    r" room))|(?:and|so|until) (?:she|he|i|they) (?:fell|went flying|landed|hit (?:the|her"
    r"|his|my) (?:head|floor|ground|wall)))",
    r"(?:drag|drags|dragged|dragging) (?P<obj><OBJ>) (?:by (?:my|her|his|the) <BODY>"
    r"|across (?:the|a)|down the (?:stairs|hall))",
    r"(?:held|holds|hold|holding) (?P<obj><OBJ>) (?:down|against (?:my|her|his) will)\b",
    r"(?:grab|grabs|grabbed|grabbing|seized|seizes|yanked|yanks|pulled|pulls|dragged)"
    r" (?P<obj><OBJ>) by (?:the|my|her|his) <BODY>\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:grab|grabs|grabbed|grabbing|yanked|yanks|pulled|pulls"
    r"|squeezed|squeezes|twisted|twists) (?P<obj>my <PARTNER_NOUN>s|my|her|his)"
    r" (?:throat|neck|hair|wrist"
    r"|wrists|arm|arms|jaw)\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:put|puts|putting|had|has|wrapped|wraps|with)"
    r" (?:his|her|my|both) hands? (?:around|round|on|over) (?P<obj>my|her|his)"
    r" (?:throat|neck|mouth)\b",
    r"(?:left|leaves|leaving|gave|gives|giving) (?P<obj>me|her|him)?(?: )?(?:a |some )?"
    r"(?:bruises|bruise|marks on|a black eye|black eyes|a split lip|a busted lip|a fat lip"
    r"|a broken (?:nose|arm|rib|wrist|jaw|finger)|a concussion)\b",
    r"bruises (?:from|because of|where) (?:him|her|he|she|my <PARTNER_NOUN>)\b",
    r"(?:cover|covering|covered|hide|hiding|hid) (?:up )?(?:the |my |her )?(?:bruises"
    r"|black eye|marks he|marks she)\b",
    r"(?<!never )(?<!not )(?<!wouldnt )(?<!didnt )(?<!dont )(?<!wont )(?<!would not )"
    r"(?:physically|physical) (?:hurt|hurts|hurting|harmed|harms|harming|attacked|attacks"
    r"|abused|abuses|abusing|violent|violence|abuse|abusive|assault|assaulted|fighting"
    r"|fights|fight|aggressive)\b",
    r"(?<!never )(?<!not )(?<!wouldnt )(?<!didnt )(?<!dont )(?<!wont )(?<!would not )"
    r"(?:hurt|hurts|hurting) (?P<obj>me|her|him) (?:physically|on purpose when)\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:attacked|attacks|attacking|assaulted|assaults"
    r"|assaulting|assault) (?P<obj><OBJ>)\b(?! (?:verbally|with (?:words|questions"
    r"|accusations)|for|about|over|online|on (?:social|facebook|twitter|instagram))\b)",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:punch|punches|punched|punching|kick|kicks|kicked"
    r"|kicking|put (?:my|his|her) fist through|put (?:my|his|her) hand through|smash|smashed"
    r"|smashes) (?:a |the )?(?:hole (?:in|through) (?:the|a) )?(?:wall|walls|door|doors)\b",
    # Threats.
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:threatened|threatens|threatening|threaten)(?: to)?"
    r"(?: (?:kill|hurt|harm|beat|hit|shoot|stab|strangle|choke|burn|punch|slap|murder"
    r"|break my (?:arm|neck|legs?|jaw|nose|fingers|face)|take (?:away )?(?:the|my|our|her"
    r"|his) (?:kids|children|son|daughter|baby)|(?:post|share|leak|send) (?:[^ ]{1,20}"
    r" ){0,2}(?:photos|pictures|pics|videos|nudes|images)|have me (?:deported|killed"
    r"|arrested|locked up)|call (?:immigration|ice) on))(?: (?P<obj><OBJ>))?\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:threatened|threatens|threatening|threaten) (?P<obj>me"
    r"|her|him|my <PARTNER_NOUN>)\b(?! (?:with (?:a |the )?(?:divorce|leaving|separation"
    r"|a breakup|breaking up|counselling|counseling|therapy|the truth|an ultimatum)"
    r"|that (?:she|he) would leave|to leave)\b)",
    r"(?:said|says|told me|tells me|swore|swears|screamed|screams|yelled|yells|shouted"
    r"|shouts|warned me|warns me|texted me"
    r"|texts me|keeps saying|threatened|promised) (?:that )?(?P<subj><FUT_P>)"
    r"(?: (?:really|actually|seriously|eventually|one day))? (?:kill|hurt|beat|hit|shoot"
    r"|stab|strangle|choke|break|burn|murder|end) (?P<obj>me|my <PARTNER_NOUN>|the kids"
    r"|my kids|us)\b(?! (?:like|the way|as much as|back|emotionally)\b)",
    r"(?P<subj><FUT_P>)(?: (?:really|actually|seriously))? (?:hurt|beat|hit|strangle|choke"
    r"|shoot|stab|murder) (?P<obj>me|us|the kids|my kids) if i\b",
    r"(?:put|puts|sent|landed) (?P<obj>me|her|him) in (?:the )?(?:hospital|er|emergency room)\b",
    r"(?:hurt|hurts|hurting|beat|hit) (?P<obj>me|her|him) (?:so )?(?:bad|badly)"
    r"(?=(?: [^ ]{1,20}){0,8} (?:hospital|er|emergency room|stitches|doctor|a and e)\b)",
    r"(?:pulled|pulls|pointed|points|waved|waves|aimed|aims) (?:a|the|his|her|my) <WEAPON>"
    r" (?:on|at) (?P<obj><OBJ>)",
    r"(?:held|holds|hold|put|puts|pressed|presses) (?:a|the|his|her|my) <WEAPON>"
    r" (?:to|at|against) (?P<obj>my|her|his) (?:throat|neck|head|chest|face|back)\b",
    r"came at (?P<obj><OBJ>) with (?:a|the|his|her|my) <WEAPON>",
    r"threatened (?P<obj><OBJ>) with (?:a|the|his|her|my) <WEAPON>",
    r"(?:knife|gun|blade) to my (?:throat|head|neck)\b",
    r"(?:use|used|using) (?:it|the gun|the knife|a gun|a knife|his gun|her gun|his knife"
    r"|her knife|the bat) on (?P<obj>me|us|the kids)\b",
    # Throwing things at someone ("threw a plate at me"), not words ("threw insults at me").
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:threw|throws|throw|throwing|hurled|hurls|chucked"
    r"|chucks|flung) (?:(?!back\b|accusations\b|questions\b|insults\b|words\b|names\b"
    r"|blame\b|shade\b|money\b|the past\b|ball\b|balls\b|pillow\b|pillows\b|cushion\b"
    r"|snowballs?\b|frisbee\b|kiss\b|kisses\b|smile\b|glance\b|look\b|wink\b|party\b"
    r"|fit\b|tantrum\b|compliments?\b|ideas?\b)[^ ]{1,20} ){1,3}at (?:(?P<obj><OBJ>)\b"
    r"|(?P<target>my|her|his) (?:head|face))",
    r"(?:if i|when i) (?:leave|try to leave|ever leave|go to the police|call the police"
    r"|report (?:him|her|it)|divorce (?:him|her)|break up with (?:him|her)|leave (?:him|her))"
    r" (?P<subj><FUT_P>)(?: (?:really|actually|seriously|literally))? (?:kill|hurt|beat|hit"
    r"|shoot|stab|strangle|choke|murder|find) (?P<obj>me|us|the kids|my kids)\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:monitors|monitor|monitoring|tracks|track|tracking"
    r"|controls|control|controlling|checks|check|checking|watches|watch|watching)"
    r" (?:everything|every(?:thing)? (?:i|she|he) (?:do|does|say|says|spend|spends)"
    r"|every move|every penny|every cent|who (?:i|she|he) (?:talk|talks|text|texts|see"
    r"|sees))\b",
    r"(?:keep|keeps|kept|keeping|stop|stops|stopped|stopping|prevent|prevents|prevented)"
    r" (?P<obj>me|her|him|my <PARTNER_NOUN>) (?:from )?(?:seeing|visiting|talking to"
    r"|calling|contacting|speaking to|meeting) (?:any of )?(?:my|her|his|any|our)"
    r" (?:friends|family|mom|mum|mother|dad|father|parents|sister|sisters|brother|brothers"
    r"|relatives|family members)\b",
    r"(?P<subj><PARTNER_SUBJ>) <GAP>(?:broke|broken|fractured|cracked|dislocated) my"
    r" (?:arm|arms|nose|jaw|rib|ribs|wrist|finger|fingers|leg|collarbone|cheekbone"
    r"|eye socket|tooth|teeth|shoulder)\b",
    r"(?P<subj><I_SUBJ>) <GAP>(?:broke|broken|fractured|cracked|dislocated) (?P<obj>her|his)"
    r" (?:arm|arms|nose|jaw|rib|ribs|wrist|finger|fingers|leg|collarbone|cheekbone"
    r"|eye socket|tooth|teeth|shoulder)\b",
    r"(?:wont|will not|doesnt|does not|refuses to|refused to|never) give (?P<obj>me|her|him)"
    r" (?:any )?(?:money|cash|access to (?:the|our|my|her|his) (?:money|account|accounts))\b",
    r"(?:make|makes|made|forces|forced) (?P<obj>me|her|him) (?:to )?(?:account for|justify"
    r"|explain|beg for|ask for|ask permission for) (?:every|each|all) (?:dollar|penny|cent"
    r"|pound|purchase|thing (?:i|she|he) buys?)\b",
    r"(?:forbids|forbade|forbid|forbidden|bans|banned|ban|prevents|prevented|prevent)"
    r" (?P<obj>me|her|him|my <PARTNER_NOUN>) (?:from |to )?(?:seeing|see|visiting|visit"
    r"|talking to|talk to|calling|call|contacting|contact|leaving|leave|working|work"
    r"|having|have) (?:any of )?(?:my|her|his|any|our|the)? ?(?:friends|family|mom|mum"
    r"|mother|dad|father|parents|sister|sisters|brother|brothers|relatives|house|job"
    r"|money|phone)\b",
    r"(?:locks|locked|locking|lock) (?P<obj>me|her|him) out (?:in the (?:cold|snow|rain"
    r"|dark)|all night|overnight|of the house all night)\b",
    r"(?:smashed|smashes|smash|broke|breaks|took|takes|hid|hides|threw|throws) (?P<obj>my"
    r"|her|his) phone (?:so (?:i|she|he) (?:couldnt|cant|could not|can not|cannot|wouldnt)"
    r"|to stop (?:me|her|him)|when (?:i|she|he) tried to call)\b",
    r"(?P<subj><FUT_P>) (?:find|track down|hunt down|come after|follow) (?P<obj>me|us)"
    r" (?:if|when|wherever) i (?:leave|go|run|move|hide|try)\b",
    r"(?:afraid|scared|terrified|frightened|worried) (?:that )?<FUT_P> (?:find|track down"
    r"|hunt down|come after) (?P<obj>me|us)\b",
    r"(?<!never )(?<!not )(?<!didnt )(?<!havent )(?<!hasnt )(?<!wouldnt )(?<!would never )"
    r"(?<!dont )(?<!wont )(?:put|puts|putting|laid|lay|lays|laying) (?:my|his|her|a|both)"
    r" hands? on (?P<obj>me|her|him|my <PARTNER_NOUN>)(?=<FOL>)",
    r"the one (?:who|that) (?:hits|is violent|gets violent|gets physical|shoves|pushes"
    r"|punches|slaps|chokes|abuses|hurts (?:her|him|me) physically)\b",
    r"(?:tells|told|telling|decides|decided) (?P<obj>me|her|him) who (?:i|she|he)"
    r" (?:can|cant|can not|cannot|am allowed to|is allowed to|may|could) (?:talk to|see"
    r"|be friends with|text|call|speak to|hang out with)\b",
    r"(?:keeps|kept|keep|keeping|always) (?:showing up|turning up|waiting) (?:at|outside)"
    r" (?:my|her|his) (?:work|job|office|house|home|place|flat|apartment|door|school)\b",
    r"(?:intimidates|intimidated|intimidating|intimidate|terrorizes|terrorized|terrorises"
    r"|terrorised|terrorizing|terrorising) (?P<obj><OBJ>)\b",
    # Sexual violence.
    r"(?<!never )(?<!not )(?:rape|raped|rapes|raping|sexually assaulted|sexually assaults"
    r"|sexually assaulting|sexual assault|forced (?:himself|herself) on|forces (?:himself"
    r"|herself) on)\b",
    r"(?:forces|forced|makes|made|pressures|pressured|coerced|coerces) (?P<obj>me|her|him)"
    r" (?:to )?(?:have sex|sleep with|do sexual|into sex|into having sex|into sleeping"
    r" with)\b",
    # Coercive control: monitoring. Past "went through my phone" is how many affairs are
    # discovered, so only ongoing or repeated monitoring counts.
    r"(?P<subj><SUBJ>) <GAP>(?:checks|check|checking|reads|read|reading|goes through"
    r"|go through|going through|monitors|monitor|monitoring|monitored|tracks|track|tracking"
    r"|tracked|spies on|spy on|spying on|spied on|looks through|look through|looking"
    r"|snoops through|snoop through|snooping through|snoops on|snooping on|demands|demand"
    r"|demanding|records|recording) (?:all (?:of )?)?(?P<obj>my|her|his) (?:phone|phones"
    r"|texts|messages"
    r"|emails|email|location|calls|call log|whereabouts|passwords|password|every move"
    r"|social media|dms|browser history|mileage|bank statements)\b",
    r"(?:checked|read|went through|looked through) (?P<obj>my|her|his) (?:phone|texts"
    r"|messages|emails|email) (?:every (?:day|night|morning|hour|time)|all the time"
    r"|constantly|daily|nightly)\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:takes|take|taking|took|keeps|keep|keeping|hides|hid"
    r"|hiding) (?P<obj>my|her|his) (?:phone|phone away|car keys|keys|passport|documents"
    r"|id) (?:so|away so|to stop|and locks|so that)\b",
    r"(?P<subj><SUBJ>) <GAP>(?:tracks|track|tracking|checks|check|checking|monitors|monitor"
    r"|monitoring|watches|watching|demands to know) (?:where|who) (?:i|she|he) (?:am|is|go"
    r"|goes|was|went|talk to|talks to|text|texts|see|sees|am with|is with)\b",
    r"(?:takes|took|keeps|kept|hides|hid|holds|held|confiscated|confiscates|locks up"
    r"|locked up|locks away|locked away) (?P<obj>my|her|his) (?:passport|id|documents|papers"
    r"|visa|birth certificate)\b",
    r"(?:tracker|tracking app|tracking device|gps tracker|airtag|spyware|stalkerware)"
    r" (?:on|in|under) (?:my|her|his) (?:car|phone|bag|laptop)\b",
    r"(?:make|makes|making|force|forces|forcing|forced|demands|demanded) (?P<obj>me|her|him)"
    r" (?:to )?(?:share|show|give|hand over|turn on) (?:him |her |me )?(?:my|her|his)"
    r" (?:location|phone|passwords?|passcode|texts|messages|receipts)\b",
    # Coercive control: isolation and restriction.
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:wont|will not|doesnt|does not|didnt|did not|dont"
    r"|do not|never|refuses to|refused to) (?:let|allow|lets|allows) (?P<obj>me|her|him"
    r"|my <PARTNER_NOUN>) (?:to )?(?:see|visit|talk to|speak to|call|text|go out with"
    r"|hang out with|spend time with|meet|meet up with|have|go see|contact|phone)"
    r" (?:any of )?(?:my|her|his|any|their|our) (?:friends|friend|family|mom|mum|mother"
    r"|dad|father|parents|sister|sisters|brother|brothers|relatives|family members"
    r"|coworkers|colleagues|own friends|own family)\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:wont|will not|doesnt|does not|didnt|did not|dont"
    r"|do not|never|refuses to|refused to) (?:let|allow|lets|allows) (?P<obj>me|her|him"
    r"|my <PARTNER_NOUN>) (?:to )?(?:leave(?! (?:the conversation|the room|until))|go"
    r" anywhere|go outside|work|get a job|have a job|drive|have (?:any )?money|have (?:my"
    r"|her|his) own (?:money|bank account|phone|car)|have a (?:bank account|phone)|use"
    r" the (?:car|phone)|see a doctor|go to (?:work|school|church|the doctor)|have access"
    r" to (?:the|our|my|her|any) (?:money|bank account|accounts|car))\b",
    r"(?:shes|she is|she was|hes|he is|he was)"
    r" (?:not|never) allowed to (?:see|talk to|call|text|visit|meet|have|go out with"
    r"|hang out with|leave|go out|go anywhere|work|drive|get a job|have money|have a phone"
    r"|leave the house|use the car|go to work|contact)\b"
    r"(?! (?:the affair|her affair|his affair|my affair|the other)\b)",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:isolates|isolated|isolating|isolate|cut|cuts|cutting"
    r"|keeps|kept|keeping) (?P<obj>me|her|him) (?:off |away )?(?:from|away from)"
    r" (?:all (?:of )?)?(?:my|her|his|everyone|everybody|the outside world) ?(?:friends"
    r"|family|everyone|everybody|people)?\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:makes|made|forces|forced|forcing) (?P<obj>me|her|him)"
    r" (?:to )?(?:stop seeing|stop talking to|cut off|give up|quit seeing|drop) (?:all"
    r" )?(?:of )?(?:my|her|his) (?:friends|family)\b",
    r"(?:locks|locked|locking|lock) (?P<obj>me|her|him) (?:in|inside) (?:the|a|my|her|his"
    r"|our)? ?(?:room|house|bedroom|bathroom|basement|closet|flat|apartment|car)?\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:stalks|stalking|stalked|stalk) (?P<obj><OBJ>)\b",
    r"(?:follows|followed|following) (?P<obj>me|her|him) (?:everywhere|to work|around"
    r" everywhere)\b",
    # Coercive control: money.
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:takes|take|taking|keeps|keep|keeping|steals|stealing"
    r"|controls|control|controlling|confiscates|confiscated) (?:all )?(?:of )?(?P<obj>my"
    r" <PARTNER_NOUN>s|my|her|his|our|the) (?:paycheck|paychecks|pay|wages|salary|money"
    r"|income|earnings|bank card|debit card|credit card|credit cards|cards|benefits"
    r"|bank account|bank accounts|finances|pension)\b",
    r"(?:gives|give|giving) (?P<obj>me|her|him) an allowance\b",
    r"(?:makes|make|making) (?P<obj>me|her|him) (?:ask|beg) (?:him |her )?for (?:money"
    r"|every penny|every dollar|cash)\b",
    # A person and a violent or abusive word: the subject decides the role.
    r"(?P<subj><SUBJ>) <GAP>(?:so |really |very |quite |pretty |physically |verbally"
    r" |emotionally |sexually |financially )?(?:abusive|violent)\b(?! (?:movie|movies|film"
    r"|films|game|games|video|videos|show|shows)\b)",
    r"(?P<subj><SUBJ>) <GAP>(?:abuses|abused|abusing|abuse) (?P<obj><OBJ>)\b",
    r"(?:(?P<subj><SUBJ>) <GAP>)?(?:get|gets|got|getting|became|becomes|become|turn|turns"
    r"|turned|turning|can be|could be) (?:really |so |very |quite |pretty )?(?:violent"
    r"|physical)(?! (?:movie|film|game)\b)\b(?! therapy\b)",
)

_add(
    "abuse",
    "unclear",
    # The words alone say nothing about who did what.
    r"(?<!no )(?:domestic|intimate partner|family|relationship|partner) (?:violence|abuse)\b",
    r"coercive(?:ly)? control(?:ling|led|s)?\b",
    r"(?<!not )(?<!never )(?<!never been )(?<!isnt )(?<!wasnt )(?<!arent )(?<!not being )"
    r"(?<!not really )(?<!not an )(?<!not a )(?<!no )"
    r"(?<!my )(?:abusive|abuser|abusers)\b(?! (?:relationship|relationships|marriage|home"
    r"|household|situation|family|childhood|parents|language towards the waiter)\b)",
    r"(?<!substance )(?<!alcohol )(?<!drug )(?<!drugs )(?<!opioid )(?<!opiate )"
    r"(?<!never )(?<!not )(?<!no )(?<!never been )(?<!never has )"
    r"(?:abuse|abuses|abused|abusing)\b"
    r"(?! (?:[^ ]{1,20} ){0,2}(?:trust|position|power|privilege|system|alcohol|drugs"
    r"|substances|pills|painkillers|kindness|good nature|credit card|card|generosity"
    r"|patience|goodwill|hospitality|loophole)\b)(?! of\b)",
    r"(?<!not )(?<!never )(?<!never been )(?<!isnt )(?<!wasnt )(?<!not a )"
    r"(?:violent)\b(?! (?:movie|movies|film|films|game|games|video|videos|show|shows|storm"
    r"|storms|crime|crimes|offender|sport|sports|tv|content|scene|scenes|dream|dreams"
    r"|nightmare|nightmares|book|books|history|protest|protests|felony|weather|cough"
    r"|reaction to)\b)",
    r"(?<!no )(?<!any )(?<!without )(?<!non )(?<!gun )(?<!game )(?<!movie )(?<!tv )"
    r"(?<!media )(?<!school )(?<!gang )(?<!political )(?<!street )(?<!youth )"
    r"(?<!sports )(?<!video )(?<!cartoon )(?<!film )"
    r"violence\b(?! in (?:movies|films|games|video games|the news|tv|the media)\b)",
    r"(?<!not an )(?<!not in an )(?<!never in an )(?<!not a )abusive (?:relationship"
    r"|relationships|marriage|home|household|situation)\b",
)

# Fear of a partner, or restrictions (the user is harmed) ...
_add(
    "abuse",
    "harmed",
    r"(?:ill|i will|i would|id|i) (?:never|not) (?:see|get to see) <KIDS> again\b",
    r"(?:victim|victims|survivor|survivors) of (?:domestic |intimate partner |family"
    r" |partner )?(?:violence|abuse|assault|rape|stalking|coercive control)\b",
    # The user as the one it happened to: "i am being abused", "ive been beaten".
    r"(?:(?:im|i am|i was|i used to be) (?:being )?|(?:ive|i have|i had) been |(?:i get|i got"
    r"|i keep getting|i used to get|i kept getting) )"
    r"(?:physically |sexually |emotionally |verbally |financially |repeatedly |badly )?"
    r"(?:abused|beaten|beaten up|raped|assaulted|strangled|stalked|punched|slapped|kicked"
    r"|choked|hit by (?:him|her|them|my <PARTNER_NOUN>))\b"
    r"(?! (?:out|off|up|at|in (?:a|the) (?:game|race|match|final)|by (?:a|the) (?:car|ball"
    r"|truck|bus|wave|door)|to)\b)",
    r"(?:(?:im|i am|i was|were|we are) (?:not|never|no longer)|(?:ive|i have|weve) never"
    r" been) allowed to"
    r" (?:see|talk to|call|text|visit|meet|have|go out with|hang out with|leave|go out|go"
    r" anywhere|work|drive|get a job|have money|have a phone|leave the house|use the car"
    r"|go to work|contact)\b(?! (?:the affair|her affair|his affair|my affair|the other)\b)",
    r"my (?:abusive|violent) <PARTNER_NOUN>\b",
    r"(?:scared|afraid|frightened|terrified|fearful|petrified) (?:to death |for my life )?"
    r"of (?:him|her|them|my <PARTNER_NOUN>)(?=<FOL>)",
    r"(?:scared|afraid|frightened|terrified|fearful|petrified) (?:to death )?of what"
    r" (?:he|she|they|my <PARTNER_NOUN>)(?:ll| will| might| would|d| could| is going to"
    r"|s going to| is gonna|s gonna| may)? do (?:to (?:me|us|the kids|my kids|the children"
    r"|my children|my family)|if i (?:leave|try to leave|go|tell|say no|call)|when i"
    r" (?:leave|get home|tell|say no)|next)\b",
    r"(?:scared|afraid|frightened|terrified|worried|fear|fearing|fears|petrified)"
    r" (?:that )?<FUT_P>(?: (?:really|actually|seriously|eventually|one day))? (?:kill|hurt"
    r"|harm|hit|beat|strangle|choke|shoot|stab|punch|slap|murder) (?:me|us|the kids|my kids"
    r"|the children|my children|the baby|someone)\b",
    r"(?:scared|afraid|frightened|terrified|worried|fear|fearing|petrified) (?:that )?"
    r"(?:he|she|they|my <PARTNER_NOUN>) (?:is going to|will|might|could|would|is gonna)"
    r" (?:kill|hurt|harm|hit|beat|strangle|choke) (?:me|us|the kids|my kids)\b",
    r"(?:scared|afraid|frightened|terrified|petrified) (?:to go|of going|to be|of being)"
    r" (?:back )?home\b(?! (?:and|to) (?:face|tell|talk|confess|see|explain)\b)",
    r"(?:fear|fearing|afraid|scared|terrified|worried) for my (?:life|safety|kids safety"
    r"|childrens safety|physical safety)\b",
    r"(?:i|we|me and the kids) (?:dont|do not|never|no longer) feel safe (?:at home|in my"
    r" (?:own )?(?:home|house)|with (?:him|her|my <PARTNER_NOUN>)|around (?:him|her|my"
    r" <PARTNER_NOUN>)|in the house|in our (?:home|house)|when (?:he|she) (?:is|gets|comes)"
    r" (?:home|drunk|angry))\b",
    r"(?:im|i am|were|we are|the kids are|my kids are) not safe (?:at home|with (?:him|her"
    r"|my <PARTNER_NOUN>)|around (?:him|her)|in (?:my|our|this) (?:home|house))\b",
    r"(?:its|it is) not safe (?:for me |for us |for the kids )?(?:at home|to go home|to be"
    r" home|to leave)\b",
)
# ... and the partner's fear of the user (the user is harming).
_add(
    "abuse",
    "harming",
    r"(?:shell|she will|she would|shed|hell|he will|he would|hed|they will|theyll|youll"
    r"|you will) (?:never|not) (?:see|get to see) <KIDS> again\b",
    r"(?:she|he|shes|hes|they|theyre|my <PARTNER_NOUN>)(?: is| was| has been| seems| gets"
    r"| got| looks)?(?: really| so| kind of| a bit| genuinely| actually| now)? (?:scared"
    r"|afraid|frightened|terrified|petrified) (?:to death )?of me(?=<FOL>)",
    r"(?:i|ive|i have|i think i|i know i|i probably|i must) (?:really |sometimes |often"
    r"|always |even |definitely )?(?:scare|frighten|terrify|terrified|intimidate"
    r"|intimidated) (?:her|him|my <PARTNER_NOUN>|them)(?=<FOL>)",
    r"(?:scared|afraid|frightened|terrified|worried) (?:that )?<FUT_I>(?: (?:really"
    r"|actually|seriously|lose control and))? (?:kill|hit|beat|strangle|choke|shoot|stab"
    r"|punch|slap|murder|seriously hurt|physically hurt) (?:her|him|them|my <PARTNER_NOUN>"
    r"|someone|the kids)\b",
    r"(?:i|ive|i have|im|i was|i get|i got|i can be) (?:been |getting |so |really |too )?"
    r"(?:violent|abusive|physical) (?:with|towards|toward|to) (?:her|him|my <PARTNER_NOUN>"
    r"|them)\b",
    r"(?:scared|afraid|frightened|terrified|worried) (?:of )?what i (?:might|could|would"
    r"|will|may|ll|m going to|am going to) do to (?:her|him|my <PARTNER_NOUN>|them"
    r"|the kids|someone)(?=<FOL>)",
    r"(?:(?:i|id|ill) (?:want to|wanna|am going to|am gonna)|im (?:going to|gonna)"
    r"|(?:i|ive) (?:thought about|been thinking about|fantasize about|fantasise about))"
    r" (?:kill|killing|strangle|strangling|choke|choking|beat|beating|murder|murdering)"
    r" (?:her|him|my <PARTNER_NOUN>)(?=<FOL>)",
)


# --------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------


def _findings(text: str) -> Iterable[SafetyFinding]:
    normalised, origin = _normalise(text)
    if not normalised:
        return
    for pattern in _PATTERNS:
        match = pattern.regex.search(normalised)
        if match is None:
            continue
        first, last = match.start(), match.end()
        while first < last and normalised[first] == " ":
            first += 1
        while last > first and normalised[last - 1] == " ":
            last -= 1
        if first == last:
            continue
        start = origin[first]
        end = origin[last - 1] + 1
        role: AbuseRole | None
        if pattern.kind == "self_harm":
            role = None
        elif pattern.role == "auto":
            role = _auto_role(match, normalised)
        else:
            role = pattern.role
        yield SafetyFinding(pattern.kind, text[start:end], start, end, role)


def screen_all(text: str) -> tuple[SafetyFinding, ...]:
    """At most one finding per kind, the earliest in the text; ``self_harm`` first.

    Use this when a turn may disclose both (the runtime needs to remember an abuse
    disclosure for the rest of the session even when it answers the self-harm first).
    """
    best: dict[SafetyKind, SafetyFinding] = {}
    for finding in _findings(text):
        current = best.get(finding.kind)
        if current is None or _earlier(finding, current):
            best[finding.kind] = finding
    return tuple(best[kind] for kind in ("self_harm", "abuse") if kind in best)


def screen(text: str) -> SafetyFinding | None:
    """The most urgent safety finding in one user turn, or ``None`` if there is none.

    Self-harm is reported before abuse when a turn contains both, because it is the
    user's own life at stake; :func:`screen_all` returns both.
    """
    found = screen_all(text)
    return found[0] if found else None


def _earlier(candidate: SafetyFinding, current: SafetyFinding) -> bool:
    """Earlier start wins; at the same start the longer phrase and a clear role win."""
    if candidate.start != current.start:
        return candidate.start < current.start
    if candidate.end != current.end:
        return candidate.end > current.end
    return current.role == "unclear" and candidate.role != "unclear"
