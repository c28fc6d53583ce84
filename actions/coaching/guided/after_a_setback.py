"""After an argument or a setback: settling, owning your part, time apart, and what to say
when you talk again."""

from __future__ import annotations

from actions.coaching.guided.base import GuidedReflection, Step

AFTER_A_SETBACK = GuidedReflection(
    id="after-a-setback",
    title="After an argument or a setback",
    aliases=(
        "after an argument or a setback",
        "after an argument",
        "argument",
        "after a fight",
        "fight",
        "we fought",
        "a row",
        "setback",
        "bad day",
        "went badly",
        "went wrong",
        "blew up",
    ),
    summary=(
        "For when a talk went badly or an old hurt opened up again: settling down, owning "
        "your part, and what comes next."
    ),
    steps=(
        Step(
            "settle",
            "Something went badly, and you may still feel it in your body. Before anything "
            "else, let's slow down. Breathe in for a count of four, hold it for a moment, and "
            "breathe out for six. Do that a few more times in the quiet.",
            25,
        ),
        Step(
            "what-happened",
            "Without judging it yet, what happened? Say it the way a calm friend, watching "
            "from the corner of the room, would describe it.",
            45,
            invites_answer=True,
        ),
        Step(
            "your-part",
            "Now find your part in it. Not theirs: yours. Perhaps a sharp word, a defensive "
            "tone, an excuse that slipped out before you could stop it. Say one thing you did "
            "that you would take back.",
            50,
            invites_answer=True,
            checks_answer=True,
            tags=frozenset({"advice_5_responsibility_no_blame", "advice_4_no_excuses"}),
        ),
        Step(
            "not-their-fault",
            "It may be true that they said hurtful things too. You can notice that, and still "
            "not use it. Blaming them for your mistake would undo the very thing you're trying "
            "to rebuild. Owning your part is enough for now.",
            35,
            tags=frozenset({"advice_5_responsibility_no_blame"}),
        ),
        Step(
            "what-they-felt",
            "Think back to the moment it turned. What might they have been feeling underneath "
            "the words? Fear, tiredness, a question that still has no answer? Try to see it "
            "from where they stood, and hear what they were really saying.",
            40,
            tags=frozenset({"advice_2_listen"}),
        ),
        Step(
            "not-overreacting",
            "If you said something like, you're overreacting, or, calm down, it will have hurt "
            "more than it sounded. Their feelings belong to them. Insecurity after trust is "
            "broken is a normal response, not a sign that they're being unfair.",
            35,
            tags=frozenset({"advice_9_no_dwelling_no_belittling"}),
        ),
        Step(
            "time-apart",
            "If they asked for time apart, give it fully. Don't call, don't text, don't send "
            "word through a friend. Space given with respect tells them more than any message "
            "could. Agree on when you'll be back in touch, and keep to it.",
            40,
            tags=frozenset({"advice_8_time_apart"}),
        ),
        Step(
            "a-fair-pause",
            "If you both need a pause, what would feel fair? Long enough for both of you to "
            "calm down, at least twenty minutes, and not so long that it feels like being "
            "left, usually no more than a day. Say what you might suggest, and when you'd "
            "come back to it.",
            40,
            invites_answer=True,
            tags=frozenset({"advice_8_time_apart"}),
        ),
        Step(
            "forward-and-back",
            "A setback doesn't wipe out the progress you've made. Healing goes forward and "
            "back. Staying patient now, open and honest even when it's hard, is what lets "
            "them feel safe enough to come back to the conversation.",
            35,
            tags=frozenset({"advice_7_patience_and_openness"}),
        ),
        Step(
            "when-you-talk-again",
            "When you talk again, what would you like to say about today? Keep it short, own "
            "your part, and don't go over it again and again. Say it once, here, as practice.",
            45,
            invites_answer=True,
            checks_answer=True,
            tags=frozenset({"advice_1_sincere_apology", "advice_9_no_dwelling_no_belittling"}),
        ),
        Step(
            "closing",
            "Think of a bowl that cracked and was mended with gold. The golden lines are part "
            "of its story now, and part of its beauty. A setback is a new crack, not the end "
            "of the bowl. With care, it can be mended too. Be as kind to yourself tonight as "
            "you hope to be to them.",
            35,
            tags=frozenset({"kintsugi_gold_repair"}),
        ),
    ),
)
