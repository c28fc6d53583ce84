"""The apology analyzer's hand-written patterns: the pattern language and the rules per label.

Data written as code: `RULES` is read by the matching engine (`apology_matching`), which
applies the context checks; nothing here runs at analysis time except the compiled regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ACT_PAST_TENSE", "NEGATORS", "NOT_NEGATING_AFTER", "RULES"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read than a list)."""
    return frozenset(words.split())


# --------------------------------------------------------------------------------------
# Pattern language. Patterns are written in plain lowercase; a space means "a word gap"
# (spaces, a comma, a dash or an ellipsis), and <MACROS> expand to common pieces.

_GAP = r"(?:\s*(?:[,\-]|\.\.\.)+\s*|\s+)"
_MACROS: dict[str, str] = {
    # Up to n filler words, matched lazily: "i <W2>lied" matches "i really kind of lied".
    "<W1>": r"(?:[\w']+ )?",
    "<W2>": r"(?:[\w']+ ){0,2}?",
    "<W3>": r"(?:[\w']+ ){0,3}?",
    "<W4>": r"(?:[\w']+ ){0,4}?",
    "<W6>": r"(?:[\w']+ ){0,6}?",
    "<W>": r"[\w']+",
    "<IM>": r"(?:i'm|i am)",
    "<ILL>": r"(?:i'll|i will|i'm going to|i am going to|i'm gonna|i am gonna)",
    "<SORRY>": r"(?:sorry|apologi[sz]e|apologies|my bad)",
    "<SORRY_OR_REGRET>": r"(?:sorry|apologi[sz]e|apologies|my bad|regret)",
    "<YOURE>": r"(?:you're|you are)",
    "<ITIS>": r"(?:it's|it is|it was|that's|that is|that was|this is|this was)",
    "<PERSON>": r"(?:her|him|them|someone|somebody|my ex|another (?:woman|man|guy|girl|person))",
}
_MACRO_RE = re.compile("|".join(re.escape(name) for name in _MACROS))
_START = r"(?<![\w'])"
_END = r"(?![\w])(?!'\w)"


def _rx(*alternatives: str) -> re.Pattern[str]:
    """Compile alternatives of the pattern language into one regex with word boundaries."""
    body = "|".join(alternatives)
    body = _MACRO_RE.sub(lambda m: _MACROS[m.group()], body)
    body = body.replace(" ", _GAP)
    return re.compile(f"{_START}(?:{body}){_END}")


def _words(pattern: str) -> re.Pattern[str]:
    """Compile a check run on a few words joined by single spaces (no gap expansion)."""
    return re.compile(pattern)


@dataclass(frozen=True)
class _Rule:
    label: str
    pattern: re.Pattern[str]
    blocked_after: re.Pattern[str] | None = None
    """Searched on the clause words just before the match (joined by spaces): a hit blocks it."""
    inner_negation: bool = False
    """Block the match when its own words hold a negation ("you didn't make me")."""
    extend: bool = False
    """Extend the span over the object words that follow (what exactly was done)."""
    next_blocked: re.Pattern[str] | None = None
    """Searched on the words just after the match: a hit blocks it."""
    quote_more: int = 0
    """Quote up to this many following words too, so "sorry if" reads "sorry if you were hurt"."""


NEGATORS = _wordset(
    """
    not never no don't didn't won't can't cannot couldn't wouldn't shouldn't isn't wasn't
    aren't weren't doesn't haven't hasn't hadn't ain't nobody
    """
)
NOT_NEGATING_AFTER = _wordset("just only merely simply")
_END_NEGATION = _words(r"(?:\bnot|n't|\bnever)(?: just| only| even)?$")
_HYPOTHETICAL = _words(r"\b(?:if|whether|like|as if|in case)(?: \S+)?$")

# --- Acts: (base, past, -ing, participle, what must follow) ---------------------------------
# The follower keeps innocent uses out: "read your diary" is an act, "I read that" is not.
_ACTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("lie", "lied", "lying", "lied", ""),
    ("cheat", "cheated", "cheating", "cheated", ""),
    ("hide", "hid", "hiding", "hidden", "(?! behind)"),
    ("keep", "kept", "keeping", "kept", "<W3>(?:from you|secret|a secret|hidden|quiet)"),
    ("read", "read", "reading", "read", "(?:your|her|his|their|the|my) <W>"),
    ("go", "went", "going", "gone", "(?:through|behind|into) (?:your|my|her|his)"),
    ("look", "looked", "looking", "looked", "(?:through|at|in) your"),
    ("snoop", "snooped", "snooping", "snooped", ""),
    ("spy", "spied", "spying", "spied", "on you"),
    (
        "spend",
        "spent",
        "spending",
        "spent",
        "(?:the|our|your|all|that|so much|money|\\d+)(?: <W>)?",
    ),
    ("take", "took", "taking", "taken", "(?:the |your |our )?(?:money|card|savings)"),
    ("lend", "lent", "lending", "lent", "<W> (?:the|our|your|money)"),
    ("steal", "stole", "stealing", "stolen", ""),
    ("gamble", "gambled", "gambling", "gambled", ""),
    (
        "break",
        "broke",
        "breaking",
        "broken",
        "(?:my|our|the) (?:promise|word|agreement|vows?|rules?|deal)",
    ),
    ("miss", "missed", "missing", "missed", "(?:your|our|the|my|his|her) <W>"),
    (
        "forget",
        "forgot",
        "forgetting",
        "forgotten",
        "(?:about (?:your|our|the)|to|your|our|the) <W>",
    ),
    ("stand", "stood", "standing", "stood", "you up"),
    ("yell", "yelled", "yelling", "yelled", ""),
    ("shout", "shouted", "shouting", "shouted", ""),
    ("scream", "screamed", "screaming", "screamed", ""),
    ("snap", "snapped", "snapping", "snapped", "at you"),
    ("swear", "swore", "swearing", "sworn", "at you"),
    (
        "call",
        "called",
        "calling",
        "called",
        "(?:you (?:names|a|an|stupid|crazy|useless|pathetic|fat)|<PERSON>)",
    ),
    ("make", "made", "making", "made", "fun of you"),
    ("insult", "insulted", "insulting", "insulted", "you"),
    ("mock", "mocked", "mocking", "mocked", "you"),
    ("belittle", "belittled", "belittling", "belittled", "you"),
    ("ignore", "ignored", "ignoring", "ignored", "(?:you|your)"),
    ("walk", "walked", "walking", "walked", "out"),
    ("leave", "left", "leaving", "left", "you (?:alone|there|waiting|at|on|with|for)"),
    ("text", "texted", "texting", "texted", "(?:<PERSON>|that|other)"),
    ("message", "messaged", "messaging", "messaged", "(?:<PERSON>|other)"),
    ("flirt", "flirted", "flirting", "flirted", ""),
    ("kiss", "kissed", "kissing", "kissed", "(?:<PERSON>|a)"),
    ("sleep", "slept", "sleeping", "slept", "with"),
    ("hook", "hooked", "hooking", "hooked", "up"),
    (
        "have",
        "had",
        "having",
        "had",
        "(?:an affair|sex with|a fling|an emotional affair|an? <W> affair)",
    ),
    ("see", "saw", "seeing", "seen", "(?:her|him|someone|somebody|my ex|other people)"),
    ("send", "sent", "sending", "sent", "(?:<PERSON>|those|that|the) <W>"),
    ("share", "shared", "sharing", "shared", "(?:your|our|those|the|private|it with|that with)"),
    (
        "tell",
        "told",
        "telling",
        "told",
        "(?:(?:my|your|our|the) <W>|everyone|everybody|people|her|him|anyone|someone|them)"
        " (?:about|your|our|that you|what you|the truth about)",
    ),
    ("raise", "raised", "raising", "raised", "my (?:voice|hand)"),
    ("post", "posted", "posting", "posted", "(?:about|your|our|those|that|the)"),
    ("use", "used", "using", "used", "(?:your|our) (?:card|money|account|name|password|savings)"),
    ("borrow", "borrowed", "borrowing", "borrowed", "(?:your|our|the) (?:money|car|card|savings)"),
    ("humiliate", "humiliated", "humiliating", "humiliated", "you (?:in front|at|on)"),
    ("shut", "shut", "shutting", "shut", "you out"),
    ("say", "said", "saying", "said", "(?:some |those |such )?(?:<W1>)(?:things|words|stuff)"),
    ("speak", "spoke", "speaking", "spoken", "to you (?:like|that way|the way)"),
    ("treat", "treated", "treating", "treated", "you (?:like|that way|badly|so badly)"),
)


ACT_PAST_TENSE: dict[str, str] = {
    form: act[1] for act in _ACTS for form in (act[0], act[1], act[2], act[3])
}
"""The past tense of every act verb the analyzer knows, keyed by each of its forms."""


def _act_forms(position: int) -> str:
    forms = []
    for act in _ACTS:
        follower = act[4]
        word = act[position]
        if follower.startswith("(?!"):
            forms.append(word + follower)
        elif follower:
            forms.append(f"{word} {follower}")
        else:
            forms.append(word)
    return "(?:" + "|".join(forms) + ")"


_BASE, _PAST, _GERUND, _PARTICIPLE = (_act_forms(i) for i in range(4))


# --------------------------------------------------------------------------------------
# Rules, grouped by label. Order inside a label does not matter.

RULES: tuple[_Rule, ...] = (
    # --- regret ----------------------------------------------------------------------------
    _Rule(
        "regret",
        _rx(
            r"sorry(?! (?:if|in case|to (?:bother|interrupt|disturb|hear|say|ask|keep|be|trouble)"
            r"|for (?:your loss|myself|yourself|him|her|them)|what|pardon|come again"
            r"|say that again|i didn't catch)\b)(?!\s*\?)",
            r"(?:i|we) (?:<W1>)apologi[sz]e(?! if\b)",
            r"(?:my|our) (?:sincere |deepest |heartfelt |honest )?apologies(?! if\b)",
            r"(?:an|my|this|a|real|proper|sincere|full) apology(?! if\b)",
            r"i (?:<W1>)regret(?! nothing\b)",
            r"my (?:biggest |greatest |only |deepest )?regret",
            r"i (?:<W1>)feel (?:so |really |truly |very |just )?(?:terrible|awful|horrible|bad"
            r"|sick)"
            r" (?:about|for|over)(?! myself\b)",
            r"i wish i (?:hadn't|had not|had never|never|could take (?:it|that|this) back"
            r"|could undo"
            r"|didn't|did not)",
            r"<IM> (?:<W1>)ashamed of (?:what|how|the way|myself|it|that|this)",
            r"my bad(?! if\b)",
            r"i (?:<W1>)hate (?:that|what|how) i (?:did|said|put|treated|made|hurt|handled)",
            r"i wish i could (?:take|undo|go back|turn back|change)",
            r"if i could (?:go back|turn back time|undo|change it|do it over|take it back)",
            r"<IM> not (?:at all |remotely |one bit )?proud of (?:it|what i did|that|this|myself"
            r"|how)",
        ),
        blocked_after=_words(
            r"(?:\bnot|n't|\bnever|you'll be|you will be|going to be|\bfeel|\bfelt|\bfeeling)$"
        ),
    ),
    # --- responsibility ---------------------------------------------------------------------
    _Rule(
        "responsibility",
        _rx(r"my (?:own )?(?:fault|mistake|responsibility|choice|decision|doing)"),
        blocked_after=_words(
            r"(?:\bnot|n't|\bnever)(?: all| entirely| completely| totally| just"
            r"| only| really| solely| 100%)?$"
        ),
        extend=True,
    ),
    _Rule(
        "responsibility",
        _rx(
            r"(?:it's|it is|it was|that's|that is|that was|this is|this was|this one is"
            r"|all this is)"
            r" (?:all |completely |entirely |totally |squarely )?on me",
            r"i (?:<W1>)(?:take|accept|own|carry) (?:full |complete |total |all the |all )?"
            r"(?:responsibility|the blame|ownership|blame)",
            r"<IM> (?:fully |completely |totally |solely )?responsible",
            r"i (?:was|am|'m) (?:completely |totally |so |really |just |dead |100% )?wrong",
            r"<IM> (?:completely |totally |so |really |just |dead )?wrong",
            r"(?:what i did|that|it|this) (?:was|is) (?:so |completely |totally "
            r"|really )?wrong of me",
            r"what i did (?:was|is) (?:so |completely |totally |really |incredibly )?(?:wrong"
            r"|not okay"
            r"|not ok|unacceptable|inexcusable|selfish|cruel|unfair|a betrayal|disgusting|awful"
            r"|terrible|cowardly|dishonest)",
            r"(?:it|that|this) (?:was|is) (?:so |completely |totally |really )?wrong(?! (?:of"
            r"|to) you\b)",
            r"(?:it|that|this|the blame|the fault) (?:was|is) (?:all )?mine",
            r"(?:that's|that is|that was|what i did was|what i did is) not (?:okay|ok|alright"
            r"|acceptable"
            r"|fair|right)",
            r"i (?:was|am|'m) wrong to",
            r"i (?:messed|screwed|fucked|mucked) (?:<W1>)up",
            r"i (?:<W2>)(?:blew it|dropped the ball|let you down|went too far|crossed (?:a"
            r"|the) line"
            r"|overstepped)",
            r"i (?:had|have) no (?:right|business|excuse)",
            r"i was (?:being )?(?:so |really |completely |totally )?(?:out of line|selfish|cruel"
            r"|unfair"
            r"|a coward|cowardly|dishonest|a jerk|an idiot|careless|thoughtless|insensitive"
            r"|disrespectful"
            r"|unkind)",
            r"(?:that|it|this) was (?:so |really )?(?:a betrayal|selfish|cruel|unfair|cowardly"
            r"|dishonest"
            r"|unforgivable|inexcusable|disrespectful|unkind|out of line|a violation|an invasion"
            r"|a breach"
            r"|a betrayal)(?! of you\b)",
            r"(?:wasn't|was not|isn't|is not) (?:mine|my place|my secret|my news) to (?:share|tell"
            r"|give"
            r"|take|decide)",
            r"(?:not here to|won't|will not|not going to|not gonna|don't want to) (?:defend"
            r"|justify)"
            r" (?:myself|it|this|that|what i did)",
            r"my (?:part|share|role) in (?:this|it|all this|all of this|what happened)",
            r"i (?:chose|decided) to",
            r"i made (?:a|that|the|this|such a) (?:<W2>)(?:choice|decision|mistake)",
            r"(?:a|the) (?:choice|decision) i made",
            r"i (?:own|owned) (?:it|this|that|what i did|my part|up to it)",
            r"i (?:shouldn't|should not|should never|never should) have(?! to\b)",
            r"i should have (?:told|been|asked|said|called|come|listened|stopped|known)",
            r"(?:there's|there is|there was|that's|that is|it's|it is|i have|i've got"
            r"|i had) no excuse",
            r"(?:doesn't|does not|don't|won't|can't|didn't|did not|will not) excuse"
            r" (?:it|that|this|what i did|anything|me)",
            r"<IM> not (?:going to |gonna |here to |trying to )?(?:make|making) (?:any )?excuses",
            r"(?:don't|do not|won't|will not) (?:want to |going to |gonna )?make (?:any )?excuses",
            r"no excuses",
            r"(?:not|isn't|wasn't|none of (?:this|it|that) (?:is|was)|never) your fault",
            r"you (?:did|have done) nothing wrong",
            r"you (?:didn't|did not) do anything wrong",
            r"(?:nobody|no one|you didn't|you did not) (?:made|make|forced|force|pushed) me",
            r"i have no one to blame but myself",
            r"<IM> not blaming (?:you|anyone|anybody)",
            r"i (?:don't|won't|do not|will not) blame (?:you|anyone|anybody)(?! for\b)",
        ),
        extend=True,
    ),
    _Rule(
        "responsibility",
        _rx(r"i did (?:it|this|that)(?=\s*(?:[.!?,;]|$| and\b| so\b| myself\b| alone\b))"),
        blocked_after=_words(r"\b(?:how|what|why|when|where|if|because|the way|believe)$"),
        extend=True,
    ),
    # --- specific_act -----------------------------------------------------------------------
    _Rule(
        "specific_act",
        _rx(rf"i (?:<W2>){_PAST}"),
        inner_negation=True,
        extend=True,
        blocked_after=_HYPOTHETICAL,
    ),
    _Rule(
        "specific_act",
        _rx(rf"and (?:then )?{_PAST}"),
        extend=True,
        blocked_after=_words(r"\b(?:you|she|he|they|we|your \w+)\b(?:(?! i\b) \S+)*$"),
    ),
    _Rule(
        "specific_act",
        _rx(rf"(?:i was|i've been|i have been|i had been|i'd been|i kept) (?:<W1>){_GERUND}"),
        inner_negation=True,
        extend=True,
        blocked_after=_HYPOTHETICAL,
    ),
    _Rule(
        "specific_act",
        _rx(rf"(?:i've|i have|i had|i'd) (?:<W1>){_PARTICIPLE}"),
        inner_negation=True,
        extend=True,
    ),
    *(
        _Rule("specific_act", _rx(pattern), extend=True)
        for pattern in (
            # Each alternative names its own span, so each is its own rule.
            rf"(?:shouldn't|should not|should never|never should|shouldn't ever) have"
            rf" (?P<span>{_PARTICIPLE})",
            r"(?:chose|decided|wrong|wrong of me|choice|stupid|cruel"
            rf"|selfish) to (?P<span>{_BASE})",
            rf"(?:sorry|apologi[sz]e|apologies|apology|regret|regretting|ashamed|guilty|terrible"
            rf"|awful|horrible|bad) (?:<W2>)(?:for |about |of |over )?(?:ever )?"
            rf"(?P<span>(?:not )?(?:drunk |secretly |constantly |repeatedly |always )?{_GERUND})",
            r"i (?:shouldn't|should not|should never|never should|shouldn't ever) have"
            r" (?P<span>(?!been\b|to\b)<W>)",
            r"(?:regret|sorry about|sorry for|apologi[sz]e for) (?P<span>not (?:telling you"
            r"|being honest|coming home|showing up|calling))",
            r"i (?:<W1>)(?:didn't|did not|never) (?:tell you|show up|come home|call|turn up|pick up"
            r"|stand up for you|told you|listen|listened|back you up|defend you)",
        )
    ),
    _Rule(
        "specific_act",
        _rx(
            r"(?:the way|how) i (?:spoke|talked|treated|acted|behaved|reacted|yelled|shouted"
            r"|handled"
            r"|left|ignored|dismissed)",
            r"the \w+ i (?:broke|took|lost|spent|smashed|damaged|stole|hid|deleted|gambled)",
            r"(?:only|just|the|my|all the|all that|some) (?:flirting|cheating|lying|sexting|kissing"
            r"|gambling|secret texting)",
            r"(?:sorry|apologi[sz]e|apologies|regret|ashamed|guilty|terrible|awful"
            r"|bad) (?:<W1>)(?:for"
            r" |about |of )?(?P<span>being (?:so |such a |that )?(?:cold|distant|cruel|mean|selfish"
            r"|dismissive|harsh|rude|unfaithful|dishonest|controlling|jealous|absent|careless|nasty"
            r"|a jerk|an idiot))",
        ),
        extend=True,
    ),
    _Rule(
        "specific_act",
        _rx(r"(?:the|an|my|that|this|one|a|1|our|those) (?:affair|kiss|fling|lie|lies|betrayal)"),
        blocked_after=_END_NEGATION,
    ),
    # --- harm_acknowledged -------------------------------------------------------------------
    _Rule(
        "harm_acknowledged",
        _rx(
            r"(?:i|i've|i have|it|that|this|what i did|my \w+|and) (?:<W2>)(?:hurt|hurts|wounded"
            r"|humiliated"
            r"|embarrassed|crushed|devastated|scared|frightened|humiliate|broke|broken)"
            r" (?:you|your heart|your feelings|the (?:person|one|woman|man) i love)",
        ),
        inner_negation=True,
        blocked_after=_words(r"(?:\bif|\bwhether|n't mean to|\bnot mean to|\bnever meant to)$"),
        extend=True,
    ),
    _Rule(
        "harm_acknowledged",
        _rx(
            r"(?:broke|broken|destroyed|damaged|betrayed|shattered|lost|break|breaking|losing)"
            r" (?:all )?(?:of )?your (?:trust|faith|confidence)",
            r"you (?:can't|cannot|couldn't|don't|won't|can no longer|could no longer) trust me",
            r"(?:the|how much|all the|so much|all this|all that) (?:pain|hurt|damage|grief"
            r"|heartache)"
            r" (?:<W1>)(?:i've|i have|i) caused",
            r"(?:i've|i have|i) caused you",
            r"caused you (?:<W2>)(?:pain|hurt|grief|stress|worry|anxiety|heartache)",
            r"(?:cut|cuts|hurt) (?:you )?(?:so )?(?:deep|deeply)",
            r"how much you (?:wanted|needed|were counting on|were looking forward|trusted|relied)",
            r"you paid (?:for it|the price|for my)",
            r"you (?:don't|do not|can't|cannot|no longer|don't even) feel (?:safe|secure|loved"
            r"|respected"
            r"|wanted|at home|like you can)",
            r"(?:made|make|making) you (?:question|doubt) (?:everything|yourself|us|your)",
            r"(?:your|that|the) (?:fear|pain|hurt|anger|distrust|suspicion"
            r"|sadness) (?:<W1>)(?:makes"
            r" sense|is real|is fair|is valid|is understandable)",
            r"(?:every|a|good|every single|all the) (?:right|reason) (?:in the world )?to (?:be"
            r"|feel)"
            r" (?:<W2>)(?:angry|hurt|upset|furious|mad|scared|betrayed|sad|suspicious|that way"
            r"|like this)",
            r"every right to be",
            r"(?:allowed|entitled) to (?:be|feel) (?:<W3>)(?:angry|hurt|upset|mad|furious|sad)",
            r"(?:that|it|this) (?:must have been|must've been|must be|would have been|must feel)"
            r" (?:<W1>)(?:frightening|scary|terrifying|humiliating|painful|awful|lonely|devastating"
            r"|embarrassing|horrible|terrible|hard|confusing|crushing)",
            r"(?:that|it|this) was (?:<W1>)(?:frightening|scary|terrifying|humiliating|painful"
            r"|devastating|embarrassing|lonely) for you",
        ),
        extend=True,
    ),
    _Rule(
        "harm_acknowledged",
        _rx(
            r"(?:made|make|making|left|leaving|leave) you (?:feel|feeling|think|doubt|question|cry"
            r"|worry|wonder|alone)",
        ),
        blocked_after=_words(r"\b(?:if|whether)\b(?: \S+){0,2}$"),
        extend=True,
    ),
    _Rule(
        "harm_acknowledged",
        _rx(
            r"you (?:must have |must |probably |must've )?(?:felt|feel|were feeling|have felt"
            r"|must be feeling|have been feeling) (?:so |completely |really |totally |very "
            r"|utterly )?"
            r"(?:alone|small|stupid|humiliated|invisible|betrayed|worthless|unimportant|unsafe"
            r"|scared"
            r"|afraid|hurt|abandoned|unloved|foolish|embarrassed|like)",
            r"you had to (?:leave|miss|cancel|explain|deal|cover|pick up|lie|carry|handle|sit|face"
            r"|tell|go)",
            r"(?:you're|you are|you were|you've been|you have been|you feel) (?:so |really |very "
            r"|deeply |clearly |still |this |already )?(?:hurt|hurting|angry|upset|furious"
            r"|devastated"
            r"|heartbroken|scared|betrayed|humiliated|in pain|afraid|worried|anxious)",
        ),
        blocked_after=_words(
            r"(?:\bsorry|\bsorry that|\bapologi[sz]e|\bregret|\bregret that|\bnot)$"
            r"|\b(?:if|whether)\b(?: \S+){0,3}$"
        ),
        extend=True,
    ),
    # --- repair_offer ------------------------------------------------------------------------
    _Rule(
        "repair_offer",
        _rx(
            r"make (?:it|this|things|that|everything|all of this|this all) (?:right|up to you"
            r"|better|up)",
            r"make (?:amends|it up|up for (?:it|this|that|what i did))",
            r"(?:put|set) (?:it|this|things|that) right",
            r"(?:pay|paying|give|giving) (?:you |it |every \w+ |it all |all of it |the money "
            r"|all the"
            r" money )?back",
            r"(?:pay|paying|repay|repaying) (?:you|it|every|all)",
            r"answer (?:<W2>)(?:questions?|anything|everything|whatever)",
            r"ask me (?:anything|whatever|any question|if you (?:want|need|'d like)|what you want)",
            r"<ILL> (?:<W1>)tell you (?:everything|anything|the whole|all of it|whatever"
            r"|what happened)",
            r"(?:give|giving) you (?:<W3>)(?:space|time|room|as much)",
            r"take (?:all )?(?:the time|as long as|as much time as|your time|the weekend|a few days"
            r"|some time|the night|a break|space)",
            r"(?:won't|will not|i won't|i will not) (?:call|text|contact|message|bother"
            r"|push) (?:you )?until",
            r"i(?:'ll| will)? be (?:right )?(?:here|there|waiting)(?= (?:when|whenever|for"
            r"|as long)\b|\s*[.!?]|$)",
            r"i'm (?:right )?here(?= (?:for you|whenever|when you|if you|as long)\b|\s*[.!?]|$)",
            r"tell me what (?:you need|would help|i can do|you want|to do|helps)",
            r"what can i do (?:to|for)",
            r"how can i (?:make|fix|help|earn|start|repair)",
            r"whatever (?:you need|it takes|that takes|helps)",
            r"(?:i'll|i will|i'd|i would|i'm willing to) do (?:anything|whatever)",
            r"you can (?:check|look at|look through|see|go through|read|have) my"
            r" (?:phone|messages|texts|emails|email|accounts|bank|passwords)",
            r"<ILL> (?:<W1>)(?:show|give) you my (?:phone|passwords?|messages|accounts)",
            r"couples (?:therapy|counseling|counselling)",
            r"as (?:many times|long|often) as (?:you need|it takes|you want|you like)",
            r"i want to (?:make amends|repair|fix this|fix it|make this right)",
            r"whenever you (?:want|need|like|ask|are ready|'re ready)",
            r"(?:when|if|whenever) you(?:'re| are)? (?:ready|want) to (?:hear|talk|listen|ask)",
            r"so you can (?:check|verify|see|ask|call|read|look)",
            r"you can (?:look at|check|see|read|go through) (?:it|them|everything)"
            r" (?:any ?time|whenever|at any time)",
            r"you (?:don't|do not) have to (?:answer|decide|forgive|say anything|talk|respond)",
            r"<ILL> (?:<W1>)(?:apologi[sz]e|explain|own up|tell the truth|come clean) to (?:your"
            r"|them|him"
            r"|her|everyone)",
            r"i'd rather (?:hear|know) (?:it|the truth|how you)",
            r"(?:i want to|i'd like to|i'm ready to|i am ready to|let me|i'll|i will) (?:hear"
            r"|listen)"
            r"(?: to)?(?: (?:how|what|everything|about|you|all of it))?",
            r"(?:pay|paying) for (?:the|your|a new|it|what)",
            r"(?:stay|take) as long as you (?:need|want|like)",
        ),
        blocked_after=_END_NEGATION,
        extend=True,
    ),
    # --- repentance -------------------------------------------------------------------------
    _Rule(
        "repentance",
        _rx(
            r"(?:from now on|going forward|from today|from tonight|from this day|starting (?:now"
            r"|today"
            r"|tonight|tomorrow)|from here on)",
            r"<ILL> (?:<W2>)(?:stop|start|change|work on|quit|cut|delete|block|keep|check in"
            r"|come home"
            r"|call you|text you|tell you where|tell you the truth|tell you when|be honest|be open"
            r"|be transparent|share|put|get help|see a|go to|join|learn|earn|do better|be home"
            r"|let you know|make sure|set|turn|leave my|stay off)",
            r"<IM> (?:<W1>)(?:putting|working on|working with|seeing a|going to (?:a "
            r"|my )?(?:therapy"
            r"|counsel)|in therapy|in counsel|getting help|learning)",
            r"(?:i've|i have) (?:already )?(?:started|begun|booked|joined|deleted|blocked|quit"
            r"|stopped"
            r"|cut off|ended|signed up|been to|been going|made an appointment|found a|told her"
            r"|told him"
            r"|called a|contacted|reached out to|enrolled|got help|gotten help|changed my"
            r"|given up)",
            r"<ILL> (?:<W1>)show you(?! my\b)",
            r"<IM> (?:<W1>)(?:deleting|blocking|quitting|stopping|cancelling|canceling|closing"
            r"|ending"
            r"|booking|signing up|joining|starting|enrolling|giving up|cutting off|cutting)",
            r"(?:anger management|rehab|al-anon|al anon|alcoholics anonymous|gamblers anonymous"
            r"|a twelve step|a 12 step)",
            r"(?:seeing|see|talk to|talking to|working with|booked|found) a (?:therapist|counsellor"
            r"|counselor|psychologist|coach|sponsor)",
            r"(?:want to|need to|trying to|ready to|will|going to) (?:change|do better|be better)",
            r"(?:i|it|this|that) (?:won't|will not|am not going to|'m not going to|isn't going to)"
            r" (?:<W4>)(?:again|anymore|any more)",
            r"<ILL> (?:<W2>)tell you (?:straight away|right away|immediately|first)",
            r"i (?:ended|broke off|cut off|stopped|quit|deleted|blocked) (?:it|things|all contact"
            r"|contact"
            r"|the affair|her|him|them|the account|the app)",
            r"(?:don't|do not) (?:<W2>)again",
        ),
        blocked_after=_words(r"\b(?:what|how|whether|why|promised|said|swore|told you)$"),
        next_blocked=_words(r"^(?:ever|again ever|couples)\b"),
        extend=True,
    ),
    # --- forgiveness_request -----------------------------------------------------------------
    _Rule(
        "forgiveness_request",
        _rx(r"forgive me", r"(?:your|for) forgiveness", r"pardon me for"),
        blocked_after=_words(
            r"(?:(?:\bnot|n't|\bnever|\bno)\b(?! just\b)(?: \S+){0,4}"
            r"|\b(?:have to|need to|must|should|gotta|got to|just))$"
        ),
    ),
    # --- but_undoing is found in _settle; conditional -----------------------------------------
    _Rule(
        "conditional",
        quote_more=4,
        pattern=_rx(
            # Not an "if" that asks leave to speak ("I'd like to apologise, if you're okay to
            # hear it"): that hinges on nothing done.
            r"<SORRY_OR_REGRET> (?:(?:to you|about that|about it|for that|for it|though|again|then"
            r"|anyway|so|and) )?(?:if|in case)(?! (?:you're|you are|you'd|you would|you'll"
            r"|you will) (?:<W1>)(?:okay|ok|alright|all right|willing|happy|ready|able|let|listen"
            r"|hear)| (?:that's|that is|it's|it is) (?:okay|ok|alright|all right)| you(?: can)?"
            r" (?:let|want to hear|have (?:a )?(?:minute|moment|time)|don't mind))",
            r"if (?:it|that|this) (?:makes|would make|will make|helps|would help) you (?:feel|happy"
            r"|better)",
            r"if (?:that's|that is) what you (?:want|need) to hear",
        ),
    ),
    _Rule(
        "conditional",
        quote_more=4,
        pattern=_rx(
            r"if (?:i|anything|something|what|that|it|this|my|you|any of) (?:<W3>)(?:hurt|offended"
            r"|upset|wrong|bothered|came across|come across|seemed|seem|insulted|crossed"
            r"|out of line"
            r"|badly|overstepped|disrespected|rude|harsh|made you feel|made you)",
        ),
        blocked_after=_words(
            r"\b(?:ask me|ask you|asked me|asked you|tell me|let me know|know|even|as|what|see"
            r"|wonder"
            r"|wondering|check|whether)$"
        ),
    ),
    # --- feelings_deflection -----------------------------------------------------------------
    _Rule(
        "feelings_deflection",
        quote_more=3,
        pattern=_rx(
            r"<SORRY> (?:that )?(?:you|you're|you've) (?:<W2>)(?:feel|felt|feeling|got|get|took"
            r"|take"
            r"|see|saw|think|thought|reading|upset|offended|angry|mad|bothered|misunderstood"
            r"|misread"
            r"|are|were|be)(?! hurt\b)",
            r"<SORRY> (?:that )?(?:it|this|that|my \w+|what i said|what i did) (?:<W1>)(?:upset"
            r"|offended"
            r"|bothered|annoyed) you",
            r"<SORRY> (?:that's|that is|if that's|this is) how you (?:see|feel|took|take|read|saw)",
            r"<SORRY_OR_REGRET> (?:that )?you (?:had to |have to )?(?:find out|found out|hear"
            r"|heard|see"
            r"|saw|learn|learned|learnt|deal)",
            r"<SORRY_OR_REGRET> (?:that )?(?:you're|you are|you were|you got|you get|you've been)"
            r" (?:<W1>)(?!hurt\b|by\b)<W>",
            r"regret (?:that )?(?:you|you're|you've) (?:<W2>)(?:feel|felt|feeling|got|get|took|take"
            r"|see|saw|think|thought|upset|offended|angry|mad|bothered|are|were|be)(?! hurt\b)",
        ),
    ),
    _Rule(
        "feelings_deflection",
        quote_more=3,
        pattern=_rx(r"<SORRY_OR_REGRET> (?:that )?(?:you|you're|you've) (?:<W2>)hurt"),
        next_blocked=_words(r"^(?:by what i|by me|by my|because of me|because of what i)"),
    ),
    # --- passive_voice -----------------------------------------------------------------------
    _Rule(
        "passive_voice",
        _rx(
            r"(?:mistakes|things|stuff|words|lines|promises|errors|feelings|some things|the money"
            r"|money"
            r"|trust|boundaries|vows|hurtful things|bad choices|decisions) (?:<W1>)(?:were|was|got"
            r"|have been|has been|had been) (?:<W1>)(?:made|said|done|crossed|broken|spent|taken"
            r"|hurt"
            r"|lost|broke)",
            r"(?:it|that|this|those words|my words|what i said) came out (?:<W1>)(?:wrong|badly"
            r"|the wrong way|harsher|worse)",
            r"the \w+ (?:got|were|was) (?:<W1>)(?:hidden|deleted|spent|lost|taken|broken|moved"
            r"|kept)",
            r"(?:things|it|stuff|everything) (?:just )?(?:got|went|spiralled"
            r"|spiraled) (?:<W1>)(?:out of"
            r" hand|heated|messy|complicated|too far|carried away|out of control)",
            r"(?:<SORRY>|regret) (?:for |about )?(?:what|everything that|all that"
            r"|whatever) (?:has |had )?"
            r"happened",
            r"(?:<SORRY>|regret) (?:that )?(?:it|this|that|any of this) (?:ever )?happened",
            r"(?:it|this|that|things|stuff) (?:just )?happened",
            r"(?:mistakes|things|shit|stuff|these things|accidents) (?:just )?happen",
        ),
        blocked_after=_words(
            r"\b(?:when|where|how|after|before|since|until|night|day|time|what|why|if|not|never"
            r"|n't|until)$"
        ),
    ),
    _Rule(
        "passive_voice",
        _rx(
            r"(?:<SORRY>|regret) (?:for |about )?(?:what|everything that|all that"
            r"|whatever) (?:has |had )?"
            r"happened",
            r"(?:<SORRY>|regret) (?:that )?(?:it|this|that|any of this) (?:ever )?happened",
        ),
    ),
    # --- excuse ------------------------------------------------------------------------------
    _Rule(
        "excuse",
        _rx(
            r"i was (?:<W2>)(?:drunk|tired|exhausted|stressed|overwhelmed|scared|afraid|ashamed"
            r"|lonely"
            r"|confused|jealous|wasted|high|hungover|not thinking|not myself|in a bad place|busy"
            r"|burnt out|burned out|under (?:<W3>)(?:pressure|stress)|going through)",
            r"(?:i've|i have|i had) been (?:<W2>)(?:stressed|exhausted|busy|overwhelmed"
            r"|under (?:<W2>)"
            r"(?:pressure|stress)|going through)",
            # Drinking as the state the act was done in ("I'd been drinking"). "I've been
            # drinking again since Easter" confesses the act itself: no excuse (writers an, aq).
            r"i had been (?:<W2>)drinking",
            r"(?:it's|it has|it had|things have|things had) been (?:a |an )?(?:<W2>)(?:rough|hard"
            r"|tough|bad|stressful|crazy|difficult|long) (?:<W1>)(?:day|days|week|weeks|month"
            r"|months"
            r"|year|time|stretch)",
            r"(?:a|in a) moment of (?:weakness|madness|stupidity|anger)",
            r"(?:i|we|we both) (?:<W1>)(?:said|did) (?:<W2>)(?:things|stuff) (?:i|we) (?:didn't"
            r"|did not)"
            r" mean",
            r"work (?:has been|'s been|was|is|had been) (?:<W1>)(?:crazy|insane|stressful|hectic"
            r"|hell"
            r"|a nightmare|busy|killing me)",
            r"i had (?:a )?(?:<W1>)(?:bad|rough|long|hard|terrible|stressful|awful|horrible)"
            r" (?:day|week|month|year|time|night)",
            r"(?:i )?(?:didn't|did not|never) mean (?:to|it|for)",
            r"i (?:couldn't|could not|can't|cannot) help (?:it|myself)",
            r"it was (?:an|just an|all an|a total|a complete) accident",
            r"my phone (?:died|was dead|was off)",
            r"i lost track of time",
            r"the (?:alcohol|drink|drinks|booze|stress|pressure|pills) (?:made|got|was)",
            r"i had (?:too much|a few|a lot|way too much) to drink",
            r"(?:it|things) got (?:late|busy|crazy)",
            r"i (?:wasn't|was not) (?:thinking|myself|in my right mind)",
            r"i (?:didn't|did not) (?:think|realize|realise) it (?:would|was|mattered)",
        ),
    ),
    # --- justification -----------------------------------------------------------------------
    _Rule(
        "justification",
        _rx(
            r"i had (?:no|little) (?:other )?(?:choice|option)",
            r"what (?:else )?(?:was i|am i) supposed to do",
            r"(?:anyone|anybody|any \w+|everyone|most people) would(?: have)? (?:done|do) the same",
            r"i did it (?:to|for) (?:protect you|help|us|you|your own good|the family|our family"
            r"|the kids)",
            r"(?:to|was|were|just) protect(?:ing)? you",
            r"for your own good",
            r"i was (?:just |only |simply )?(?:being honest|trying to (?:help|protect|keep|avoid"
            r"|spare"
            r"|save|make things)|looking out for|telling the truth|helping)",
            r"(?:it|that|this) was the (?:right|only|smart|best) (?:thing|choice|option|call)",
            r"someone had to",
            r"i (?:<W1>)did it because (?:i|you|we)",
            r"i needed (?:some |my |more |a )?(?:space|attention|someone|a break|time|freedom"
            r"|comfort"
            r"|to feel|affection)",
            r"i (?:just |only )?needed to (?:blow off|let off|unwind|relax|vent|get away|escape"
            r"|feel"
            r"|clear my head)",
            r"(?:because|cause|since|as) i (?:didn't|did not) want (?:to (?:upset|hurt|worry|lose"
            r"|stress)"
            r"|you to (?:worry|be upset|get hurt|know))",
            r"technically",
            r"i had every right",
            r"(?:we|i) needed the money",
            r"(?:it|that) (?:wasn't|isn't|was not|is not) (?:really |technically |even )?(?:lying"
            r"|cheating|a lie|stealing)",
            r"you needed to (?:hear|know) it",
            r"it needed to be said",
            r"what (?:did|do) you expect me to do",
            r"i had a (?:feeling|hunch|gut feeling|suspicion)",
            r"(?:was|did it|did that|did this|all) because i (?:love|loved|care|cared about) you",
            r"(?:there were|i had) (?:my |good )?reasons",
        ),
    ),
    # --- blame_shift --------------------------------------------------------------------------
    _Rule(
        "blame_shift",
        _rx(
            r"you (?:<W1>)(?:made|make|forced|force|pushed|push|drove|drive|provoked) me"
            r"(?! (?:feel|happy|laugh|smile|realize|realise|see|understand|a better|want"
            r"|so happy)\b)",
        ),
        inner_negation=True,
    ),
    _Rule(
        "blame_shift",
        _rx(
            r"if you (?:hadn't|had not|had|didn't|did not|paid|gave|listened|cared|spent|showed"
            r"|treated|weren't so|were more|were less|were home|were around|were there"
            r"|would(?:n't)?"
            r" (?:just )?(?:listen|stop|have))",
            r"your fault (?:too|as well)",
            r"(?:wasn't|isn't|is not|was not|not|it's not|it isn't) (?:all |entirely |completely"
            r" |totally |just |only |100% |solely )?my fault",
            r"you started it",
            r"it takes two",
            r"(?:on|from) both sides",
            r"we(?:'re| are| were) both (?:to blame|at fault|responsible)",
            r"because you (?:never|always|don't|didn't|wouldn't|won't|kept|keep|weren't|would have"
            r"|would've|'d have|would just|would only)",
            r"(?:you were|you are|you're|you kept|you keep|you have been|you've been) (?:<W2>)"
            r"(?:smothering|ignoring|neglecting"
            r"|nagging|controlling|distant|cold|absent|checked out|never (?:home|around|there)"
            r"|always (?:busy|working|away))",
            r"(?:she|he|they|you) (?:was|were) the one (?:who|that)",
            r"we both (?:said|did|made|messed|screwed|hurt|lied|broke)",
            r"(?:your (?!part\b|share\b|role\b)\w+|they|she|he|everyone|everybody) (?:<W3>)too"
            r"(?=\s*(?:[.!?,;]|$))",
            r"you (?:weren't|were not|aren't|are not|never were) (?:<W1>)(?:there for me|around"
            r"|home"
            r"|listening|paying attention)",
            r"(?:she|he|they) (?:<W1>)(?:kept (?:texting|calling|messaging|flirting|pushing)"
            r"|came on to me"
            r"|kissed me|started it|seduced me|made the first move|wouldn't (?:stop"
            r"|leave me alone))",
            r"you (?:should have|should've) (?:known|told|asked|listened|been)",
            r"what did you expect",
            r"you know how i get",
        ),
    ),
    _Rule(
        "blame_shift",
        _rx(
            r"(?:it's|it is|it was|that's|this is|this was) (?:partly |half |also |just as much"
            r" |as much |at least partly )?your fault",
        ),
        blocked_after=_words(r"(?:\bnone of|\bnot|n't|\bnever)$"),
    ),
    # --- minimizing --------------------------------------------------------------------------
    _Rule(
        "minimizing",
        _rx(
            r"(?:no|not (?:a|that|such a|really a|even a)|wasn't (?:a|that|such a|even a)"
            r"|isn't (?:a|that|such a|even a)) (?:big|huge) (?:of a )?deal",
            r"(?:it was|it's|it is|that was|that's|this was|this is) (?:just|only|merely) (?:a "
            r"|an |one |1 "
            r"|the |two |2 |a few |a couple |some )?(?!that\b|because\b|me\b|how\b|what\b|way\b"
            r"|thing\b"
            r"|person\b|one who\b)<W>",
            r"i (?:only|just) (?:texted|talked|kissed|flirted|had|went|took|borrowed|looked|met"
            r"|said"
            r"|didn't tell|didn't mention|spent|sent|messaged|hugged)",
            r"(?:it|that|this|she|he) (?:didn't|did not|doesn't|does not) mean (?:anything|a thing"
            r"|much"
            r"|nothing)",
            r"(?:it|that|she|he|they) (?:meant|means|mean) nothing",
            r"(?:it|that) was nothing",
            r"nothing (?:even |really |actually )?happened",
            r"out of nothing",
            r"(?:not|isn't|wasn't) (?:that|so|even that|really that|all that) (?:bad|serious|big"
            r"|important"
            r"|much|terrible)",
            r"at least i (?:didn't|did not|don't|do not|never|wasn't|told|came|was honest)",
            r"(?:it's|it is|it was|it isn't|it wasn't) not like i",
            r"only (?:once|one time|1 time|a few times|a couple of times|twice|a little)",
            r"a (?:little|tiny|small|harmless) (?:white )?lie",
            r"harmless",
            r"(?:nobody's|nobody is|no one's|no one is) perfect",
            r"everyone makes mistakes",
            r"(?:not|isn't|wasn't) the end of the world",
            r"(?:wasn't|isn't|is not|was not) what it (?:looks|looked|seems|seemed) like",
            r"something (?:it's|it is|it was|that it's|that it isn't) not",
        ),
        blocked_after=_words(r"\b(?:ask|asking|asked|need|needing|want|wanting)\b(?: \S+){0,3}$"),
    ),
    # --- invalidating ------------------------------------------------------------------------
    _Rule(
        "invalidating",
        _rx(
            r"<YOURE> (?:<W1>)(?:overreacting|over reacting|being (?:<W1>)(?:dramatic|ridiculous"
            r"|crazy"
            r"|paranoid|hysterical|silly|unreasonable|sensitive|oversensitive|irrational|emotional"
            r"|petty|childish)|too sensitive|so sensitive|oversensitive|crazy|paranoid|hysterical"
            r"|imagining things|reading (?:<W3>)into|making (?:<W1>)(?:big )?(?:deal|thing|drama)"
            r"|blowing (?:<W1>)(?:<W2>)out of proportion|overthinking|overdramatic|too emotional)",
        ),
        inner_negation=True,
    ),
    _Rule(
        "invalidating",
        _rx(
            r"calm down",
            r"relax",
            r"chill(?: out)?",
            r"(?:stop|quit) being (?:so )?(?:dramatic|emotional|sensitive|crazy|paranoid|ridiculous"
            r"|hysterical|childish)",
            r"get over it",
            r"(?:don't|do not) be (?:so )?(?:dramatic|upset|sensitive|emotional|mad|silly"
            r"|like that)",
            r"you always (?:overreact|take (?:things|it|everything|this) (?:the )?wrong)",
            r"you (?:misread|misunderstood|took it wrong|got it wrong|took it the wrong way)",
            r"(?:it's|it is) (?:all )?in your head",
            r"<YOURE> (?:acting|behaving) (?:like|as if|as though)",
            r"making (?:this|it|that) into (?:something|a thing|a big)",
            r"making me out to be",
            r"(?:always|constantly) (?:find|finding|look for|looking for) something to (?:be upset"
            r"|complain|get upset|get angry|be angry|cry)",
            r"why (?:are you|you're|you are) still (?:<W1>)(?:upset|angry|mad|hurt|on about"
            r"|bringing"
            r"|crying|going on)",
            r"(?:you|you're) (?:making|blowing) (?:<W1>)(?:a big deal|out of proportion|mountain)",
            r"(?:making|blowing) (?:this|it|things|that) (?:<W1>)out of proportion",
        ),
    ),
    _Rule(
        "invalidating",
        _rx(r"(?:stop|quit) (?:crying|whining|sulking|making a scene)"),
        # "I can't stop crying" is about the speaker, not an order to the partner.
        blocked_after=_words(r"(?:\bi|n't|\bcannot|\bto|\bnot)$"),
    ),
    # --- counter_attack ----------------------------------------------------------------------
    _Rule(
        "counter_attack",
        _rx(
            r"you (?:do|did|have done|'ve done|always do) (?:it|this|that) (?:too|as well"
            r"|all the time"
            r"|first|before|also)",
            r"you (?:do|did|have done|'ve done) (?:the )?(?:exact |very )?same(?: thing)?",
            r"what about (?:when you|you|the time you|your|what you)",
            r"<YOURE> (?:no|not|hardly) (?:a )?(?:saint|angel|perfect|innocent|exactly perfect"
            r"|blameless"
            r"|exactly innocent)",
            r"<YOURE> one to talk",
            r"look who's talking",
            r"hypocrite",
            r"(?:you|you've|you have) (?:lied|cheated|hidden|kept secrets|done worse|flirted)"
            r" (?:to me |on me )?(?:too|plenty|before|about|all the time|first|as well|lots"
            r"|so many)",
            r"remember when you",
            r"like you (?:did|do|always do|always did)",
            r"you (?:always|never|constantly) do (?:this|that|it)",
            r"make everything about (?:you|yourself)",
            r"your (?:part|share|role) in (?:this|it|all this|all of this)",
            r"(?:as if|it's not like|it isn't like|not like) you (?:never|don't|didn't|haven't"
            r"|have never)",
            r"you (?:<W1>)(?:lie|lied|cheat|cheated|hide|hid|flirt|flirted|snoop"
            r"|snooped) (?:<W3>)(?:all the"
            r" time|constantly|too|as well|first|before|every day)",
            r"(?:don't|do not) (?:act all innocent|act innocent|lecture me|play the victim"
            r"|you dare)",
            r"you(?:'re| are| were|'ve| have)? (?:<W6>)(?:either|just as bad)(?=\s*(?:[.!?,;]|$))",
        ),
    ),
    # --- absolute_promise --------------------------------------------------------------------
    _Rule(
        "absolute_promise",
        _rx(
            r"(?:it|this|that|i)(?:'ll| will| would|'d) never (?:ever )?(?:<W4>)again",
            r"(?:i'll|i will|i'd|i would|you'll|you will|you'd"
            r"|you would) never (?:ever )?(?:<W4>)again",
            r"(?:it|this|that|i) (?:won't|will not|is not going to"
            r"|isn't going to) ever (?:<W2>)again",
            r"never,? ever",
            r"not in a million years",
            r"<ILL> always(?! been\b)",
            r"(?:a |one )?hundred percent",
            r"100 ?(?:%|percent)",
            r"i (?:<W1>)(?:swear|guarantee)",
            r"(?:i can |i )?guarantee (?:you|it|that)",
            r"on my (?:life|mother's life|kids' lives|children's lives)",
        ),
    ),
    # --- pressure_to_forgive -----------------------------------------------------------------
    _Rule(
        "pressure_to_forgive",
        _rx(
            r"(?:can|could|can't|cannot|why can't) we (?:please )?(?:just )?(?:move on|move past"
            r"|get past"
            r"|get over|forget|put (?:this|it) behind|stop talking|drop it|let it go"
            r"|go back to normal"
            r"|not talk)",
            r"let's (?:just )?(?:move on|move past|put (?:this|it) behind|forget|drop it|not talk"
            r"|get past"
            r"|go back to normal)",
            r"(?:we|you) (?:should|need to|have to|must|gotta) (?:both )?(?:just )?(?:move on"
            r"|let it go"
            r"|get past|get over (?:it|this)|forget)",
            r"(?:you|we) (?:have to|need to|must|should|gotta|got to) (?:just )?forgive me",
            r"just forgive me",
            r"what (?:more|else) do you want",
            r"are we (?:good|okay|ok|fine|cool|alright)(?: now)?",
            r"we(?:'re| are) (?:good|fine|okay|ok) now",
            r"i (?:<W1>)(?:said|told you) (?:i'm|i was|i am) sorry",
            r"i (?:<W1>)said sorry",
            r"i (?:<W1>)(?:apologi[sz]ed|already apologi[sz]ed)",
            r"(?:get|go|getting) back to normal",
            r"you (?:have to|need to|must|gotta|got to) believe me",
            r"(?:shouldn't|should not) have to keep (?:apologi[sz]ing|saying sorry|explaining)",
            r"how many (?:more )?times (?:do i|must i|will i) have to",
            r"we can't keep (?:talking|going over|bringing|discussing|dwelling)",
            r"(?:stop|quit) bringing (?:it|this|that) up",
            r"i don't want to talk about (?:this|it) (?:anymore|any more)",
            r"(?:it's|it is) (?:done|over|in the past|behind us)(?=\s*[,.!?]|$)",
            r"(?:ask|asking|asked) you to (?:just )?(?:move on|forgive|forget|get over|let it go)",
            r"how long (?:are you going to|will you|do i have to)",
            r"forget about it",
            r"i (?:<W1>)need you to (?:forgive|move on|get over|let it go|trust me again|stop)",
            r"i (?:<W1>)need you to(?=\s*(?:[.!?]|$))",
            r"(?:please )?(?:don't|do not) give up on (?:us|me)",
            r"go back to (?:how things were|normal|the way (?:things|it|we) (?:were|was))",
            r"(?:are you|you) happy now",
            r"(?:it|that) was (?:weeks|months|years|ages|so long|a long time|days) ago",
        ),
    ),
    # --- self_focus ---------------------------------------------------------------------------
    _Rule(
        "self_focus",
        _rx(
            r"(?:i'm|i am|i feel like|i'm such|i am such) (?:such )?(?:a|an|the) (?:<W1>)(?:monster"
            r"|terrible person|horrible person|awful person|bad person|failure|idiot|mess|screw ?up"
            r"|loser|worst|disgrace|piece of|wreck|disaster)",
            r"i hate myself",
            r"(?:i'm|i am|i feel like) (?:such )?(?:a|an) (?:terrible|horrible|awful|bad|useless"
            r"|rubbish"
            r"|lousy|pathetic|disgusting) (?:person|partner|husband|wife|boyfriend|girlfriend|man"
            r"|woman"
            r"|father|mother|dad|mom|mum|human being)",
            r"what a (?:horrible|terrible|awful|bad|useless|pathetic) (?:<W1>)(?:person|partner"
            r"|husband"
            r"|wife|boyfriend|girlfriend|man|woman) i am",
            r"i (?:can't|cannot|couldn't) (?:<W1>)(?:live with|forgive|look at|stand|face"
            r"|bear) myself",
            r"(?:i'll|i will) never forgive myself",
            r"i (?:don't|do not) deserve (?:you|to|anything|your|any|love|happiness)",
            r"i (?:can't|haven't|couldn't|cannot|have not) (?:<W2>)(?:sleep|slept|eat|eaten"
            r"|stop crying)",
            # Not "couldn't": "I couldn't think straight" tells the state they acted in (an
            # excuse), where "I can't think straight" is how they feel now.
            r"i (?:can't|cannot|haven't been able to) (?:<W2>)(?:function|think straight"
            r"|concentrate)",
            r"(?:this|it) (?:has been|'s been|is|was) (?:so |really |very |incredibly "
            r"|just )?(?:hard"
            r"|tough|awful|difficult|terrible|painful|hell) (?:for|on) me",
            r"(?:you have no idea|you don't know|do you know"
            r"|do you have any idea) how (?:<W2>)(?:i feel"
            r"|i've|this has been|hard|guilty|bad i)",
            r"i've been (?:<W2>)(?:beating myself up|miserable|a wreck|a mess|so depressed|crying"
            r"|torturing myself)",
            r"i feel so (?:guilty|bad|awful|terrible) (?:that )?i (?:can't|cannot)",
            r"what about my feelings",
            r"<IM> (?:hurting|suffering) too",
            r"how (?:bad|guilty|terrible|awful) i feel",
            r"i deserve (?:some |a little |any )?credit",
            r"<IM> (?:always |just )?the (?:bad guy|villain|bad one)",
            # "I'm always the one who gets blamed", "im the one whos been torn apart", not
            # "I'm the one who lied" (that is responsibility; writers aq and an).
            r"<IM> (?:always |just |really )?the one (?:who|who's|whos|that) (?:<W3>)(?:gets"
            r" blamed|suffer|suffers|suffering|pays|paying|lose|loses|losing|lost (?:everything"
            r"|it all)|apologi[sz]es?|gives in|gets hurt|has to live with|have to live with"
            r"|hurting|can't sleep|cant sleep|can't eat|cant eat|torn apart|in pieces"
            r"|falling apart|had the whole|paying the price)",
        ),
    ),
)
