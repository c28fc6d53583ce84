"""Write the training clauses of the learned apology labels (actions/coaching/data/apology_clauses/).

Every fragment below was written by hand for this purpose, from the annotation guidelines at
the top of tests/eval/apology_eval.yml (nothing is copied from that set; `main` drops any
clause that happens to match one of its items). The script combines fragments the way people
combine them — an apology with the act it names, a "but" with the defence after it, blame
with no "but" at all — and writes about half the clauses as a speech recogniser writes them.

Because clauses share fragments, a clause in the never-trained test split usually has a
cousin in training: figures on that split are optimistic for new wording (README).

    .venv/bin/python scripts/write_apology_clauses.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "actions" / "coaching" / "data" / "apology_clauses"
EVAL = ROOT / "tests" / "eval" / "apology_eval.yml"

# (past, bare, participle, noun phrase)
ACTS = [
    (
        "lied to you about the money",
        "lie to you about the money",
        "lied to you about the money",
        "the lies about the money",
    ),
    ("hid the debt", "hide the debt", "hidden the debt", "hiding the debt"),
    (
        "hid the credit card debt from you",
        "hide the credit card debt from you",
        "hidden the credit card debt from you",
        "the credit card debt I kept from you",
    ),
    ("cheated on you", "cheat on you", "cheated on you", "the affair"),
    ("had an affair with Dana", "have an affair", "had an affair", "the affair with Dana"),
    ("read your messages", "read your messages", "read your messages", "reading your messages"),
    (
        "went through your phone",
        "go through your phone",
        "gone through your phone",
        "going through your phone",
    ),
    (
        "missed your mum's funeral",
        "miss your mum's funeral",
        "missed your mum's funeral",
        "missing your mum's funeral",
    ),
    (
        "yelled at you in front of the kids",
        "yell at you in front of the kids",
        "yelled at you in front of the kids",
        "yelling at you in front of the kids",
    ),
    (
        "spent our savings on the car",
        "spend our savings",
        "spent our savings",
        "spending our savings",
    ),
    (
        "texted my ex behind your back",
        "text my ex behind your back",
        "texted my ex behind your back",
        "texting my ex behind your back",
    ),
    (
        "forgot our anniversary",
        "forget our anniversary",
        "forgotten our anniversary",
        "forgetting our anniversary",
    ),
    ("called you stupid", "call you stupid", "called you stupid", "calling you stupid"),
    (
        "took money from the joint account",
        "take money from the joint account",
        "taken money from the joint account",
        "taking money from the joint account",
    ),
    ("started drinking again", "drink again", "started drinking again", "the drinking"),
    (
        "stayed out all night without calling",
        "stay out all night without calling",
        "stayed out all night without calling",
        "staying out all night",
    ),
    (
        "kissed someone at the work party",
        "kiss someone else",
        "kissed someone at the party",
        "the kiss at the work party",
    ),
    (
        "lied about where I was on Friday",
        "lie about where I was",
        "lied about where I was",
        "lying about where I was",
    ),
    (
        "gambled away the rent",
        "gamble away the rent",
        "gambled away the rent",
        "gambling away the rent",
    ),
    (
        "told my friends your secret",
        "tell my friends your secret",
        "told my friends your secret",
        "telling my friends your secret",
    ),
    (
        "flirted with my coworker",
        "flirt with my coworker",
        "flirted with my coworker",
        "flirting with my coworker",
    ),
    (
        "deleted the texts so you wouldn't see them",
        "delete the texts",
        "deleted the texts",
        "deleting the texts",
    ),
    (
        "mocked you in front of your family",
        "mock you in front of your family",
        "mocked you in front of your family",
        "mocking you in front of your family",
    ),
    (
        "kept seeing him after I promised to stop",
        "keep seeing him",
        "kept seeing him",
        "seeing him behind your back",
    ),
    (
        "used your card without asking",
        "use your card without asking",
        "used your card without asking",
        "using your card without asking",
    ),
    (
        "slammed the door in your face",
        "slam the door in your face",
        "slammed the door in your face",
        "slamming the door in your face",
    ),
    (
        "ignored your calls for three days",
        "ignore your calls",
        "ignored your calls for three days",
        "ignoring your calls",
    ),
    (
        "bailed on your graduation",
        "bail on your graduation",
        "bailed on your graduation",
        "missing your graduation",
    ),
    (
        "opened a secret account",
        "open a secret account",
        "opened a secret account",
        "the secret account",
    ),
    (
        "signed the loan without telling you",
        "sign the loan without telling you",
        "signed the loan without telling you",
        "signing the loan behind your back",
    ),
    (
        "posted that photo of you",
        "post that photo of you",
        "posted that photo of you",
        "posting that photo of you",
    ),
    (
        "broke my promise to stop smoking",
        "break my promise",
        "broken my promise",
        "breaking my promise",
    ),
    ("sold your guitar", "sell your guitar", "sold your guitar", "selling your guitar"),
    (
        "shouted at your sister",
        "shout at your sister",
        "shouted at your sister",
        "shouting at your sister",
    ),
    ("slept with her", "sleep with her", "slept with her", "sleeping with her"),
    (
        "snooped in your email",
        "snoop in your email",
        "snooped in your email",
        "snooping in your email",
    ),
    (
        "lied about the gambling",
        "lie about the gambling",
        "lied about the gambling",
        "the lies about the gambling",
    ),
    (
        "made fun of your job",
        "make fun of your job",
        "made fun of your job",
        "making fun of your job",
    ),
    (
        "left you at the hospital alone",
        "leave you alone at the hospital",
        "left you at the hospital alone",
        "leaving you at the hospital alone",
    ),
    (
        "maxed out the credit card",
        "max out the credit card",
        "maxed out the credit card",
        "maxing out the card",
    ),
    (
        "hid the bottles in the garage",
        "hide the bottles",
        "hidden the bottles",
        "hiding the bottles",
    ),
    (
        "sent those messages to my ex",
        "send those messages",
        "sent those messages",
        "the messages to my ex",
    ),
    ("shoved you", "shove you", "shoved you", "shoving you"),
    (
        "blew up at you in the car",
        "blow up at you",
        "blown up at you",
        "blowing up at you in the car",
    ),
    (
        "canceled our trip without asking",
        "cancel our trip",
        "canceled our trip",
        "canceling our trip",
    ),
    (
        "told your boss about your drinking",
        "tell your boss",
        "told your boss",
        "telling your boss about it",
    ),
    (
        "lent my brother our savings",
        "lend my brother our savings",
        "lent my brother our savings",
        "lending my brother our savings",
    ),
    (
        "kept the dating app on my phone",
        "keep the dating app",
        "kept the dating app",
        "the dating app",
    ),
]

REGRET = [
    "I'm sorry",
    "I am so sorry",
    "I'm really sorry",
    "I'm truly sorry",
    "I'm deeply sorry",
    "I apologise",
    "I apologize",
    "sorry",
    "so sorry",
    "I am sorry",
    "I'm sorry, love",
    "babe I'm so sorry",
    "I'm so so sorry",
    "I sincerely apologise",
    "I feel terrible",
    "I regret it so much",
    "I'm sorry from the bottom of my heart",
    "honestly I'm sorry",
    "I owe you an apology",
    "I want to apologise",
    "I'm genuinely sorry",
    "ugh I'm sorry",
    "sry",
    "im sorry",
    "I feel awful about it",
    "I wish I could take it back",
]
REGRET_FOR = [  # followed by a noun phrase
    "I'm sorry for",
    "I apologise for",
    "I'm so sorry for",
    "I regret",
    "I feel terrible about",
    "I apologize for",
    "I'm ashamed of",
    "I'm really sorry about",
    "sorry about",
    "I deeply regret",
]
REGRET_THAT = [  # followed by a past clause
    "I'm sorry I",
    "I'm so sorry that I",
    "I regret that I",
    "I feel awful that I",
    "I'm sorry that I",
    "sorry I",
    "I apologise that I",
    "I hate that I",
    "I wish I hadn't",
]

RESPONSIBILITY = [
    "it was my fault",
    "that's on me",
    "I was wrong",
    "I messed up",
    "I let you down",
    "it was my choice",
    "nobody made me do it",
    "it's not your fault",
    "there's no excuse for it",
    "I take full responsibility",
    "I screwed up",
    "that was wrong of me",
    "the blame is mine",
    "I have no one to blame but myself",
    "I'm not going to make excuses",
    "I own this",
    "I did this, not you",
    "this is all on me",
    "I chose to do it",
    "I knew it was wrong and did it anyway",
    "it was a hundred percent my decision",
    "you didn't cause this",
    "I'm responsible for this",
    "there is no excuse for what I did",
    "I was completely in the wrong",
    "I blew it",
    "I own what I did",
    "I won't pretend it was an accident",
    "that was my doing",
    "I'm not blaming anyone else",
    "no one forced me",
    "I made that choice myself",
    "I'm the one who broke this",
    "it was a selfish choice and it was mine",
    "I dropped the ball",
    "I'm not going to hide behind the stress",
    "you did nothing to deserve this",
]
RESPONSIBILITY_ACT = [  # (prefix, form) — form index into ACTS
    ("I shouldn't have", 2),
    ("I chose to", 1),
    ("it was wrong of me to", 1),
    ("I should never have", 2),
    ("it was my decision to", 1),
    ("nobody forced me to", 1),
]

HARM = [
    "I hurt you",
    "I know how much that hurt you",
    "you felt humiliated",
    "you must have felt so alone",
    "I broke your trust",
    "you can't trust me right now",
    "you have every right to be angry",
    "that must have been frightening",
    "you were left carrying the bills alone",
    "I made you feel stupid for asking",
    "you've been lying awake because of me",
    "it embarrassed you in front of your family",
    "I made you doubt yourself",
    "it hurt you deeply",
    "I can see how betrayed you feel",
    "you trusted me and I broke that",
    "you felt invisible",
    "I made you feel like you were going crazy",
    "you had to find out from someone else",
    "that must have been so humiliating",
    "you've been anxious every time my phone buzzes",
    "I scared you",
    "you felt like you weren't enough",
    "I put our home at risk",
    "you had to cover the rent on your own",
    "I made you question everything",
    "you cried for days",
    "I know you feel betrayed",
    "it made you feel worthless",
    "you lost sleep over it",
    "your trust in me is gone",
    "you must feel so foolish for believing me",
    "I embarrassed you",
    "I hurt the kids too",
    "I made you feel unsafe in your own home",
    "you're right to be furious",
    "it broke your heart",
    "you've had to carry this on your own",
    "I made you feel like a fool",
    "that left you feeling so alone",
    "you felt abandoned",
    "I damaged your trust in me",
    "you had to explain it to your parents",
    "it ruined your birthday",
    "you're hurting because of me",
]
REPAIR = [
    "I'll pay back every cent",
    "I want to make it right",
    "I'll answer any question you have",
    "you can look at my phone whenever you want",
    "tell me what you need from me",
    "I'll give you all the space you need",
    "I'll make it up to you",
    "I've set up a plan to repay the debt",
    "I'll sit with you and go through every statement",
    "whatever you need, I'm here",
    "I'll apologise to your mum as well",
    "I can move to my brother's for a while if you want",
    "I can share my location with you",
    "ask me anything and I'll tell you the truth",
    "I'll replace the guitar",
    "I'll call your boss and set the record straight",
    "I'll take the kids this weekend so you can rest",
    "I'll hand over the passwords",
    "let me know what would help",
    "I'll come to counselling with you whenever you're ready",
    "I'll give you the bank statements",
    "I'll put the money back by the end of the month",
    "you can take as long as you need and I'll wait",
    "I'll tell your family the truth myself",
    "what can I do to start fixing this",
    "I'll cover the payments from my own account",
    "I'll be here when you want to talk",
    "I'll give you access to all my accounts",
    "I'm going to make this up to you however you need",
    "if you want to ask me anything I'll answer",
    "I'll pay for the repair",
    "I want to earn back your trust however long it takes",
]
REPENTANCE = [
    "from now on I'll tell you about every purchase",
    "I've started seeing a counsellor",
    "I've blocked her number",
    "I'm going to stop drinking",
    "I've joined a support group for gambling",
    "I'll be honest with you from now on",
    "I'm working on my temper",
    "I'll check with you before I spend over a hundred dollars",
    "I've closed the secret account",
    "I'll come home when I say I will",
    "I've deleted the app",
    "I'm changing how I handle money",
    "I've booked an appointment with a therapist",
    "I'm going to meetings twice a week",
    "I've stopped going to that bar",
    "I'll walk away and cool off instead of shouting",
    "I've cut contact with him",
    "I'm learning to say when I'm angry instead of exploding",
    "I'll text you if I'm running late",
    "I've asked HR to move me to another team",
    "I gave my cards to my sister to look after",
    "I'm going to put reminders in my calendar",
    "I've started a budget and I'll show it to you every week",
    "I'm taking an anger management course",
    "next time I'll talk to you before I decide",
    "I'm going to work on listening instead of defending",
    "I've signed up for couples therapy",
    "I'll keep my phone unlocked on the table",
    "I've uninstalled the betting apps",
    "I'm going to be home by six on weeknights",
    "I'm going to tell you the truth even when it's hard",
    "I've started going to AA",
]
FORGIVENESS = [
    "I hope you can forgive me",
    "please forgive me",
    "will you forgive me",
    "I hope one day you can forgive me",
    "can you find it in your heart to forgive me",
    "I'm asking for your forgiveness",
    "I hope in time you'll forgive me",
    "I'd be grateful if you could forgive me someday",
    "I hope you'll give me another chance",
    "is there any way you could forgive me",
    "I'm hoping you can forgive me when you're ready",
    "forgive me, please",
    "I hope someday you can forgive me",
    "I pray you can forgive me",
    "could you ever forgive me",
]
CONDITIONAL = [
    "I'm sorry if you were hurt",
    "if I hurt you I apologise",
    "sorry if I upset you",
    "if I did something wrong I'm sorry",
    "I apologise if anyone was offended",
    "to anyone who may have been offended I apologise",
    "sorry if it came across badly",
    "if my words caused any pain I regret that",
    "sorry if that was too much",
    "if that hurt you then I'm sorry",
    "I'm sorry if I made you feel bad",
    "if I crossed a line, sorry",
    "I apologise if my behaviour upset anyone",
    "sorry if I was a bit harsh",
    "if you felt disrespected, I'm sorry",
    "sorry if I hurt your feelings",
    "if anyone was hurt by my actions I am sorry",
    "I'm sorry if it seemed like I didn't care",
    "I regret it if I caused any distress",
    "if I let you down somehow, sorry",
    "I'm sorry if what I did bothered you",
    "sorry if I embarrassed you or whatever",
    "if I offended anyone, I sincerely apologise",
    "I'm sorry if you think I lied",
]
FEELINGS = [
    "I'm sorry you feel that way",
    "sorry you got upset",
    "I'm sorry you took it the wrong way",
    "I'm sorry you were offended",
    "sorry you see it like that",
    "I'm sorry it bothered you so much",
    "I regret that you felt hurt by my comments",
    "I'm sorry you chose to read it that way",
    "I'm sorry that my words were taken the wrong way",
    "sorry you're upset",
    "I'm sorry you feel like I betrayed you",
    "I'm sorry it upset you",
    "sorry you feel so strongly about it",
    "I'm sorry that you're hurt",
    "I'm sorry you were disappointed",
    "I'm sorry you interpreted it like that",
    "sorry that you're angry",
    "I apologise that you felt uncomfortable",
    "I'm sorry you feel let down",
    "I'm sorry for how you feel",
    "I'm sorry your feelings got hurt",
    "sorry it came as such a shock to you",
]
FEELINGS_ABOUT = [  # + noun phrase: deflection, not the act
    "I'm sorry you feel that way about",
    "sorry you got so upset about",
    "I'm sorry you're upset about",
    "I'm sorry you took it so hard about",
    "sorry you feel bad about",
]
PASSIVE = [
    "mistakes were made",
    "things were said",
    "it just happened",
    "sorry for what happened",
    "things got out of hand",
    "the money got spent",
    "lines were crossed",
    "the situation got away from us",
    "errors in judgement occurred",
    "some things happened at the party",
    "a lot went wrong that night",
    "the messages got deleted",
    "trust was broken",
    "it got a bit heated",
    "things escalated",
    "the card got maxed out",
    "some bad decisions were made",
    "feelings were hurt",
    "things went too far",
    "it kind of just happened",
    "the rent money ended up gone",
    "there was a lapse in judgement",
    "the whole thing spiralled",
    "the truth wasn't shared",
    "some promises were broken",
    "I regret what happened",
    "I'm sorry about what went on",
    "stuff happened",
]
EXCUSE = [
    "I was drunk",
    "I was so stressed at work",
    "I didn't mean to",
    "I couldn't help it",
    "I wasn't thinking",
    "I was exhausted",
    "I was scared",
    "I had a lot going on",
    "it was a really bad week",
    "it was never my intention",
    "I didn't mean for it to happen",
    "I was in a dark place",
    "the alcohol got to me",
    "my dad had just died",
    "I was going through a lot",
    "I forgot because I had so much on",
    "it was the medication",
    "I was under a lot of pressure",
    "I'd had a few drinks",
    "I was tired and cranky",
    "I didn't mean to hurt you",
    "it was never my intention to cause harm",
    "I was just so overwhelmed",
    "I was half asleep",
    "my head wasn't in the right place",
    "I was triggered",
    "it slipped out",
    "I was having a panic attack",
    "work has been insane",
    "I wasn't myself that night",
    "I was lonely",
    "I didn't realise what I was doing",
    "I had no intention of hurting anyone",
    "it was a moment of weakness",
    "I got carried away",
    "I was hungover",
    "I lost track of time",
]
JUSTIFICATION = [
    "I had no choice",
    "I did it to protect you",
    "anyone would have done the same",
    "I was just being honest",
    "technically I didn't lie",
    "I only hid it so you wouldn't worry",
    "it was the right call at the time",
    "someone had to say it",
    "I needed something for myself",
    "it was my money too",
    "I did what I had to do",
    "I was trying to keep the peace",
    "I had every right to check your phone",
    "I did it for the family",
    "it was the only way",
    "I was looking out for us",
    "what was I supposed to do",
    "it made sense at the time",
    "I was only telling the truth",
    "I had good reasons",
    "it was for your own good",
    "you needed to hear it",
    "I'd do it again honestly",
    "I was just trying to help",
    "I didn't technically cheat",
    "I was protecting your feelings",
    "I earned that money",
    "any normal person would have checked",
    "it was a reasonable thing to do",
    "I was within my rights",
]
BLAME = [
    "you made me do it",
    "if you hadn't nagged me",
    "you were never home",
    "you pushed me away",
    "it takes two",
    "she kept texting me",
    "my friends talked me into it",
    "you drove me to it",
    "you never listen",
    "it's not all my fault",
    "your mother started it",
    "you shut me out for months",
    "you should have told me it mattered",
    "he came on to me",
    "you made it impossible to talk to you",
    "if you'd paid attention this wouldn't have happened",
    "you wound me up",
    "you started the fight",
    "you knew I was struggling and did nothing",
    "my boss forced me to stay late",
    "you provoked me",
    "you're the reason I drink",
    "if you weren't so cold I wouldn't have looked elsewhere",
    "you never wanted to do anything with me",
    "my ex wouldn't leave me alone",
    "you were always on my case",
    "you left me no option",
    "the bank should have flagged it",
    "you made me feel like I couldn't tell you",
    "you always push my buttons",
    "you stopped making an effort first",
]
BLAME += ["you were suffocating me", "you were always checking up on me", "you made it so I couldn't be honest"]
MINIMIZING = [
    "it's no big deal",
    "it was just one kiss",
    "it only happened once",
    "it didn't mean anything",
    "it's not that serious",
    "at least I didn't sleep with her",
    "it was only a few hundred dollars",
    "it was just a bit of flirting",
    "it's just money",
    "it was only a couple of drinks",
    "it's really not a big thing",
    "it was a tiny lie",
    "it was only a few texts",
    "it was nothing really",
    "it's not like I hit you",
    "it was only for a couple of weeks",
    "it was a white lie",
    "nobody even noticed",
    "it's hardly the end of the world",
    "it was just talking",
    "it meant nothing to me",
    "it was one stupid night",
    "it's not like it was an affair",
    "we can earn it back easily",
    "it was barely anything",
    "it's just a phone",
    "at least I told you eventually",
    "it was only lunch",
    "it's over and done with now",
    "it was a silly mistake",
]
INVALIDATING = [
    "you're overreacting",
    "calm down",
    "you're too sensitive",
    "you're making a big deal out of nothing",
    "you're blowing this out of proportion",
    "relax",
    "stop being so dramatic",
    "it's all in your head",
    "you need to get over it",
    "don't be so emotional",
    "you're being hysterical",
    "you're overreacting a bit",
    "why are you making this about you",
    "you're being ridiculous",
    "chill out",
    "you're being paranoid",
    "you always take things the wrong way",
    "it's not worth crying over",
    "you're way too upset",
    "stop making a scene",
    "you're imagining things",
    "you're being unreasonable",
    "lighten up",
    "you're acting crazy",
    "you get upset about everything",
    "there's no reason to be this upset",
    "you're being irrational",
    "you're so touchy",
    "seriously, you're still on this",
]
COUNTER = [
    "you do it too",
    "what about when you lied about your ex",
    "you're not perfect either",
    "you're one to talk",
    "you spend a lot too",
    "you've kept secrets from me too",
    "remember when you forgot my birthday",
    "like you've never done anything wrong",
    "you flirt with everyone at work",
    "you yelled at me last week",
    "you hid your credit card bill last year",
    "you went through my things first",
    "you lie all the time",
    "you're always on your phone too",
    "you embarrassed me plenty of times",
    "you did worse to me",
    "and you're a saint, are you",
    "you drink more than I do",
    "you spent a fortune on your hobby",
    "you've said worse to me",
    "what about everything you've done",
    "you texted your ex last year",
    "you're just as bad",
    "you never apologised when you did it",
    "don't act like you're innocent",
    "you forgot our anniversary too",
]
ABSOLUTE = [
    "it will never happen again",
    "I swear on my life",
    "I promise a hundred percent",
    "I guarantee it",
    "I'll always be honest from now on",
    "I'll never ever hurt you again",
    "you will never have to worry again",
    "I will never even look at another woman",
    "this is the last time I swear",
    "I'll never make you cry again",
    "I'll be perfect from now on",
    "I promise you'll never be disappointed again",
    "nothing like this will ever happen again",
    "I swear to god it's over forever",
    "I'll never raise my voice again as long as I live",
    "I will always put you first, always",
    "I'll never keep anything from you ever again",
    "you have my word it won't ever happen again",
    "I'll be a completely different person",
    "I guarantee you'll never catch me lying again",
]
ABSOLUTE_ACT = [
    "I'll never",
    "I will never ever",
    "I promise I'll never",
    "I swear I'll never",
]  # + bare + again
PRESSURE = [
    "can we just move on",
    "you have to forgive me",
    "let's put this behind us",
    "what more do you want from me",
    "are we good now",
    "I said I'm sorry, so can we drop it",
    "how long are you going to punish me",
    "can we please stop talking about it",
    "just forgive me already",
    "I need you to get over this",
    "let's just forget it happened",
    "it's time to let it go",
    "can we go back to normal now",
    "I've apologised like ten times",
    "when are you going to let this go",
    "you can't stay mad forever",
    "so are we okay",
    "I need an answer tonight",
    "let's not make this a whole thing",
    "can we start fresh tomorrow",
    "don't you think it's time to move on",
    "I need you to trust me again now",
    "you said you'd forgive me",
    "we need to get past this",
    "happy now?",
    "can we not do this again",
    "just tell me we're fine",
    "I'm not going to keep apologising forever",
]
SELF_FOCUS = [
    "I'm a monster",
    "I hate myself",
    "I can't sleep",
    "this has been so hard for me",
    "I don't deserve you",
    "I'm the worst person alive",
    "I feel like such a failure",
    "I've been so miserable",
    "I can't stop crying",
    "I'm disgusted with myself",
    "nobody feels worse than I do",
    "I've suffered enough over this",
    "I'm a terrible person",
    "I can't live with myself",
    "I'm such an idiot",
    "I've been beating myself up all week",
    "I can barely eat",
    "I feel sick every day",
    "this is killing me",
    "I'm the worst husband in the world",
    "I'm so ashamed I can't look at myself",
    "my life is falling apart",
    "do you know how hard this is for me",
    "I feel like garbage",
    "I'm a horrible wife",
    "I've lost everything because of this",
]
NONE = [
    "I want to talk about last night",
    "can we sit down for a minute",
    "I've been thinking a lot",
    "I love you",
    "I know this is hard",
    "there's something I need to say",
    "thank you for listening",
    "I'm not sure where to start",
    "let me finish",
    "we've been together eleven years",
    "the kids are asleep",
    "I'm listening",
    "okay",
    "I'd like to try again",
    "hi",
    "hey",
    "I've written this down so I don't ramble",
    "take your time",
    "what do you think",
    "I said I was sorry",
    "sorry to bother you",
    "sorry, what?",
    "I'm not asking you to forgive me",
    "I can't promise it'll never happen again",
    "I won't tell you to calm down",
    "you don't have to answer now",
    "this is my third try",
    "I'm nervous",
    "so",
    "um okay here goes",
    "I practised this in the car",
    "I'm going to say it straight",
    "it's about the money",
    "it's about Friday",
    "you deserve the truth",
    "I want you to hear all of it",
    "can I start over",
    "wait let me say that again",
    "I was going to write you a letter",
    "I don't know how to say this",
    "the bank called today",
    "I saw your face when you found out",
    "we've had a hard year",
    "it's late",
    "the kids asked about you",
    "I'll say it properly this time",
    "here's what I want to say",
    "I went for a walk to think",
    "I'm not going to say it was nothing",
    "you can stop me any time",
    "my therapist suggested I say this out loud",
    "I'll keep it short",
    "that's all I wanted to say",
    "I'm here",
    "okay so",
    "let me try that again",
    "is this okay",
    "I'm talking to you as your husband",
    "I'm saying this because you deserve to know",
    "it's hard to find the words",
    "I love our family",
    "sorry, I lost my train of thought",
    "sorry, can you repeat that",
    "I'm sorry to interrupt",
    "we got the letter from the bank",
    "tomorrow is the appointment",
    "I was at the office till nine",
    "she works in accounts",
    "the car is at the garage",
    "your sister called",
    "I made tea",
    "I know I've said sorry before",
    "I don't want to say the wrong thing",
    "I'm trying to do this right",
    "I saw the coach app suggests starting with what I did",
    "you asked me to be honest",
    "I remember the day we moved in",
    "I'm going to stay on topic",
    "please just hear me out",
]

DISOWNING = [  # what comes before a phrase that is mentioned or refused, not said
    "I'm not going to say {}", "I won't tell you {}", "I'm not saying {}", "I'd never say {}",
    "I know saying {} means nothing", "I refuse to pretend {}", "I won't act like {}",
    "I'm not going to claim {}", "don't worry, I won't say {}", "I used to say {}, I was wrong",
]
PARTNER_ACTS = [  # the partner's own faults, thrown back: counter_attack
    "you lied to me about the car", "you hid your spending from me last year", "you read my diary once",
    "you went out with your ex for coffee", "you screamed at me at your mum's", "you never told me about the loan",
    "you flirt with the neighbour", "you kept your phone locked for months", "you blew our holiday money",
    "you called me useless in front of Sam", "you forgot to pick me up from the airport",
]
MORE_NONE = [
    "I don't think you're overreacting at all", "you're not being dramatic", "your feelings make sense",
    "I get why you don't believe me", "I know words aren't enough", "I've had a lot of time to think",
    "I wanted to say this face to face", "I know you might not be ready", "I'm saying this without expecting anything",
    "you don't owe me anything", "I'm not here to defend myself", "I'd like to tell you what I've learned",
    "this isn't about me", "I'm going to stop talking and listen now", "I'm not looking for a quick fix",
    "I wrote down what I wanted to say", "it's taken me a while to see it clearly", "I know you're tired",
    "you asked me a question last week and I dodged it", "I want to answer that properly",
    "I've been avoiding this conversation", "I'm ready to hear whatever you want to say",
    "I'll start with the hardest part", "there's no good way to say this", "I asked your sister how you were",
    "the counsellor's number is on the fridge", "we moved here for my job", "the statement came on Monday",
    "we both know how that night went", "I keep replaying that conversation", "you were right to ask",
    "I don't expect you to say anything right now", "I'm glad you agreed to talk",
    "I said I'd call at eight and I'm calling", "you don't have to decide anything tonight",
    "I'm not asking for anything", "even if you're still angry that's okay", "I'm trying to find the words",
]
CONTRARY = [  # the words of an anti-pattern, negated or turned round: (text, labels)
    ("it was a serious thing and I treated it like nothing", ["responsibility"]),
    ("it wasn't a small thing", []), ("it wasn't only once, it was for months", ["responsibility"]),
    ("it was more than a kiss", []), ("it was never just about money", []),
    ("you're not being too sensitive", []), ("you're not being dramatic at all", []),
    ("you're right to be upset", ["harm_acknowledged"]), ("your anger makes sense", ["harm_acknowledged"]),
    ("nobody made me do it", ["responsibility"]), ("it wasn't the drink, it was me", ["responsibility"]),
    ("I wasn't too tired to know better", ["responsibility"]), ("I had a choice and I made the wrong one", ["responsibility"]),
    ("I can't say it'll never happen again, I can say what I'm doing about it", []),
    ("I don't want to rush you", []), ("there's no hurry to forgive me", []),
    ("you don't have to forgive me", []), ("take as long as you want before we talk", ["repair_offer"]),
    ("we can go over it as many times as you need", ["repair_offer"]), ("ask me again whenever you want", ["repair_offer"]),
    ("it's not about whether you overreacted", []), ("I'm not here to argue about who did what", []),
    ("your mistakes aren't the point right now", []), ("this isn't about what you did", []),
    ("I'm not trying to make this about me", []), ("I'm not going to ask you to move on", []),
    ("I won't ask you to forget it", []), ("I know it wasn't nothing", []),
    ("I'm not going to call it a mistake, it was a choice", ["responsibility"]),
    ("nothing about it was okay", []), ("it was never okay", []), ("there was no good reason", ["responsibility"]),
    ("I'm not going to pretend I was protecting you", ["responsibility"]),
    # "it will happen again" as the partner's fear, not a vow
    ("you're scared it will happen again", ["harm_acknowledged"]), ("she's afraid it'll happen again", []),
    ("you worry it will never stop", ["harm_acknowledged"]), ("he thinks I'll do it again", []),
    ("you're frightened this will happen again", ["harm_acknowledged"]), ("she doesn't believe it won't happen again", []),
    ("you keep waiting for it to happen again", ["harm_acknowledged"]), ("that fear of it happening again is fair", ["harm_acknowledged"]),
    ("and terrified it will happen again", ["harm_acknowledged"]), ("they're wary it could happen again", []),
    ("and scared that I'll lie again", ["harm_acknowledged"]), ("and worried that it will happen again", ["harm_acknowledged"]),
    ("she's scared that this will happen again", []), ("and anxious it might happen again", ["harm_acknowledged"]),
    ("you expect it to happen again", ["harm_acknowledged"]), ("he fears it will happen again someday", []),
    ("and afraid I'll never change", ["harm_acknowledged"]), ("she said she's scared it'll all happen again", []),
    ("and nervous that it'll happen again", ["harm_acknowledged"]), ("you dread it happening again", ["harm_acknowledged"]),
    ("the fear that it will happen again", []), ("the kids are scared it will happen again", ["harm_acknowledged"]),
    ("they're afraid it will happen again at the next party", []), ("and she's afraid it'll happen all over again", []),
]
SARCASM = [  # (text, labels)
    ("oh I'm SO sorry I'm not perfect like you", ["counter_attack"]),
    ("sorry I'm such a terrible person, I guess", ["self_focus"]),
    ("well excuse me for having a life", ["justification"]),
    ("sorry for breathing", ["invalidating"]),
    ("yeah yeah I'm sorry, happy now?", ["pressure_to_forgive"]),
    ("oh sorry, I forgot you never make mistakes", ["counter_attack"]),
    ("sorry I didn't realise you were keeping score", ["invalidating"]),
    ("I'm sorry your majesty", ["invalidating"]),
    ("do you want me to grovel?", ["pressure_to_forgive"]),
    ("what was I supposed to do, ask permission?", ["justification"]),
    ("and what about you?", ["counter_attack"]),
    ("are you seriously still on this?", ["invalidating"]),
    ("how many times do I have to say sorry", ["pressure_to_forgive"]),
    ("you're really going to bring this up again?", ["invalidating"]),
    ("would you rather I'd lied?", ["justification"]),
    ("who are you to lecture me about money?", ["counter_attack"]),
    ("is it really such a crime to have a drink after work?", ["minimizing"]),
    ("do you know how many guys do way worse?", ["minimizing"]),
    ("oh right, because you're so honest", ["counter_attack"]),
    ("sorry the world doesn't revolve around you", ["invalidating"]),
    ("what do you want, a written confession?", ["pressure_to_forgive"]),
    ("how was I supposed to know you'd care?", ["justification"]),
    ("sorry not sorry", []),
    ("whatever, I'm sorry, okay?", ["pressure_to_forgive"]),
    ("great, so now I'm the bad guy", ["self_focus"]),
    ("fine, I'm the worst, is that what you want to hear", ["self_focus", "pressure_to_forgive"]),
]
PRESS = [  # (text, labels) press-statement register
    ("to anyone who may have been offended by my remarks, I apologise", ["conditional"]),
    ("it was never my intention to cause any distress", ["excuse"]),
    ("mistakes were made in how this was handled", ["passive_voice"]),
    ("I regret that my comments were misinterpreted", ["feelings_deflection"]),
    ("I take full responsibility for my actions", ["responsibility"]),
    ("I deeply regret any hurt this may have caused", ["conditional"]),
    ("the remarks were taken out of context", ["feelings_deflection", "passive_voice"]),
    ("I apologise unreservedly for my conduct", ["regret"]),
    ("we regret any inconvenience caused", ["conditional"]),
    ("I will be taking some time to reflect", ["repentance"]),
    ("lessons have been learned", ["passive_voice"]),
    ("I have always held myself to the highest standards", ["justification"]),
    ("this was a private matter that has been blown out of proportion", ["invalidating"]),
    ("I am seeking professional help", ["repentance"]),
    ("I apologise to my family, who have been hurt by this", ["regret", "harm_acknowledged"]),
    ("I want to apologise to anyone who was affected", ["conditional"]),
    ("errors of judgement were made during a difficult period", ["passive_voice", "excuse"]),
    ("I was under enormous pressure at the time", ["excuse"]),
    ("my words did not reflect who I am", ["minimizing"]),
    ("I acted within the rules at all times", ["justification"]),
    ("I'm sorry for any confusion", ["conditional"]),
    ("I was wrong and I own that completely", ["responsibility"]),
    ("I let down the people who trusted me", ["responsibility", "harm_acknowledged"]),
    ("I ask for privacy and understanding at this time", ["pressure_to_forgive"]),
    ("I hope to regain your trust", ["forgiveness_request"]),
    ("the behaviour in question was out of character", ["minimizing"]),
    ("if my actions caused offence I am truly sorry", ["conditional"]),
    ("I regret that people were upset", ["feelings_deflection"]),
    ("it is time for everyone to move forward", ["pressure_to_forgive"]),
    ("I have no recollection of saying that", ["excuse"]),
]

CONNECT_BUT = [
    "but",
    "but honestly",
    "but like",
    "but you know",
    "though",
    "but then again",
    "but come on",
]
TEXTISMS = [
    ("you", "u"),
    ("your", "ur"),
    ("I know", "ik"),
    ("okay", "ok"),
    ("because", "cuz"),
    ("sorry", "sry"),
]
FILLERS = ["um", "uh", "like", "you know", "i mean", "so", "look", "honestly", "okay"]

_APOS = re.compile(r"['’‘`]")
_NOT_WORD = re.compile(r"[^\w\s]")


def speech(text: str, rng: random.Random) -> str:
    """As a recogniser writes it: lowercase, no punctuation or apostrophes, sometimes a filler."""
    words = " ".join(_NOT_WORD.sub(" ", _APOS.sub("", text.lower())).split())
    if rng.random() < 0.2:
        words = f"{rng.choice(FILLERS)} {words}"
    return words


def texted(text: str, rng: random.Random) -> str:
    for a, b in TEXTISMS:
        if rng.random() < 0.5:
            text = re.sub(rf"\b{a}\b", b, text)
    return text.lower() if rng.random() < 0.5 else text


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str, rng: random.Random) -> str:
    end = rng.choice([".", ".", ".", "!", "", "..."])
    return cap(text) + end


def build(rng: random.Random) -> dict[str, list[tuple[str, list[str]]]]:
    files: dict[str, list[tuple[str, list[str]]]] = {
        k: []
        for k in (
            "components",
            "non_apologies",
            "defences",
            "attacks",
            "promises_and_pressure",
            "self_focus",
            "no_label",
            "registers",
            "combinations",
        )
    }

    def add(file: str, text: str, labels: list[str]) -> None:
        files[file].append((text, sorted(set(labels))))

    singles = {
        "components": [
            (REGRET, "regret"),
            (RESPONSIBILITY, "responsibility"),
            (HARM, "harm_acknowledged"),
            (REPAIR, "repair_offer"),
            (REPENTANCE, "repentance"),
            (FORGIVENESS, "forgiveness_request"),
        ],
        "non_apologies": [
            (CONDITIONAL, "conditional"),
            (FEELINGS, "feelings_deflection"),
            (PASSIVE, "passive_voice"),
        ],
        "defences": [
            (EXCUSE, "excuse"),
            (JUSTIFICATION, "justification"),
            (BLAME, "blame_shift"),
            (MINIMIZING, "minimizing"),
        ],
        "attacks": [(INVALIDATING, "invalidating"), (COUNTER, "counter_attack")],
        "promises_and_pressure": [
            (ABSOLUTE, "absolute_promise"),
            (PRESSURE, "pressure_to_forgive"),
        ],
        "self_focus": [(SELF_FOCUS, "self_focus")],
    }
    for file, groups in singles.items():
        for phrases, label in groups:
            for p in phrases:
                extra = (
                    ["regret"] if label == "passive_voice" and re.search(r"sorry|regret", p) else []
                )
                label_set = [label, *extra]
                add(file, p, label_set)
                add(file, sentence(p, rng), label_set)
                add(file, speech(p, rng), label_set)
                if rng.random() < 0.3:
                    add(file, texted(p, rng), label_set)
    for p in NONE:
        add("no_label", p, [])
        add("no_label", speech(p, rng), [])
        add("no_label", sentence(p, rng), [])
    for _ in range(350):  # ordinary talk runs on: two or three plain clauses together
        t = rng.choice([". ", ", ", " and ", " "]).join(rng.sample(NONE, rng.choice([2, 2, 3])))
        add("no_label", speech(t, rng) if rng.random() < 0.6 else cap(t) + ".", [])
    # Acts alone: specific_act ("I cheated on you" names the act, owns nothing more).
    for past, bare, part, noun in ACTS:
        for text in (f"I {past}", f"I {past}, that's the truth", f"the truth is I {past}"):
            add("components", text, ["specific_act"])
            add("components", speech(text, rng), ["specific_act"])
        # Regret + act.
        for opener in rng.sample(REGRET_THAT, 3):
            t = f"{opener} {part if opener.endswith('hadn') or 'hadn' in opener else past}"
            labels = ["regret", "specific_act"]
            add("components", sentence(t, rng), labels)
            add("components", speech(t, rng), labels)
        for opener in rng.sample(REGRET_FOR, 2):
            t = f"{opener} {noun}"
            add("components", sentence(t, rng), ["regret", "specific_act"])
            add("components", speech(t, rng), ["regret", "specific_act"])
        # Responsibility + act.
        prefix, form = rng.choice(RESPONSIBILITY_ACT)
        t = f"{prefix} {(past, bare, part, noun)[form]}"
        add("components", sentence(t, rng), ["responsibility", "specific_act"])
        add("components", speech(t, rng), ["responsibility", "specific_act"])
        t = f"I {past} and {rng.choice(RESPONSIBILITY)}"
        add("components", sentence(t, rng), ["responsibility", "specific_act"])
        add("components", speech(t, rng), ["responsibility", "specific_act"])
        # Feelings deflection about the act: not specific_act.
        t = f"{rng.choice(FEELINGS_ABOUT)} {noun}"
        add("non_apologies", sentence(t, rng), ["feelings_deflection"])
        add("non_apologies", speech(t, rng), ["feelings_deflection"])
        # Conditional about the act.
        t = rng.choice(
            [
                f"I'm sorry if {noun} upset you",
                f"if {noun} hurt you then I apologise",
                f"sorry if {noun} came across badly",
            ]
        )
        add("non_apologies", sentence(t, rng), ["conditional"])
        add("non_apologies", speech(t, rng), ["conditional"])
        # An absolute vow about the act: only the vow.
        t = f"{rng.choice(ABSOLUTE_ACT)} {bare} again"
        add("promises_and_pressure", sentence(t, rng), ["absolute_promise"])
        add("promises_and_pressure", speech(t, rng), ["absolute_promise"])
        # Mentioned, not said: the act in a question or a refused promise.
        t = rng.choice(
            [
                f"I can't promise I'll never {bare} again, but I'm working on it every day",
                f"you asked me why I {past}",
            ]
        )
        add("no_label", sentence(t, rng), ["repentance"] if "working on" in t else [])
        # Apology + "but" + defence: but_undoing with the defence (and the apology).
    defence_pools = [
        (EXCUSE, "excuse"),
        (JUSTIFICATION, "justification"),
        (BLAME, "blame_shift"),
        (MINIMIZING, "minimizing"),
        (INVALIDATING, "invalidating"),
        (COUNTER, "counter_attack"),
    ]
    for _ in range(420):
        past, _, _, noun = rng.choice(ACTS)
        pool, label = rng.choice(defence_pools)
        kind = rng.random()
        if kind < 0.35:
            head, head_labels = f"{rng.choice(REGRET_THAT)} {past}", ["regret", "specific_act"]
            if "hadn" in head:
                head = head.replace(past, rng.choice(ACTS)[2])
        elif kind < 0.6:
            head, head_labels = rng.choice(REGRET), ["regret"]
        elif kind < 0.8:
            head, head_labels = rng.choice(RESPONSIBILITY), ["responsibility"]
        else:
            head, head_labels = f"I {past}", ["specific_act"]
        tail = rng.choice(pool)
        style = rng.random()
        if style < 0.45:  # "sorry, but ..." in one sentence
            t = f"{head}, {rng.choice(CONNECT_BUT)} {tail}"
            labels = [*head_labels, label, "but_undoing"]
        elif style < 0.75:  # blame without a but: two sentences, no connector
            t = f"{cap(head)}. {cap(tail)}" + rng.choice([".", ", though.", " too.", "!"])
            labels = [*head_labels, label]
            if t.endswith(", though."):
                labels.append("but_undoing")
        else:  # the defence comes first
            t = f"{cap(tail)}, {rng.choice(['and', 'so', 'anyway'])} {head}"
            labels = [*head_labels, label]
        if rng.random() < 0.5:
            t = speech(t, rng)
        add("combinations", t, labels)
    # Good apologies: several components in one breath.
    for _ in range(300):
        past, bare, part, noun = rng.choice(ACTS)
        parts: list[tuple[str, list[str]]] = [
            (f"{rng.choice(REGRET_THAT)} {past}", ["regret", "specific_act"])
        ]
        if "hadn" in parts[0][0]:
            parts[0] = (f"{rng.choice(REGRET_THAT[:-1])} {past}", ["regret", "specific_act"])
        for pool, label in rng.sample(
            [
                (RESPONSIBILITY, "responsibility"),
                (HARM, "harm_acknowledged"),
                (REPAIR, "repair_offer"),
                (REPENTANCE, "repentance"),
                (FORGIVENESS, "forgiveness_request"),
            ],
            rng.choice([1, 1, 2]),
        ):
            parts.append((rng.choice(pool), [label]))
        rng.shuffle(parts)
        joiner = rng.choice([". ", ", and ", " and ", ". "])
        t = joiner.join(p for p, _ in parts)
        t = cap(t) + rng.choice([".", "", "."])
        labels = [lab for _, ls in parts for lab in ls]
        if rng.random() < 0.5:
            t = speech(t, rng)
        add("combinations", t, labels)
    # Two-clause mixes of any labels, including anti-patterns side by side.
    every = [
        (REGRET, "regret"),
        (RESPONSIBILITY, "responsibility"),
        (HARM, "harm_acknowledged"),
        (REPAIR, "repair_offer"),
        (REPENTANCE, "repentance"),
        (FORGIVENESS, "forgiveness_request"),
        (CONDITIONAL, "conditional"),
        (FEELINGS, "feelings_deflection"),
        (PASSIVE, "passive_voice"),
        (EXCUSE, "excuse"),
        (JUSTIFICATION, "justification"),
        (BLAME, "blame_shift"),
        (MINIMIZING, "minimizing"),
        (INVALIDATING, "invalidating"),
        (COUNTER, "counter_attack"),
        (ABSOLUTE, "absolute_promise"),
        (PRESSURE, "pressure_to_forgive"),
        (SELF_FOCUS, "self_focus"),
        (NONE, None),
    ]
    for _ in range(700):
        (pa, la), (pb, lb) = rng.sample(every, 2)
        a, b = rng.choice(pa), rng.choice(pb)
        t = rng.choice([f"{cap(a)}. {cap(b)}.", f"{a}, {b}", f"{cap(a)}, and {b}.", f"{a} {b}"])
        labels = [x for x in (la, lb) if x]
        if rng.random() < 0.6:
            t = speech(t, rng)
        add("combinations", t, labels)
    # Mentioned or refused, not said: no anti-pattern (a refused excuse is responsibility).
    for pool, label in [*defence_pools, (ABSOLUTE, "absolute_promise"), (PRESSURE, "pressure_to_forgive"),
                        (PASSIVE, "passive_voice")]:
        for phrase in rng.sample(pool, min(14, len(pool))):
            t = rng.choice(DISOWNING).format(phrase)
            labels = ["responsibility"] if label == "excuse" else []
            add("no_label", speech(t, rng) if rng.random() < 0.5 else cap(t) + ".", labels)
    for text, labels in CONTRARY:
        add("no_label", cap(text) + ".", labels)
        add("no_label", speech(text, rng), labels)
    for t in PARTNER_ACTS:
        for variant in (t, f"and {t}", f"well {t}"):
            add("attacks", speech(variant, rng) if rng.random() < 0.5 else cap(variant), ["counter_attack"])
    for p in MORE_NONE:
        add("no_label", cap(p) + ".", [])
        add("no_label", speech(p, rng), [])
    # The clause after a "but", read alone (the analyzer cuts there): the defence it carries.
    for pool, label in defence_pools:
        for tail in rng.sample(pool, 12):
            t = f"{rng.choice(CONNECT_BUT)} {tail}"
            add("defences", speech(t, rng) if rng.random() < 0.5 else t, [label])
    for tail in [
        "I love you",
        "I want to fix this",
        "I know that doesn't change anything",
        "that's no excuse",
        "I'm not saying that to get out of it",
        "more than that I'm ashamed",
        "I'll keep answering",
        "I understand why you're angry",
        "I don't want to lose you",
    ]:
        labels = {
            "that's no excuse": ["responsibility"],
            "I'll keep answering": ["repair_offer"],
            "I understand why you're angry": ["harm_acknowledged"],
        }.get(tail, [])
        for connector in ("but", "but also", "though"):
            add("no_label", f"{connector} {tail}", labels)
    for text, labels in SARCASM + PRESS:
        add("registers", text, labels)
        add("registers", speech(text, rng), labels)
    return files


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", _APOS.sub("", text.lower())).split())


def main() -> None:
    rng = random.Random(12)
    files = build(rng)
    evaluated = {_key(item["text"]) for item in yaml.safe_load(EVAL.read_text(encoding="utf-8"))}
    OUT.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[str]] = {}
    total = 0
    for name, items in files.items():
        kept = []
        for text, labels in items:
            key = _key(text)
            if not key or key in evaluated:
                continue
            if key in seen:
                continue  # the first labelling of a clause wins
            seen[key] = labels
            kept.append({"text": text, "labels": labels})
        total += len(kept)
        header = (
            f"# Apology clause labels: {name.replace('_', ' ')}. Written for the learned labels\n"
            "# (scripts/write_apology_clauses.py); guidelines: tests/eval/apology_eval.yml.\n"
            "# Each item: text and the COMPLETE list of labels (empty for none).\n"
        )
        body = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=200)
        (OUT / f"{name}.yml").write_text(header + body, encoding="utf-8")
    print(f"wrote {total} clauses to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
