"""Repeated-questions scenarios: a hurt partner asks the same hard things again and again.

CONTENT.md (advice 7 and the atone phase of affair recovery): a hurt partner may ask the same
questions many times, and the person who broke the trust answers honestly every time, without
getting defensive, and lets them know they may keep asking. So each scenario has two or three
questions and a schedule that circles back to every one at least three times, the way a hurt
person does: sometimes the same words, sometimes reworded from a new angle, and usually
rawer as the session goes on (`Ask.intensity`).

Each question carries a patient example answer for feedback. The examples invent plausible
facts for the scenario, always include the reassurance that asking again is fine, and never
promise what cannot be kept (advice 6).
"""

from __future__ import annotations

from actions.coaching.scenarios.base import Ask, HardQuestion, QuestionsScenario

__all__ = ["QUESTIONS_SCENARIOS", "get_questions_scenario"]


AFTER_THE_AFFAIR = QuestionsScenario(
    id="after-the-affair",
    title="After the affair",
    premise=(
        "You had an affair with a colleague, Alex, for eight months. It is over, and your "
        "partner knows. Tonight they have questions."
    ),
    questions=(
        HardQuestion(
            "how-long",
            "How long was it going on?",
            "how long it went on",
            "It's okay to ask again. It started in March and went on for eight months. That "
            "won't change, however many times you ask me.",
        ),
        HardQuestion(
            "still-in-touch",
            "Do you still talk to Alex?",
            "whether you're still in touch with Alex",
            "No. The last time was the message where I ended it. If Alex ever gets in touch, "
            "I'll tell you that same day. Ask me whenever you need to.",
        ),
        HardQuestion(
            "in-love",
            "Were you in love with Alex?",
            "what you felt for Alex",
            "I don't want to give you an easy answer that isn't true. I had feelings for Alex. "
            "I'm choosing you, and I'll keep answering this as honestly as I can.",
        ),
    ),
    schedule=(
        Ask("how-long", "How long was it going on? And please don't round it down.", 1),
        Ask("still-in-touch", "Do you still talk to Alex? At work, by text, anywhere?", 1),
        Ask("in-love", "Were you in love with Alex?", 2),
        Ask("how-long", "When did it actually start? I want the real date.", 2),
        Ask("still-in-touch", "Have you spoken to Alex since you ended it? Even once?", 2),
        Ask("in-love", "Did you love them? Just tell me. I can take it.", 2),
        Ask(
            "how-long",
            "Was it really only since March? Because I keep remembering things from before that.",
            3,
        ),
        Ask(
            "still-in-touch", "If Alex texted you tonight, would you answer? Would I even know?", 3
        ),
        Ask(
            "in-love", "Do you still think about them? When you go quiet, is that where you are?", 3
        ),
    ),
    closing="Okay. I'm going to stop for tonight. I'll probably ask you again tomorrow.",
)


WHERE_WERE_YOU = QuestionsScenario(
    id="where-were-you",
    title="Where were you on Friday?",
    premise=(
        "You told your partner you were working late on Friday. You were at a bar with your "
        "ex, Jess, until after midnight, and they found out."
    ),
    questions=(
        HardQuestion(
            "where-really",
            "Where were you really on Friday?",
            "where you were on Friday",
            "At the Blue Door, the bar on Fifth Street, from about eight until a little after "
            "midnight. That's all of it, and you can ask me again any time.",
        ),
        HardQuestion(
            "anything-happen",
            "Did anything happen with Jess?",
            "whether anything happened with Jess",
            "No. We talked and had a couple of drinks, and I drove home alone. I know my word "
            "isn't worth much right now, so ask me as often as you need.",
        ),
        HardQuestion(
            "why-lie",
            "Why did you lie instead of telling me?",
            "why you lied",
            "Because I knew it would hurt you and I didn't want to face that. That was cowardly, "
            "and it's on me. I'll keep answering that for as long as you need.",
        ),
    ),
    schedule=(
        Ask("where-really", "Where were you really on Friday night?", 1),
        Ask("anything-happen", "Did anything happen with Jess?", 2),
        Ask("why-lie", "Why would you lie to me instead of just telling me?", 2),
        Ask("where-really", "What time did you actually leave? And where did you go after?", 2),
        Ask("anything-happen", "Did you kiss her? Did you touch her at all?", 3),
        Ask(
            "why-lie",
            "What was so bad about the truth that you had to make up a shift at work?",
            2,
        ),
        Ask("where-really", "Tell me again. Where were you, and until when?", 2),
        Ask("anything-happen", "Be honest with me. Nothing happened? Nothing at all?", 3),
        Ask("why-lie", "Why is lying to me easier for you than talking to me?", 3),
    ),
    closing="I don't know what to do with all this yet. That's enough for now.",
)


THE_DEBT = QuestionsScenario(
    id="the-debt",
    title="The debt",
    premise=(
        "You hid eleven thousand dollars of credit card debt from your partner and told them "
        "money was fine. The bank's letter has arrived."
    ),
    questions=(
        HardQuestion(
            "how-much",
            "How much is it, all of it?",
            "how much you owe",
            "Eleven thousand two hundred on that card, and nothing else. I'll show you every "
            "statement, and you can ask me as many times as you want.",
        ),
        HardQuestion(
            "how-long",
            "How long have you been hiding it?",
            "how long you hid it",
            "Since last spring, a little over a year. I should have told you in the first month. "
            "Ask me whenever you need to.",
        ),
        HardQuestion(
            "what-for",
            "What was the money for?",
            "what the money went on",
            "Mostly online betting, and then more of it covering the losses. It's hard to say, "
            "and I'll say it again whenever you ask.",
        ),
    ),
    schedule=(
        Ask("how-much", "How much is it? All of it. Not just this card.", 1),
        Ask("how-long", "How long have you been hiding this from me?", 1),
        Ask("what-for", "What did you spend it on?", 2),
        Ask("how-much", "Is eleven thousand really everything? Is there another card?", 2),
        Ask(
            "how-long",
            "When did it start? Was it before or after we started saving for the house?",
            2,
        ),
        Ask("what-for", "Eleven thousand dollars. On what? I need to understand where it went.", 3),
        Ask("how-much", "If I opened every envelope in this house, what would I find?", 3),
        Ask(
            "how-long",
            "So all those times I asked and you said we were fine, you already knew?",
            3,
        ),
        Ask("what-for", "Tell me again what it was for. I want to hear you say it.", 2),
    ),
    closing="I'm going to bed. We'll look at the statements together tomorrow.",
)


WHO_ELSE_KNOWS = QuestionsScenario(
    id="who-else-knows",
    title="Who else knows?",
    premise=(
        "Your partner told only you that they take medication for depression, and you told "
        "your brother. Now they want to know how far it went."
    ),
    questions=(
        HardQuestion(
            "who-else",
            "Who else did you tell?",
            "who else knows",
            "Only my brother. Nobody else, not my mom, not my friends. You can ask me as often "
            "as you like; it will be the same answer.",
        ),
        HardQuestion(
            "what-exactly",
            "What exactly did you tell him?",
            "what you told him",
            "I told him you take antidepressants and that some mornings are hard. That's all I "
            "said. I know you need to hear it again, and that's okay.",
        ),
        HardQuestion(
            "why-tell",
            "Why did you tell him?",
            "why you told him",
            "I was worried and wanted someone to talk to. That was about me, and it wasn't mine "
            "to share. Ask me again whenever you need to.",
        ),
    ),
    schedule=(
        Ask("who-else", "Who else did you tell? I need to know who knows.", 1),
        Ask("what-exactly", "What exactly did you tell him?", 1),
        Ask("why-tell", "Why would you tell him that?", 2),
        Ask("who-else", "Does your mom know? Does she?", 2),
        Ask(
            "what-exactly",
            "Did you tell him about the mornings I couldn't get up? The actual details?",
            2,
        ),
        Ask("why-tell", "Was I just something to talk about? Why him?", 3),
        Ask("who-else", "Be honest. Is there anyone else? Anyone at all?", 3),
        Ask("what-exactly", "Tell me word for word what you said.", 2),
        Ask("why-tell", "I keep asking myself why. So tell me again. Why?", 3),
    ),
    closing="Okay. I need to sit with this on my own for a bit.",
)


THE_JOURNAL_QUESTIONS = QuestionsScenario(
    id="the-journal-questions",
    title="What you read",
    premise=(
        "You read your partner's journal without asking. They know, and they want to know "
        "what you saw and why."
    ),
    questions=(
        HardQuestion(
            "how-much",
            "How much of it did you read?",
            "how much you read",
            "All of it, every page from January on. I'm not going to pretend it was less. Ask "
            "me again whenever it comes back to you.",
        ),
        HardQuestion(
            "told-anyone",
            "Did you tell anyone what you read?",
            "whether you told anyone",
            "No. I haven't told anyone, and I won't. You can keep asking; the answer will be "
            "the same.",
        ),
        HardQuestion(
            "why-not-ask",
            "Why didn't you just ask me?",
            "why you didn't ask",
            "Because I was scared of what you'd say, and reading it felt easier. That was wrong. "
            "You can ask me that as many times as you need.",
        ),
    ),
    schedule=(
        Ask("how-much", "How much of it did you read?", 1),
        Ask("told-anyone", "Did you tell anyone what was in it?", 1),
        Ask("why-not-ask", "Why didn't you just ask me?", 2),
        Ask("how-much", "Did you read the part from March? The part about my dad?", 2),
        Ask("told-anyone", "Did you talk to anyone about Daniel? Your friends? Anyone?", 2),
        Ask("why-not-ask", "What were you so afraid I'd say, that you had to go looking?", 3),
        Ask("how-much", "Was it just that once? Have you read it before? The truth.", 3),
        Ask("told-anyone", "So nobody knows what I wrote? Nobody?", 2),
        Ask("why-not-ask", "Why couldn't you just talk to me?", 3),
    ),
    closing="I'm going to keep it somewhere else now. That's all I can do tonight.",
)


THE_RELAPSE = QuestionsScenario(
    id="the-relapse",
    title="Drinking again",
    premise=(
        "You were two years sober and started drinking again in secret. Your partner found the "
        "bottles, and now they are asking."
    ),
    questions=(
        HardQuestion(
            "when-started",
            "When did you start drinking again?",
            "when you started again",
            "At the start of March, about ten weeks ago. I'll give you the same answer every time "
            "you ask, because it's the true one.",
        ),
        HardQuestion(
            "how-much",
            "How much have you been drinking?",
            "how much you've been drinking",
            "Most nights, three or four drinks, more at weekends. I know that's hard to hear. "
            "You can ask me again whenever you need to.",
        ),
        HardQuestion(
            "who-knew",
            "Did anyone else know?",
            "who else knew",
            "My sponsor knew. Nobody else. I should have told you before him. Ask me as often as "
            "you need.",
        ),
    ),
    schedule=(
        Ask("when-started", "When did you start again?", 1),
        Ask("how-much", "How much are you drinking? Honestly.", 1),
        Ask("who-knew", "Did anyone know? Did anyone know before me?", 2),
        Ask("when-started", "Was it before your birthday? Were you drinking at your birthday?", 2),
        Ask("how-much", "Every night? Is it every night?", 3),
        Ask("who-knew", "Did your sponsor know? Did you tell him and not me?", 2),
        Ask("when-started", "How long, really? Weeks, or months?", 3),
        Ask("how-much", "When you came to bed on Sunday, had you been drinking?", 2),
        Ask("who-knew", "So I was the last to know. Was I?", 3),
    ),
    closing="I love you. I'm scared. I need to stop talking now.",
)


LATE_NIGHT_TEXTS = QuestionsScenario(
    id="late-night-texts",
    title="The late-night texts",
    premise=(
        "For months you texted your ex, Chris, late at night and deleted the threads. Your "
        "partner saw a message before you could delete it."
    ),
    questions=(
        HardQuestion(
            "did-you-meet",
            "Did you meet up with Chris?",
            "whether you met Chris",
            "Yes, once, for coffee in April. Only that once. I know you'll want to ask again, and "
            "I'll give you the same answer.",
        ),
        HardQuestion(
            "feelings",
            "Do you have feelings for Chris?",
            "what you feel for Chris",
            "I liked the attention, and I let it go too far. I don't want to be with Chris. Keep "
            "asking me; I'd rather you ask than wonder.",
        ),
        HardQuestion(
            "deleted",
            "What did you delete?",
            "what you deleted",
            "Months of messages, mostly late at night, some of them flirty. I deleted them so you "
            "wouldn't see. I'll go through it as many times as you need.",
        ),
    ),
    schedule=(
        Ask("did-you-meet", "Did you meet up with Chris?", 1),
        Ask("feelings", "Do you have feelings for them?", 2),
        Ask("deleted", "What were you deleting every night?", 2),
        Ask("did-you-meet", "Did you ever see Chris? Even just for a coffee?", 2),
        Ask(
            "feelings",
            "When you were texting at one in the morning, what was that? What did it feel like?",
            2,
        ),
        Ask("deleted", "Why delete them if they were nothing? What was in them?", 3),
        Ask("did-you-meet", "Tell me the truth. How many times did you see them?", 3),
        Ask("feelings", "Do you still want them? Just say it.", 3),
        Ask("deleted", "Is there anything you deleted that you still haven't told me about?", 2),
    ),
    closing="I can't do any more tonight. Thank you for answering me.",
)


QUESTIONS_SCENARIOS: tuple[QuestionsScenario, ...] = (
    AFTER_THE_AFFAIR,
    WHERE_WERE_YOU,
    THE_DEBT,
    WHO_ELSE_KNOWS,
    THE_JOURNAL_QUESTIONS,
    THE_RELAPSE,
    LATE_NIGHT_TEXTS,
)
"""Every repeated-questions scenario, in the order a user is offered them."""

_BY_ID = {scenario.id: scenario for scenario in QUESTIONS_SCENARIOS}


def get_questions_scenario(scenario_id: str) -> QuestionsScenario:
    """The scenario with this id; KeyError names the ids that exist."""
    try:
        return _BY_ID[scenario_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"no questions scenario {scenario_id!r}; known: {known}") from None
