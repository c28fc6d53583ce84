"""Write the training clauses of the learned reflection labels
(actions/coaching/data/reflection_clauses/).

Every fragment below was written by hand for this purpose, from the annotation guidelines at
the top of tests/eval/reflection_eval.yml (nothing is copied from that set; `main` drops any
clause that happens to match one of its items). The script combines fragments the way people
put a reflection together — what happened, how it felt, why that is understandable, a
check-in — and the ways it goes wrong: a "but" with a reason after it, a plan, a rebuttal. About
half the clauses are written as a speech recogniser writes them (no punctuation, no
apostrophes, no question marks).

Because clauses share fragments, a clause in the never-trained test split usually has a
cousin in training: figures on that split are optimistic for new wording (README).

    .venv/bin/python scripts/write_reflection_clauses.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "actions" / "coaching" / "data" / "reflection_clauses"
EVAL = ROOT / "tests" / "eval" / "reflection_eval.yml"

F, V, D, X, Q = "feeling_named", "validation", "defensiveness", "fixing", "question"

# --- What happened, given back (no label) ------------------------------------------------
CONTENT = [
    "you found out from Priya at the store",
    "I told you I still had the job when I'd lost it weeks ago",
    "every morning I left like I was going to the office",
    "I made up meetings and told you about them over dinner",
    "you heard it from someone else instead of me",
    "it isn't the job that matters to you, it's the lying",
    "now you're not sure what else I invented",
    "my brother brought up your pills at lunch",
    "you had only ever told me, not even your sister",
    "it took you two years to trust me with that",
    "it was your story to tell and I took that from you",
    "you spent the whole lunch wondering who else knows",
    "you don't know how to tell me things anymore",
    "I promised I'd be at the hospital on Tuesday",
    "you waited outside and called me four times",
    "you went in on your own in the end",
    "you heard the results alone, holding your mom's hand",
    "I said I lost track of time at a team lunch",
    "it wasn't an ordinary day and I knew it",
    "if you can't count on me for that, you wonder what you can count on me for",
    "a message from Alex lit up my phone",
    "you weren't snooping, the screen just lit up",
    "it went back to March, the hotel and the late nights",
    "I joked about you with Alex like you were a problem to handle",
    "you started to doubt your own memory",
    "you asked me straight out and I said nothing was going on",
    "there's a credit card you never knew about",
    "the statement came to the house with your name on the letter",
    "it's eighteen thousand dollars",
    "we were saving for the house the whole time",
    "I told you we were fine when you asked about money",
    "you checked our account every month and it never showed",
    "at the party I told everyone about your panic attack",
    "I made a joke about you in front of your colleagues",
    "people laughed and you had to smile along",
    "you had told me that in private",
    "you drove home without saying a word",
    "I read your journal while you were at work",
    "those pages were the one place that was only yours",
    "I brought up something you'd written in an argument",
    "you found the bottles in the garage behind the paint cans",
    "I told you I'd stopped drinking in the spring",
    "you've been counting the bottles and checking my breath",
    "you don't want to be the person who checks",
    "the kids were in the car with me",
    "you keep going over every time I said I was fine",
    "you stood in the store not knowing what to say",
    "you found out in the worst possible way",
    "it all came out at once",
    "you'd been asking me for months if something was wrong",
    "I looked you in the eye and lied",
    "what I did was lie to you about where I was",
    "I kept it from you on purpose",
    "you trusted me with it and I passed it on",
    "I went through your things without asking",
    "you gave me chance after chance",
]

# Ownership with no label: regrets about the past, taking it on.
OWNERSHIP = [
    "I should have told you the day it happened",
    "I should have been there",
    "that was on me",
    "there is no excuse for it",
    "I lied to you, plain and simple",
    "I broke something you trusted me with",
    "I chose to keep it from you",
    "it was wrong of me",
    "I knew it mattered and I still did it",
    "I'm not going to make excuses",
    "I won't explain it away",
    "I'm not blaming work for this",
    "I had no good reason",
    "you shouldn't have had to find out that way",
    "you shouldn't have had to sit there alone",
    "you should never have heard it from someone else",
    "I'm not going to tell you it wasn't a big deal",
    "it's not your job to fix this",
    "I'm not here to fix it right now",
    "I'm not going to tell you what to do",
    "I'm not saying you should forgive me",
    "I don't want to turn this around on you",
    "none of it was your fault",
    "it wasn't fair to you",
    "I took something that was yours",
    "I can't undo it",
    "I let you down when it counted",
]

# The speaker's own feelings, thoughts and third parties' feelings: not the partner's.
OWN_FEELINGS = [
    "I feel awful about it",
    "I feel terrible",
    "I felt sick when I saw your face",
    "honestly I feel like an idiot",
    "I'm so ashamed of myself",
    "I hate that I did this",
    "I was gutted too when I realised",
    "I've been miserable all week",
    "I feel like the worst person",
    "it's been eating me up",
    "I can't stop thinking about it",
    "my brother was worried about you",
    "Priya looked embarrassed too",
    "your mom was frightened",
    "the kids were upset",
    "Alex felt awkward about it",
    "your sister would be hurt",
    "everyone at the party was uncomfortable",
    "my boss was furious with me",
    "you're not stupid for believing me",
    "you weren't foolish to trust me",
    "you're not paranoid",
    "you're not crazy",
    "you did nothing to feel ashamed about",
    "you feel like I chose a lunch over you",
    "you feel like I never take you seriously",
    "you feel like you can't believe a word I say",
    "you feel like I treat your privacy as a joke",
    "you feel that I put Alex first",
    "you think I planned all of it",
    "you believe I'd do it again",
    "you keep wondering what else I made up",
    "you asked me why I did it",
    "you don't know who else knows",
    "I wonder if you'll ever trust me again",
    "I know what I did",
    "what I heard is that it went back months",
    "when you found out you came straight home",
    "how it happened doesn't change anything",
    "why I did it matters less than what it did to you",
    "you wanted to know where I was",
    "you want to know whether I'm still drinking",
]

# The speaker telling their own wrong, and the partner's circumstances: a reflection is
# mostly this, and its words (work, the phone, "because", "while I", "it wasn't") are the
# words defences use. None of it is defensiveness: nothing is excused or disputed.
MY_WRONGS = [
    "I said I'd be there and I wasn't",
    "I promised and I didn't show up",
    "I didn't even call back until the evening",
    "I didn't notice you'd left the party",
    "I didn't notice for an hour",
    "I didn't give you the chance to help",
    "I didn't tell you for three weeks",
    "I didn't say a word about the card",
    "I wasn't there when the doctor came out",
    "I wasn't honest with you about the drinking",
    "I let you keep believing I was sober",
    "I let you think everything was fine",
    "I let you feel bad about the wedding",
    "I let you plan around money we didn't have",
    "I told you we were fine every time you asked",
    "I told my brother something that was yours",
    "I blabbed to my brother",
    "I laughed along with everyone",
    "I laughed first and then they all did",
    "I made you the punchline",
    "I asked about Daniel at breakfast like I didn't know",
    "I acted like I hadn't read a thing",
    "I hid the bottles behind the paint cans",
    "I hid the statements in my bag",
    "I was running up the card while you were saving",
    "I was out at lunch while you were in that waiting room",
    "I was hiding it the whole time you were proud of me",
    "I was texting Alex while you were asleep next to me",
    "I kept the job thing going for weeks",
    "I kept leaving the house in a suit",
    "I kept saying I was working late",
    "I went through the whole journal",
    "I read the pages about your dad",
    "I used what you wrote against you",
    "I said those things about you in front of your friends",
    "I said you can't do anything right",
    "I made up a whole story about a client",
    "I looked right at you and said nothing was wrong",
    "I put it in my calendar and still forgot",
    "I even set a reminder and ignored it",
    "I chose to go to the lunch",
    "I picked my phone up before I picked you",
    "I joked about you like you were a chore",
    "I talked about our marriage with someone else",
    "I spent money we'd agreed to save",
    "I opened a card in secret",
    "I broke the one promise that mattered",
    "I drank again and lied about it",
    "I told you I'd stopped in the spring",
    "I put the kids in the car after drinking",
    "it wasn't a small thing",
    "it wasn't my place to share that",
    "it wasn't mine to tell",
    "it wasn't yours to find out like that",
    "it wasn't a normal Tuesday",
    "it's not the first time I've said things like that",
    "it's not about the money for you",
    "it's not the job, it's that I lied",
    "it was my secret spending that did it",
    "it was me who broke it",
    "that was the one day you needed me",
    "it went on for months",
    "it happened more than once",
    "nobody made me do it",
]
YOUR_SIDE = [  # the partner's circumstances and reasoning
    "you weren't even looking",
    "you weren't looking for anything",
    "you were getting the ladder",
    "you were saving for a house the whole time",
    "you were planning our future",
    "you were sitting in the car park calling me",
    "you could tell because the journal was on the nightstand",
    "you knew because it wasn't back in the drawer",
    "you thought the bank had made a mistake",
    "you thought it was a scam at first",
    "you read the letter four times",
    "you sat on the kitchen floor with it",
    "you skipped your sister's wedding because we couldn't afford it",
    "you said no to things you wanted",
    "you checked the account every month",
    "you went in on your own",
    "you held your mom's hand through it",
    "you heard about it from a stranger",
    "you only ever told me",
    "you hadn't even told your sister",
    "you had to smile through it",
    "you drove home in silence",
    "you've been counting the bottles",
    "you've been checking my breath",
    "you've been going back over every dinner",
    "you went back through months of messages",
    "you asked me directly and I lied",
    "you would have sat up with me all night",
    "you would have helped if I'd let you",
    "you'd have understood about the job",
    "you don't care about the job",
    "you said we'd have figured it out together",
    "you clapped for me at my six months",
    "you keep replaying what I said",
    "you were proud of me",
    "you trusted me with the one thing you hadn't told anyone",
    "you found them when you went to get the ladder",
    "you saw the message because my phone lit up",
    "you weren't snooping",
    "you weren't doing anything wrong",
    "you did nothing to deserve it",
    "you asked me to be there and I said yes",
    "you reminded me the night before",
    "you wrote it down so nobody else would read it",
    "those pages were for you and nobody else",
    "you only found out because the letter came",
    "you found out because Priya said something",
    "you heard it because my brother brought it up",
    "because you trusted me",
    "because you believed me",
    "because I'd told you we were fine",
    "because I laughed",
    "because I wasn't there",
    "because the journal was out on the nightstand",
    "because the letter had your name on it",
    "while I was hiding it",
    "while I was at that lunch",
    "while I was running up debt",
    "while you were looking at houses",
    "instead of telling you myself",
    "instead of being there",
    "instead of picking up the phone",
    "so now you don't know what to believe",
    "so now you check everything",
]
NOT_A_FEELING = [  # "you feel like" with a thought after it, and plain states
    "you don't feel like I have your back",
    "you don't feel like you have anywhere that's yours",
    "you feel like I made the decision for you",
    "you feel like I told the whole family",
    "you feel like I don't take the drinking seriously",
    "you feel like I'll do it again",
    "you feel like I put work first",
    "you feel like the money matters more to me",
    "you feel like nothing I say is true",
    "you feel like I read it to win an argument",
    "you feel that I can't be trusted with anything",
    "you don't feel like I'm being straight with you",
    "it feels to you like I planned it",
    "you're afraid it'll end up with my family",
    "it'll end up with my family",
    "it'll get back to my brother",
    "left it out on the table for everyone to see",
    "you don't think I'll change",
    "you don't believe I'm sober",
    "you're not sure you can trust me",
    "you've stopped believing me",
]

# --- feeling_named -----------------------------------------------------------------------
FEELINGS_ANY = [  # name a feeling after any holder
    "humiliated",
    "betrayed",
    "heartbroken",
    "furious",
    "devastated",
    "mortified",
    "terrified",
    "exhausted",
    "crushed",
    "gutted",
    "ashamed",
    "embarrassed",
    "scared",
    "frightened",
    "anxious",
    "lonely",
    "hurt",
    "angry",
    "livid",
    "shaken",
    "rattled",
    "blindsided",
    "disrespected",
    "abandoned",
    "let down",
    "wrecked",
    "worn out",
    "drained",
    "disgusted",
    "resentful",
    "insecure",
    "on edge",
    "sad",
    "powerless",
    "panicked",
    "sick to your stomach",
    "heartsick",
    "fed up",
    "unsettled",
    "uneasy",
    "wary",
    "bruised",
    "deflated",
    "numb",
    "unsafe",
    "overwhelmed",
    "confused",
    "jealous",
    "seething",
    "distraught",
    "dismissed",
    "taken for granted",
    "sidelined",
    "shut out",
]
FEELINGS_AFTER_FEEL = [  # name a feeling only after "feel"
    "stupid",
    "small",
    "foolish",
    "invisible",
    "alone",
    "used",
    "unimportant",
    "like a fool",
    "second best",
    "like an afterthought",
    "like the last to know",
    "like an outsider",
    "worthless",
    "like you didn't matter",
    "like a stranger in your own life",
    "naked",
    "exposed",
    "tiny",
    "like you were going crazy",
    "unheard",
    "unseen",
    "like a joke",
    "on your own",
    "like nobody had your back",
    "like a burden",
]
FEEL_HOLDERS = [
    "you felt {f}",
    "you must have felt so {f}",
    "it made you feel {f}",
    "I made you feel {f}",
    "you ended up feeling {f}",
    "that left you feeling {f}",
    "you've been feeling {f}",
    "it sounds like you felt {f}",
    "you felt really {f}",
    "I can hear that you feel {f}",
    "you sat there feeling {f}",
    "you must feel {f}",
    "you still feel {f}",
    "you were made to feel {f}",
    "I get that you felt {f}",
]
BE_HOLDERS = [
    "you were {f}",
    "you're {f}",
    "you're really {f}",
    "you must have been {f}",
    "I can see you're {f}",
    "it sounds like you're {f}",
    "you've been {f} for days",
    "you were left {f}",
    "you're still so {f}",
    "I can tell how {f} you are",
    "I know you're {f}",
    "you came home {f}",
    "you're just {f} right now",
]
VERBS = [  # participles that take the partner as object
    "gutted",
    "crushed",
    "humiliated",
    "scared",
    "shaken",
    "rattled",
    "hurt",
    "embarrassed",
    "floored",
    "wrecked",
    "devastated",
    "blindsided",
    "terrified",
    "frightened",
    "winded",
    "stung",
    "unsettled",
    "shattered",
]
VERB_HOLDERS = [
    "that must have {v} you",
    "I {v} you",
    "it really {v} you",
    "what I did {v} you",
    "it {v} you more than the job",
    "I know it {v} you",
    "that {v} you",
]
IDIOMS = [
    "your heart sank",
    "it broke your heart",
    "it knocked the wind out of you",
    "the floor dropped out from under you",
    "your stomach dropped when you saw it",
    "you were shaking in that waiting room",
    "you were beside yourself",
    "you were in pieces",
    "you were at your wits' end",
    "you were fuming the whole drive home",
    "it stung",
    "that cut you deep",
    "it hit you really hard",
    "you've been walking on eggshells",
    "you felt like a fool in front of Priya",
    "it messed with your head",
    "what hurts most is the lying",
    "the lying is what hurts",
    "the part that hurts is that I hid it",
    "I can only imagine how much that hurt",
    "how lonely that must have been",
    "how scary that must have been",
    "how humiliating that was",
    "it was mortifying for you",
    "that was awful for you",
    "that was brutal for you",
    "that was a nightmare for you",
    "it was a kick in the teeth",
    "it felt like a slap in the face",
    "you were heartsick",
    "you're tired of it",
    "you're sick of being lied to",
    "you're scared it will happen again",
    "you're afraid to tell me things now",
    "you don't feel safe telling me things",
    "you don't feel heard",
    "you didn't feel safe in your own home",
    "you don't feel respected",
    "you don't feel like you matter to me",
    "you felt so alone holding your mom's hand",
    "the loneliness of sitting there on your own",
    "the shame of people laughing",
    "that kind of embarrassment stays with you",
    "your trust in me is shattered and that hurts",
    "it made your skin crawl",
    "you've been carrying so much worry",
    "your whole body went cold",
    "the anger you feel",
    "all that fear came back",
    "you were terrified for your mom and I wasn't there",
    "it's been painful for you",
    "you've been grieving the person you thought I was",
    "it rocked you",
    "that really threw you",
    "you were mad as hell",
    "you were so hurt you couldn't speak",
    "you felt your stomach turn",
    "you felt sick reading them",
    "you felt gutted when you saw the statement",
    "you went numb at the table",
]

# --- validation --------------------------------------------------------------------------
VALIDATION = [
    "that makes total sense",
    "it makes sense",
    "I get why",
    "I'd feel exactly the same in your shoes",
    "anyone would",
    "anybody would react that way",
    "who wouldn't",
    "I don't blame you one bit",
    "you're right",
    "you're completely right about that",
    "that's fair",
    "that's more than fair",
    "no wonder",
    "it's understandable",
    "it's completely understandable",
    "your reaction fits what I did",
    "that's a normal response to being lied to",
    "it's reasonable that you don't believe me right now",
    "you have every reason not to trust me",
    "you have good reason to doubt me",
    "you're entitled to feel however you feel",
    "you're allowed to feel this",
    "it would be strange if you weren't upset",
    "it tracks that you'd want to see every statement",
    "of course you checked the bottles",
    "of course you want answers",
    "it's fair that you want to see my phone",
    "it's only natural after what I did",
    "I'd have done the same",
    "your anger is justified",
    "your feelings are valid",
    "what you're feeling is legitimate",
    "you've earned the right to be angry with me",
    "it's okay to be furious with me",
    "it's okay to feel that way",
    "that's a completely fair reaction",
    "there's nothing unreasonable about that",
    "you're not overreacting",
    "you're not being dramatic",
    "you're not wrong",
    "I totally understand why you'd feel that way",
    "I understand why you don't want to talk to me",
    "I can see why you'd be wary of me",
    "it makes sense that you stopped telling me things",
    "it's fair you don't want to be the one who checks",
    "you'd be right to wonder what else I hid",
    "it's no surprise you doubted yourself",
    "it's no wonder you can't trust what I say",
    "it's natural to feel that",
    "you have a right to know",
    "you had every right to read them once the screen lit up",
    "it's reasonable to want some time",
    "that reaction makes perfect sense to me",
    "fair enough",
    "I'd be angry too",
    "I would be just as upset",
    "I can't argue with that",
    "I hear you and you're right",
    "you've got every right",
    "it figures you'd feel that",
]
VALIDATION_FEELING = [  # both in one clause
    "of course you're {f}",
    "you have every right to be {f}",
    "it makes sense you're {f}",
    "no wonder you're {f}",
    "anyone would be {f}",
    "it's okay to be {f}",
    "I don't blame you for being {f}",
    "you're right to be {f}",
    "it's completely understandable that you're {f}",
    "I'd be {f} too",
    "you have every reason to be {f}",
    "it's fair that you're {f}",
    "you're allowed to be {f} with me",
    "who wouldn't be {f}",
    "it's natural to be {f}",
    "it makes sense you felt {f}",
]
VAL_FEELINGS = [
    "angry",
    "furious",
    "hurt",
    "upset",
    "scared",
    "livid",
    "devastated",
    "humiliated",
    "worried",
    "suspicious",
    "mad",
    "disappointed",
    "fed up",
    "exhausted",
    "anxious",
    "heartbroken",
    "betrayed",
    "wary",
    "embarrassed",
    "shaken",
]
NOT_VALIDATION = [  # asked or negated validation, or the words used otherwise
    ("does that make sense", [Q]),
    ("does that make any sense", [Q]),
    ("that doesn't make sense to me", [D]),
    ("I don't think that's fair", [D]),
    ("you have no right to read my stuff", [D]),
    ("that's not right", [D]),
    ("you're not right about this", [D]),
    ("it makes sense to get a budget going", [X]),
    ("it would make sense for you to talk to someone", [X]),
    ("is that fair", [Q]),
    ("I'm not sure that's fair", [D]),
    ("no one would make that big a deal of it", [D]),
    ("anyone would have done the same thing in my position", [D]),
    ("any guy would have joked about it", [D]),
    ("you'd have done the same if you were me", [D]),
    ("right, so the card", []),
    ("right after the lunch", []),
    ("it made sense at the time to keep quiet", [D]),
]

# --- defensiveness -----------------------------------------------------------------------
DEFENCES = [
    "I was only trying to protect you",
    "I didn't want you to worry",
    "I didn't want to stress you out",
    "I meant well",
    "my heart was in the right place",
    "it wasn't intentional",
    "it just slipped out",
    "he would have found out anyway",
    "I panicked",
    "it's been a hard year for me too",
    "I was in a really bad place",
    "work was insane that week",
    "I had so much on my plate",
    "my phone died",
    "nobody reminded me it was Tuesday",
    "you never said how important it was",
    "you're making a mountain out of a molehill",
    "it's not that deep",
    "it was one drink",
    "it's just a journal",
    "it's only a credit card",
    "it was a few beers on the weekend",
    "it was a joke, everyone laughed",
    "it was harmless banter",
    "I was only joking",
    "we were all just having fun",
    "Alex is just a friend",
    "nothing actually happened",
    "it didn't mean anything",
    "you read my phone first",
    "you're one to talk",
    "you're not exactly innocent",
    "you weren't there for me either",
    "so it's all my fault now",
    "you always do this",
    "you're twisting my words",
    "that's not how it went down",
    "that's a stretch",
    "you're blowing it out of proportion",
    "you're reading way too much into it",
    "everybody does it",
    "lots of people have a card their partner doesn't know about",
    "I already said sorry",
    "how many times do I have to apologise",
    "you keep bringing this up",
    "I was going to pay it off before you noticed",
    "I was going to tell you after I found a new job",
    "I was waiting for the right moment",
    "I needed time to sort it out first",
    "I couldn't face letting you down",
    "I was embarrassed about losing the job",
    "I didn't think it was a secret",
    "I thought you'd told him already",
    "he's my brother, I tell him everything",
    "you never told me not to say anything",
    "I thought it was a funny story",
    "you laugh about my stuff all the time",
    "I only read a page",
    "it was lying open on the bed",
    "I was worried about you, that's why I read it",
    "the bottles were old",
    "I'm not an alcoholic",
    "I can stop whenever I want",
    "it's not like I was drunk driving",
    "I've been under so much pressure",
    "the lunch ran over, it happens",
    "my manager wouldn't let me leave",
    "I did call back eventually",
    "you were the one who said you'd be fine on your own",
    "you're acting like I did it on purpose",
    "you make me sound like a monster",
    "it's not as bad as you're making it",
    "you always assume the worst of me",
    "you're being paranoid",
    "you're too sensitive about this stuff",
    "you went through my phone",
    "you could have just asked me",
    "you should have said something sooner",
    "if you'd been easier to talk to I'd have told you",
    "if you didn't get so angry about money I wouldn't have hidden it",
    "you spend plenty yourself",
    "you do the same thing with your sister",
    "that's rich coming from you",
    "I'm the one who's been stressed out of my mind",
    "I've had it rough too",
    "in fairness I did mention a card once",
    "to be honest it's mostly for emergencies",
    "technically I never said I was at the office",
    "I never actually lied, I just didn't mention it",
    "I didn't lie, I left things out",
    "it was for us, for the family",
    "I did it for you",
    "you would have freaked out",
    "you'd have made it a huge thing",
    "I knew you'd react like this",
    "this is exactly why I didn't tell you",
    "it's my journal too, we share everything",
    "I was just curious",
    "anyone would have looked",
    "I had my reasons",
    "you don't know the whole story",
    "there's more to it than that",
    "you've got it all wrong",
    "that's not what the messages meant",
    "you took it out of context",
    "we were just venting",
    "Alex started it",
    "my friends pushed me into it",
    "the drink made me say it",
    "I'd had a few, I wasn't thinking",
    "I didn't know it was such a big deal to you",
    "how was I supposed to know",
    "I can't be everywhere at once",
    "I'm only human",
    "at least I came eventually",
    "at least I told you now",
    "at least it wasn't worse",
    "it could have been a lot worse",
    "it's only money, we'll earn it back",
    "it's eighteen grand, not the end of the world",
]
DEFENCE_BUT = [  # the "but" clause that turns to the speaker's side
    "but I was going to tell you",
    "but I had a good reason",
    "but you have to see my side",
    "but I was scared of what you'd say",
    "but it wasn't the whole truth you heard",
    "but I didn't have a choice",
    "but you weren't easy to talk to",
    "but you did the same last year",
    "but that's not fair",
    "but it was just the once",
    "but the meeting ran late",
    "but you know how my family is",
    "but I never meant to hurt you",
    "but I was drunk",
    "but my boss kept me",
    "but I'm the one paying it off",
    "but honestly it wasn't that much",
    "but you read my phone too",
    "but I was stressed out",
    "but you overreact to everything",
    "though to be fair I didn't know",
    "because I was scared",
    "because you would have left",
    "because I didn't want to upset you",
    "because you always make it about money",
    "cause I was ashamed",
]
NOT_DEFENCE = [  # a "but" or "because" that stays with them
    ("but I hear you", []),
    ("but that doesn't matter right now", []),
    ("but that's no excuse", []),
    ("but what matters is what it did to you", []),
    ("but this isn't about me", []),
    ("but I did it and it's on me", []),
    ("because I lied to you", []),
    ("because I wasn't there", []),
    ("because you trusted me", []),
    ("because you found out from a stranger", []),
    ("but you were right", [V]),
    ("but you felt so small", [F]),
    ("because it humiliated you", [F]),
]

# --- fixing ------------------------------------------------------------------------------
FIXES = [
    "how about we go to couples counselling",
    "maybe it's time we saw someone",
    "the best thing would be to move past it",
    "it might help to talk to a therapist",
    "give it some time",
    "sleep on it and we'll talk tomorrow",
    "you just need to relax",
    "we can start fresh from today",
    "I'll make it up to you",
    "I'll set up a budget this weekend",
    "I'll pour every bottle out tonight",
    "I'm going to ring my brother and tell him to keep quiet",
    "I'll close the card tomorrow",
    "I'll cut up the card in front of you",
    "from now on I'll be at every appointment",
    "next time I'll put it in my calendar",
    "let's put it behind us",
    "we could go away for the weekend",
    "we should get a joint account",
    "let's not dwell on it",
    "you'll feel better tomorrow",
    "don't let it get to you",
    "chin up",
    "you can't let this ruin the weekend",
    "there's no point dwelling on it",
    "you have to trust me again",
    "you need to let it go",
    "you ought to talk to your sister about it",
    "just forget what people heard",
    "try not to think about it",
    "I'll get a new job by the end of the month",
    "I'm going to apply for jobs tonight",
    "we'll sort the money out together",
    "we'll pay it off in a year",
    "here's my plan",
    "let me show you the statements so you can relax",
    "I'll give you all my passwords",
    "you can check my phone whenever you want",
    "I'll block Alex right now",
    "I'll go to meetings",
    "I'll book an appointment with a counsellor",
    "I'll never read it again, so we can move on",
    "you should lock the journal in a drawer",
    "you could write on your laptop with a password",
    "we should tell your sister together",
    "why not call your mom and explain",
    "you could tell the people at the party it was a joke",
    "you shouldn't take it so hard",
    "don't be upset",
    "don't be so hard on yourself",
    "there's no need to be embarrassed",
    "you shouldn't feel bad about it",
    "you have nothing to be ashamed of",
    "cheer up",
    "look on the bright side",
    "at the end of the day it'll all work out",
    "things will get better",
    "it'll blow over",
    "we'll laugh about this one day",
    "what we need is a fresh start",
    "the answer is more communication",
    "I think we should set some rules",
    "let's agree I'll text you every hour",
    "maybe you could come with me to the doctor next time",
    "we need to move forward",
    "it's time to get past this",
    "let's just get some sleep",
    "I'll take the kids so you can rest",
    "you should get some air",
    "go have a bath and I'll cook",
    "I'll make sure it never happens again",
    "I promise I'll change",
    "I'll fix this",
    "I'll sort it",
    "leave it with me",
    "I can pay it off with my bonus",
    "we can talk to the bank",
    "try to see it from the bright side",
    "stop thinking about the worst case",
    "just focus on your mom for now",
    "you need to calm down first",
    "breathe, it's fine",
    "it's fine, really",
]
NOT_FIXING = [
    ("I'm not going to tell you what you should do", []),
    ("I'm not trying to fix it", []),
    ("I don't have a plan yet and I'm not asking you for anything", []),
    ("you shouldn't have had to hear it at a party", []),
    ("I should have been there for you", []),
    ("you should have been able to trust me", []),
    ("you should be able to write anything in there", []),
    ("you should have been the one to decide", []),
    ("you should never have had to check", []),
    ("you should have heard it from me", []),
    ("you had to go in alone", []),
    ("you have to live with what I said", []),
    ("I need to hear this", []),
    ("I need to understand what it was like for you", []),
    ("you need me to listen right now", []),
    ("you need to be heard", []),
    ("you need to know I'm listening", []),
]

# --- question ----------------------------------------------------------------------------
QUESTIONS = [
    "did I get that right",
    "have I got that",
    "have I got that right",
    "did I get it",
    "did I miss anything",
    "what am I missing",
    "what did I leave out",
    "is there more",
    "is there anything else",
    "is that close",
    "is that it",
    "is that how it was for you",
    "am I hearing you right",
    "am I close",
    "does that sound right",
    "does that sound about right",
    "how does that land",
    "how's that",
    "is that what you meant",
    "is that what you're saying",
    "would you say more about that",
    "can you help me understand the rest",
    "can you tell me more",
    "could you tell me more about lunch",
    "tell me more",
    "tell me more about that",
    "I'd like to hear more",
    "say more if you want",
    "what else is on your mind",
    "what else do you need me to hear",
    "what would help right now",
    "what do you need from me tonight",
    "how are you holding up",
    "how are you doing with all of this",
    "how did that feel",
    "what was that like",
    "what was the worst part",
    "which part was hardest",
    "is it more the lying or the money",
    "is it the lying more than the drinking",
    "was it the laughing that stung or what I said",
    "did I understand",
    "did I understand that properly",
    "do you want to keep going",
    "do you want to say anything else",
    "would you like to tell me more",
    "where do you want to go from here",
    "what do you want me to know",
    "what else should I know",
    "anything I got wrong",
    "anything I missed",
    "anything else",
    "did that come across",
    "is that the heart of it",
    "is that close to how you feel",
    "was that the moment it hit you",
    "when did you first notice",
    "how long have you felt this way",
    "who else have you talked to about it",
    "why did it hurt so much that it was Priya",
    "are you okay",
    "are you alright to keep talking",
    "can I check I've understood",
    "could you correct me if I got it wrong",
    "right or did I get that wrong",
    "have I understood you",
]
QUESTION_DEFENCE = [  # rhetorical or thrown back: both
    "what was I supposed to do",
    "what was I meant to say",
    "why didn't you just ask me",
    "why were you going through my phone",
    "why were you reading my messages in the first place",
    "what about the time you hid your shopping",
    "did you go through my stuff",
    "why is this such a big deal",
    "since when is a joke a crime",
    "so I'm the bad guy now",
    "are you seriously still on this",
    "how was I meant to know it was today",
    "what did you want me to do, quit",
    "can we not make it about the money",
    "why do you always assume the worst",
    "who counts bottles anyway",
    "were you spying on me",
    "what do you expect when you snoop",
]
QUESTION_FIXING = [
    "what can I do to make it right",
    "how do I fix this",
    "should I call my brother and tell him to drop it",
    "should I close the card",
    "can we just move on",
    "can we put this behind us",
    "should we see a counsellor",
    "how about we start over",
    "why don't you take a break",
    "have you thought about talking to someone",
    "what if we had a budget meeting every month",
    "shall I pour them out now",
    "would it help if I gave you my phone",
    "what if I came to every appointment from now on",
]
EMBEDDED = [  # what looks like a question and is not
    "you keep wondering what else I've hidden",
    "you asked me why I didn't call",
    "I know why you checked",
    "you don't know who you can tell anymore",
    "I wonder how you sat through that lunch",
    "what I'm hearing is that you were on your own",
    "what you're saying is it was never about the money",
    "how I let you down is clear to me",
    "who I told was not my choice to make",
    "where I was that morning doesn't matter",
    "when you called I didn't pick up",
    "you want to know if there's more",
    "you're asking yourself whether anything I said was true",
    "you wondered whether I'd show up",
    "I'm not sure if I got all of it",
    "I'm going to ask you what you need later",
    "what hurts is not knowing",
]

# Second round, written after probing the first model with new sentences: circumstances
# offered as excuses, wh-questions as speech writes them, validation in casual words, and
# statements that open like a question.
MORE_DEFENCES = [
    "the traffic was a nightmare",
    "my battery died halfway through the day",
    "the meeting overran and I couldn't get out",
    "I was going to come clean next week anyway",
    "I was about to tell you",
    "I'd planned to tell you on the weekend",
    "I had every intention of paying it back",
    "the signal in that building is terrible",
    "I didn't see your calls until later",
    "nobody could have got there in time",
    "the kids had me running around all morning",
    "it had been a long week",
    "I only had two, I swear",
    "it wasn't even my idea",
    "it's not like I planned it",
    "it's not like I do it every day",
    "you act like I'm some kind of criminal",
    "you're acting like the world ended",
    "you've never let me forget anything",
    "I can't win with you",
    "whatever I do it's wrong",
    "I've been trying so hard",
    "I've been good for months",
    "I've said sorry a hundred times",
    "I was thinking of us",
    "I was trying to keep the peace",
    "it's complicated",
    "it's more complicated than you think",
    "you don't understand the pressure I'm under",
    "he asked me straight out, what was I meant to do",
    "well you weren't exactly honest with me either",
    "you hid things from me last year",
    "you went behind my back first",
]
MORE_QUESTIONS = [
    "what's the hardest part for you",
    "whats been the worst of it",
    "which bit hurt the most",
    "how come you didn't say anything at lunch",
    "where does that leave us for you",
    "what do you make of it now",
    "what's going on for you right now",
    "what's it like being at home with me now",
    "how's your mom doing",
    "what would you want me to understand",
    "is it the secret or the money",
    "was it worse hearing it from Priya",
    "does it feel like that every day",
    "do you still think about that lunch",
    "have you been carrying this all week",
    "did it start before March",
    "are you still wondering what else there is",
    "what else happened that day",
    "who did you talk to afterwards",
    "when did it hit you",
]
MORE_VALIDATION = [
    "you'd be crazy not to be angry",
    "it'd be weird if you weren't upset",
    "I'd be the same",
    "I'd react the same way",
    "anybody in your place would",
    "that's totally reasonable",
    "I can't fault you for that",
    "you're well within your rights",
    "makes sense to me",
    "yeah that tracks",
    "that's a fair thing to feel",
    "it's fair enough you don't want me near your things",
    "you have every reason to check",
    "of course you don't trust me",
    "no surprise you're keeping your distance",
    "I'd feel exactly like that",
    "your reaction is completely fair",
    "there's nothing wrong with feeling that",
]
STATEMENT_OPENERS = [  # open like a question, say something
    "the important thing now is you felt heard",
    "the thing is I lied",
    "what matters is what it did to you",
    "what I did was lie",
    "what you went through that day was real",
    "how you found out made it worse",
    "why it hurt is because you trusted me",
    "is what I keep coming back to",
    "where you were that morning was the waiting room",
    "who I told was the one thing you asked me not to",
    "how much it cost you isn't just the money",
    "what happened at the party was me being cruel",
    "is all I can think about",
    "which is the part I didn't get before",
]

# --- putting them together ---------------------------------------------------------------
LEADS = [
    "",
    "",
    "",
    "so ",
    "I hear that ",
    "what I'm hearing is ",
    "it sounds like ",
    "okay so ",
    "honestly ",
    "if I've got it, ",
    "I think ",
    "so basically ",
    "and ",
    "look, ",
    "um ",
    "I'm hearing that ",
    "you're telling me ",
]
TAILS_QUESTION = [
    " did I get that right",
    " is that right",
    " is that close",
    " have I got that",
    " am I hearing you",
    " did I miss anything",
    " is there more",
]
TAILS_VALIDATION = [
    " and anyone would",
    " and that makes sense",
    " and honestly who wouldn't",
    " which is fair",
    " and you're right",
    " and no wonder",
    " and I'd feel the same",
]
TEXTISMS = [("you", "u"), ("your", "ur"), ("are", "r"), ("because", "cuz"), ("okay", "ok")]
FILLERS = ["um", "uh", "like", "you know", "i mean", "so", "yeah", "okay"]

_APOS = re.compile(r"['’‘`]")
_NOT_WORD = re.compile(r"[^\w\s]")


def speech(text: str, rng: random.Random) -> str:
    """As a recogniser writes it, sometimes with a filler in front."""
    out = " ".join(_NOT_WORD.sub(" ", _APOS.sub("", text.lower())).split())
    if rng.random() < 0.15:
        out = f"{rng.choice(FILLERS)} {out}"
    return out


def typed(text: str, labels: list[str], rng: random.Random) -> str:
    """A typed clause: capitalised, with a question mark when it asks something."""
    text = text[0].upper() + text[1:] if text else text
    if Q in labels and rng.random() < 0.7:
        return text + "?"
    if rng.random() < 0.3:
        return text + "."
    if rng.random() < 0.1:
        for word, short in TEXTISMS:
            text = re.sub(rf"\b{word}\b", short, text)
    return text


def feelings(rng: random.Random) -> list[tuple[str, list[str]]]:
    items: list[tuple[str, list[str]]] = []
    for holder in FEEL_HOLDERS:
        for word in rng.sample(FEELINGS_ANY, 9) + rng.sample(FEELINGS_AFTER_FEEL, 6):
            items.append((holder.format(f=word), [F]))
    for holder in BE_HOLDERS:
        for word in rng.sample(FEELINGS_ANY, 10):
            items.append((holder.format(f=word), [F]))
    for holder in VERB_HOLDERS:
        for verb in rng.sample(VERBS, 8):
            items.append((holder.format(v=verb), [F]))
    items.extend((idiom, [F]) for idiom in IDIOMS)
    return items


def main() -> None:
    rng = random.Random(12)
    groups: dict[str, list[tuple[str, list[str]]]] = {
        "feelings": feelings(rng),
        "validation": [(v, [V]) for v in VALIDATION]
        + [
            (template.format(f=word), [F, V])
            for template in VALIDATION_FEELING
            for word in rng.sample(VAL_FEELINGS, 7)
        ]
        + NOT_VALIDATION,
        "defensiveness": [(d, [D]) for d in DEFENCES + DEFENCE_BUT] + NOT_DEFENCE,
        "fixing": [(x, [X]) for x in FIXES] + NOT_FIXING,
        "questions": [(q, [Q]) for q in QUESTIONS]
        + [(q, [Q, D]) for q in QUESTION_DEFENCE]
        + [(q, [Q, X]) for q in QUESTION_FIXING]
        + [(e, []) for e in EMBEDDED],
        "no_label": [(c, []) for c in CONTENT + OWNERSHIP + OWN_FEELINGS],
        "second_round": [(d, [D]) for d in MORE_DEFENCES]
        + [(q, [Q]) for q in MORE_QUESTIONS]
        + [(v, [V]) for v in MORE_VALIDATION]
        + [(o, []) for o in STATEMENT_OPENERS],
        "narration": [(c, []) for c in MY_WRONGS + YOUR_SIDE + NOT_A_FEELING],
    }
    combined: list[tuple[str, list[str]]] = []
    feeling_items = groups["feelings"]
    defences = DEFENCES + [d for d in DEFENCE_BUT if not d.startswith(("but", "because", "cause"))]
    for _ in range(1100):
        kind = rng.random()
        lead = rng.choice(LEADS)
        feeling, _labels = rng.choice(feeling_items)
        content = rng.choice(CONTENT)
        if kind < 0.2:
            combined.append((lead + feeling + rng.choice(TAILS_QUESTION), [F, Q]))
        elif kind < 0.35:
            combined.append((lead + feeling + rng.choice(TAILS_VALIDATION), [F, V]))
        elif kind < 0.47:
            combined.append((lead + content + rng.choice(TAILS_QUESTION), [Q]))
        elif kind < 0.57:
            combined.append((f"{lead}{content} and you felt {rng.choice(FEELINGS_ANY)}", [F]))
        elif kind < 0.64:
            combined.append((lead + content + rng.choice(TAILS_VALIDATION), [V]))
        elif kind < 0.72:
            # Speech runs a feeling into a plan or a defence with no comma between.
            combined.append((f"{feeling} {rng.choice(FIXES)}", [F, X]))
        elif kind < 0.80:
            combined.append((f"I know {feeling} {rng.choice(defences)}", [F, D]))
        elif kind < 0.86:
            combined.append((f"{content} {rng.choice(FIXES)}", [X]))
        elif kind < 0.92:
            combined.append((f"{content} {rng.choice(defences)}", [D]))
        else:
            combined.append((lead + rng.choice(CONTENT + OWNERSHIP + OWN_FEELINGS), []))
    narration = CONTENT + MY_WRONGS + YOUR_SIDE
    for _ in range(450):
        # Narration runs on in speech: two plain statements in one clause stay plain, and
        # a feeling or a check-in after them is the only label.
        first, second = rng.sample(narration, 2)
        kind = rng.random()
        if kind < 0.55:
            combined.append((f"{rng.choice(LEADS)}{first} and {second}", []))
        elif kind < 0.75:
            combined.append((f"{first} {rng.choice(feeling_items)[0]}", [F]))
        elif kind < 0.88:
            combined.append((f"{first}{rng.choice(TAILS_QUESTION)}", [Q]))
        else:
            combined.append((f"{first}{rng.choice(TAILS_VALIDATION)}", [V]))
    second = MORE_DEFENCES + MORE_QUESTIONS + MORE_VALIDATION + STATEMENT_OPENERS
    for _ in range(300):
        first = rng.choice(CONTENT + MY_WRONGS)
        item = rng.choice(second)
        labels = (
            [D]
            if item in MORE_DEFENCES
            else [Q]
            if item in MORE_QUESTIONS
            else [V]
            if item in MORE_VALIDATION
            else []
        )
        combined.append(
            (f"{rng.choice(LEADS)}{item}" if rng.random() < 0.4 else f"{first} {item}", labels)
        )
    groups["combinations"] = combined

    eval_keys = {_key(item["text"]) for item in yaml.safe_load(EVAL.read_text(encoding="utf-8"))}
    OUT.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[str]] = {}
    for name, items in groups.items():
        rows = []
        for text, labels in items:
            text = " ".join(text.split())
            for variant in [speech(text, rng) if rng.random() < 0.5 else typed(text, labels, rng)]:
                key = _key(variant)
                if key in eval_keys or key in seen:
                    continue
                seen[key] = sorted(labels)
                rows.append({"text": variant, "labels": sorted(labels)})
        path = OUT / f"{name}.yml"
        header = (
            "# Written by scripts/write_reflection_clauses.py: clauses of reflections with the"
            " COMPLETE\n# list of their labels (tests/eval/reflection_eval.yml guidelines).\n"
        )
        path.write_text(
            header + yaml.safe_dump(rows, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
        print(f"{path.name}: {len(rows)}")
    print(f"total {len(seen)}")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


if __name__ == "__main__":
    main()
