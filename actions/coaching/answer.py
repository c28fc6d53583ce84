"""Answer analyzer: how the user answers a hurt partner's repeated questions.

Pure and offline: one answer in, `AnswerAnalysis` out; plus `check_consistency` across the
answers of a session and `delivery_trend` across the measured delivery of its rounds.

What it marks (shared/design/CONTENT.md, Repeated questions, advice 7 and 9):

* `impatience` - irritation at being asked again ("I already told you", "how many times",
  "again?", "we've been over this");
* `invalidating` - dismissing their reaction ("you're overreacting", "calm down");
* `deflection` - avoiding the question ("can we not", "why does it matter", "let's not do
  this now");
* `minimizing` - making it smaller ("it was nothing", "no big deal", "it was just a kiss");
* `blame_shift` - putting the cause on the partner or someone else ("you made me", "if you
  had been home");
* `counter_attack` - turning to the partner's own faults ("you do it too", "what about you");
* `reassurance` - letting them know they may keep asking ("ask me as many times as you need",
  "I'll answer every time").

Negated, refused and quoted phrases do not count ("I won't say it was nothing", "you're not
overreacting"). The annotation guidelines head tests/eval/answer_eval.yml.

Every pattern is an alternation with bounded gaps, so the analysis is linear in the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actions.coaching.answer_learned import combine_answer_findings, ruled_out
from actions.coaching.consistency import Inconsistency, check_consistency
from actions.coaching.cues import Finding, Rule, TextView, find_cues, rx
from actions.coaching.cues import words_rx as _w
from actions.coaching.normalize import normalize
from actions.coaching.trend import DeliveryTrend, delivery_trend
from actions.coaching.turn_labels import read_turn

if TYPE_CHECKING:
    from actions.coaching.learned_labels import LearnedLabels

__all__ = [
    "LABELS",
    "PATIENT_LABELS",
    "UNPATIENT_LABELS",
    "AnswerAnalysis",
    "DeliveryTrend",
    "Inconsistency",
    "analyze_answer",
    "check_consistency",
    "delivery_trend",
    "learned_labels_in_use",
    "use_learned_labels",
]

LABELS: tuple[str, ...] = (
    "impatience",
    "invalidating",
    "deflection",
    "minimizing",
    "blame_shift",
    "counter_attack",
    "reassurance",
)
"""The answer labels, in the order feedback discusses them."""

UNPATIENT_LABELS: tuple[str, ...] = LABELS[:-1]
"""Labels that work against a patient, honest answer."""

PATIENT_LABELS: tuple[str, ...] = ("reassurance",)
"""Labels that show the patience the exercise practises."""

ADVICE: dict[str, str] = {
    "impatience": "Each time they ask, answer as if it were the first time.",
    "invalidating": "Their feelings are theirs; let them have them.",
    "deflection": "Answer the question they asked, even when it is hard.",
    "minimizing": "Let it be as big as it was for them.",
    "blame_shift": "Keep the focus on your part, not on theirs.",
    "counter_attack": "Their mistakes are a talk for another day.",
    "reassurance": "Telling them they can keep asking is exactly what helps.",
}
"""One short, kind sentence per label, used in findings and spoken feedback."""


@dataclass(frozen=True)
class AnswerAnalysis:
    """Everything the coach knows about one answer."""

    text: str
    """The answer as given."""

    labels: tuple[str, ...]
    """Labels present, in `LABELS` order."""

    findings: tuple[Finding, ...]
    """Evidence for every label present, in text order."""

    @property
    def patient(self) -> bool:
        """True when nothing in the answer works against patience."""
        return not any(label in UNPATIENT_LABELS for label in self.labels)

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.label == label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "findings": [finding.to_dict() for finding in self.findings],
        }


_PEOPLE = r"(?:she|he|they|alex|jess|chris|my ex|my boss|my friends|my brother|my sister|sam)"
# Sentence-initial: nothing but fillers before it in the clause.
_CLAUSE_START = _w(
    r"(?<![\w'])(?!(?:okay|ok|um|uh|well|oh|so|and|but|what|seriously|really|god)$)[\w']+$"
)
_AGAIN_OK_BEFORE = r"(?:say it|tell you|explain it|go over it|repeat it|answer it|ask me|me to)"

_RULES: tuple[Rule, ...] = (
    # --- impatience ----------------------------------------------------------------------------
    Rule(
        "impatience",
        rx(
            r"(?:i|i've|i have|i've been) (?:<A1>)(?:already|just) (?:<A1>)(?:told|said|answered"
            r"|explained|gone over|been over)",
            r"(?:i've|i have|i) (?:<A1>)(?:told|said|answered|explained) (?:you |this |that |it )?"
            r"(?:this |that |it )?(?:<A1>)(?:already|before|a (?:hundred|thousand|million) times"
            r"|so many times|\w+ times|over and over|again and again|twice)",
            r"how many (?:more )?times(?! (?:did|have you|you (?:need|want)|i (?:saw|met|went)))",
            r"<WERE> (?:<A1>)(?:been over|gone over|been through|talked about|discussed|covered)"
            r" (?:this|that|it)",
            r"we (?:<A1>)(?:already|just) (?:went over|talked about|discussed|covered|did this)",
            r"we (?:<A1>)(?:went|have gone|'ve gone|have been|'ve been) (?:over|through) (?:this"
            r"|that"
            r"|it)(?! together\b)",
            r"not (?:this|that) again",
            r"here we go again",
            r"(?:are we|we're|are you|you're) (?:<A1>)(?:doing|going through|starting|on) (?:this"
            r"|that|it) (?:all )?(?:again|over)",
            r"(?:seriously|really|what|asking|ask|asking me|ask me|about it|about this|about that)"
            r" again(?=\s*[?!])",
            r"again,? (?:really|seriously)(?=\s*[?!])",
            r"(?:why|how come) (?:are|do|would|must|did) you (?:<A1>)(?:keep |have to |need to )?"
            r"(?:asking|ask|bringing (?:it|this|that) up|bring (?:it|this|that) up)"
            r" (?:<W2>)(?:again"
            r"|over and over|every (?:day|time|night|five minutes)|all the time|so much"
            r"|constantly)",
            r"you (?:<A1>)keep (?:<A1>)(?:asking|bringing (?:it|this|that) up|going on about"
            r"|coming back to)",
            r"(?:i'm|i am) (?:<A1>)(?:getting )?(?:tired|sick|sick and tired) of (?:<W2>)(?:this"
            r"|answering|talking|going over|saying|repeating|explaining|the same|your questions"
            r"|you asking|it|questions)",
            r"for the (?:hundredth|thousandth|millionth|last|fifth|tenth|third|fourth|twentieth)"
            r" time",
            r"how (?:long|much longer) (?:are you|is this|are we|do i|will you|will this|must i"
            r"|am i) (?:<W1>)(?:going|gonna|have|keep|to|be)",
            r"what (?:more|else) do you want (?:me to say|from me)",
            r"i (?:don't|do not) know what else (?:to|i can|you want me to) (?:say|tell you)",
            r"(?:i've|i have) answered (?:this|that|it)(?! (?:honestly|truthfully|as best))",
            r"(?:are you|you're) (?:<A1>)(?:still|seriously|really) (?:asking|on about|going on"
            r" about"
            r"|bringing (?:this|that|it) up)",
            r"(?:like|as) i (?:<A1>)(?:already )?(?:said|told you) (?:<A1>)(?:before|already|a"
            r" (?:hundred|thousand|million) times)",
            r"(?:like|as) i already (?:said|told you)",
            r"ugh",
            r"for (?:god's|christ's|heaven's|pete's) sake",
            r"for crying out loud",
            r"give (?:me|it) a (?:break|rest)",
            r"what's the point (?:of|in) (?:<W3>)again",
            r"(?:don't|do not|stop|quit) (?:<A1>)(?:ask|asking) (?:me )?(?:<W1>)(?:again|that again"
            r"|about (?:it|this|that) again|anymore|any more)",
            r"(?:you|we) (?:can't|cannot|can not) (?:<A1>)keep (?:<W1>)(?:asking|doing|going"
            r"|bringing"
            r"|talking)",
            r"(?:do|must) i (?:<A1>)(?:have to|need to|really have to) (?:<W1>)(?:say|tell you"
            r"|repeat"
            r"|explain|answer) (?:<W2>)(?:again|every time|over and over)",
        ),
        blocked_before=_w(
            r"(?:no matter|doesn't matter|does not matter|don't care|don't mind|however|as"
            r"|ask me|tell you|answer|makes sense|make sense|okay|ok|fine|normal|natural"
            r"|understandable|glad|good|alright|understand why|see why|get why|know why)(?: that)?$"
        ),
        blocked_after=_w(
            r"^(?:[\w']+ ){0,4}?(?:and )?(?:that's|that is|it's|which is) (?:okay|ok|fine|alright"
            r"|normal|understandable|allowed)\b"
        ),
    ),
    Rule(
        "impatience",
        rx(r"again(?=\s*\?)"),
        blocked_before=_CLAUSE_START,
    ),
    # "This again." is weary; "you can ask that again" or "I'll say that again" is not.
    Rule(
        "impatience",
        rx(r"(?:this|that) again(?=\s*[?!.]|\s*$)"),
        blocked_before=_w(
            r"(?:ask|asking|asked|answer|answering|say|saying|tell|telling|explain|hear|hearing"
            r"|repeat|go over|going over|need|want|right to ask)(?: me| you)?$"
        ),
    ),
    # --- invalidating --------------------------------------------------------------------------
    Rule(
        "invalidating",
        rx(
            r"<YOURE> (?:<A1>)(?:overreacting|overthinking|being (?:<A1>)(?:so |too |way too )?"
            r"(?:dramatic|paranoid|ridiculous|crazy|hysterical|irrational|silly|sensitive|emotional"
            r"|unreasonable|childish|insecure|jealous)|(?:too|so|way too|overly) (?:sensitive"
            r"|emotional|dramatic|insecure|jealous|paranoid)|paranoid|crazy|hysterical|imagining"
            r" (?:things|it)|making (?:a|such a) (?:big )?(?:deal|fuss|mountain|scene)|blowing"
            r" (?:this|it|that|everything|things) (?:way )?out of proportion|making (?:this|it"
            r"|that)"
            r" (?:into )?(?:a )?(?:bigger |big )?(?:thing|deal|issue|drama)|making too much|making"
            r" (?:it|this) (?:sound )?(?:worse|bigger))",
            r"calm down",
            r"(?:it's|it is|this is|that's) (?:all )?(?:in your head|your imagination)",
            r"(?:get|just get) over it",
            r"(?:stop|quit) (?:being so|being|making (?:a|such a) (?:big )?(?:deal|fuss)"
            r"|overreacting|freaking out|with the drama)",
            r"you (?:shouldn't|should not|don't need to|have no reason to) (?:<A1>)(?:feel|be|get)"
            r" (?:<A1>)(?:that way|like that|so upset|upset|jealous|angry|hurt|worried|insecure"
            r"|scared)",
            r"(?:there's|there is) (?:no|nothing) (?:reason|need) to (?:be|feel|get) (?:<A1>)(?:so"
            r" )?(?:upset"
            r"|jealous|worried|angry|hurt|insecure|worked up)",
            r"(?:don't|do not) be (?:<A1>)(?:so )?(?:dramatic|silly|ridiculous|paranoid|jealous"
            r"|crazy|childish|insecure|like that|sensitive)",
            r"you (?:<A1>)(?:overreact|overthink|take (?:things|everything|it) (?:too|so)"
            r" (?:personally|seriously|hard))",
            r"you need to (?:<A1>)(?:let it go|move on|get over it|relax|stop (?:asking|this))",
            r"you (?:<A1>)(?:worry|think|overthink|read into (?:it|things|everything)|care) (?:way"
            r" |far"
            r" )?too much",
            r"<YOURE> (?:<A1>)reading (?:way |far |a bit |much )?too much into",
        ),
        blocked_before=_w(
            r"(?:\bi|i'll|i need to|i have to|let me|\bme|we both need to|we both|i'm trying to"
            r"|trying to|\bto|help you|can't|couldn't|i'd|we)$"
        ),
    ),
    # "Relax" dismisses only on its own: "relax with a movie" or "relax together" is a plan.
    Rule(
        "invalidating",
        rx(r"(?:just |please )?(?:relax|chill out)"),
        blocked_before=_w(r"(?:\bi|i'll|let me|\bme|\bto|help you|can't|couldn't|i'd|\bwe)$"),
        blocked_after=_w(r"^(?:and|with|at|on|for|together|a bit|myself)\b"),
    ),
    # --- deflection ----------------------------------------------------------------------------
    Rule(
        "deflection",
        rx(
            r"(?:can|could) we (?:please |just )?(?:not|stop|drop (?:it|this)|leave (?:it|this)"
            r"|change the subject|skip|do this (?:later|another time|tomorrow)|talk about (?:this"
            r"|it"
            r"|something else) (?:later|another time|tomorrow)|talk about something else)",
            r"why (?:does|would|should|do) (?:it|that|this) (?:<A1>)matter",
            r"what does it (?:<A1>)matter",
            r"(?:does|would) (?:it|that) (?:<A1>)matter",
            r"what difference does it make",
            r"why do you (?:<A1>)(?:need|want|have) to know",
            r"why (?:are you|do you keep|would you) asking (?:me )?(?:that|this)",
            r"let's not (?:<W2>)(?:do this|go there|talk about|get into|start|dig|bring|do that)",
            r"(?:let's|can we|could we) (?:just )?(?:talk about|deal with|do|discuss) (?:this|it"
            r"|that) (?:later|tomorrow|another time|some other time)",
            r"i (?:<A1>)(?:don't|do not) (?:want|wanna) to (?:<W1>)(?:talk|get into|go into|go"
            r" there"
            r"|discuss|do this|dredge|rehash|answer)",
            r"not (?:now|tonight|right now)(?=\s*[,.!]|\s*$)",
            r"(?:let's|can we|could we) (?:please )?(?:just )?(?:change the subject|talk about"
            r" something else|move on|focus on (?:the future|us|moving forward|now)|put (?:it|this)"
            r" behind us)",
            r"(?:it's|it is|that's|that is|that was|it was) (?:all )?(?:in the past|ancient history"
            r"|over now|done now|behind us)",
            r"the past is the past",
            r"(?:why|how come) (?:are you|do you keep|would you|must you) (?:<A1>)(?:bringing|bring"
            r"|dragging|drag|digging|dig) (?:<W1>)(?:up|this|that|it)",
            r"do we (?:<A1>)(?:have to|need to) (?:<W1>)(?:do|talk about|go over|go through|get"
            r" into) (?:this|it|that)",
            r"i'd rather (?:not|we didn't) (?:<W1>)(?:talk|say|get into|go into|answer|discuss)",
            r"(?:what's|what is) the point (?:of|in) (?:<W1>)(?:going over|talking|this|asking"
            r"|rehashing|digging)",
            r"(?:that's|it's|that is|it is) not (?:important|relevant|the point)",
            r"(?:can|could) we (?:please )?(?:just )?(?:not|stop) (?:<W1>)(?:talking|going|doing)",
        ),
    ),
    # "It doesn't matter" refuses the question, except where it reassures: "it doesn't matter
    # how many times you ask", "it doesn't matter to me how often".
    Rule(
        "deflection",
        rx(
            r"(?:it|that) (?:doesn't|does not|wouldn't|won't) (?:<A1>)(?:matter|make (?:a|any)"
            r" difference)",
        ),
        blocked_after=_w(r"^(?:how (?:many|often|long|much)|to me|what you ask)\b"),
    ),
    # --- minimizing ----------------------------------------------------------------------------
    Rule(
        "minimizing",
        rx(
            r"(?:it|that|this) (?:was|is|'s|meant) (?:<A1>)(?:nothing|no big deal|not a big deal"
            r"|not that (?:big|bad|serious)|not a big thing|harmless|innocent|meaningless|nothing"
            r" serious)",
            r"(?:it's|it is|it was|that's|that was|this is) (?:<A1>)(?:just|only) (?:a|one|some|the"
            r" one) (?:<W1>)(?:kiss|text|drink|coffee|lunch|mistake|slip|night|thing|fling|time"
            r"|conversation|chat|hug|dance|bet|lie|joke|game)",
            r"(?:it's|it is|it was|that's|that was) (?:<A1>)(?:just|only) (?:<W1>)(?:flirting"
            r"|talking|texting|banter|a joke|joking|fun|a game|a bit of fun|harmless|money|words"
            r"|once|twice)",
            r"(?:no|not a|not such a|not that) big (?:of )?(?:a )?deal",
            r"(?:it|that|this) (?:didn't|did not|doesn't|does not) mean (?:anything|a thing|much)",
            r"(?:it|that) (?:<A1>)only happened (?:once|one time|twice)",
            r"(?:it|that) happened (?:only|just) (?:once|one time|twice)",
            r"(?:it's|it is|it was|it isn't|it wasn't) (?:not )?(?:like|as if) (?:i|we) (?:<W2>)"
            r"(?:slept|had sex|cheated|left|stole|killed|did anything|were|murdered|robbed)",
            r"(?:it's not|it is not|it isn't|it wasn't|it was not) (?:like|as if) (?:i|we)",
            r"at least i (?:didn't|did not|never|wasn't)",
            r"(?:everyone|everybody|all couples|people|lots of people|half the world) (?:<A1>)"
            r"(?:does|do) (?:it|that|this)",
            r"(?:it's not|it is not|it isn't|it wasn't|it was not|that's not|that isn't|that"
            r" wasn't) the end of the world",
            r"(?:it wasn't|it was not|it isn't|it is not|it's not|that wasn't|that isn't|that's not"
            r"|this isn't|this is not) (?:that|such a) (?:big|bad"
            r"|serious|important|huge)",
            r"(?:it wasn't|it was not|it isn't|it is not|it's not|that wasn't|that isn't|that's not"
            r"|this isn't|this is not) a (?:big|huge|serious)"
            r" (?:deal|thing)",
            r"(?:nothing|not much) (?:really|actually) happened",
            r"(?:a|the) (?:little|small|tiny) (?:<W1>)(?:thing|mistake|slip|bet|lie|white lie|fib)",
            r"(?:only|just) (?:a )?(?:few|couple)(?: of)? (?:<W1>)(?:hundred|bucks|dollars|drinks"
            r"|texts|messages|times|beers|kisses)",
            r"(?:you're|you are) making (?:<W1>)(?:it|this) (?:sound )?(?:worse|bigger) than",
            r"(?:it's|it is) not (?:a|that) big (?:deal|thing)",
        ),
    ),
    # --- blame_shift ---------------------------------------------------------------------------
    Rule(
        "blame_shift",
        rx(
            r"you (?:<A1>)(?:made|make|forced|force|pushed|push|drove|drive) me (?:<A1>)(?:do|to"
            r"|into|feel|go|look)",
            r"(?:it's|it is|it was|that's|that was) (?:<A1>)(?:all |partly |half |also )?your"
            r" (?:fault|doing)",
            r"(?:if|maybe if) (?:you'd|you had) (?:<A1>)(?:been|paid|given|listened|cared|spent"
            r"|wanted|shown|noticed|asked|let|just)",
            r"(?:if|maybe if) you (?:hadn't|had not|had just|had only|had been|were|weren't"
            r"|didn't|did not|would|'d|had|paid|gave|spent|cared|listened|wanted)",
            r"you (?:were|are|'ve been|have been) (?:<A1>)(?:never|always|hardly ever|barely)"
            r" (?:home|there|around|available|interested|paying attention|on my case|nagging)",
            r"you (?:<A1>)(?:never|don't|didn't|stopped) (?:<W1>)(?:paid|pay|paying|gave|give"
            r"|giving"
            r"|showed|show) (?:<W1>)(?:attention|me any|any attention|affection|time|interest)",
            r"what did you expect",
            r"you (?:left|gave) me no (?:choice|option)",
            r"it takes two",
            rf"{_PEOPLE} (?:<A1>)(?:came on to me|kept (?:texting|messaging|calling|pushing|asking"
            r"|flirting)|started it|made the first move|pursued me|wouldn't leave me alone"
            r"|initiated (?:it|everything)|kissed me first|threw (?:herself|himself) at me"
            r"|talked me into|pressured me|got me drunk)",
            r"you started it",
            r"(?:that's|it's|that is|it is) on you",
            r"you (?:should have|should've) (?:<A1>)(?:known|noticed|asked|paid|seen|checked|been)",
            r"you (?:<A1>)(?:pushed|drove) me (?:away|to it|to this|to drink|into)",
            r"you (?:weren't|were not) (?:<A1>)there for me",
            r"(?:because|cause|cuz|since) you (?:<A1>)(?:were never|weren't|never|always|kept"
            r"|didn't|don't|wouldn't|stopped|ignore|ignored|nag|nagged|were always|were so)",
            r"(?:my (?:friends|boss|brother|sister|ex)|the alcohol|the drink|the drinking|the"
            r" stress|work) (?:<A1>)(?:made|talked|pushed|convinced|drove) me",
            r"(?:not|n't) (?:all|entirely|completely|just|only|totally) my fault",
            r"(?:blame|ask) (?:yourself|your (?:mother|family|friends))",
        ),
    ),
    # --- counter_attack ------------------------------------------------------------------------
    Rule(
        "counter_attack",
        rx(
            r"you (?:do|did|have done|'ve done|do do) (?:it|that|this|the same)(?: thing)?"
            r" (?:<A1>)(?:too|as well|all the time)",
            # "What about you? How are you holding up?" is care, not a counter-attack.
            r"what about (?:you(?![?,.\s—–-]+(?:(?:though|then|love|babe|hun)[?,.\s—–-]+)?"
            r"(?:how (?:are|do) you|are you (?:okay|ok|alright)|what do you need|do you need))"
            r"|when you|your|the time you|all the times you|that time you)",
            r"<YOURE> not (?:<A1>)(?:perfect|innocent|a saint|so perfect|blameless|an angel)",
            r"(?:you|you've|you have) (?:<A1>)(?:lie|lied|hide|hid|cheat|cheated|flirt|flirted|text"
            r"|texted|keep|kept"
            r"|spend|spent|lose|lost|forget|forgot|read|go through|went through|snoop|snooped|drink"
            r"|drank|yell|yelled|hide things|keep secrets) (?:<W6>)(?:too|as well|either)",
            r"(?:you're|you are) (?:one|the one|a fine one|in no position) to talk",
            r"look who's talking",
            r"(?:you|you've|you have) (?:<A1>)(?:done|said) (?:much |way |far )?worse",
            r"(?:remember|what about) (?:when|the time|that time) you",
            r"(?:like|as if) you've never",
            r"you're (?:<A1>)(?:just as|as) bad",
            r"you (?:<A1>)(?:do|did) (?:the same|it|that) all the time",
            r"you're (?:no|not a|hardly a) saint",
            r"you can(?:'t| not|not) (?:<A1>)talk",
            r"pot (?:calling|and) the kettle",
        ),
        # "you drink too much" is a worry, not a counter-attack; "what about you? how are you
        # holding up" is care.
        blocked_after=_w(
            r"^(?:much|many|often|hard|far|late|long|soon|bad|how are you|how do you|are you"
            r" okay|are you ok|what do you need|do you need)\b"
        ),
    ),
    # --- reassurance ---------------------------------------------------------------------------
    Rule(
        "reassurance",
        rx(
            r"(?:ask|asking) (?:me )?(?:<W1>)(?:as many times as|as often as|whenever|any time"
            r"|anytime|however many times|however often|as much as) (?:you|it)",
            r"(?:as many times as|as often as|as long as|however many times|however often|however"
            r" long) (?:you|it) (?:<A1>)(?:need|needs|want|takes|like|have to)",
            r"<ILL> (?:<A1>)(?:answer|tell you|say it|keep answering|keep telling you|go over it"
            r"|explain)(?: (?:it|that|this|the same))?(?: (?:honestly|truthfully|again|to you))?"
            r" (?:again|every time|each time|as many times|as often|whenever|always|anytime|any"
            r" time|every single time|however)",
            r"i'll (?:<A1>)(?:always|keep) (?:answer|answering|tell|telling|be honest)",
            r"you can (?:<A1>)(?:always )?(?:ask|come to) (?:me )?(?:<W1>)(?:anything|again"
            r"|whenever|any time|anytime|as many|as often|whatever|about (?:it|this|that)|with"
            r" (?:this|it|that|anything|questions|your questions))",
            r"(?:it|that) makes (?:<A1>)(?:total |complete |perfect )?sense (?:that )?(?:you'd|you"
            r" would|you) (?:<A1>)(?:keep asking|ask|want to know|need to know|need to hear|come"
            r" back)",
            r"ask (?:me )?(?:whatever|what|anything) you (?:<A1>)(?:need|want|like)",
            r"(?:it's|it is|that's) (?:<A1>)(?:okay|ok|alright|fine|normal|understandable|natural)"
            r" (?:to|that you|you) (?:<A1>)(?:ask|keep asking|want to know|need to hear|need to"
            r" know|come back|asking|ask again)",
            r"(?:i )?(?:don't|do not|won't|will not|never) mind (?:you )?(?:asking|answering"
            r"|telling"
            r" you|going over|questions|the questions)",
            r"(?:i'm|i am) (?:not|never) (?:going to get |gonna get |getting )?(?:tired|sick) of"
            r" (?:<W2>)(?:answering|you asking|your questions|talking|telling you|this)",
            r"(?:i'll|i will|i won't|i will not) (?:never |ever )?(?:get |be |grow )?(?:tired|sick)"
            r" of",
            r"(?:i'm|i am) (?:not going anywhere|here for as long|happy to (?:answer|go over|tell"
            r" you|talk))",
            r"(?:no matter|doesn't matter|does not matter|don't care|do not care|don't mind) how"
            r" (?:many times|often|long|much)",
            r"(?:take|you can take) (?:all )?the time you need",
            r"whenever you need (?:to )?(?:ask|hear|talk|know)",
            r"you (?:have|'ve got) every right to (?:ask|know|keep asking)",
            r"(?:you can|feel free to|please|it's okay to|go ahead and|you should) (?:<A1>)keep"
            r" asking",
            r"(?:i want|i'd rather|i would rather) you (?:to )?(?:<A1>)(?:ask|keep asking)",
            r"ask me (?:again|anything)(?=\s*[,.!]|\s*$| and| whenever| any| as| tomorrow| if)",
            r"i (?:<A1>)(?:want|need) you to (?:<A1>)(?:ask|keep asking)",
            r"(?:of course|sure)(?:,)? i'll (?:tell you|answer|go over it|say it) again",
            r"i'll (?:<A1>)(?:tell you|answer|say it|go over it) again",
            r"<ILL> (?:<A1>)(?:give you|tell you) the same (?:answer|thing)",
            r"(?:hear it|ask|asking|ask me|know) again(?:,)? (?:and )?(?:that's|that is|it's|it is)"
            r" (?:<A1>)(?:okay|ok|fine|alright|understandable|allowed)",
        ),
        blocked_before=_w(r"(?:\bdon't|\bnever|\bnot|\bstop|\bcan't|\bwon't)$"),
    ),
)


_learned_labels: LearnedLabels | None = None


def use_learned_labels(learned: LearnedLabels | None) -> None:
    """Set once by the action server at start (None: rules only, as in unit tests)."""
    global _learned_labels
    _learned_labels = learned


def learned_labels_in_use() -> LearnedLabels | None:
    """The learned labels `analyze_answer` uses by default, if any."""
    return _learned_labels


def analyze_answer(
    text: str, learned: LearnedLabels | None = None, use_learned: bool = True
) -> AnswerAnalysis:
    """Analyse one answer to a partner's repeated question, typed or recognised speech.

    With learned labels (``learned``, else those set by :func:`use_learned_labels`) each
    clause the model reads as a label the rules missed there adds a finding quoting it
    (answer_learned.py). ``use_learned=False``: rules only."""
    view = TextView(normalize(text))
    findings = find_cues(view, _RULES, ADVICE.__getitem__)
    reader = (learned or _learned_labels) if use_learned else None
    if reader is not None and text.strip():
        rules = findings
        reading = reader.read(text)
        findings = combine_answer_findings(rules, reading, ADVICE.__getitem__)
        findings = read_turn(
            reader, text, {finding.label for finding in rules}, findings, reading,
            ADVICE.__getitem__,
            may_add=lambda label, start, end: not ruled_out(
                label, text[start:end], start, end, rules
            ),
        )  # fmt: skip
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))
    present = {finding.label for finding in findings}
    return AnswerAnalysis(
        text=text,
        labels=tuple(label for label in LABELS if label in present),
        findings=tuple(findings),
    )
