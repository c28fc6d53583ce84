"""The safety screen's patterns for abuse: violence, threats, fear of a partner, coercive
control, with who is harmed (the user, the partner, or unclear)."""

from __future__ import annotations

from assistant.safety.patterns.group import PatternGroup, group

HIT_IDIOMS = (
    r"(?! up\b| with (?:[^ ]{1,20} ){0,3}(?:news|truth"
    r"|question|questions|idea|facts|reality|request|ultimatum|silent treatment|divorce"
    r"|papers|bill|lawsuit|demand|demands|list|it|that|this|accusations|feelings|story"
    r"|speech|guilt|pillow|pillows|cushion|cushions|snowball|snowballs|ball|balls|frisbee"
    r"|water balloon|water balloons)\b| at\b| to (?:it|the|that|this)\b| by\b| there\b"
    r"| home\b| out\b| in (?:a|an|the) (?:race|game|match|election|argument|debate|final"
    r"|contest|competition|tournament|round|quiz)\b| in (?:chess|cards|tennis|golf|pool"
    r"|poker|court|argument|arguments|debates?|races?|games?)\b)"
)

ABUSE: tuple[PatternGroup, ...] = (
    group(
        "abuse",
        "auto",
        # Hitting and beating need a person as subject: "it hit me" is not violence.
        r"(?P<subj><SUBJ>) <GAP>(?:hit|hits|hitting|beat|beats|beating|beaten)(?: up)? "
        r"(?P<obj><OBJ>)\b" + HIT_IDIOMS,
        r"(?:and|then)(?: then| also| sometimes| even| just)? (?:hit|hits|beat|beats|beating"
        r"|hitting) (?P<obj><OBJ>)\b" + HIT_IDIOMS,
        r"(?:beat|beats|beating) up (?P<obj><OBJ>)\b",
        r"(?:beat|beats|beaten|beating) (?P<obj><OBJ>) (?:up|black and blue|badly|senseless"
        r"|bloody|unconscious)\b",
        # Other blows: the verb alone is violent, only a few idioms are excluded.
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:punch|punches|punched|punching|slap|slaps|slapped"
        r"|slapping|smack|smacks|smacked|smacking|kick|kicks|kicked|kicking|shove|shoves|shoved"
        r"|shoving|choke|chokes|choked|choking|strangle|strangles|strangled|strangling"
        r"|headbutt|headbutts|headbutted|stab|stabs|stabbed|stabbing|throttle|throttled"
        r"|throttles|backhand|backhanded|backhands|whip|whipped|whips|bit|bites|burned|burnt"
        r"|suffocate|suffocated|smother|smothered|elbowed|kneed|scratched|spat on|spit on"
        r"|spits on|spitting on)"
        r" (?P<obj><OBJ>)\b"
        r"(?! (?:up|out|off|in the back|under the bus|under the table|to the curb|with (?:a |the"
        r" )?(?:lawsuit|divorce|papers|bill)|into (?:shape|gear|action))\b)",
        # Pushing, throwing, slamming: only with a physical destination.
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:push|pushes|pushed|pushing|threw|throws|throw|throwing"
        r"|slammed|slams|slam|slamming|pinned|pins|pin|pinning|knocked|knocks|knock|knocking"
        r"|tackled|shoved|shoves|shove) (?P<obj><OBJ>)"
        r" (?:(?:up )?against (?:a|the|my|her|his) <SURFACE>|(?:in|into|onto|on) (?:a|the|my"
        r"|her|his) <SURFACE>|down (?:the stairs|on|onto|to)|down(?=$| (?:and|hard|again|so"
        r"|when|whenever|because|until|while|in|on))|to the (?:floor|ground)|on the (?:floor"
        r"|ground|bed)|off (?:a|the|my|her|his) (?:bed|couch|chair|stairs|balcony|porch|sofa"
        r"|deck)|out of (?:a|the|my|her|his) (?:car|moving car|window|bed)|across the (?:room"
        r"|floor|kitchen)|over (?:the|a) (?:railing|balcony|table|couch)|over(?=$| (?:and"
        r"|hard|again|so|when))|by (?:my|her|his|the) <BODY>|around(?=$| (?:and|when|the"
        r" room))|(?:and|so|until) (?:she|he|i|they) (?:fell|went flying|landed|hit (?:the|her"
        r"|his|my) (?:head|floor|ground|wall)))",
        r"(?:drag|drags|dragged|dragging) (?P<obj><OBJ>) (?:by (?:my|her|his|the) <BODY>"
        r"|across (?:the|a)|down the (?:stairs|hall))",
        r"(?:held|holds|hold|holding) (?P<obj><OBJ>) (?:down|against (?:my|her|his) will)\b",
        r"(?:grab|grabs|grabbed|grabbing|seized|seizes|yanked|yanks|pulled|pulls|dragged)"
        r" (?P<obj><OBJ>) by (?:the|my|her|his) <BODY>\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:grab|grabs|grabbed|grabbing|yanked|yanks|pulled|pulls"
        r"|squeezed|squeezes|twisted|twists) (?P<obj>my <PARTNER_NOUN>s|my|her|his)"
        r" (?:throat|neck|hair|wrist"
        r"|wrists|arm|arms|jaw)\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:put|puts|putting|had|has|wrapped|wraps|with)"
        r" (?:his|her|my|both) hands? (?:around|round|on|over) (?P<obj>my|her|his)"
        r" (?:throat|neck|mouth)\b",
        r"(?:left|leaves|leaving|gave|gives|giving) (?P<obj>me|her|him)?(?: )?(?:a |some )?"
        r"(?:bruises|bruise|marks on|a black eye|black eyes|a split lip|a busted lip|a fat lip"
        r"|a broken (?:nose|arm|rib|wrist|jaw|finger)|a concussion)\b",
        r"bruises (?:from|because of|where) (?:him|her|he|she|my <PARTNER_NOUN>)\b",
        r"(?:cover|covering|covered|hide|hiding|hid) (?:up )?(?:the |my |her )?(?:bruises"
        r"|black eye|marks he|marks she)\b",
        r"(?<!never )(?<!not )(?<!wouldnt )(?<!didnt )(?<!dont )(?<!wont )(?<!would not )"
        r"(?:physically|physical) (?:hurt|hurts|hurting|harmed|harms|harming|attacked|attacks"
        r"|abused|abuses|abusing|violent|violence|abuse|abusive|assault|assaulted|fighting"
        r"|fights|fight|aggressive)\b",
        r"(?<!never )(?<!not )(?<!wouldnt )(?<!didnt )(?<!dont )(?<!wont )(?<!would not )"
        r"(?:hurt|hurts|hurting) (?P<obj>me|her|him) (?:physically|on purpose when)\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:attacked|attacks|attacking|assaulted|assaults"
        r"|assaulting|assault) (?P<obj><OBJ>)\b(?! (?:verbally|with (?:words|questions"
        r"|accusations)|for|about|over|online|on (?:social|facebook|twitter|instagram))\b)",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:punch|punches|punched|punching|kick|kicks|kicked"
        r"|kicking|put (?:my|his|her) fist through|put (?:my|his|her) hand through|smash|smashed"
        r"|smashes) (?:a |the )?(?:hole (?:in|through) (?:the|a) )?(?:wall|walls|door|doors)\b",
        # Threats.
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:threatened|threatens|threatening|threaten)(?: to)?"
        r"(?: (?:kill|hurt|harm|beat|hit|shoot|stab|strangle|choke|burn|punch|slap|murder"
        r"|break my (?:arm|neck|legs?|jaw|nose|fingers|face)|take (?:away )?(?:the|my|our|her"
        r"|his) (?:kids|children|son|daughter|baby)|(?:post|share|leak|send) (?:[^ ]{1,20}"
        r" ){0,2}(?:photos|pictures|pics|videos|nudes|images)|have me (?:deported|killed"
        r"|arrested|locked up)|call (?:immigration|ice) on))(?: (?P<obj><OBJ>))?\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:threatened|threatens|threatening|threaten) (?P<obj>me"
        r"|her|him|my <PARTNER_NOUN>)\b(?! (?:with (?:a |the )?(?:divorce|leaving|separation"
        r"|a breakup|breaking up|counselling|counseling|therapy|the truth|an ultimatum)"
        r"|that (?:she|he) would leave|to leave)\b)",
        r"(?:said|says|told me|tells me|swore|swears|screamed|screams|yelled|yells|shouted"
        r"|shouts|warned me|warns me|texted me"
        r"|texts me|keeps saying|threatened|promised) (?:that )?(?P<subj><FUT_P>)"
        r"(?: (?:really|actually|seriously|eventually|one day))? (?:kill|hurt|beat|hit|shoot"
        r"|stab|strangle|choke|break|burn|murder|end) (?P<obj>me|my <PARTNER_NOUN>|the kids"
        r"|my kids|us)\b(?! (?:like|the way|as much as|back|emotionally)\b)",
        r"(?P<subj><FUT_P>)(?: (?:really|actually|seriously))? (?:hurt|beat|hit|strangle|choke"
        r"|shoot|stab|murder) (?P<obj>me|us|the kids|my kids) if i\b",
        r"(?:put|puts|sent|landed) (?P<obj>me|her|him) in (?:the )?"
        r"(?:hospital|er|emergency room)\b",
        r"(?:hurt|hurts|hurting|beat|hit) (?P<obj>me|her|him) (?:so )?(?:bad|badly)"
        r"(?=(?: [^ ]{1,20}){0,8} (?:hospital|er|emergency room|stitches|doctor|a and e)\b)",
        r"(?:pulled|pulls|pointed|points|waved|waves|aimed|aims) (?:a|the|his|her|my) <WEAPON>"
        r" (?:on|at) (?P<obj><OBJ>)",
        r"(?:held|holds|hold|put|puts|pressed|presses) (?:a|the|his|her|my) <WEAPON>"
        r" (?:to|at|against) (?P<obj>my|her|his) (?:throat|neck|head|chest|face|back)\b",
        r"came at (?P<obj><OBJ>) with (?:a|the|his|her|my) <WEAPON>",
        r"threatened (?P<obj><OBJ>) with (?:a|the|his|her|my) <WEAPON>",
        r"(?:knife|gun|blade) to my (?:throat|head|neck)\b",
        r"(?:use|used|using) (?:it|the gun|the knife|a gun|a knife|his gun|her gun|his knife"
        r"|her knife|the bat) on (?P<obj>me|us|the kids)\b",
        # Throwing things at someone ("threw a plate at me"), not words ("threw insults at me").
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:threw|throws|throw|throwing|hurled|hurls|chucked"
        r"|chucks|flung) (?:(?!back\b|accusations\b|questions\b|insults\b|words\b|names\b"
        r"|blame\b|shade\b|money\b|the past\b|ball\b|balls\b|pillow\b|pillows\b|cushion\b"
        r"|snowballs?\b|frisbee\b|kiss\b|kisses\b|smile\b|glance\b|look\b|wink\b|party\b"
        r"|fit\b|tantrum\b|compliments?\b|ideas?\b)[^ ]{1,20} ){1,3}at (?:(?P<obj><OBJ>)\b"
        r"|(?P<target>my|her|his) (?:head|face))",
        r"(?:if i|when i) (?:leave|try to leave|ever leave|go to the police|call the police"
        r"|report (?:him|her|it)|divorce (?:him|her)|break up with (?:him|her)|leave (?:him|her))"
        r" (?P<subj><FUT_P>)(?: (?:really|actually|seriously|literally))? (?:kill|hurt|beat|hit"
        r"|shoot|stab|strangle|choke|murder|find) (?P<obj>me|us|the kids|my kids)\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:monitors|monitor|monitoring|tracks|track|tracking"
        r"|controls|control|controlling|checks|check|checking|watches|watch|watching)"
        r" (?:everything|every(?:thing)? (?:i|she|he) (?:do|does|say|says|spend|spends)"
        r"|every move|every penny|every cent|who (?:i|she|he) (?:talk|talks|text|texts|see"
        r"|sees))\b",
        r"(?:keep|keeps|kept|keeping|stop|stops|stopped|stopping|prevent|prevents|prevented)"
        r" (?P<obj>me|her|him|my <PARTNER_NOUN>) (?:from )?(?:seeing|visiting|talking to"
        r"|calling|contacting|speaking to|meeting) (?:any of )?(?:my|her|his|any|our)"
        r" (?:friends|family|mom|mum|mother|dad|father|parents|sister|sisters|brother|brothers"
        r"|relatives|family members)\b",
        r"(?P<subj><PARTNER_SUBJ>) <GAP>(?:broke|broken|fractured|cracked|dislocated) my"
        r" (?:arm|arms|nose|jaw|rib|ribs|wrist|finger|fingers|leg|collarbone|cheekbone"
        r"|eye socket|tooth|teeth|shoulder)\b",
        r"(?P<subj><I_SUBJ>) <GAP>(?:broke|broken|fractured|cracked|dislocated) (?P<obj>her|his)"
        r" (?:arm|arms|nose|jaw|rib|ribs|wrist|finger|fingers|leg|collarbone|cheekbone"
        r"|eye socket|tooth|teeth|shoulder)\b",
        r"(?:wont|will not|doesnt|does not|refuses to|refused to|never) give (?P<obj>me|her|him)"
        r" (?:any )?(?:money|cash|access to (?:the|our|my|her|his) (?:money|account|accounts))\b",
        r"(?:make|makes|made|forces|forced) (?P<obj>me|her|him) (?:to )?(?:account for|justify"
        r"|explain|beg for|ask for|ask permission for) (?:every|each|all) (?:dollar|penny|cent"
        r"|pound|purchase|thing (?:i|she|he) buys?)\b",
        r"(?:forbids|forbade|forbid|forbidden|bans|banned|ban|prevents|prevented|prevent)"
        r" (?P<obj>me|her|him|my <PARTNER_NOUN>) (?:from |to )?(?:seeing|see|visiting|visit"
        r"|talking to|talk to|calling|call|contacting|contact|leaving|leave|working|work"
        r"|having|have) (?:any of )?(?:my|her|his|any|our|the)? ?(?:friends|family|mom|mum"
        r"|mother|dad|father|parents|sister|sisters|brother|brothers|relatives|house|job"
        r"|money|phone)\b",
        r"(?:locks|locked|locking|lock) (?P<obj>me|her|him) out (?:in the (?:cold|snow|rain"
        r"|dark)|all night|overnight|of the house all night)\b",
        r"(?:smashed|smashes|smash|broke|breaks|took|takes|hid|hides|threw|throws) (?P<obj>my"
        r"|her|his) phone (?:so (?:i|she|he) (?:couldnt|cant|could not|can not|cannot|wouldnt)"
        r"|to stop (?:me|her|him)|when (?:i|she|he) tried to call)\b",
        r"(?P<subj><FUT_P>) (?:find|track down|hunt down|come after|follow) (?P<obj>me|us)"
        r" (?:if|when|wherever) i (?:leave|go|run|move|hide|try)\b",
        r"(?:afraid|scared|terrified|frightened|worried) (?:that )?<FUT_P> (?:find|track down"
        r"|hunt down|come after) (?P<obj>me|us)\b",
        r"(?<!never )(?<!not )(?<!didnt )(?<!havent )(?<!hasnt )(?<!wouldnt )(?<!would never )"
        r"(?<!dont )(?<!wont )(?:put|puts|putting|laid|lay|lays|laying) (?:my|his|her|a|both)"
        r" hands? on (?P<obj>me|her|him|my <PARTNER_NOUN>)(?=<FOL>)",
        r"the one (?:who|that) (?:hits|is violent|gets violent|gets physical|shoves|pushes"
        r"|punches|slaps|chokes|abuses|hurts (?:her|him|me) physically)\b",
        r"(?:tells|told|telling|decides|decided) (?P<obj>me|her|him) who (?:i|she|he)"
        r" (?:can|cant|can not|cannot|am allowed to|is allowed to|may|could) (?:talk to|see"
        r"|be friends with|text|call|speak to|hang out with)\b",
        r"(?:keeps|kept|keep|keeping|always) (?:showing up|turning up|waiting) (?:at|outside)"
        r" (?:my|her|his) (?:work|job|office|house|home|place|flat|apartment|door|school)\b",
        r"(?:intimidates|intimidated|intimidating|intimidate|terrorizes|terrorized|terrorises"
        r"|terrorised|terrorizing|terrorising) (?P<obj><OBJ>)\b",
        # Sexual violence.
        r"(?<!never )(?<!not )(?:rape|raped|rapes|raping|sexually assaulted|sexually assaults"
        r"|sexually assaulting|sexual assault|forced (?:himself|herself) on|forces (?:himself"
        r"|herself) on)\b",
        r"(?:forces|forced|makes|made|pressures|pressured|coerced|coerces) (?P<obj>me|her|him)"
        r" (?:to )?(?:have sex|sleep with|do sexual|into sex|into having sex|into sleeping"
        r" with)\b",
        # Coercive control: monitoring. Past "went through my phone" is how many affairs are
        # discovered, so only ongoing or repeated monitoring counts.
        r"(?P<subj><SUBJ>) <GAP>(?:checks|check|checking|reads|read|reading|goes through"
        r"|go through|going through|monitors|monitor|monitoring|monitored|tracks|track|tracking"
        r"|tracked|spies on|spy on|spying on|spied on|looks through|look through|looking"
        r"|snoops through|snoop through|snooping through|snoops on|snooping on|demands|demand"
        r"|demanding|records|recording) (?:all (?:of )?)?(?P<obj>my|her|his) (?:phone|phones"
        r"|texts|messages"
        r"|emails|email|location|calls|call log|whereabouts|passwords|password|every move"
        r"|social media|dms|browser history|mileage|bank statements)\b",
        r"(?:checked|read|went through|looked through) (?P<obj>my|her|his) (?:phone|texts"
        r"|messages|emails|email) (?:every (?:day|night|morning|hour|time)|all the time"
        r"|constantly|daily|nightly)\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:takes|take|taking|took|keeps|keep|keeping|hides|hid"
        r"|hiding) (?P<obj>my|her|his) (?:phone|phone away|car keys|keys|passport|documents"
        r"|id) (?:so|away so|to stop|and locks|so that)\b",
        r"(?P<subj><SUBJ>) <GAP>(?:tracks|track|tracking|checks|check|checking|monitors|monitor"
        r"|monitoring|watches|watching|demands to know) (?:where|who) (?:i|she|he) (?:am|is|go"
        r"|goes|was|went|talk to|talks to|text|texts|see|sees|am with|is with)\b",
        r"(?:takes|took|keeps|kept|hides|hid|holds|held|confiscated|confiscates|locks up"
        r"|locked up|locks away|locked away) (?P<obj>my|her|his) (?:passport|id|documents|papers"
        r"|visa|birth certificate)\b",
        r"(?:tracker|tracking app|tracking device|gps tracker|airtag|spyware|stalkerware)"
        r" (?:on|in|under) (?:my|her|his) (?:car|phone|bag|laptop)\b",
        r"(?:make|makes|making|force|forces|forcing|forced|demands|demanded) (?P<obj>me|her|him)"
        r" (?:to )?(?:share|show|give|hand over|turn on) (?:him |her |me )?(?:my|her|his)"
        r" (?:location|phone|passwords?|passcode|texts|messages|receipts)\b",
        # Coercive control: isolation and restriction.
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:wont|will not|doesnt|does not|didnt|did not|dont"
        r"|do not|never|refuses to|refused to) (?:let|allow|lets|allows) (?P<obj>me|her|him"
        r"|my <PARTNER_NOUN>) (?:to )?(?:see|visit|talk to|speak to|call|text|go out with"
        r"|hang out with|spend time with|meet|meet up with|have|go see|contact|phone)"
        r" (?:any of )?(?:my|her|his|any|their|our) (?:friends|friend|family|mom|mum|mother"
        r"|dad|father|parents|sister|sisters|brother|brothers|relatives|family members"
        r"|coworkers|colleagues|own friends|own family)\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:wont|will not|doesnt|does not|didnt|did not|dont"
        r"|do not|never|refuses to|refused to) (?:let|allow|lets|allows) (?P<obj>me|her|him"
        r"|my <PARTNER_NOUN>) (?:to )?(?:leave(?! (?:the conversation|the room|until))|go"
        r" anywhere|go outside|work|get a job|have a job|drive|have (?:any )?money|have (?:my"
        r"|her|his) own (?:money|bank account|phone|car)|have a (?:bank account|phone)|use"
        r" the (?:car|phone)|see a doctor|go to (?:work|school|church|the doctor)|have access"
        r" to (?:the|our|my|her|any) (?:money|bank account|accounts|car))\b",
        r"(?:shes|she is|she was|hes|he is|he was)"
        r" (?:not|never) allowed to (?:see|talk to|call|text|visit|meet|have|go out with"
        r"|hang out with|leave|go out|go anywhere|work|drive|get a job|have money|have a phone"
        r"|leave the house|use the car|go to work|contact)\b"
        r"(?! (?:the affair|her affair|his affair|my affair|the other)\b)",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:isolates|isolated|isolating|isolate|cut|cuts|cutting"
        r"|keeps|kept|keeping) (?P<obj>me|her|him) (?:off |away )?(?:from|away from)"
        r" (?:all (?:of )?)?(?:my|her|his|everyone|everybody|the outside world) ?(?:friends"
        r"|family|everyone|everybody|people)?\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:makes|made|forces|forced|forcing) (?P<obj>me|her|him)"
        r" (?:to )?(?:stop seeing|stop talking to|cut off|give up|quit seeing|drop) (?:all"
        r" )?(?:of )?(?:my|her|his) (?:friends|family)\b",
        r"(?:locks|locked|locking|lock) (?P<obj>me|her|him) (?:in|inside) (?:the|a|my|her|his"
        r"|our)? ?(?:room|house|bedroom|bathroom|basement|closet|flat|apartment|car)?\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:stalks|stalking|stalked|stalk) (?P<obj><OBJ>)\b",
        r"(?:follows|followed|following) (?P<obj>me|her|him) (?:everywhere|to work|around"
        r" everywhere)\b",
        # Coercive control: money.
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:takes|take|taking|keeps|keep|keeping|steals|stealing"
        r"|controls|control|controlling|confiscates|confiscated) (?:all )?(?:of )?(?P<obj>my"
        r" <PARTNER_NOUN>s|my|her|his|our|the) (?:paycheck|paychecks|pay|wages|salary|money"
        r"|income|earnings|bank card|debit card|credit card|credit cards|cards|benefits"
        r"|bank account|bank accounts|finances|pension)\b",
        r"(?:gives|give|giving) (?P<obj>me|her|him) an allowance\b",
        r"(?:makes|make|making) (?P<obj>me|her|him) (?:ask|beg) (?:him |her )?for (?:money"
        r"|every penny|every dollar|cash)\b",
        # A person and a violent or abusive word: the subject decides the role.
        r"(?P<subj><SUBJ>) <GAP>(?:so |really |very |quite |pretty |physically |verbally"
        r" |emotionally |sexually |financially )?(?:abusive|violent)\b(?! (?:movie|movies|film"
        r"|films|game|games|video|videos|show|shows)\b)",
        r"(?P<subj><SUBJ>) <GAP>(?:abuses|abused|abusing|abuse) (?P<obj><OBJ>)\b",
        r"(?:(?P<subj><SUBJ>) <GAP>)?(?:get|gets|got|getting|became|becomes|become|turn|turns"
        r"|turned|turning|can be|could be) (?:really |so |very |quite |pretty )?(?:violent"
        r"|physical)(?! (?:movie|film|game)\b)\b(?! therapy\b)",
    ),
    group(
        "abuse",
        "unclear",
        # The words alone say nothing about who did what.
        r"(?<!no )(?:domestic|intimate partner|family|relationship|partner) (?:violence|abuse)\b",
        r"coercive(?:ly)? control(?:ling|led|s)?\b",
        r"(?<!not )(?<!never )(?<!never been )(?<!isnt )(?<!wasnt )(?<!arent )(?<!not being )"
        r"(?<!not really )(?<!not an )(?<!not a )(?<!no )"
        r"(?<!my )(?:abusive|abuser|abusers)\b(?! (?:relationship|relationships|marriage|home"
        r"|household|situation|family|childhood|parents|language towards the waiter)\b)",
        r"(?<!substance )(?<!alcohol )(?<!drug )(?<!drugs )(?<!opioid )(?<!opiate )"
        r"(?<!never )(?<!not )(?<!no )(?<!never been )(?<!never has )"
        r"(?:abuse|abuses|abused|abusing)\b"
        r"(?! (?:[^ ]{1,20} ){0,2}(?:trust|position|power|privilege|system|alcohol|drugs"
        r"|substances|pills|painkillers|kindness|good nature|credit card|card|generosity"
        r"|patience|goodwill|hospitality|loophole)\b)(?! of\b)",
        r"(?<!not )(?<!never )(?<!never been )(?<!isnt )(?<!wasnt )(?<!not a )"
        r"(?:violent)\b(?! (?:movie|movies|film|films|game|games|video|videos|show|shows|storm"
        r"|storms|crime|crimes|offender|sport|sports|tv|content|scene|scenes|dream|dreams"
        r"|nightmare|nightmares|book|books|history|protest|protests|felony|weather|cough"
        r"|reaction to)\b)",
        r"(?<!no )(?<!any )(?<!without )(?<!non )(?<!gun )(?<!game )(?<!movie )(?<!tv )"
        r"(?<!media )(?<!school )(?<!gang )(?<!political )(?<!street )(?<!youth )"
        r"(?<!sports )(?<!video )(?<!cartoon )(?<!film )"
        r"violence\b(?! in (?:movies|films|games|video games|the news|tv|the media)\b)",
        r"(?<!not an )(?<!not in an )(?<!never in an )(?<!not a )abusive (?:relationship"
        r"|relationships|marriage|home|household|situation)\b",
    ),
    # Fear of a partner, or restrictions (the user is harmed) ...
    group(
        "abuse",
        "harmed",
        r"(?:ill|i will|i would|id|i) (?:never|not) (?:see|get to see) <KIDS> again\b",
        r"(?:victim|victims|survivor|survivors) of (?:domestic |intimate partner |family"
        r" |partner )?(?:violence|abuse|assault|rape|stalking|coercive control)\b",
        # The user as the one it happened to: "i am being abused", "ive been beaten".
        r"(?:(?:im|i am|i was|i used to be) (?:being )?|(?:ive|i have|i had) been |(?:i get|i got"
        r"|i keep getting|i used to get|i kept getting) )"
        r"(?:physically |sexually |emotionally |verbally |financially |repeatedly |badly )?"
        r"(?:abused|beaten|beaten up|raped|assaulted|strangled|stalked|punched|slapped|kicked"
        r"|choked|hit by (?:him|her|them|my <PARTNER_NOUN>))\b"
        r"(?! (?:out|off|up|at|in (?:a|the) (?:game|race|match|final)|by (?:a|the) (?:car|ball"
        r"|truck|bus|wave|door)|to)\b)",
        r"(?:(?:im|i am|i was|were|we are) (?:not|never|no longer)|(?:ive|i have|weve) never"
        r" been) allowed to"
        r" (?:see|talk to|call|text|visit|meet|have|go out with|hang out with|leave|go out|go"
        r" anywhere|work|drive|get a job|have money|have a phone|leave the house|use the car"
        r"|go to work|contact)\b(?! (?:the affair|her affair|his affair|my affair|the other)\b)",
        r"my (?:abusive|violent) <PARTNER_NOUN>\b",
        r"(?:scared|afraid|frightened|terrified|fearful|petrified) (?:to death |for my life )?"
        r"of (?:him|her|them|my <PARTNER_NOUN>)(?=<FOL>)",
        r"(?:scared|afraid|frightened|terrified|fearful|petrified) (?:to death )?of what"
        r" (?:he|she|they|my <PARTNER_NOUN>)(?:ll| will| might| would|d| could| is going to"
        r"|s going to| is gonna|s gonna| may)? do (?:to (?:me|us|the kids|my kids|the children"
        r"|my children|my family)|if i (?:leave|try to leave|go|tell|say no|call)|when i"
        r" (?:leave|get home|tell|say no)|next)\b",
        r"(?:scared|afraid|frightened|terrified|worried|fear|fearing|fears|petrified)"
        r" (?:that )?<FUT_P>(?: (?:really|actually|seriously|eventually|one day))? (?:kill|hurt"
        r"|harm|hit|beat|strangle|choke|shoot|stab|punch|slap|murder) (?:me|us|the kids|my kids"
        r"|the children|my children|the baby|someone)\b",
        r"(?:scared|afraid|frightened|terrified|worried|fear|fearing|petrified) (?:that )?"
        r"(?:he|she|they|my <PARTNER_NOUN>) (?:is going to|will|might|could|would|is gonna)"
        r" (?:kill|hurt|harm|hit|beat|strangle|choke) (?:me|us|the kids|my kids)\b",
        r"(?:scared|afraid|frightened|terrified|petrified) (?:to go|of going|to be|of being)"
        r" (?:back )?home\b(?! (?:and|to) (?:face|tell|talk|confess|see|explain)\b)",
        r"(?:fear|fearing|afraid|scared|terrified|worried) for my (?:life|safety|kids safety"
        r"|childrens safety|physical safety)\b",
        r"(?:i|we|me and the kids) (?:dont|do not|never|no longer) feel safe (?:at home|in my"
        r" (?:own )?(?:home|house)|with (?:him|her|my <PARTNER_NOUN>)|around (?:him|her|my"
        r" <PARTNER_NOUN>)|in the house|in our (?:home|house)|when (?:he|she) (?:is|gets|comes)"
        r" (?:home|drunk|angry))\b",
        r"(?:im|i am|were|we are|the kids are|my kids are) not safe (?:at home|with (?:him|her"
        r"|my <PARTNER_NOUN>)|around (?:him|her)|in (?:my|our|this) (?:home|house))\b",
        r"(?:its|it is) not safe (?:for me |for us |for the kids )?(?:at home|to go home|to be"
        r" home|to leave)\b",
    ),
    # ... and the partner's fear of the user (the user is harming).
    group(
        "abuse",
        "harming",
        r"(?:shell|she will|she would|shed|hell|he will|he would|hed|they will|theyll|youll"
        r"|you will) (?:never|not) (?:see|get to see) <KIDS> again\b",
        r"(?:she|he|shes|hes|they|theyre|my <PARTNER_NOUN>)(?: is| was| has been| seems| gets"
        r"| got| looks)?(?: really| so| kind of| a bit| genuinely| actually| now)? (?:scared"
        r"|afraid|frightened|terrified|petrified) (?:to death )?of me(?=<FOL>)",
        r"(?:i|ive|i have|i think i|i know i|i probably|i must) (?:really |sometimes |often"
        r"|always |even |definitely )?(?:scare|frighten|terrify|terrified|intimidate"
        r"|intimidated) (?:her|him|my <PARTNER_NOUN>|them)(?=<FOL>)",
        r"(?:scared|afraid|frightened|terrified|worried) (?:that )?<FUT_I>(?: (?:really"
        r"|actually|seriously|lose control and))? (?:kill|hit|beat|strangle|choke|shoot|stab"
        r"|punch|slap|murder|seriously hurt|physically hurt) (?:her|him|them|my <PARTNER_NOUN>"
        r"|someone|the kids)\b",
        r"(?:i|ive|i have|im|i was|i get|i got|i can be) (?:been |getting |so |really |too )?"
        r"(?:violent|abusive|physical) (?:with|towards|toward|to) (?:her|him|my <PARTNER_NOUN>"
        r"|them)\b",
        r"(?:scared|afraid|frightened|terrified|worried) (?:of )?what i (?:might|could|would"
        r"|will|may|ll|m going to|am going to) do to (?:her|him|my <PARTNER_NOUN>|them"
        r"|the kids|someone)(?=<FOL>)",
        r"(?:(?:i|id|ill) (?:want to|wanna|am going to|am gonna)|im (?:going to|gonna)"
        r"|(?:i|ive) (?:thought about|been thinking about|fantasize about|fantasise about))"
        r" (?:kill|killing|strangle|strangling|choke|choking|beat|beating|murder|murdering)"
        r" (?:her|him|my <PARTNER_NOUN>)(?=<FOL>)",
    ),
)
