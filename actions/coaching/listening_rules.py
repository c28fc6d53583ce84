"""The listening analysis's phrase rules: validation, defensiveness, fixing and question.

Data written as code, in the pattern language of `actions.coaching.cues`, which applies them
(negated, refused and quoted phrases do not count).
"""

from __future__ import annotations

from actions.coaching.cues import Rule, rx
from actions.coaching.cues import words_rx as _w

__all__ = ["RULES"]


_CLAUSE_START = _w(
    r"(?<![\w'])(?!(?:okay|ok|um|uh|well|now|right|alright|also|honestly|oh|yeah|hey|please|then"
    r"|sorry|first|last|finally|and|so|but)$)[\w']+$"
)
_OWNERSHIP_AFTER_BUT = (
    r"(?:hear|understand|get it|get that|see|know how|know that you|know you|want to"
    r" (?:understand|hear|listen|know more)|am listening|'m listening|'m sorry|am sorry"
    r"|'m here|am here|love you|care|lied|hurt you|was wrong|should have|shouldn't have"
    r"|messed up|broke|let you down|did it|did that|hid|kept|betrayed|chose|take|own|accept"
    r"|can see|can hear|can't imagine|don't blame)\b"
)

RULES: tuple[Rule, ...] = (
    # --- validation ------------------------------------------------------------------------
    Rule(
        "validation",
        rx(
            # The subject belongs in the quote: "that makes sense", not "makes sense".
            r"(?:(?:that|it|this|which|everything|all of that|all that) )?(?:makes|made|make)"
            r" (?:total |complete |perfect |a lot of |so much )?sense",
            r"of course (?:you're|you'd|you (?:are|were|feel|felt|would|do|did|can't|couldn't|have"
            r"|had|will))",
            r"(?:you have|you've got|you've|you had|you have got) (?:every|a|good|all the|every"
            r" single)"
            r" (?:right|reason)",
            r"<YOURE> (?:completely |totally |absolutely )?(?:right|entitled|allowed) to",
            r"(?:anyone|anybody|everyone|everybody|any person) (?:would|'d) (?:<A1>)(?:be|feel|have"
            r"|react)",
            r"who wouldn't (?:be|feel)",
            r"(?:i'd|i would|i'd have|i would have|i would've) (?:<A1>)(?:feel|be|felt|been)"
            r" (?:<W2>)"
            r"(?:the same|that way|angry|hurt|furious|upset|scared|devastated)",
            r"i (?:<A1>)(?:can |could )?(?:<A1>)(?:understand|get|see) why",
            r"i (?:<A1>)(?:understand|get) how (?:<W2>)you (?:feel|felt)",
            r"no wonder",
            r"(?:<ITS>|your (?:feelings|anger|reaction|reactions|hurt) (?:is|are)) (?:completely "
            r"|totally |so |really |very |perfectly |entirely )?(?:understandable|valid|fair"
            r"|reasonable|justified|legitimate|natural)",
            r"(?:it's|it is) (?:okay|ok|alright|fine|normal) (?:that you|to (?:be|feel))",
            r"i (?:don't|do not|can't|cannot|couldn't) blame you",
            r"<YOURE> not (?:wrong|crazy|overreacting|being (?:dramatic|unreasonable|silly))",
            r"<YOURE> (?:so |completely |totally |absolutely )?right",
            r"you (?:deserve|deserved) (?:better|the truth|to (?:know|hear|be told))",
            r"you (?:shouldn't|should not) have (?:had to|needed to)",
        ),
        blocked_before=_w(r"(?:\bdoes|\bdid|\bdo|\bif)(?: that| this| it| what i said)?$"),
        blocked_after=_w(r"^(?:to me|for me|of me to|that i)\b"),
    ),
    # --- defensiveness ----------------------------------------------------------------------
    Rule(
        "defensiveness",
        rx(
            rf"but i (?!{_OWNERSHIP_AFTER_BUT})<W>",
            r"but you (?!(?:said|told me|felt|feel|were right|are right|'re right|deserved|deserve"
            r"|had every|have every|needed|need|wanted|want|didn't deserve|shouldn't have had"
            r"|heard|found out|were hurt|are hurt|were alone)\b)<W>",
        ),
        negatable=False,
    ),
    Rule(
        "defensiveness",
        rx(
            r"in my defen[cs]e",
            r"to be fair",
            r"(?:i|we) only did (?:it|that|this) (?:because|to|for)",
            r"i did (?:it|that|this) (?:because|to protect|to spare|for us|for you|for the family)",
            r"i was (?:just |only )?trying to (?:protect|help|spare|keep|save|avoid|not hurt)",
            r"i was (?:going|about|planning) to tell you",
            r"i (?:didn't|did not|never) mean(?:t)? (?:to|it|for|any)",
            r"i had (?:my|no|good|a good|my own) (?:reasons?|choice)",
            r"<ITS> not (?:what|how) (?:happened|it (?:was|happened)|i (?:said|meant))",
            r"(?:that's|that is|it's|it is|that was|it was) (?:not|n't) (?:<W1>)(?:true|fair)",
            r"(?:that's|that is) (?:unfair|an exaggeration|a bit much|not the whole story)",
            r"(?:it wasn't|it was not|it's not|it is not) (?:like that|that bad|that simple|as bad"
            r" as)",
            r"(?:it's|it is|it was|it wasn't|it isn't) not (?:like|as if) i",
            r"it's not like i",
            r"<YOURE> (?:exaggerating|overreacting|twisting|blowing|being (?:unfair|dramatic"
            r"|ridiculous|paranoid|too sensitive|sensitive))",
            r"you (?:make|made|making|are making|'re making) (?:it|this|that|me) (?:sound|seem"
            r"|look)",
            r"at least i",
            r"what about (?:you|when you|your|the time you|all the times you)",
            r"you (?:do|did|have done|'ve done) (?:it|that|this|the same)(?: thing)? (?:too|as"
            r" well)",
            r"<YOURE> not (?:perfect|innocent|a saint)",
            r"you (?:lie|lied|hide|hid|do it|did it) too",
            r"(?:not|n't) (?:all |entirely |completely |totally |just )?my fault",
            r"(?:i was|i'd been|i had been) (?:so |just |really |very )?(?:stressed|tired|drunk"
            r"|scared|afraid|overwhelmed|under (?:a lot of )?pressure|ashamed|embarrassed"
            r"|panicking)",
            r"(?:because|cause|cuz) i (?:was|felt) (?:<W1>)(?:scared|afraid|ashamed|embarrassed"
            r"|stressed|worried|tired|drunk)",
            r"i (?:couldn't|could not) (?:help it|tell you|face)",
            r"(?:couldn't|could not|can't|cannot) (?:bring myself to|face) (?:telling|tell|say)",
            r"i (?:couldn't|could not|can't) (?:<A1>)(?:leave|get away|say no|stop|help myself)",
            r"but (?:my|the) (?:boss|work|job|meeting|team|friend|friends|mom|dad|family|phone"
            r"|battery|traffic)",
            r"i wish you (?:<A1>)(?:didn't|hadn't|wouldn't|weren't|had|would|could|did)",
            r"i (?:wasn't|was not|didn't|did not|never|haven't|have not) (?:<A1>)(?:lying|lie|lied"
            r"|cheating|cheated|hiding|hid|snooping|snooped|spying|drinking|drank|gambling)",
            r"(?:not just|not only) me",
            r"i (?:wasn't|was not|'m not|am not) the only one",
            r"(?:everyone|everybody) (?:else )?(?:was|did|does|laughed|drinks) (?:<W1>)(?:it"
            r"|laughing"
            r"|too|the same|that)",
            r"(?:it was|it's|that was) (?:<A1>)(?:a|just a|only a) (?:joke|bit of fun|laugh)",
            r"but (?:<A1>)(?:it|that) (?:was|wasn't|is|isn't|'s) (?:<A1>)(?:over|nothing|not|only"
            r"|just|a mistake|a joke|one|different|complicated|never)",
            r"you (?:<A1>)(?:lie|lied|hide|hid|spend|spent|cheat|cheated|flirt|flirted|keep|kept"
            r"|lose"
            r"|lost|forget|forgot|drink|drank|yell|yelled|do it|did it) (?:<W3>)(?:too|as well"
            r"|either)(?! (?:much|many|often|hard|far|late|long|soon)\b)",
            # "I read it because you ...": an act of mine explained by you. Not "I know you're
            # upset because you trusted me", which reflects their reason.
            r"i (?:<A1>)(?:only |just )?(?:did|read|told|went|lied|hid|kept|said|spent|drank|looked"
            r"|checked|snooped|laughed|joked|forgot|missed|left) (?:<W2>)because you",
            r"i (?:<A1>)(?:only|just) (?:<W2>)because",
            r"<IM> not (?:a |the )?(?:liar|bad person|monster|cheater|bad guy|only one)",
            r"i had to",
            r"you (?:always|never) (?:<W1>)(?:listen|let me|give me|understand|see my|ask me|trust"
            r" me)",
            r"(?:you're|you are) (?:one|the one) to talk",
            r"look who's talking",
            r"what (?:was|am|were) i supposed to (?:do|say)",
            r"let me (?:<W1>)explain",
            r"you (?:have to|need to|must|gotta|'ve got to|got to) understand",
            r"if you (?:hadn't|had not|had just|had only|would just|would have|weren't|were not"
            r"|didn't|did not)",
            r"you (?:know|knew) (?:i|how) (?:<W1>)(?:was|am|get|have been)",
            r"you (?:should have|should've|could have|could've) (?:<A1>)(?:asked|told|said|known"
            r"|noticed|checked|talked|come)",
            r"i (?:<A1>)thought (?:it|that|he|she|this) (?:would|was|might|could) (?:<W1>)(?:help"
            r"|fine|okay|ok|harmless|no big deal|for the best|best|be fine|be okay)",
            r"(?:it's|it is|it was|that's|that was) (?:<A1>)(?:only|just) (?:<W2>)(?:grand|dollars"
            r"|bucks|money|thousand|hundred|a joke|a comment|a little|one|a few|a couple)",
            r"(?:it wasn't|it was not|it isn't|it's not) (?:<A1>)(?:that bad|a big deal|that"
            r" serious"
            r"|that much|every day|like i)",
            r"(?:it was|it's|i|we) (?:<A1>)(?:only|just) (?:<W2>)(?:a little|a bit|once|one time|a"
            r" couple of|a few)",
            r"i (?:didn't|did not) want to (?:<A1>)(?:worry|hurt|upset|stress|burden|scare|lose)"
            r" you",
            r"why (?:didn't|did not|wouldn't|couldn't) you",
            r"did you (?:<A1>)(?:go through|look through|check|read|search|snoop) my",
        ),
    ),
    # --- fixing -----------------------------------------------------------------------------
    Rule(
        "fixing",
        rx(
            r"you (?:<A1>)(?:should|ought to|have to|need to|must|gotta|got to|'ve got to|'d better"
            r"|had better|might want to|may want to|could try|should try|could just|can just)"
            r"(?! (?:have|'ve|of|understand|be heard|feel|hear|know|say|talk|tell|vent|be told"
            r"|be able|be listened)\b) <W>",
            r"you (?:shouldn't|should not|mustn't) (?!have\b|'ve\b)<W>",
            r"why don't you",
            r"have you (?:tried|thought about|considered)",
            r"what if you (?!felt|feel|were)",
            r"if you (?:just|would just|could just) ",
            r"(?:let's|let us|we should|we need to|we could|we can|we have to|we've got to|we gotta"
            r"|we must|we'll just) (?:just |both |all |really )?(?:go|get|try|see|talk to|start"
            r"|move|put|figure|make|pay|sit"
            r"|speak|call|ask"
            r"|save|cut|book|fix|sort|work|find|focus|set|forget|plan|agree|look|leave|drop)",
            r"(?:what|how) (?:can|could|should) i (?:<W1>)(?:do|fix|make|change)",
            r"(?:should|can|could|shall) i (?:<A1>)(?:talk to|call|speak to|fix|make|tell|ask"
            r"|get)",
            r"(?:we'll|we will|we're going to|we are going to) (?:<A1>)(?:sit down|make|set up|go"
            r"|get|see|start|sort|work (?:it|this) out|figure|find|fix|pay|cut|budget|plan|book"
            r"|move on|put)",
            r"<ILL> (?:<A1>)(?:cut up|cancel|close|block|delete|stop|start|go to|book|call|get rid"
            r"|change|quit)",
            r"<ILL> (?:<W1>)(?:fix|sort|solve|handle|make it up|make it right|make up for|pay (?:it"
            r"|you) back|get (?:help|a job|another job)|find (?:a|another) job)",
            r"i (?:can|could) (?:<A1>)(?:fix|sort (?:it|this|that) out|solve|make it up|make it"
            r" right)",
            r"i (?:want|need|'d like|would like) to (?:<W1>)(?:fix|make (?:it|this|things) right"
            r"|make it up|sort (?:it|this) out|solve)",
            r"let me (?:<W1>)(?:fix|sort|make it up|make it right|solve)",
            r"the (?:solution|answer|fix|plan) is",
            r"here's what we(?:'ll| will| can| should)? (?:do|can do)",
            r"next time(?:,)? (?:you|just|try)",
            r"just (?:ignore|forget|let it go|don't think|try to|move on|get over|put it behind)",
            r"(?:don't|do not) (?:worry|think about it|dwell|let (?:it|them|him|her)|be (?:so )?"
            r"(?:upset|hard on yourself|sad|angry|scared|mad))",
            r"(?:try|try not) to (?:not )?(?:think|worry|let it|forget|focus|relax|calm)",
            r"look on the bright side",
            r"(?:it'll|it will|everything will|everything'll|things will) (?:<A1>)(?:be (?:fine"
            r"|okay|ok"
            r"|alright)|work out|get better)",
            r"you'll (?:<A1>)(?:feel better|get over|be fine|be okay|forget)",
            r"(?:move on|get over it|let it go|put (?:it|this) behind)",
            r"(?:maybe|perhaps) you (?:could|should|can|might)",
            r"it would (?:help|be better|be good) if you",
            r"calm down",
            r"(?:cheer|lighten) up",
        ),
    ),
    # --- question ---------------------------------------------------------------------------
    # Check-ins are distinctive enough to count wherever they stand, which matters for speech,
    # where no question mark marks the end of "you felt alone did i get that right".
    Rule(
        "question",
        rx(
            r"(?:did|have|do) i (?:<W1>)(?:get|got|miss|missed|hear|heard|understand|understood"
            r"|leave|left|catch|caught|capture|captured|sum) (?:<W2>)(?:right|correctly|anything"
            r"|everything|something|all|it|that|up)",
            r"am i (?:<W1>)(?:right|close|missing|getting|hearing|understanding)",
            r"(?:is|was) (?:that|this|it) (?:<W1>)(?:right|correct|true|fair|accurate|what you"
            r" (?:meant|mean|said|were saying)|how you (?:feel|felt))",
            r"(?:is|was) there (?:<W1>)(?:anything|something|more)",
            r"(?:do|would|did) you (?:<W1>)(?:want|like|need) (?:me )?to (?:say|tell|talk|add|go"
            r"|share|keep)",
            r"(?:can|could|would|will) you (?:<W1>)(?:tell|say|help|explain|share) (?:me|more)",
            r"how (?:are|were) you (?:doing|feeling|holding)",
            r"how (?:do|did) you feel",
            r"what (?:do|did|would|could|can) you (?:<W1>)(?:need|want)",
            r"what (?:would|could|might) help",
            r"anything (?:else|more) (?:you (?:want|need|'d like|would like) to (?:say|tell me|add"
            r"|share)|on your mind)",
            r"tell me more",
        ),
        negatable=False,
        blocked_before=_w(
            r"(?:asked|ask|asking|wonder|wondering|wondered|know|knowing|knew|question|questioning"
            r"|sure|whether|if)(?: me)?$"
        ),
    ),
    # Any other question needs its words inverted at the start of a clause: "what did I
    # miss", "are you okay". Mid-clause, "what I heard is you felt alone" is a statement.
    Rule(
        "question",
        rx(
            r"(?:what|how|why|when|where|who|which)(?: else| much| many| long| exactly| often)?"
            r" (?:do|did|does|are|is|was|were|can|could|would|should|will|have|has|am) (?:i|you"
            r"|we|that|this|it|there|they|he|she)",
            r"(?:do|did|does|are|were|can|could|would|will|should|have|has|am|is) (?:you|i|we"
            r"|there|that|it) (?:<W1>)(?:want|need|feel|think|mean|have|like|agree|see|wish|still"
            r"|ever|okay|ok|alright|sure|saying|asking|remember|know|understand|get|go|miss)",
        ),
        negatable=False,
        blocked_before=_CLAUSE_START,
    ),
)
