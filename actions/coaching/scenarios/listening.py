"""Listening scenarios: a hurt partner says what they need to say, and the user listens.

Each monologue is written to be spoken by text-to-speech at about 150 words a minute, with
designed pauses. The long pauses (three seconds and more) fall where a real person stops to
steady themselves, which is exactly where a listener feels the pull to jump in with an
explanation. Each ends with its own words for handing the floor back.

Grounding (shared/design/CONTENT.md): integrity violations - lying, infidelity, hidden money,
a confidence broken - are the hardest to repair, so most scenarios are about those; a
forgotten promise and a cruel remark are the everyday kind that still wear trust down. In
every one the partner says what happened, what hurt most (often not the act itself but the
lying or the audience) and how they feel, because those are what a reflection should give
back. Key-point alternatives follow the keyword-set syntax in `base.py`.
"""

from __future__ import annotations

from actions.coaching.scenarios.base import Feeling, KeyPoint, ListeningScenario, Segment

__all__ = ["LISTENING_SCENARIOS", "get_listening_scenario"]

# Feeling vocabularies several scenarios share. Each is one term of options.
_HURT = (
    "hurt*",
    "pain",
    "painful",
    "pained",
    "wounded",
    "heartbroken",
    "crushed",
    "devastat*",
    "gutted",
)
_ANGRY = ("angry", "anger", "mad", "furious", "livid", "rage", "pissed")
_SCARED = ("scared", "afraid", "fear*", "frightened", "terrified", "worried", "anxious")
_FOOLISH = ("stupid", "fool", "foolish", "idiot", "naive", "humiliat*", "embarrass*")
_BETRAYED = ("betray*", "deceived", "lied_to", "let_down", "cheated_on")
_ALONE = ("alone", "lonely", "abandon*", "deserted", "on_your_own", "by_yourself")


LOST_JOB_LIE = ListeningScenario(
    id="lost-job-lie",
    title="The job you said you still had",
    premise=(
        "You lost your job three weeks ago and kept leaving every morning as if you still "
        "had it. Your partner has just found out."
    ),
    segments=(
        Segment("Okay. I need you to let me get through this without stopping me.", 1.5),
        Segment(
            "I ran into Priya at the grocery store on Saturday. She asked how you were "
            "holding up since the layoffs. Since the layoffs.",
            3.5,
        ),
        Segment(
            "You were let go three weeks ago. Three weeks. And every single morning you "
            "kissed me goodbye, you took your lunch, and you left like you were going to work.",
            2.0,
        ),
        Segment(
            "I keep trying to picture where you went all day. Sitting in the car somewhere? "
            "The library? I don't even know.",
            4.0,
        ),
        Segment(
            "And the thing is, it's not the job. I don't care about the job. People lose "
            "jobs. We would have figured it out together.",
            2.0,
        ),
        Segment(
            "It's that you sat across from me at dinner and told me about meetings that never "
            "happened. You made up details. You were good at it.",
            3.0,
        ),
        Segment(
            "I stood there in the store nodding at Priya like I knew. I felt so stupid. Like "
            "everyone knew something about my own life except me.",
            4.5,
        ),
        Segment(
            "And now I keep wondering what else. What else have you made up that I just "
            "believed, because why wouldn't I believe you?",
            2.0,
        ),
        Segment(
            "I'm not trying to punish you. I'm just really hurt, and I'm tired. That's what I "
            "needed you to hear.",
            0.0,
        ),
    ),
    finishing_cue="That's what I needed you to hear.",
    key_points=(
        KeyPoint(
            "lost-job",
            "you lost your job three weeks ago and didn't tell them",
            (
                "lost|losing job|work",
                "fired|let_go|laid_off|layoff*|sacked|redundan*|unemployed",
                "three|3 weeks",
            ),
        ),
        KeyPoint(
            "pretended-to-work",
            "every morning you left as if you were going to work",
            (
                "pretend*|faking|faked|acted|acting|act_like work|job|working|office",
                "every|each morning|day left|leave|leaving|went|go|going|kissed|lunch",
                "went|go|going|left work|job goodbye|lunch|morning*",
            ),
        ),
        KeyPoint(
            "heard-from-priya",
            "they heard it from Priya at the store, not from you",
            (
                "priya",
                "store|grocery|supermarket|shop",
                "found_out|heard|learned|learnt|told friend|someone|someone_else|somebody|"
                "stranger|colleague|coworker|else",
            ),
        ),
        KeyPoint(
            "not-the-job",
            "losing the job isn't what hurts; the lying is",
            (
                "job|work not|isn't|wasn't|don't|doesn't care|mind|matter|matters|issue|"
                "problem|point|about",
                "lying|lies|lie|lied|dishonest*|deceiv*|deception|pretending hurt*|worst|"
                "matters|problem|issue|point|real|what",
                "would|could|would've|could've together|both figure*|figured|sort*|sorted|handled"
                "|dealt",
                "people lose jobs",
                "not|isn't|wasn't|never job|work lying|lies|lie|lied|pretending",
            ),
        ),
        KeyPoint(
            "made-up-meetings",
            "you made up meetings and details at dinner",
            (
                "made_up|invented|invent*|fake|faked|fabricat* meeting*|detail*|stor*|day|days",
                "meeting*|detail* never|didn't|weren't|wasn't happen*|exist*|real",
                "lied|lying dinner|face|eyes|table",
            ),
        ),
        KeyPoint(
            "what-else",
            "now they wonder what else you've made up",
            (
                "what|anything|everything else",
                "question*|doubt*|wonder* everything|anything|else|what",
                "can't|cannot|don't|couldn't trust|believe anything|everything|word|me|you",
            ),
        ),
    ),
    feelings=(
        Feeling("stupid", (*_FOOLISH, "small", "ridiculous")),
        Feeling("left out", ("left_out", "outsider", "excluded", "shut_out", "last_to_know")),
        Feeling("hurt", _HURT),
        Feeling("tired", ("tired", "exhausted", "drained", "worn_out", "weary")),
    ),
)


TOLD_YOUR_BROTHER = ListeningScenario(
    id="told-your-brother",
    title="What I told you in confidence",
    premise=(
        "Your partner told you, and only you, that they take medication for depression. You "
        "mentioned it to your brother, and he brought it up at a family lunch."
    ),
    segments=(
        Segment("Can I say something, and can you just let me say it?", 1.5),
        Segment(
            "At your mom's on Sunday, your brother leaned over and asked me, really quietly, if "
            "the new pills were helping.",
            3.5,
        ),
        Segment(
            "He knew. He knew about the medication, and about the mornings I couldn't get out "
            "of bed. I have only ever told you that. Nobody else. Not even my sister.",
            2.5,
        ),
        Segment(
            "It took me two years to tell you. Two years. I remember exactly where we were "
            "sitting when I finally did.",
            4.0,
        ),
        Segment(
            "And I know you probably thought it was harmless. That he's family, that he was "
            "worried about me. Maybe he was.",
            2.0,
        ),
        Segment(
            "But it wasn't yours to tell. It was mine. I get to decide who knows that about me.",
            3.0,
        ),
        Segment(
            "I sat through the rest of that lunch smiling, and all I could think was, who else "
            "knows? Who's looking at me differently?",
            4.5,
        ),
        Segment(
            "I feel exposed. Like someone took something private and left it out on the table "
            "for everyone.",
            2.0,
        ),
        Segment(
            "I don't know how to tell you things now. That's the part that scares me. Okay. "
            "That's everything.",
            0.0,
        ),
    ),
    finishing_cue="Okay. That's everything.",
    key_points=(
        KeyPoint(
            "brother-asked",
            "your brother asked them about the pills at lunch",
            (
                "brother asked|asking",
                "brother asked|asking|mentioned|brought_up|knew|knows pills|medication|meds"
                "|medicine"
                "|depression",
                "lunch|sunday|mom* asked|asking|mentioned|brought_up pills|medication|meds",
            ),
        ),
        KeyPoint(
            "only-told-you",
            "they had told only you, not even their sister",
            (
                "only told|tell|trusted|shared|knew|person|one me|you",
                "nobody|no_one|anyone|noone else",
                "not|didn't|wasn't even sister",
            ),
        ),
        KeyPoint(
            "took-two-years",
            "it took them two years to tell you",
            (
                "two|2 years",
                "took|long|ages|forever time|while|years tell|told|share|shared|open*",
            ),
        ),
        KeyPoint(
            "not-yours-to-tell",
            "it wasn't yours to tell; they decide who knows",
            (
                "not|wasn't|isn't|weren't yours|mine|my|your tell|share|story|decide|decision|"
                "choice|business|place",
                "decide|decision|choice|right|say who|what knows|knew|know|tell|hears",
            ),
        ),
        KeyPoint(
            "who-else-knows",
            "they sat through lunch wondering who else knows",
            (
                "who else",
                "else knows|know|knew|heard",
                "looking|look*|see|sees|seeing|think* differently|different",
                "smil* lunch|table|through|rest",
            ),
        ),
        KeyPoint(
            "afraid-to-confide",
            "they don't know how to tell you things now",
            (
                "don't_know|not_sure|scared|afraid|unsure|can't|how tell|share|confide|open_up|"
                "trust",
                "tell|share|confide|open_up things|anything|stuff now|anymore|again|future",
            ),
        ),
    ),
    feelings=(
        Feeling("exposed", ("exposed", "naked", "vulnerable", "raw", "on_display", "laid_bare")),
        Feeling("betrayed", (*_BETRAYED, "violated")),
        Feeling("humiliated", ("humiliat*", "embarrass*", "ashamed", "shame*", "mortified")),
        Feeling("scared", _SCARED),
    ),
)


MISSED_APPOINTMENT = ListeningScenario(
    id="missed-appointment",
    title="The appointment you promised to come to",
    premise=(
        "You promised to be with your partner when their mother got her test results. You "
        "were at a long lunch with your team and didn't come."
    ),
    segments=(
        Segment("Please don't say anything yet. I need to get this out.", 1.5),
        Segment(
            "You promised me you'd be there on Tuesday. You put it in your phone while I "
            "watched you. Two o'clock, the hospital, Mom's results.",
            3.5,
        ),
        Segment(
            "I waited in the parking lot until twenty past. I called you four times. Then I "
            "went in on my own.",
            3.0,
        ),
        Segment(
            "The doctor talked, and I held Mom's hand and tried to remember every word, because "
            "I knew I'd have to explain it all to my brother, and I couldn't think straight.",
            4.0,
        ),
        Segment(
            "When you finally called back, you said you'd lost track of time. At lunch. With "
            "the team.",
            3.0,
        ),
        Segment(
            "I'm not asking you to be perfect. I know you're busy. But this wasn't a normal "
            "day, and you knew that.",
            2.0,
        ),
        Segment(
            "I keep thinking, if I can't count on you for that, what can I count on you for?",
            4.5,
        ),
        Segment("I felt so alone in that room. And honestly, I'm angry. I'm still angry.", 2.0),
        Segment("That's all of it. I've said it now.", 0.0),
    ),
    finishing_cue="That's all of it. I've said it now.",
    key_points=(
        KeyPoint(
            "promised-to-be-there",
            "you promised to be at the hospital on Tuesday",
            (
                "promise*|swore|agreed|said_you'd|said_i'd|told_me|committed there|come|"
                "hospital|appointment|tuesday|be_there|show_up|show|showed_up|turn_up",
                "put|wrote|saved|added phone|calendar|diary watched|tuesday|hospital|appointment"
                "|there",
                "promise*|swore|agreed didn't|wasn't|never show*|there|come|came|turn*",
            ),
        ),
        KeyPoint(
            "waited-and-called",
            "they waited, called you four times, then went in alone",
            (
                "waited|waiting parking|lot|outside|car|twenty|20",
                "called|rang|phoned|tried|calling four|4|times|calls|several|kept",
                "went|go|going|walked in|inside alone|own|yourself|without_me|without_you",
            ),
        ),
        KeyPoint(
            "alone-with-the-doctor",
            "they heard the results alone, holding their mom's hand",
            (
                "doctor|results|news|room|appointment alone|own|yourself|without|nobody",
                "held|holding hand",
                "remember|explain|brother every|word|words|everything|think|straight|later|it_all",
            ),
        ),
        KeyPoint(
            "lost-track-at-lunch",
            "you said you lost track of time at a team lunch",
            (
                "lost_track|forgot|forgotten|forgetting",
                "lunch team|colleagues|coworkers|work|long",
            ),
        ),
        KeyPoint(
            "not-a-normal-day",
            "it wasn't a normal day, and you knew that",
            (
                "not|wasn't|isn't|no normal|ordinary|regular|usual|any day|one|tuesday",
                "important|big|serious|special|huge day|one|appointment|moment",
                "not|isn't|aren't|wasn't asking perfect",
            ),
        ),
        KeyPoint(
            "count-on-you",
            "if they can't count on you for that, what can they count on you for",
            (
                "count|rely|depend|lean",
                "can't|cannot|couldn't|not|never count|rely|depend|lean",
                "trust|count|rely|depend anything|what|else|other|that",
            ),
        ),
    ),
    feelings=(
        Feeling("alone", (*_ALONE, "unsupported")),
        Feeling("angry", _ANGRY),
        Feeling("let down", ("let_down", "disappoint*", "forgotten", "unimportant")),
        Feeling("overwhelmed", ("overwhelm*", "panick*", "frantic", "couldn't_think", "scared")),
    ),
)


THE_MESSAGES = ListeningScenario(
    id="the-messages",
    title="The messages on your phone",
    premise=(
        "You had an affair with a colleague, Alex, for eight months. Your partner saw a "
        "message from Alex on your phone and read the rest."
    ),
    segments=(
        Segment(
            "I've thought about how to say this for three days, so please, just let me get it "
            "all out.",
            2.0,
        ),
        Segment(
            "I saw the messages. I wasn't looking. Your phone lit up on the counter while you "
            "were in the shower, and it was Alex, and it said, I miss you already.",
            4.0,
        ),
        Segment("So I read them. All of them. Going back to March.", 3.0),
        Segment(
            "The hotel in Denver. The nights you said you were working late. The jokes about me.",
            4.5,
        ),
        Segment(
            "That's what I can't get out of my head. Not just that you were with someone. That "
            "you talked about me with them, like I was a problem the two of you had to manage.",
            3.0,
        ),
        Segment(
            "I've been going back over the last eight months like a crime scene. Every dinner. "
            "Every time you said you loved me.",
            2.5,
        ),
        Segment("I don't know what was real. I don't even know if I can trust my own memory.", 4.0),
        Segment(
            "I'm not ready to decide anything, and I'm not ready to hear sorry yet either. I "
            "just needed you to know what it did to me.",
            0.0,
        ),
    ),
    finishing_cue="I just needed you to know what it did to me.",
    key_points=(
        KeyPoint(
            "saw-the-messages",
            "they saw a message from Alex and read them all",
            (
                "messages|message|texts|text|phone|texting|chats saw|read|found|seen|lit_up",
                "alex messages|message|texts|text|phone|miss_you",
            ),
        ),
        KeyPoint(
            "wasnt-snooping",
            "they weren't snooping; your phone lit up",
            (
                "wasn't|weren't|not|didn't looking|snooping|searching|spying|go_through",
                "lit_up|popped_up|screen|counter|shower|notification",
            ),
        ),
        KeyPoint(
            "since-march",
            "it went back to March: the hotel, the late nights",
            (
                "march|eight_months|8_months",
                "hotel|denver",
                "working_late|late_nights|work_late|nights lied|said|pretend*|weren't|excuse*",
            ),
        ),
        KeyPoint(
            "talked-about-them",
            "you joked about them with Alex, like they were a problem to manage",
            (
                "joke*|laughed|laughing|mocked|making_fun about|at me|you|them",
                "talked|talking|discussed|complained about you|me|them",
                "problem manage|handle|deal|managed",
            ),
        ),
        KeyPoint(
            "doubting-memory",
            "they don't know what was real, or whether to trust their own memory",
            (
                "know|sure|tell|trust what|anything|which real|true",
                "memory|memories|remember*",
                "going_over|replaying|replay|rethinking|crime_scene|every_dinner|looking_back",
            ),
        ),
        KeyPoint(
            "not-ready",
            "they aren't ready to decide anything or to hear sorry",
            (
                "not|isn't|aren't|wasn't ready",
                "ready decide|decision|sorry|apology|apologies",
            ),
        ),
    ),
    feelings=(
        Feeling("betrayed", _BETRAYED),
        Feeling("humiliated", ("humiliat*", "mocked", "laughed_at", "small", "embarrass*")),
        Feeling("devastated", _HURT),
        Feeling("confused", ("confus*", "lost", "unsure", "disoriented", "unreal", "doubt*")),
    ),
)


THE_CREDIT_CARD = ListeningScenario(
    id="the-credit-card",
    title="The credit card I didn't know about",
    premise=(
        "You ran up eleven thousand dollars on a credit card your partner didn't know existed, "
        "and told them money was fine. A letter from the bank arrived."
    ),
    segments=(
        Segment(
            "I'm going to say this calmly, because if I don't I'll just cry, so please don't "
            "stop me.",
            2.0,
        ),
        Segment(
            "The letter from the bank came on Friday. A credit card I didn't know existed. "
            "Eleven thousand dollars.",
            4.0,
        ),
        Segment(
            "I sat on the kitchen floor and read it four times, because I thought it had to be a "
            "mistake.",
            3.0,
        ),
        Segment(
            "We said no to my sister's wedding because we couldn't afford the flights. You sat "
            "there and agreed with me. You let me feel bad about it.",
            4.5,
        ),
        Segment("I'm not even asking what it was for yet. I will. But not tonight.", 2.0),
        Segment(
            "What gets me is that every time I asked if we were okay for money, you said we were "
            "fine. Every time.",
            3.0,
        ),
        Segment(
            "We were supposed to be saving for a house. I was looking at listings on the "
            "weekend, making plans, like an idiot.",
            3.5,
        ),
        Segment(
            "I feel like I've been living with a stranger who's been running my life behind my "
            "back. And I'm scared of what else is going to come in the mail. I'm finished now.",
            0.0,
        ),
    ),
    finishing_cue="I'm finished now.",
    key_points=(
        KeyPoint(
            "secret-card",
            "there's a credit card they never knew about, eleven thousand dollars",
            (
                "card|debt|account|statement secret|hidden|hid|hide|hiding|behind|existed|knew",
                "eleven|11|11k",
                "bank letter|statement|card",
            ),
        ),
        KeyPoint(
            "thought-it-was-a-mistake",
            "they read it four times on the kitchen floor, sure it was a mistake",
            (
                "kitchen|floor",
                "read four|4|times|over|again",
                "thought|hoped|sure|assumed mistake|error|wrong",
            ),
        ),
        KeyPoint(
            "sisters-wedding",
            "you let them skip their sister's wedding over money and feel bad about it",
            (
                "sister*|wedding flights|afford|money|skip*|missed|miss|no|couldn't",
                "wedding|flights afford|money|couldn't|expensive",
                "feel|felt bad|guilty|blame* wedding|flights|about_it|it",
            ),
        ),
        KeyPoint(
            "said-we-were-fine",
            "every time they asked about money you said you were fine",
            (
                "fine|okay|ok|alright|good said|told|saying|promised|assured|insisted|claimed",
                "asked|asking every|each time|money|finances",
            ),
        ),
        KeyPoint(
            "saving-for-a-house",
            "they were saving and planning for a house",
            (
                "house*|home saving|save|saved|savings|deposit|buy*|listings|plan*|looking|weekend",
                "listings|planning|plans weekend|looking|house",
            ),
        ),
        KeyPoint(
            "what-else-is-coming",
            "they're scared of what else will come in the mail",
            (
                "else|more mail|post|letters|coming|come|hiding|hidden|out_there",
                "scared|afraid|worried|wonder*|fear* else|more|next",
            ),
        ),
    ),
    feelings=(
        Feeling("scared", _SCARED),
        Feeling("stupid", ("idiot", "stupid", "fool*", "naive")),
        Feeling("guilty", ("guilty", "bad", "guilt", "ashamed")),
        Feeling("betrayed", (*_BETRAYED, "stranger", "strangers")),
        Feeling("shocked", ("shock*", "stunned", "numb", "sick", "floored", "blindsided")),
    ),
)


THE_PARTY = ListeningScenario(
    id="the-party",
    title="What you said at the party",
    premise=(
        "At a friend's birthday you mocked your partner in front of everyone after they "
        "knocked over a glass. You called it a joke."
    ),
    segments=(
        Segment("Okay. I'm going to talk, and I'd like you not to jump in until I'm done.", 1.5),
        Segment(
            "At Sam's birthday, when I knocked the glass over, you laughed and said, honestly, "
            "you can't do anything right, can you. In front of everyone.",
            4.0,
        ),
        Segment(
            "You said it like a joke. People laughed because you laughed. Jenna looked at me and "
            "then looked away.",
            3.0,
        ),
        Segment(
            "And maybe you think it's small. It's one sentence. But it's not the first time. "
            "It's just the first time with an audience.",
            4.5,
        ),
        Segment(
            "I hear it in my head at work. When I'm cooking. I second-guess things I've done a "
            "hundred times.",
            3.0,
        ),
        Segment(
            "You're the person who's supposed to be on my side when I mess up. That's what I "
            "thought we had.",
            2.5,
        ),
        Segment("I left early, and you didn't even notice for an hour.", 3.5),
        Segment(
            "I feel small. I feel really hurt. And kind of ashamed that I stayed there and "
            "smiled. There. I've said what I needed to say.",
            0.0,
        ),
    ),
    finishing_cue="There. I've said what I needed to say.",
    key_points=(
        KeyPoint(
            "cant-do-anything-right",
            "you said they can't do anything right when they knocked over the glass",
            (
                "can't|cannot|couldn't|never anything|nothing|everything right|wrong",
                "glass|spill*|knocked laughed|joked|joke|said|comment*|remark*",
                "useless|clumsy|incompetent called|said",
            ),
        ),
        KeyPoint(
            "in-front-of-everyone",
            "you said it in front of everyone, and people laughed",
            (
                "front everyone|everybody|people|friends|audience|party|them|all",
                "public|publicly|everyone_heard",
                "people|everyone|friends|jenna laughed|laughing|watched|heard|looked",
            ),
        ),
        KeyPoint(
            "not-the-first-time",
            "it isn't the first time, only the first with an audience",
            (
                "not|wasn't|isn't first time",
                "happened|happens|said|says|do|does|did|done before|often|lot|always|again|"
                "pattern|private|alone",
            ),
        ),
        KeyPoint(
            "hears-it-in-their-head",
            "they hear it in their head and second-guess themselves",
            (
                "head|mind hear|hearing|hears|replay*|stuck|voice|echo*|keeps",
                "second_guess|doubt*|question* yourself|things|themselves|everything"
                "|themself|herself|himself",
                "work|cooking hear|hearing|hears|head|think*",
            ),
        ),
        KeyPoint(
            "supposed-to-be-on-their-side",
            "you're supposed to be on their side when they mess up",
            (
                "side",
                "have_your_back|had_your_back|got_your_back|have_my_back|had_my_back|got_my_back",
                "support|supported|protect*|stand_up|back_you_up|backed|defend* supposed|should"
                "|meant|expected",
            ),
        ),
        KeyPoint(
            "left-unnoticed",
            "they left early and you didn't notice for an hour",
            (
                "left|leave|leaving|gone early|party|sam*",
                "notice*|realise*|realize*|missed hour|gone|left|missing|didn't|early",
            ),
        ),
    ),
    feelings=(
        Feeling("small", ("small", "tiny", "worthless", "useless", "belittled", "stupid")),
        Feeling("hurt", _HURT),
        Feeling("ashamed", ("ashamed", "shame*", "embarrass*", "humiliat*", "mortified")),
        Feeling("unsupported", ("unsupported", "alone", "abandon*", "on_your_own", "let_down")),
    ),
)


THE_JOURNAL = ListeningScenario(
    id="the-journal",
    title="You read my journal",
    premise=(
        "You read your partner's private journal, then asked about someone named in it as if "
        "in passing. They have worked out what you did."
    ),
    segments=(
        Segment("Don't say anything for a minute. Please. I need to get through this.", 1.5),
        Segment(
            "I knew the second I saw my journal on the nightstand. I always put it back in the "
            "drawer. Always.",
            3.5,
        ),
        Segment(
            "You read it. And then at breakfast you asked me about Daniel, like it was a "
            "casual question, like you just happened to wonder.",
            3.5,
        ),
        Segment(
            "That journal is where I put the things I haven't figured out yet. Ugly things, half "
            "things. Stuff I would never say out loud, because I don't even mean all of it.",
            4.0,
        ),
        Segment(
            "And now you've read every word of it, without me, without any of the context.",
            2.5,
        ),
        Segment(
            "If you were worried about us, you could have asked me. I would have talked to you. "
            "I would have.",
            4.5,
        ),
        Segment(
            "I don't feel like I have anywhere that's just mine now. Not even my own head, kind "
            "of.",
            2.5,
        ),
        Segment(
            "I'm angry, and I feel invaded. I think that's everything I've got right now.", 0.0
        ),
    ),
    finishing_cue="I think that's everything I've got right now.",
    key_points=(
        KeyPoint(
            "knew-from-the-nightstand",
            "they knew from the journal left on the nightstand",
            (
                "nightstand|bedside|drawer",
                "knew|noticed|realised|realized|saw|found moved|out|left|place|back",
            ),
        ),
        KeyPoint(
            "asked-about-daniel",
            "you asked about Daniel at breakfast as if it were casual",
            (
                "daniel asked|ask|asking|question|breakfast|brought_up|mentioned|casual*",
                "breakfast|casual*|innocent*|pretend*|passing asked|ask|question|asking|brought_up",
            ),
        ),
        KeyPoint(
            "unfinished-thoughts",
            "the journal holds unfinished thoughts they don't even fully mean",
            (
                "unfinished|half|haven't_figured|figuring|work_out|working_out|ugly|raw "
                "thoughts|things|feelings|stuff",
                "never|wouldn't|don't|doesn't say|mean|meant out_loud|aloud|all|everything",
            ),
        ),
        KeyPoint(
            "no-context",
            "you read it without them and without the context",
            (
                "context",
                "read without|behind|permission|asking|alone",
            ),
        ),
        KeyPoint(
            "could-have-asked",
            "if you were worried, you could have asked them",
            (
                "could|should|would've|could've|should've|just asked|ask|talked|come|talk|asking",
                "worried|worry|concerned|doubts asked|ask|talk|talked|come",
                "wish|wished|rather asked|ask|talked|talk|come|came",
            ),
        ),
        KeyPoint(
            "nothing-of-their-own",
            "they feel they have nowhere that's just theirs now",
            (
                "nothing|nowhere|anywhere|no_place|no_space|place|space mine|private|own|safe|"
                "theirs|yours|just",
                "privacy|private|mine|theirs|yours gone|left|nowhere|nothing|anywhere|lost|anymore",
            ),
        ),
    ),
    feelings=(
        Feeling("angry", _ANGRY),
        Feeling("invaded", ("invaded", "violated", "intruded", "invasion", "exposed", "naked")),
        Feeling("betrayed", _BETRAYED),
        Feeling("unsafe", ("unsafe", "watched", "spied_on", "not_safe", "no_privacy")),
    ),
)


THE_BOTTLES = ListeningScenario(
    id="the-bottles",
    title="The bottles in the garage",
    premise=(
        "You had been sober for two years and started drinking again in secret. Your partner "
        "found bottles hidden in the garage."
    ),
    segments=(
        Segment("I need to talk, and I need you to just let me. Okay?", 2.0),
        Segment(
            "I found the bottles behind the paint cans in the garage. I wasn't even looking. I "
            "was getting the ladder.",
            4.0,
        ),
        Segment(
            "Two years. You were two years sober, and I was so proud of you. I told everyone how "
            "proud I was.",
            3.0,
        ),
        Segment(
            "I'm not angry that you slipped. I know how hard it is. I've sat in those meetings "
            "with you.",
            4.5,
        ),
        Segment(
            "I'm angry that you let me keep cheering for you while you were hiding it. How long? "
            "Weeks? Months?",
            3.5,
        ),
        Segment(
            "And I'm scared. I'm scared of where this goes, because I remember where it went last "
            "time.",
            3.0,
        ),
        Segment(
            "I would have helped. That's the thing. I would have sat up with you all night. You "
            "didn't give me the chance.",
            3.0,
        ),
        Segment(
            "That was hard to say. I'm done talking now, that's all I've got for tonight.", 0.0
        ),
    ),
    finishing_cue="I'm done talking now, that's all I've got for tonight.",
    key_points=(
        KeyPoint(
            "found-the-bottles",
            "they found the bottles hidden in the garage",
            (
                "bottles|bottle|alcohol|booze|drink|drinks garage|paint|found|hidden|hiding|hid",
                "ladder|paint garage|found|cans",
            ),
        ),
        KeyPoint(
            "proud-of-two-years",
            "you were two years sober, and they were proud and told everyone",
            (
                "two|2 years",
                "proud|cheer*|celebrat* sober|sobriety|clean|two|2|years|everyone|told",
            ),
        ),
        KeyPoint(
            "not-angry-about-the-slip",
            "they aren't angry that you slipped; they know how hard it is",
            (
                "not|isn't|aren't|wasn't angry|mad|upset|about slip*|relapse*|drinking|drank|"
                "drink|lapse",
                "know|knows|understand|understands|get hard|difficult|meetings",
            ),
        ),
        KeyPoint(
            "hid-it-while-they-cheered",
            "you let them keep cheering for you while you hid it",
            (
                "cheer*|clap*|proud|praising|celebrat*|rooting hiding|hid|hidden|lie*|lying|"
                "secret|drinking",
                "angry|mad|upset|hurt hid|hiding|hidden|secret|lied|lying",
                "hiding|hid|hidden|secret how_long|weeks|months",
            ),
        ),
        KeyPoint(
            "scared-of-last-time",
            "they're scared of where it goes, remembering last time",
            (
                "last|before time|again|happened|went remember*|scared|afraid|worried|fear*",
                "scared|afraid|worried|fear*|terrified where|goes|going|leads|heading|happen*",
            ),
        ),
        KeyPoint(
            "would-have-helped",
            "they would have helped, and you didn't give them the chance",
            (
                "would|could|wanted helped|help|there|support*|sat_up",
                "chance|opportunity give|gave|didn't|let|never|take|took",
                "sat_up|stayed_up|night",
            ),
        ),
    ),
    feelings=(
        Feeling("angry", _ANGRY),
        Feeling("scared", _SCARED),
        Feeling("shut out", ("shut_out", "left_out", "excluded", "locked_out", "kept_out")),
        Feeling("hurt", (*_HURT, "betray*", "lied_to")),
    ),
)


LISTENING_SCENARIOS: tuple[ListeningScenario, ...] = (
    LOST_JOB_LIE,
    TOLD_YOUR_BROTHER,
    MISSED_APPOINTMENT,
    THE_MESSAGES,
    THE_CREDIT_CARD,
    THE_PARTY,
    THE_JOURNAL,
    THE_BOTTLES,
)
"""Every listening scenario, in the order a user is offered them."""

_BY_ID = {scenario.id: scenario for scenario in LISTENING_SCENARIOS}


def get_listening_scenario(scenario_id: str) -> ListeningScenario:
    """The scenario with this id; KeyError names the ids that exist."""
    try:
        return _BY_ID[scenario_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"no listening scenario {scenario_id!r}; known: {known}") from None
