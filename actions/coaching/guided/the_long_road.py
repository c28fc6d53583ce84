"""The long road: the weeks and months of rebuilding, trust earned again, being dependable
and yourself; it closes on kintsugi and the wabi-sabi way of seeing it belongs to."""

from __future__ import annotations

from actions.coaching.guided.base import GuidedReflection, Step

THE_LONG_ROAD = GuidedReflection(
    id="the-long-road",
    title="The long road",
    aliases=(
        "the long road",
        "long road",
        "long haul",
        "long term",
        "months",
        "rebuilding",
        "rebuild",
        "the long one",
        "patience",
    ),
    summary=(
        "For the weeks and months of rebuilding: being dependable, patient and yourself "
        "while trust is earned back."
    ),
    steps=(
        Step(
            "arrive",
            "This reflection is about the long road: the weeks and months after the first "
            "apology. Settle in, and let your breathing find its own pace.",
            20,
        ),
        Step(
            "how-trust-grew",
            "Think back to when you first met. They didn't trust you on the first day. Trust "
            "grew from small things done again and again: turning up, keeping your word, "
            "telling the truth. It was earned then, and it will be earned again now, in the "
            "same way.",
            40,
            tags=frozenset({"trust_is_earned"}),
        ),
        Step(
            "small-ordinary-things",
            "What are the small, ordinary things that show you can be relied on? Being where "
            "you said you'd be. Calling when you said you'd call. Name two or three you can do "
            "this week.",
            45,
            invites_answer=True,
            tags=frozenset({"advice_3_dependable_over_time"}),
        ),
        Step(
            "it-takes-months",
            "Healing like this often takes months, not days. There will be good weeks, and "
            "then a day when it all feels raw again. That isn't failure. It's what the road "
            "looks like.",
            40,
            tags=frozenset({"healing_takes_months", "advice_7_patience_and_openness"}),
        ),
        Step(
            "your-impatience",
            "When do you feel impatient with how long this is taking? Say it honestly here, "
            "where it can't hurt them.",
            45,
            invites_answer=True,
            tags=frozenset({"healing_takes_months"}),
        ),
        Step(
            "the-same-question-again",
            "When they come back to the same question weeks later, they're not testing you "
            "for the sake of it. The hurt is still finding its way. Answer openly and "
            "honestly, and tell them you'll keep talking about it for as long as they need.",
            40,
            tags=frozenset({"advice_7_patience_and_openness"}),
        ),
        Step(
            "let-the-day-be-a-day",
            "There's a balance, though. You don't need to bring it up every day, or keep "
            "punishing yourself out loud. Answer what they ask, and never make them feel "
            "foolish for asking. Then let the day be a day.",
            35,
            tags=frozenset({"advice_9_no_dwelling_no_belittling"}),
        ),
        Step(
            "promises-you-keep",
            "Over months, promises pile up. Make only the ones you can keep. When they ask "
            "for something you can't do, say so, say why, and find something you can both "
            "live with. And if they ever need time apart, give it, and agree together on when "
            "you'll talk again.",
            40,
            tags=frozenset({"advice_6_realistic_promises", "advice_8_time_apart"}),
        ),
        Step(
            "no-show-needed",
            "On a long road it's tempting to put on a show: grand gestures, perfect words. You "
            "don't have to impress anyone. Being yourself, reliably, day after day, is what "
            "they can learn to trust.",
            40,
            tags=frozenset({"be_yourself", "advice_3_dependable_over_time"}),
        ),
        Step(
            "a-year-from-now",
            "Picture a year from now. What kind of partner do you want them to be able to "
            "count on? Say it in a sentence or two.",
            50,
            invites_answer=True,
            tags=frozenset({"advice_3_dependable_over_time"}),
        ),
        Step(
            "closing",
            "A last image. Kintsugi is the Japanese craft of mending broken pottery with gold. "
            "The mended piece doesn't hide where it broke; the seams catch the light, and many "
            "find it more beautiful than before. It belongs to wabi-sabi, a way of seeing "
            "beauty in what is imperfect and still changing. What broke between you can't be "
            "unbroken. But mended with patience and care, over time, it can hold, and it can "
            "shine where it was mended.",
            45,
            tags=frozenset({"kintsugi_gold_repair", "wabi_sabi"}),
        ),
    ),
)
