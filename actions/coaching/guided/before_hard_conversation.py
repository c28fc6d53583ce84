"""Before a hard conversation: what you did, the apology, listening, and what you can honestly
offer. Written for the hour before the talk."""

from __future__ import annotations

from actions.coaching.guided.base import GuidedReflection, Step

BEFORE_A_HARD_CONVERSATION = GuidedReflection(
    id="before-a-hard-conversation",
    title="Before a hard conversation",
    aliases=(
        "before a hard conversation",
        "hard conversation",
        "difficult conversation",
        "hard talk",
        "before we talk",
        "before i talk",
        "before talking",
        "prepare",
        "preparing",
        "get ready",
        "conversation",
    ),
    summary=(
        "For the time before you talk with them: what you want to say, how you'll listen, "
        "and what you can honestly offer."
    ),
    steps=(
        Step(
            "arrive",
            "Let's begin by arriving. Sit somewhere you won't be interrupted, and let your "
            "shoulders drop. Breathe in slowly, and out a little more slowly. You don't need "
            "the right words yet. We'll find them one at a time.",
            20,
        ),
        Step(
            "what-you-did",
            "Think about what you did, in plain words, the way they would describe it. Not the "
            "reasons, not the background: just what you did, and what it cost them. When "
            "you're ready, say it out loud, as simply as you can.",
            45,
            invites_answer=True,
            checks_answer=True,
            tags=frozenset({"advice_5_responsibility_no_blame"}),
        ),
        Step(
            "the-pull-to-explain",
            "Notice whether a reason wants to come along with it. I was stressed. You'd been "
            "distant. It only happened once. Some of that may even be true, but in this "
            "conversation it will sound like an excuse, or like blame. Set each one down for "
            "now. If they want to know why, they'll ask, and you can answer honestly then.",
            40,
            tags=frozenset({"advice_4_no_excuses", "advice_5_responsibility_no_blame"}),
        ),
        Step(
            "the-apology",
            "Now the apology itself. Say sorry for what you did, name how it hurt them, and "
            "stop there, with no but and no if. It doesn't have to be polished. It has to be "
            "meant. Say it now, the way you'd say it to them.",
            60,
            invites_answer=True,
            checks_answer=True,
            tags=frozenset({"advice_1_sincere_apology"}),
        ),
        Step(
            "in-your-own-words",
            "Plain words are the ones to keep. They know how you talk. A speech that sounds "
            "rehearsed can feel like you're trying to win something. Being yourself, awkward "
            "pauses and all, is what lets them believe you.",
            30,
            tags=frozenset({"be_yourself"}),
        ),
        Step(
            "then-listen",
            "Once you've said it, the most important part begins: listening. Picture their face "
            "as they answer. They may be angry, or quiet, or say things that are hard to hear. "
            "Your only job then is to understand, not to defend yourself. Let them finish "
            "before you speak.",
            40,
            tags=frozenset({"advice_2_listen"}),
        ),
        Step(
            "what-they-might-say",
            "Imagine they've just told you how this felt for them. What do you think they'll "
            "say? Say back, in your own words, what you expect to hear, and the feeling "
            "underneath it.",
            45,
            invites_answer=True,
            tags=frozenset({"advice_2_listen"}),
        ),
        Step(
            "what-they-ask",
            "They may ask something of you. To see your phone, to end a friendship, to be home "
            "at a certain time. Before you say yes, ask yourself whether you can truly keep "
            "it. A promise broken later costs more than saying: I can't promise that, and "
            "here's why, but here is what I can do.",
            40,
            tags=frozenset({"advice_6_realistic_promises"}),
        ),
        Step(
            "what-you-can-offer",
            "What is one thing you can honestly offer them, something small enough that you "
            "will keep it every single time? Say it out loud.",
            45,
            invites_answer=True,
            checks_answer=True,
            tags=frozenset({"advice_6_realistic_promises", "advice_3_dependable_over_time"}),
        ),
        Step(
            "the-same-question",
            "They might ask the same question twice, or five times. That isn't an attack. It's "
            "what hurt does while it tries to make sense of things. Each time, answer openly, "
            "as if it were the first time, and let them know you'll keep talking about it for "
            "as long as they need.",
            35,
            tags=frozenset({"advice_7_patience_and_openness"}),
        ),
        Step(
            "their-feelings",
            "If you feel the urge to say, you're overreacting, or, can we move on now, notice "
            "it and let it pass. Their feelings are theirs. Feeling insecure after being let "
            "down is a normal response, not something to argue them out of.",
            35,
            tags=frozenset({"advice_9_no_dwelling_no_belittling"}),
        ),
        Step(
            "closing",
            "One last picture to take with you. In Japan, a broken bowl is sometimes mended "
            "with gold, so the cracks shine instead of hiding. That is kintsugi. Whatever "
            "happens in this conversation, you can begin a careful repair like that. Go "
            "gently. I hope it goes well.",
            30,
            tags=frozenset({"kintsugi_gold_repair"}),
        ),
    ),
)
