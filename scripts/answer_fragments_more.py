"""More hand-written fragments for the learned answer labels, aimed at the confusions the
h1-h3 batches showed once they became a development set: plain honest answers read as
deflection, honest reasons read as blame, and forms the model missed (invalidating told as
proportion, impatience asked as a plea, blame told as the story of how it began,
counter-attack as sarcasm).

Written fresh for this purpose from the guidelines at the top of tests/eval/answer_eval.yml,
after reading the misses but without taking their sentences (the writer also drops any
clause that matches a batch item).
"""

from __future__ import annotations

# Plain, honest answers that the model read as deflection: a no with its proof, an offer to
# check, welcomed repetition, a refusal to shrink the truth, not knowing why yet.
PLAIN_HONEST = [
    "no, I haven't seen him, I deleted his number in August",
    "no, I'm not talking to her, I changed my number in spring",
    "I haven't been back to that bar since the week you found out",
    "if she ever calls me, I'll hand you the phone",
    "if anything changes, I'll tell you before you have to ask",
    "if he ever gets in touch, I'll show you the message",
    "ask me tomorrow and the answer will still be no",
    "you can ask me every morning, it will be the same answer",
    "I'd rather answer it a hundred times than have you wonder",
    "the answer hasn't changed, I haven't seen him since the spring",
    "yes, we had a drink once, a Friday, at the pub by the river",
    "it was only that one time, on the twelfth, and I'll show you the receipt",
    "it was eight times, and I'm not going to make it sound smaller",
    "it was more than I first said, about fifteen thousand",
    "I won't shave anything off the number to make it easier",
    "I'm not going to soften it, it went on for a year",
    "I don't fully understand why I did it yet",
    "I'm working out why with the therapist, and I'll tell you what I find",
    "it had nothing to do with anything you did",
    "I know my word doesn't count for much right now",
    "words won't prove it, so I'll keep showing you",
    "you're welcome to come along to the gym",
    "you can read my messages whenever you want",
    "we can shut the account down together this weekend",
    "I'll cancel the card tonight while you watch",
    "we share an office, and it's strictly work between us",
    "I see her at the school gate and that's all it is",
    "he's my cousin's friend, so I'll see him at weddings, never alone",
    "yes, that was her number, she rang about the car insurance",
    "I miss the attention sometimes, I'll be honest, and I stay away",
    "I was lonely that winter, and I chose to text him",
    "I was scared you'd leave, so I hid it, and that was selfish",
    "I hid it because I was ashamed, and you deserved to know",
    "I lied because I didn't want to see your face fall",
    "I kept it from you because I wanted to fix it before you saw it",
    "that's the honest reason, and it isn't an excuse",
    "it began in the autumn, after the conference",
    "it makes sense that you keep asking about that night",
    "my hands are shaking, but here's the truth, I took the money",
    "I'm shaking a bit, but I'll answer, yes, it was him",
    "are you alright, you seem tired",
    "you look worn out, do you want to stop for tonight",
    "I'm staying, and I'll answer whatever you need",
    "yes, I had three beers on Friday",
]

# Belittling the partner's reaction, told as a sense of proportion or a diagnosis.
INVALIDATING = [
    "let's keep this in perspective",
    "can we keep some perspective here",
    "let's not blow this out of proportion",
    "you're treating a few texts like a second family",
    "you're acting like it was some great romance",
    "you're acting like it's a tragedy",
    "you're carrying on like I burned the house down",
    "you're winding yourself up over nothing",
    "you're being dramatic, it was lunch",
    "stop turning it into a soap opera",
    "you're reading far too much into it",
    "you're blowing it up into something it never was",
    "there's no need to get this emotional about it",
    "you always make everything into a catastrophe",
    "you're being overwrought about a coffee",
]

# Asking for the question to stop, politely: a plea or a bargain is still impatience.
IMPATIENCE = [
    "is one quiet evening too much to ask",
    "could we just have one normal night, please",
    "can this wait till Saturday, I'm wiped out",
    "can we not go round in circles again",
    "please, can we talk about anything else tonight",
    "could we give it a rest for one day",
    "can we put a pin in this for once",
    "I'd love just one dinner where we don't do this",
    "is there any chance we could skip it tonight",
    "this loop isn't helping either of us",
    "that's been answered, twice this week",
    "I've been over it with you three times this week",
    "okay, again then, though honestly it's draining me",
    "yes, done, what else",
]

# Blame told as the story of how it began: the partner's act as the reason.
BLAME_SHIFT = [
    "it started when you took that job and were never home",
    "it began the year you stopped talking to me",
    "you were so distant that winter, that's when it happened",
    "you'd checked out of us long before I did anything",
    "after the baby came you only had time for her",
    "your mother made me feel useless about money, so I stopped telling anyone",
    "he wouldn't leave me alone at work",
    "my friend talked me into the betting, he said it couldn't lose",
    "you pushed me away first",
    "this only blew up because you went digging",
    "I was drowning at work and you never noticed",
    "if you'd reacted better, I'd have told you sooner",
    "you go off like a bomb, so of course I kept quiet",
]

# The question turned back on the partner, often as sarcasm.
COUNTER_ATTACK = [
    "and you've always been so honest, have you",
    "oh right, because you've never lied to me",
    "funny how you never have to answer for anything",
    "you've bought three new phones this year and you're lecturing me",
    "you're out drinking every Friday and you're asking me",
    "what about the texts you deleted last month",
    "and your lads' holiday, shall we talk about that",
    "you kept your overdraft secret for months",
]

# Making the act smaller.
MINIMIZING = [
    "I paid it all back, so nobody actually lost anything",
    "leaving something out isn't the same as lying",
    "at least I didn't lie about all of it",
    "it was pocket money really, not a fortune",
    "it was a daft crush, nothing more",
    "it was just a couple of drinks, nothing more",
]
