"""Building blocks for the safety screen's patterns: ``<NAME>`` in a pattern (or in another
block) stands for ``BLOCKS[NAME]``."""

from __future__ import annotations

BLOCKS: dict[str, str] = {}

BLOCKS["PARTNER_NOUN"] = (
    r"(?:ex (?:husband|wife|boyfriend|girlfriend|partner)|husband|wife|partner|boyfriend"
    r"|girlfriend|bf|gf|fiancee|fiance|fiancé|fiancée|spouse|ex|man|woman|stepdad"
    r"|stepfather|stepmom|stepmum|stepmother|dad|father|mom|mum|mother|brother|sister"
    r"|son|daughter)"
)
BLOCKS["I_SUBJ"] = r"(?:i|ive|im|id|ill)"
BLOCKS["PARTNER_SUBJ"] = (
    r"(?:he|hes|hed|hell|she|shes|shed|shell|they|theyve|theyre|theyd|my <PARTNER_NOUN>)"
)
BLOCKS["SUBJ"] = r"(?:<I_SUBJ>|<PARTNER_SUBJ>)"
# Auxiliaries and adverbs that may sit between a subject and its verb ("he has been
# hitting me", "she gets drunk and slaps me"). Negators are absent on purpose, so
# "i would never hit her" does not match.
BLOCKS["AUX"] = (
    r"(?:has|have|had|been|was|were|is|am|are|be|being|just|also|always|sometimes|often"
    r"|even|once|twice|then|finally|actually|literally|physically|started|starts|start"
    r"|starting|keeps|keep|kept|tried|tries|trying|to|would|will|did|does|do|used|ended"
    r"|up|almost|nearly|really|again|got|gets|get|getting|accidentally|still|gonna|going"
    r"|threatened|threatens|basically|totally|suddenly|regularly|repeatedly"
    r"|constantly|ever|already|recently|drunk|and|usually|frequently|now|like)"
)
BLOCKS["GAP"] = r"(?:<AUX> ){0,4}"
# Words that may follow an object pronoun when it is the object and not a possessive:
# "hit her when", "scared of her" (end) but not "scared of her reaction".
BLOCKS["FOL"] = (
    r"(?:$| (?:when|whenever|because|cause|cuz|and|but|so|now|sometimes|all|every|since"
    r"|after|if|he|she|i|im|right|at|too|really|already|again|lately|like|to|in|on|around"
    r"|though|anymore|still|or|it|even|ever|once|twice|hard|with|across|against|into"
    r"|onto|off|down|over|up|back|until|till|while|before|during|then|last|yesterday"
    r"|today|tonight|this|that|the|a|an|several|multiple|repeatedly|more|many|for|by|as"
    r"|just|badly|bad|senseless|black|most|often|constantly|daily|also|three|two|four"
    r"|five|a lot|honestly|sometimes|about)\b)"
)
BLOCKS["OBJ"] = (
    r"(?:me|us|him|them|her(?=<FOL>)|my <PARTNER_NOUN>"
    r"|(?:the|my|our|her|his) (?:kids|children|baby|son|daughter))"
)
BLOCKS["BODY"] = (
    r"(?:throat|neck|hair|arm|arms|wrist|wrists|collar|shoulder|shoulders|face|jaw|ponytail)"
)
BLOCKS["SURFACE"] = (
    r"(?:wall|walls|door|floor|ground|table|counter|car|window|cupboard|cabinet|fridge"
    r"|mirror|stairs|bath|tub|closet|corner|furniture|bed|couch|sofa|railing|dresser)"
)
BLOCKS["FUT_P"] = (
    r"(?:hed|hell|shed|shell|theyd|theyll"
    r"|(?:he|she|they) (?:would|will|is going to|was going to|are going to|were going to"
    r"|is gonna|was gonna|gonna|could|might|is about to|will try to)"
    r"|(?:hes|shes|theyre) (?:going to|gonna|about to))"
)
BLOCKS["FUT_I"] = (
    r"(?:id|ill|i (?:would|will|might|could|am going to|am gonna)|im (?:going to|gonna"
    r"|about to))"
)
BLOCKS["WEAPON"] = (
    r"(?:knife|knives|gun|pistol|rifle|shotgun|bat|baseball bat|hammer|blade|weapon"
    r"|machete|razor)"
)
BLOCKS["MYSELF"] = r"(?:myself|my self)"
BLOCKS["KIDS"] = (
    r"(?:them|the kids|my kids|her kids|his kids|our kids|the children|my children|our"
    r" children|my son|my daughter|our son|our daughter|the baby)"
)
BLOCKS["ANYMORE"] = r"(?: (?:anymore|any more|any longer|no more))"
