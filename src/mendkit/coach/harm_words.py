"""Words of harm to someone else, for the coach: who can be hurt, the deeds, their things, and the
everyday senses of the same verbs that are no harm ("hit him up", "push her to apply", "beat him
at chess", "hurt her feelings", "break his heart").

One source for the coach's two readings of them: the safety gate's ``harm_to_others`` (which
words a crisis stop says: how to step away first) reads ``PLAIN_HARM``; the composer's
``threatens`` (what a draft never carries) reads ``THREAT``, which also holds veiled threats
("I'll teach him a lesson", "he'll regret it"). Neither finds a crisis: the crisis rules and the
model do.
"""

from __future__ import annotations

import re
from typing import Final

_I: Final = re.IGNORECASE

# The other person ("him", "you", "my husband"): the one a repair is for.
OTHER: Final = (r"(?:him|her|them|you|u|ya|my (?:partner|husband|hubby|wife|boyfriend|girlfriend"
                r"|bf|gf|ex|fianc\w*|spouse|other half))")
# Anyone else who can be hurt ("someone", "people", "my boss").
_ANYONE: Final = (r"(?:someone|somebody|anyone|people|others|my (?:dad|mum|mom|brother|sister"
                  r"|boss))")
HARMED: Final = rf"(?:{OTHER}|{_ANYONE})"
# Their ("his phone"), not "her" before an article or a particle ("give her a hug", "help her up").
WHOSE: Final = r"(?:his|their|your|ur|her(?! (?:a|an|the|some|one|up|off|out)\b))"
# Meaning to do something, or having wanted to: "I'll", "I'm gonna", "I could", "I want to",
# "next time I", "I swear I'll", "gonna" on its own; "I wanted to", "I felt like", "I could have",
# "I was so close to", "I nearly". Never with a no between it and the deed ("I'd never hit her",
# "I'll try not to", "I never wanted to hurt him").
MEANING: Final = (r"(?:\bi(?: (?:really|so|just|honestly|literally|seriously|actually|kinda"
                  r"|kind of))?(?:'?ll| will|'d| would| could| might| may| wanna| want to"
                  r"| feel like| need to| swear(?: i'?ll)?| promise(?: i'?ll)?| am (?:gonna"
                  r"|going to|about to|ready to|tempted to|(?:so |this )?close to)|'?m (?:gonna"
                  r"|gunna|going to|about to|ready to|so tempted to|tempted to|(?:so |this )?close"
                  r" to)"
                  r"| wanted(?: so badly| so much)? to| felt like| was (?:gonna|gunna|going to"
                  r"|about to|ready to|tempted to|(?:so |this |that )?close to)| came (?:so |this )?"
                  r"close to| (?:nearly|almost)| could(?:'ve|ve|a)| would(?:'ve|ve|a)"
                  r"| wish(?:ed)? i could(?: have|'ve)?)"
                  r"|\bpart of me (?:wants|wanted) to|\bimma|\bima|\blet me|\bnext time i"
                  r"|(?:^|[,.!?;:]|\b(?:and|so|then|or|but|lol|honestly|seriously))\s*"
                  r"(?:gonna|gunna|finna|bout to))\s+"
                  r"(?:(?!(?:never|not|no|don'?t|won'?t|hate|try|tried|avoid|stop)\b)[\w']+\s+)"
                  r"{0,2}?")
# Deeds that hurt a person.
HARM: Final = (r"(?:hit|punch|slap|kick|smack|thump|whack|deck|batter|bash|beat|choke|strangle"
               r"|throttle|stab|shoot|kill|murder|drown|hurt|harm|headbutt|shove|push|attack"
               r"|end|destroy)")
# Not harm: "hit him up", "push him to apply", "push her away", "beat him at chess", "hurt her
# feelings", "hit him with the news".
NOT_HARM: Final = (r"(?! (?:up|to|into|towards?|for|away|off|over|out|at|feelings|pride|ego"
                   r"|too (?:hard|far|much))\b)"
                   r"(?! (?:back )?(?:with|by)"
                   r" (?:a |an |the |that |this |some |my |his |her )*(?:text|message|email|reply"
                   r"|question|joke|news|surprise|truth|facts?|idea|comeback)\b)")
# Their things, or their body, that can be broken ("his phone", "her car", "his nose"; not "his
# heart" or "her mug" broken by accident).
THINGS: Final = (r"(?:phone|car|stuff|things|shit|crap|clothes|laptop|computer|tv|telly|guitar"
                 r"|console|xbox|playstation|ps5|games?|bike|tyres|tires|windows?|belongings"
                 r"|glasses|records|books|plants|face|head|nose|legs?|arms?|neck|jaw|teeth)")
WRECK: Final = (r"(?:smash|break|throw|chuck|trash|wreck|destroy|burn|torch|key|slash|rip up"
                r"|cut up|bin|snap|stamp on)")
# "I" and at most one word that is no "not" before what I did ("I hit him", "I just shoved her";
# not "I never hit him", "I wont hit him").
_I_DID: Final = r"\bi (?:(?!(?:never|not|no|wont|dont|didnt|cant|wouldnt|couldnt)\b)\w+ )?"
# Up to the words that follow, no one but "I" acts in the clause ("I'll", "I swear I'm going
# to"; not "I told him he'd ..."), or the clause starts there.
_NOT_ANOTHER_SUBJECT: Final = r"(?:(?!\b(?:he|she|they|you|u|it)(?:'?[dsl]l?|'?re)?\b)[^.!?\n])"
_MINE: Final = rf"(?:\bi\b{_NOT_ANOTHER_SUBJECT}{{0,60}}?|(?:^|[.!?,;:])\s*)"
# "make him pay (for this)" is revenge said in anger, but not "make him pay the deposit", nor
# someone else's ("I told him he'd make her pay").
_PAYBACK: Final = (rf"{_MINE}\bmake {HARMED}(?: \w+)? (?:pay|suffer|bleed|sorry|regret)\b"
                   r"(?! (?:the|a|an|his|her|their|my|our|half|back|rent|bills?|up|\d|[$\u00a3\u20ac]"
                   r"|for (?!(?:this|that|what|it|everything|all|hurting|doing|saying|cheating"
                   r"|lying)\b)))")
# Harm to someone in plain words, meant, wished, or done.
_HARMS: Final = (
    # "I'll hit him back", "I could kill him lol", "i want to slap her", "I'll hurt someone".
    rf"{MEANING}{HARM}\w* {HARMED}\b{NOT_HARM}"
    # "I keep thinking about hurting him", "i think about killing her".
    rf"|\b(?:think|thought|dream|fantasi[sz]e)\w* (?:about|of) {HARM}\w* {HARMED}\b{NOT_HARM}"
    # "I'm going to beat him up", "I'll knock him out", "knock him spark out".
    rf"|{MEANING}(?:beat\w* {HARMED} up|knock\w* {HARMED} (?:\w+ )?(?:out|in))\b"
    # "I swear I'll smash his phone", "I'm gonna key his car", "throw his phone out the window".
    rf"|{MEANING}{WRECK} (?:up )?{WHOSE} (?:[\w']+ )?{THINGS}\b"
    r"|\b(?:throw|threw|chuck|toss)\w* (?:[\w']+ ){1,3}out (?:of )?the window\b"
    # "I was going to throw my phone at him", "I wanted to chuck a plate at her".
    rf"|{MEANING}(?:throw|chuck|hurl|lob)\w* (?:[\w']+ ){{1,3}}at {HARMED}\b"
    # "I'll make him pay", "i'm going to make her pay".
    rf"|{_PAYBACK}"
    # Violence in so many words, whoever means it: "beat the crap out of him", "knock his teeth
    # out", "kick his ass", "wring her neck", "slap the smirk off his face".
    rf"|\b(?:beat|kick|knock|smack|slap|punch|bash|thump)\w* the (?:crap|shit|hell|living daylights"
    rf"|life|snot|stuffing|piss) out of {HARMED}\b"
    rf"|\b(?:knock|punch|kick|smash|bash|cave|beat|stove)\w* (?:{WHOSE}|the) (?:teeth|lights"
    rf"|face|head|skull|brains?) (?:out|in)\b"
    rf"|\bkick\w* {WHOSE} (?:ass|arse|butt|head in)\b"
    rf"|\b(?:break|snap|wring)\w* {WHOSE} (?:neck|legs?|arms?|nose|jaw|fingers?)\b"
    rf"|\brip\w* {WHOSE} (?:head|face|throat|eyes) (?:off|out)\b"
    rf"|\bslap\w* (?:the|that) (?:smile|smirk|look|grin) (?:right )?off {WHOSE} face\b"
    # What I did to them: "I hit him", "I slapped her", "I threw a plate at him", "I smashed
    # his phone" (not "I hurt him", which is often a feeling, nor "I broke his mug" by accident).
    rf"|{_I_DID}(?:hit|punched|slapped|kicked|smacked|thumped|whacked|decked|beat|battered"
    rf"|choked|strangled|throttled|stabbed|shoved|pushed|headbutted|bit) {HARMED}\b"
    rf"{NOT_HARM}"
    rf"|{_I_DID}(?:threw|chucked|hurled) (?:[\w']+ ){{1,3}}at {HARMED}\b"
    rf"|{_I_DID}(?:smashed|trashed|wrecked|torched|keyed|slashed) {WHOSE} ")
# A bare answer to the coach's risk question: "yes, hurting him", "maybe harming someone".
_ANSWER: Final = (r"^\W*(?:(?:yes|yeah|yep|yh|maybe|kind of|kinda|sort of|i think|probably)\W+)*"
                  rf"(?:hurting|hurt|harming|harm) (?:{HARMED}|others)\b{NOT_HARM}\W*$")
# Veiled threats: no deed named, but said to frighten ("teach him a lesson", "he'll regret it").
_VEILED: Final = (
    rf"\bsorry (?:he|she|they|you) (?:was|were) born"
    rf"|\bteach {OTHER} a lesson\b|\bget (?:back at|even with) {OTHER}\b"
    rf"|\bwhen i'?m (?:done|finished|through) with {OTHER}\b"
    r"|\b(?:he|she|they|you)(?:'ll| will| is gonna| is going to) (?:regret (?:it|this|that)"
    r"|be sorry)(?=\s*(?:$|[,.!?]|when|if|once|after))"
    rf"|\bwon'?t know what hit {OTHER}\b|\bruin {WHOSE} life\b")

# Someone else, not "you" ("I know I hurt you" owns a hurt): for the wider reach below.
_THIRD: Final = (r"(?:him|her|them|my (?:partner|husband|hubby|wife|boyfriend|girlfriend|bf|gf"
                 rf"|ex|fianc\w*|spouse|other half)|{_ANYONE})")
_NO_NOT: Final = (r"(?!\b(?:never|not|no|nothing|don'?t|dont|won'?t|wont|didn'?t|didnt|wouldn'?t|wouldnt"
                  r"|couldn'?t|couldnt|can'?t|cant)\b)")
# The gate reaches further along my own clause, with no "not" in it: "I'm seriously about to
# punch him", "im literally going to kill him"; and "I don't trust myself not to hit her".
_IN_MY_CLAUSE: Final = (
    rf"\bi(?:'?m|'?ll|'?d)?\b(?:{_NO_NOT}{_NOT_ANOTHER_SUBJECT}){{0,60}}?\b{HARM} {_THIRD}\b"
    rf"{NOT_HARM}"
    rf"|\b(?:don'?t|dont|do not|can'?t|cant|cannot) trust myself (?:not to {HARM}\w* {HARMED}"
    rf"|around {HARMED}|with {HARMED})\b")

PLAIN_HARM: Final = re.compile(rf"{_HARMS}|{_IN_MY_CLAUSE}|{_ANSWER}", _I)
"""The writer says, in plain words, that they might hurt (or did hurt) someone else."""
THREAT: Final = re.compile(rf"{_HARMS}|{_VEILED}", _I)
"""A threat to the other person, someone else or their things, veiled or plain, or violence
told of."""
