"""The safety screen's patterns for self-harm: suicidal thoughts, self-injury, hopelessness
about living. Negations and idioms are excluded inside each pattern, next to the phrase."""

from __future__ import annotations

from assistant.safety.patterns.group import PatternGroup, group

SELF_HARM: tuple[PatternGroup, ...] = (
    group(
        "self_harm",
        None,
        # "suicide", "suicidal", unless negated or an idiom ("career suicide").
        r"(?<!not )(?<!never )(?<!no longer )(?<!not feeling )(?<!not at all )(?<!isnt )"
        r"(?<!wasnt )(?<!never been )(?<!never felt )(?<!not really )(?<!not remotely )"
        r"(?<!career )(?<!social )(?<!political )(?<!financial )(?<!commercial )"
        r"(?<!professional )(?<!electoral )(?<!marital )"
        r"suicid(?:e|al|ality|ally)\b(?! (?:squad|door|doors|drill|drills|sprint|sprints|bomber"
        r"|bombers|bombing|knot|king|kings|run|runs|mission)\b)",
        # Kill / end / hang ... myself, unless negated or an idiom of effort or laughter.
        r"(?<!never )(?<!not going to )(?<!not gonna )(?<!wont )(?<!wouldnt )(?<!would not )"
        r"(?<!will not )(?<!could never )"
        r"(?:kill|killing|killed|kills|end|ending|off|offing|hang|hanging|hanged|shoot|shooting"
        r"|drown|drowning|poison|poisoning|unalive|unaliving|harm|harming|harmed|cut|cutting"
        r"|burn|burning|burned|burnt|starve|starving|starved|suffocate|suffocating|stab|stabbing"
        r"|strangle|strangling|electrocute|gas|overdose|overdosing|punch|punching|punched|hit"
        r"|hitting|slap|slapping|scratch|scratching|bruise|bruising) <MYSELF>\b"
        r"(?! (?:shaving|cooking|chopping|slicing|on (?:a|the|some|my|an)|while|by accident"
        r"|accidentally|off|out|trying|to (?:make|get|win|fix|keep|please|prove|earn|pay|finish"
        r"|help|save|be)|working|over (?:this|it|her|him|work|them)|for (?:her|him|this|it|work"
        r"|nothing|them|a|the)|laughing|at (?:work|the gym|the office)|with work|in (?:work|my work"
        r"|the work|alcohol|booze|drink|drinking|books|tv|the gym|a hobby|hobbies)|up)\b)",
        # "hurt myself" needs intent or habit: "i hurt myself at the gym" is not a crisis.
        r"(?<!dont )(?<!do not )(?<!never )"
        r"(?:want to|wanna|going to|gonna|thinking about|thought about|think about|thinking of"
        r"|urge to|urges to|tempted to|been|keep|kept|started|start|might|could|will|ill"
        r"|feel like|afraid ill|scared ill|afraid i will|scared i will|stop myself from"
        r"|planning to|plan to|try not to|trying not to|need to|deserve to|going to)"
        r"(?: (?:really|just|seriously|actually|badly|secretly))? (?:hurt|hurting|harm|harming)"
        r" <MYSELF>\b(?! by\b)",
        r"(?:hurt|hurting|hurts) <MYSELF> (?:again|on purpose|deliberately|intentionally"
        r"|when|every|at night|to cope|because)\b",
        # Wanting to die.
        r"(?<!dont )(?<!do not )(?<!never )(?<!didnt )(?<!not )"
        r"(?:want|wants|wanted|wanting|wanna|wish|wished|ready|deserve|deserves|plan|planning"
        r"|need)"
        r"(?: to)?(?: just| really| honestly| simply)? (?:die|be dead|not exist|not be alive"
        r"|stop existing|stop living|not wake up|never wake up|not be here anymore)\b"
        r"(?! (?:of|from) (?:shame|embarrassment|laughter|laughing|boredom|curiosity|cringe)\b)",
        r"(?:if|when) i (?:was|were|am) (?:dead|never born|not alive)\b",
        r"(?:better off|happier|easier|better) (?:for (?:everyone|everybody|them|her|him|my"
        r" family|my kids) )?(?:if|when) i (?:was |were |am )?(?:dead|gone|not here|not around"
        r"|not alive|never born|died|disappeared|wasnt here|werent here|wasnt around|werent"
        r" around|didnt exist|never existed|wasnt alive|was not here|were not here|was not"
        r" around)\b",
        r"(?:thoughts|thinking|thought|think|fantasize|fantasise|fantasizing|fantasising"
        r"|dream|dreaming|obsessing)(?: a lot| so much| all the time)? (?:about|of) (?:dying"
        r"|death|being dead|my death|my own death|not being here|not existing|not waking up"
        r"|my funeral)\b",
        r"(?:scared|afraid|frightened|terrified|worried) (?:of )?what i (?:might|could|would"
        r"|will|may|ll|m going to|am going to) do to <MYSELF>",
        r"(?:id|i would|i d) (?:much )?rather not (?:be here|be alive|exist|wake up|live)\b"
        r"(?! (?:right now|today|tonight|for|at(?! all)|in|with|when|while|during)\b)",
        r"(?:dont|do not|no longer|doesnt) (?:really )?(?:care|matter) (?:if|whether) i (?:live"
        r" or die|die|wake up|live|am alive|make it)\b",
        r"(?:go to sleep|sleep|fall asleep|close my eyes) forever\b",
        r"(?:want|wanna|need) (?:out of|to get out of|to check out of) (?:life|this life|this"
        r" world|living|existence)\b",
        r"(?:imagining|imagine|imagined|picturing|picture|pictured|planning|plan|planned"
        r"|writing|wrote) (?:my own|my) (?:funeral|death|suicide|goodbyes)\b",
        r"(?:researching|research|researched|looking up|looked up|look up|googling|googled"
        r"|searching|searched|reading about|read about) (?:ways|how|methods|the best way|the"
        r" easiest way|the quickest way|painless ways|a painless way) (?:to )?(?:die|kill myself"
        r"|end it|end my life|overdose|commit suicide|do it)\b",
        r"(?:painless|easy|easiest|quickest|quick|best) (?:ways?|methods?) to (?:die|kill myself"
        r"|end my life|end it all)\b",
        r"(?:have|got|made|making) a plan (?:to|for how to|for when to) (?:die|end it|end my life"
        r"|kill myself|take my life)\b",
        r"(?:life|my life|living|existing) (?:has|have) no (?:meaning|point|purpose)\b",
        r"(?:going to|gonna|want to|wanna|thinking about|thought about|think about|urge to"
        r"|tempted to|wanted to) (?:drive|driving|crash|crashing|steer|steering)(?: my car)?"
        r" (?:off (?:a|the) (?:bridge|cliff|road)|into (?:a|the) (?:tree|wall|river|lake|truck"
        r"|lorry|pole|bridge)|into oncoming traffic)\b",
        r"wish (?:that )?i (?:was|were|had) (?:dead|never born|not born|gone for good"
        r"|gone forever|never been born|not alive|not here anymore)\b",
        r"wish (?:that )?i (?:wasnt|werent|was not|were not) (?:alive|born|here anymore|here"
        r" any more|around anymore)\b",
        r"wish (?:that )?i (?:had never|hadnt|had not) been born\b",
        r"wish (?:that )?i (?:could|would) (?:just )?(?:die|disappear forever|disappear for good"
        r"|go to sleep and (?:never|not) wake up|sleep forever|stop existing|not wake up)\b",
        r"(?:rather|might as well|may as well) (?:just )?be dead\b",
        r"(?:might|may) as well (?:just )?(?:die|kill myself|end it)\b",
        # Being a burden; others better off.
        r"better off (?:dead|in the ground|six feet under|in a grave|in my grave)\b",
        r"(?:would|will|d|could) (?:all )?be (?:fine|okay|ok|happier|better|so much better)"
        r" without me\b",
        r"(?:the pain|it all|everything|this pain|my pain) to (?:end|stop) (?:forever|for good"
        r"|permanently)\b",
        r"better (?:off )?without me\b",
        r"better off (?:if|when) i (?:was|were|am|had|just)? ?(?:dead|gone|not here|not around"
        r"|not alive|never born|died|disappeared|wasnt here|werent here|wasnt around|werent"
        r" around|didnt exist|never existed|wasnt alive|was not here|were not here)\b",
        r"better off with me (?:dead|gone)\b",
        r"(?:better off|happier|easier) (?:not existing|not being alive|not being here|not"
        r" alive|gone for good|never having been born)\b",
        r"burden (?:to|on|for) (?:everyone|everybody|my family|all of them|the people"
        r" around me|everyone around me)\b",
        r"(?:no one|nobody|noone|none of them|nobody else) (?:would|will|is going to|is gonna"
        r"|gonna)?(?: even)? ?(?:care|notice|miss me|be sad|cry|mind) (?:if|when) i (?:died"
        r"|was dead|were dead|was gone|were gone|disappeared|killed myself|wasnt here|wasnt"
        r" around|didnt wake up|left this world|wasnt alive)\b",
        # Hopelessness about living.
        r"(?:whats|what is|wheres) the (?:point|use|purpose|reason) (?:of |in |to )?(?:going on"
        r"|living|being alive|staying alive|carrying on|existing|life|live|keep living|keep"
        r" going|waking up|be alive|being here|me being here|me living|any of it anymore"
        r"|anything anymore|it all|even living|even being here|trying to live|me)\b",
        r"(?:no|isnt any|isnt a|not any|see no|cant see any|cant see a|cant see the|dont see any"
        r"|dont see a|dont see the|there is no|theres no"
        r"|lost (?:my|the|all)|without a|without any) (?:point|reason|purpose|will)"
        r"(?: for me)? (?:in |of |to |for )?(?:me )?(?:living|going on|being alive|staying alive"
        r"|carrying on|existing|life|live|keep living|keep going|wake up|waking up|be alive|be here"
        r"|being here|go on|continue living|stay alive|carry on)\b",
        r"(?:nothing|no one|nobody|nothing left|not much) (?:left )?to live for\b",
        r"(?:not|no longer|isnt|is not|never|aint) worth living\b",
        r"(?:life|my life|living) (?:isnt|is not|is no longer|aint|doesnt feel|does not feel"
        r"|no longer feels) worth (?:it|living)\b",
        r"(?:see|is|theres|there is) no way out\b(?! of (?:this|the) (?:argument|fight|deal"
        r"|contract|lease|meeting)\b)",
        r"(?:i|im|i am)(?: just| really| honestly| seriously| truly)? (?:cant|can not|cannot"
        r"|couldnt) (?:go on|keep going|carry on|keep living|do life|be alive|go on living"
        r"|keep on living)\b",
        r"(?:dont think|dont know if|not sure|doubt|dont know how much longer) i can (?:go on"
        r"|keep going|carry on|keep living|go on living|keep on living|stay alive)\b",
        r"(?:tired|sick|exhausted|weary) of (?:living|being alive|life|existing|waking up"
        r"|being here)\b",
        r"(?:done|finished) (?:with life|living|with living|with being alive|existing)\b",
        r"(?:given|give|giving|gave) up on (?:life|living|myself and life|being alive)\b",
        r"hopeless about (?:everything|life|living|the future|my future|my life)\b",
        r"(?:everything|life|my life) (?:is|feels|seems) (?:so |completely |totally )?hopeless\b",
        # Not wanting to live, including doubt: "i'm not sure i want to live".
        r"(?:dont|do not|no longer|not sure (?:if |that |whether )?i|dont know (?:if|whether) i"
        r"|dont think i|not certain i|unsure (?:if )?i|doubt i|dont even|dont really|barely"
        r"|never|didnt|not sure i even)"
        r" (?:even |really |still |truly |actually |honestly )?(?:want|wanna|wish) (?:to )?"
        # "live" and "wake up" are left out when a place, person or time follows:
        # "i dont want to live with her", "i dont want to wake up early".
        r"(?:(?:live|go on|keep going|wake up)<ANYMORE>?(?! (?:with|together|apart|in|at"
        r"|near|there|here|without|alone|by|under|separately|on|close|nearby|early|late|next"
        r"|for|like that|a|an|the|my|our|his|her|this|that)\b)|be alive|exist|keep living"
        r"|stay alive|be here<ANYMORE>|be around<ANYMORE>|be on this earth|be in this world)\b",
        r"(?:dont|do not|cant|can not|cannot) see (?:a|any) (?:way|reason) (?:to )?(?:keep going"
        r"|go on|carry on|keep living|stay alive|live)\b(?! (?:with|together|in|at|here|there"
        r"|without)\b)",
        r"(?:dont|do not|no longer) deserve to (?:live|be alive|exist|be here)\b",
        r"(?:shouldnt|should not) (?:be alive|exist|be here anymore|have been born)\b",
        r"i (?:should|ought to) (?:just )?(?:die|be dead|kill myself|not be alive)\b",
        r"(?:go to sleep|fall asleep|sleep|close my eyes) and (?:never|not) (?:wake up|open them"
        r" again)\b",
        r"(?:hope|wish|pray|praying|hoping) (?:that )?i (?:dont|do not|never|wont|wouldnt|didnt)"
        r" wake up\b",
        # Ending one's life.
        r"(?<!never )(?<!not going to )(?<!not gonna )(?<!wont )(?<!wouldnt )(?<!would not )"
        r"(?:end|ending|ended) (?:it all|my (?:own )?life|my existence|everything for good"
        r"|my suffering|it for good)\b(?! (?:with|between)\b)",
        r"(?<!never )(?<!not going to )(?<!not gonna )(?<!wont )(?<!wouldnt )(?<!would not )"
        r"(?:take|taking) my (?:own )?life\b(?! (?:back|savings|seriously|into|in|for granted"
        r"|apart|over)\b)",
        r"(?:want|wants|wanted|need) (?:it all|everything|this all|all of it|my life) to (?:end"
        r"|be over|stop for good)\b",
        # Self-injury.
        r"(?<!never )(?<!no )(?<!not )self (?:harm|harming|harmed|injury|injuring|injure"
        r"|injured|mutilation|mutilating|mutilate)\b",
        r"selfharm(?:ing)?\b",
        r"(?:been|started|start|starting|keep|kept|back to|resumed|began|begun|relapsed and"
        r"|relapsed into|urge to|urges to|want to|wanna|thinking about|think about|go back to"
        r"|went back to|gone back to|im|was|am|stop)"
        r" (?:cutting|burning|scratching|hitting)"
        r"(?=$| (?:again|myself|my self|my arms?|my wrists?|my legs?|my thighs?|my skin"
        r"|my stomach|lately|recently|a lot|more|at night|every (?:day|night)|when|because"
        r"|and|since|to cope|secretly|in secret|behind|so)\b)",
        r"(?:cut|cutting|cuts|slit|slitting|slash|slashing|carve|carving|burn|burning|burned)"
        r" (?:my|into my) (?:wrists?|arms?|legs?|thighs?|skin|stomach|forearms?)\b"
        r"(?! (?:on|while|by accident|accidentally|open on|shaving|cooking)\b)",
        # Means.
        r"overdos(?:e|ed|ing)\b(?! on (?:chocolate|sugar|caffeine|coffee|candy|sweets|tv"
        r"|netflix|work)\b)",
        r"(?:take|taking|took|swallow|swallowed|swallowing) (?:all|a bunch|a handful|a whole"
        r" bottle|the whole bottle|every one|loads|lots) (?:of )?(?:my |the |her |his |those"
        r" |these )?(?:pills|tablets|meds|medication|medicine|sleeping pills|painkillers)\b",
        r"(?:took|taken|take|taking|swallowed|swallow) (?:too many|way too many|a lot of|loads"
        r" of|lots of) (?:my |the |of my |of the )?(?:pills|tablets|meds|medication|sleeping pills"
        r"|painkillers)\b",
        r"(?:stockpiling|hoarding|saving up|collecting) (?:my |the )?(?:pills|tablets|meds"
        r"|medication|painkillers|sleeping pills)\b",
        r"(?:jump|jumping|jumped|throw myself|throwing myself) (?:off|from) (?:a|the|my|this)"
        r" (?:bridge|building|roof|cliff|balcony|tower|overpass|ledge|window|car park)\b",
        r"(?:jump|jumping|step|stepping|throw myself|throwing myself|walk|walking|lie|lying)"
        r" in front of (?:a|the) (?:train|bus|truck|car|lorry|subway)\b",
        r"(?:gun|pistol|barrel) (?:to|in|against) my (?:head|mouth|temple|chest)\b",
        r"blow my (?:brains|head) (?:out|off)\b",
        r"(?:put|putting) a bullet (?:in|through) my\b",
        r"(?:drive|driving|crash|crashing|steer|steering) (?:my car )?(?:off (?:a|the)"
        r" (?:bridge|cliff|road)|into (?:a|the) (?:tree|wall|river|lake|truck|lorry|pole)"
        r" on purpose)\b",
        r"crash(?:ing)? (?:my|the) car on purpose\b",
        r"(?:noose|rope (?:around|round) my neck)\b",
        r"(?:disappear|vanish) (?:forever|for good|permanently)\b",
        r"(?:kms|kys myself|unalive|unaliving|sewerslide)\b",
        r"(?:suicide|goodbye) (?:note|notes|letter|letters)\b",
        # Preparations and farewells: the warning signs that name no act at all. Each is held
        # to the wording that only a farewell has ("bought a rope" but not "a rope for the
        # climbing trip"; "a note for her to find" but not "a note on the fridge").
        r"(?:have|got|ive got|keep|put|laid|lined) (?:the|my|all the|all my|enough|a bottle of"
        r"|a stash of) (?:sleeping )?(?:pills|tablets|meds|painkillers)(?: out)? (?:ready|lined"
        r" up|counted out|set aside|next to me|in front of me|stashed|saved up|here with me)\b",
        r"(?:bought|buying|got|getting|found|have) (?:a |some |the )?rope\b"
        r"(?! (?:for|to|swing|ladder|light|lights|toy|bridge|course)\b)(?=$| (?:today|tonight"
        r"|yesterday|this (?:morning|afternoon|evening|week)|and|just in case|already)\b)",
        r"(?:wrote|written|writing|write|left|leaving|leave) (?:letters|notes|messages|a letter"
        r"|a note|a message|a video) (?:to|for) (?:everyone|everybody|all of them|my (?:kids"
        r"|children|family|parents)|each of them)(?: \w+){0,3} (?:saying|to say) goodbye\b",
        r"(?:wrote|written|writing|left|leaving|leave) (?:a|the|my) (?:note|letter)(?: \w+)?"
        r" for (?:her|him|them|everyone|the kids|my (?:kids|family|wife|husband|partner|mum|mom"
        r"|dad|parents)) to (?:find|read after)\b",
        r"(?:said|saying|say|made) (?:all )?my (?:last |final )?goodbyes\b",
        r"(?:said|saying|say) goodbye(?: \w+){0,6} for the (?:last|final) time\b",
        r"(?:gave|giving|give|given|am giving) away (?:all )?(?:of )?(?:my|all my) (?:things|stuff"
        r"|belongings|possessions|clothes|books|records|pets?|dog|cat)\b",
        r"(?:wont|will not|will no longer|aint gonna) be (?:around|here|alive)(?=$| (?:much longer"
        r"|for much longer|for long|anymore|any more|by (?:the weekend|tomorrow|then|monday"
        r"|tuesday|wednesday|thursday|friday|saturday|sunday|next week|christmas|the morning)"
        r"|to see (?:it|them|her|him|the)|after (?:tonight|today|this))\b)",
        r"(?:because|since|as|cause|cuz) i (?:wont|will not) be (?:around|here)(?=$| (?:and|so"
        r"|to)\b)",
        r"(?:this is|tonight is|today is|its|it is) my (?:last|final) (?:night|day|morning)"
        r"(?! (?:in|at|of|on|before|with|off|here|as|shift|working|together)\b)",
        r"(?:know|decided|worked out|figured out|planned|picked|chosen|chose) (?:how|when|where)"
        r" (?:ill|im going to|im gonna|i will|i am going to|i am gonna|to) do it"
        r"(?=$| (?:and (?:when|where|how)|tonight|tomorrow|soon|now)\b)",
        r"(?:standing|sitting|stood|sat|im|i am) (?:on|at) (?:the|a|this) (?:edge of (?:the|a)"
        r" )?(?:bridge|ledge|edge|cliff|roof|rooftop|railing|platform edge)(?: \w+){0,2}"
        r" (?:right now|now|and (?:i|im) (?:want|wanna|going|gonna|about|thinking|cant stop))\b",
        r"(?:want|wanna|going|gonna|about|urge|thinking about|ready) (?:to )?jump(?=$| (?:off|now"
        r"|tonight)\b)",
        r"(?:put|putting|getting|got|sorted|sorting|set) my affairs in order\b(?! (?:for|before)"
        r" (?:the|my|our|a) (?:trip|move|surgery|operation|wedding|baby|holiday|deployment)\b)",
        r"(?:wont|will not|will never|wont ever|wont be) (?:be )?a (?:problem|burden|bother)"
        r" (?:for|to) (?:anyone|anybody|everyone|any of you|anyone else)(?: \w+)?\b",
        r"(?:train tracks|railway line|railway tracks|the tracks|the bridge|the cliff|the ledge"
        r"|the pills|the tablets) (?:are|is) (?:right there|right here|so close|just there"
        r"|calling me|calling to me)\b",
        r"how many (?:of these|of them|of my (?:pills|tablets)|pills|tablets|painkillers"
        r"|sleeping pills)(?: \w+){0,2} (?:it would take|it takes|would it take|does it take"
        r"|would kill|would be enough|is enough|are enough|it would need)\b",
        r"(?:sort|deal with|handle|take care of) (?:things|everything|it all|my stuff|the rest)"
        r"(?: out)? (?:after|afterwards)$",
        r"tell (?:the kids|my kids|my children|the children|her|him|them|my (?:mum|mom|dad|wife"
        r"|husband|partner|family|parents|sister|brother)|everyone) (?:that )?i loved (?:them"
        r"|her|him|you|everyone|all of them)$",
        r"(?:its|it is) (?:just |only )?a matter of when$",
        r"garage(?: \w+){0,3} (?:with )?(?:the )?engine (?:running|on)\b"
        r"|engine (?:running|on)(?: \w+){0,3} (?:in|inside) the garage\b",
        r"(?:my|our) (?:last|final) (?:conversation|talk|words|message|chat) (?:with|to) (?:anyone"
        r"|anybody|everyone|everybody|the world)\b",
        r"(?:taken|took|swallowed) something(?: \w+){0,3} (?:dont|do not|not sure|no idea)"
        r" (?:know )?how (?:much|many)\b",
        r"(?:itll|it will|it would|itd|so it) (?:just )?look(?:s)? like an accident\b",
        r"(?:not going to|not gonna|am not going to) be (?:here|around|alive) (?:much longer"
        r"|for much longer|for long|long)\b",
        r"(?:dont|do not) (?:plan|intend|expect) (?:on|to) (?:being|be|staying|stay) alive\b",
        r"(?:tonights|tonight is|todays|today is) the (?:night|day)(?: then)? (?:ive|i have|i)"
        r" (?:decided|made up my mind)\b",
        r"(?:when|after|once|for when) (?:im|i am) (?:gone|dead|not here anymore|not around"
        r" anymore)\b(?! (?:on|for|to|away|out|at|with|from|till|until|over|abroad|travelling"
        r"|traveling|working|in)\b)",
        r"(?:the )?last time (?:you|youll|anyone|anybody|anyone will|you will|theyll|she|shell"
        r"|he|hell)(?: will| ever| ll)? (?:hear|hears|see|sees) (?:from )?me\b",
        r"(?:itll|it will|everything will|this will|itll all|it will all) (?:all )?be over for"
        r" me\b",
        r"(?:hidden|hid|hiding|stashed|keep|kept|keeping) (?:a|the|some) rope\b",
        r"(?:staring at|keep looking at|kept looking at|counting out|counting|counted out) (?:the"
        r"|my|all the|all my|those) (?:pills|tablets|painkillers|sleeping pills)\b",
        r"(?:looking at|staring at) (?:the|my|all the|all my|those) (?:pills|tablets|painkillers"
        r"|sleeping pills)(?: \w+){0,4} (?:and|then) (?:counting|count|counted)\b",
        r"enough (?:pills|tablets|meds|painkillers|sleeping pills)(?: \w+)? (?:saved|stashed"
        r"|put by|put away|to do it|to end it|to not wake up|to make sure)\b",
        r"(?:top|edge) of (?:the|a) (?:car park|parking garage|multi storey|building|bridge|cliff"
        r"|tower|block of flats)(?: \w+){0,2} looking down\b",
        r"(?:sorted out|sorting out|decided|worked out|written down|wrote down) who (?:gets|will"
        r" get|should get|can have) my\b",
        r"(?:didnt|did not|doesnt|does not|wont|will not) know (?:it was|that it was|its|it is"
        r"|that its) (?:goodbye|the last time|a goodbye)\b",
        r"(?:nobody|no one|noone|none of (?:you|them)) (?:will|is going to|is gonna)(?: ever)?"
        r" (?:have to |need to )?(?:worry|deal|put up|bother) (?:about|with) me (?:again|ever again"
        r"|anymore|any more)\b",
    ),
)
