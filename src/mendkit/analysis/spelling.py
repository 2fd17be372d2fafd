"""Words as people type them, read as the rules spell them: textspeak ("u", "wna", "evry1"),
common misspellings ("myslef", "sory", "rong") and dialect spellings ("cannae", "masel", "deid",
"mi waan", Scots "ah", "tae", "ma", Nigerian Pidgin "I go stab am", learners' "I want die")
become the words the rules are written with, before the rules run.

A person who misspells "myself" is as much at risk as one who spells it right, and their
apology owns as much. The lexicon is Mend's own and small: it holds the words the rules depend on
and the ways people are seen to type them. It is conservative: a spelling that is also an
everyday word ("dye", "hole", "no", "quite") is read the other way only where the words next to
it say so ("dye my hair" stays; "i want to dye" is "die"), and "ur" stays where it may be
"your" (the rules read it both ways). Besides the lexicon, a few key words of crisis and repair
are also found one typing slip away ("mysefl", "apolgise"): a letter missed, added inside,
changed, or two side by side swapped, where the typed word is no word the shipped tokenizer's
vocabulary knows ("apologies" stays). Contractions are written without their apostrophe
("youre", "cant"), which the rules' patterns accept (``contractions``) and which leaves a quote
in single quotes whole.

``respell`` returns the new text with a map back to the old one, so that the rules' evidence
still points at the characters the person typed (``Respelling.original``). The rules engine
reads a turn respelled, then as typed with the patterns that only the typed words bring in
(``rules.RuleSet.find``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Final

from mendkit._once import once

# A word as the lexicon knows it: letters and digits, with the apostrophes inside ("a'm").
_WORD: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
END: Final = ""  # in a ``before`` set: nothing follows in the clause


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a typed word, and where it applies: ``after``, the word before it must be
    one of these (None: any); ``before``, the word after it must be one of these (``END``:
    nothing follows in the clause; the word ``ING``: any word in "-ing"); ``not_after`` and
    ``not_before``, words that rule it out; ``not_then`` and ``not_earlier``, the word two after
    it and the word two before it must be none of these ("i be feeling" is "i am feeling",
    "should i be worried" stays). Words are next to it when only spaces part them."""

    word: str
    after: frozenset[str] | None = None
    before: frozenset[str] | None = None
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    not_then: frozenset[str] = frozenset()
    not_earlier: frozenset[str] = frozenset()

    def applies(self, previous: str, following: str, then: str, earlier: str) -> bool:
        return ((self.after is None or previous in self.after)
                and (self.before is None or following in self.before
                     or (ING in self.before and _is_ing(following)))
                and previous not in self.not_after and following not in self.not_before
                and then not in self.not_then and earlier not in self.not_earlier)


ING: Final = "-ing"
_NOT_ING: Final = frozenset({"thing", "things", "something", "nothing", "anything", "everything",
                             "morning", "evening", "wedding", "darling", "sibling", "king",
                             "ring", "wing", "building", "ceiling", "pudding", "spring", "string",
                             "feeling", "ding", "bling"})


def _is_ing(word: str) -> bool:
    return len(word) > 4 and word.endswith("ing") and word not in _NOT_ING


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------------------- the lexicon

# Words that only ever mean one thing as typed here.
_PLAIN: Final[Mapping[str, str]] = {
    # people
    "u": "you", "urs": "yours", "urself": "yourself", "urslef": "yourself", "yaself": "yourself",
    "yerself": "yourself", "yous": "you", "youse": "you",
    "myslef": "myself", "myslf": "myself", "mysef": "myself", "mysefl": "myself",
    "myselfe": "myself", "maself": "myself", "masel": "myself", "masell": "myself",
    "mahself": "myself", "mysel": "myself", "mysen": "myself", "misen": "myself",
    "evry1": "everyone", "every1": "everyone", "evry1s": "everyones", "evryone": "everyone",
    "evrybody": "everybody", "evrybdy": "everybody", "any1": "anyone", "ne1": "anyone",
    "no1": "no one", "some1": "someone", "sum1": "someone",
    "evry": "every", "evrything": "everything", "evrythin": "everything",
    "everythin": "everything", "nothin": "nothing", "nuthin": "nothing", "nuffin": "nothing",
    "nothng": "nothing", "somethin": "something", "anythin": "anything",
    "a'm": "im", "ah'm": "im", "ah'll": "i'll", "ah've": "i've", "ah'd": "i'd",
    "aboot": "about", "oot": "out", "efter": "after",
    "tryna": "trying to", "trynna": "trying to", "tryina": "trying to",
    # can, do, will, would, should
    "cnt": "cant", "cannae": "cant", "cyaan": "cant", "caan": "cant",
    "dnt": "dont", "dinnae": "dont", "dinna": "dont", "didnae": "didnt", "disnae": "doesnt",
    "dosnt": "doesnt", "dosent": "doesnt", "isnae": "isnt",
    "wisnae": "wasnt", "wasnae": "wasnt", "wouldnae": "wouldnt", "couldnae": "couldnt",
    "shouldnae": "shouldnt", "havnae": "havent", "hivnae": "havent", "huvnae": "havent",
    "willnae": "wont", "wullnae": "wont",
    "wud": "would", "wld": "would", "shud": "should", "shld": "should", "shoud": "should",
    "shuld": "should", "cld": "could", "hav": "have", "hve": "have",
    "shoulda": "should have", "woulda": "would have", "coulda": "could have", "dae": "do",
    "wna": "wanna", "wnna": "wanna", "wana": "wanna", "wanaa": "wanna",
    "gona": "gonna", "gunna": "gonna", "gonnae": "gonna", "gonnah": "gonna",
    "tke": "take", "kno": "know", "knw": "know",
    # time
    "nite": "night", "nites": "nights", "tonite": "tonight", "2nite": "tonight",
    "2night": "tonight", "tmrw": "tomorrow", "tmr": "tomorrow", "tmrrw": "tomorrow",
    "tmoro": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow", "2mrw": "tomorrow",
    "tomoz": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow", "tommorrow": "tomorrow",
    "2day": "today", "l8r": "later", "l8": "late", "b4": "before", "4ever": "forever",
    "agian": "again", "agen": "again", "agn": "again", "nemore": "anymore", "nymore": "anymore",
    "enymore": "anymore", "anymor": "anymore", "anymair": "anymore", "nomore": "no more",
    "mair": "more", "ony": "any", "nae": "no", "nuh": "no",
    "nevr": "never", "nvr": "never", "neva": "never", "alwys": "always", "allways": "always",
    # crisis words
    "kil": "kill", "kils": "kills", "kiled": "killed", "kild": "killed", "kiling": "killing",
    "kilin": "killing", "killin": "killing", "dieing": "dying", "ded": "dead", "deid": "dead",
    "deth": "death", "liveing": "living", "livng": "living", "cuting": "cutting",
    "cuttin": "cutting", "pils": "pills", "pilz": "pills", "goodby": "goodbye",
    "gudbye": "goodbye", "gdbye": "goodbye", "aff": "off",
    # repair and rupture words
    "sory": "sorry", "soryy": "sorry", "sorri": "sorry", "sori": "sorry", "sowwy": "sorry",
    "sowy": "sorry", "sorryy": "sorry", "srry": "sorry", "sry": "sorry", "soz": "sorry",
    "sozz": "sorry", "sorrey": "sorry", "rong": "wrong", "wrng": "wrong", "falt": "fault",
    "fualt": "fault",
    "tlak": "talk", "tlk": "talk", "promis": "promise", "promiss": "promise", "promse": "promise",
    "forgiv": "forgive", "4give": "forgive", "thx": "thanks", "thnx": "thanks",
    "thanx": "thanks", "thnks": "thanks", "tnx": "thanks", "thks": "thanks", "pls": "please",
    "plz": "please", "plez": "please", "pleez": "please", "pleeze": "please",
    "abt": "about", "wat": "what", "wot": "what", "wut": "what", "wht": "what", "wen": "when",
    "realy": "really", "relly": "really", "rly": "really", "rlly": "really",
    "jst": "just", "evn": "even", "ily": "i love you", "ilu": "i love you",
    "ilysm": "i love you so much", "luv": "love", "frend": "friend", "freind": "friend",
    "frnd": "friend", "frends": "friends", "freinds": "friends",
    "fone": "phone", "fones": "phones", "txt": "text", "txts": "texts", "txted": "texted",
    "txtd": "texted", "ppl": "people", "gr8": "great",
    "h8": "hate", "m8": "mate", "answr": "answer", "lisen": "listen", "lissen": "listen",
    "lisening": "listening", "listning": "listening", "lisning": "listening",
    "ignord": "ignored", "ignorred": "ignored", "overeacting": "overreacting",
    "overracting": "overreacting", "yeled": "yelled", "yelld": "yelled", "yeld": "yelled",
    "snaped": "snapped", "snaping": "snapping", "screamd": "screamed", "whatevr": "whatever",
    "happend": "happened", "hapened": "happened", "happnd": "happened",
    "watever": "whatever", "wateva": "whatever", "whateva": "whatever", "undrstand": "understand",
    "understnd": "understand",
    # Scots grammar and everyday words (round 16, tester t2): "that wis ma fault", "ah'm no
    # talkin aboot it", "ah want tae understaun" ("ah'd", "ah'll", "ah've", "oot" and "aboot"
    # are above)
    "wis": "was", "doon": "down", "whitever": "whatever", "wrang": "wrong", "heid": "head",
    "understaun": "understand", "unnerstaun": "understand", "understaund": "understand",
    "mornin": "morning", "wi'oot": "without", "withoot": "without", "wioot": "without",
    "ye're": "you're", "ye'd": "you'd", "ye'll": "you'll", "ye've": "you've", "yersel": "yourself",
    "ragin": "raging", "wantit": "wanted", "telt": "told", "widnae": "wouldnt", "whit": "what",
}

# Words with a final "g" dropped ("nothin", "kiddin"): the "-ing" words the rules need.
_DROPPED_G: Final = (
    "being", "doing", "going", "coming", "trying", "making", "taking", "having", "saying",
    "lying", "crying", "dying", "living", "hurting", "feeling", "thinking", "listening",
    "talking", "texting", "leaving", "ignoring", "yelling", "screaming", "shouting", "looking",
    "acting", "overreacting", "giving", "waiting", "fighting", "pushing", "hitting", "beating",
    "choking", "threatening", "drinking", "kidding", "joking", "messing", "telling", "asking",
    "missing", "cheating", "ending", "planning", "waking", "sleeping", "breaking", "starting",
    "stopping", "caring", "bothering", "pretending", "blaming", "hiding", "falling",
)

_YOU_ARE_NEXT: Final = _words(
    "a an the so such not always never just really realy rly too very being gonna going"
    " wrong welcome upset mad angry sad hurt overreacting overeacting kidding joking lying sorry"
    " pathetic selfish stupid useless ridiculous annoying rude unbelievable impossible crazy"
    " insane amazing awesome great good fine ok okay safe late busy tired here there still"
    " literally actually probably definitely totally completely allowed supposed entitled sweet"
    " kind lovely beautiful smart dramatic sensitive insecure jealous obsessed like no nothing"
    " my")
# After "your" typed for "you're": what "your" itself is seldom followed by.
_YOURE_FOR_YOUR: Final = _words(
    "not so always never wrong welcome such gonna literally going doing being acting"
    " making trying saying lying getting ignoring kidding joking overreacting overeacting")
_YOUR_OWN_AFTER: Final = _words(
    "on to at by from with in of is its it's that's thats within exercise exercising use own"
    " out up")
_YOUR_RIGHT_THEN: Final = _words(
    "hand hands arm arms leg legs side foot feet eye eyes ear ears shoulder knee wing brain"
    " turn lane answer to now")
_SUBJECTS: Final = _words("i u you we they he she ur")
_MODALS: Final = _words(
    "should shouldnt shouldn't would wouldnt wouldn't could couldnt couldn't must mustnt"
    " mustn't might shud wud cud shoud")
_PARTICIPLES: Final = _words(
    "been got had done never just always tried taken told said made lost cut hurt thought felt"
    " wanted seen started stopped decided written wrote gone ben bin finally already really"
    " realy kept messed missed let ruined screwed known planned took eaten saved bought called"
    " texted")
# Where "no" is "know": after "i", "dont" ... and before what is known.
_KNOWN: Final = _words(
    "i im i'm ive i've id i'd u you ur your you're youre he hes he's she shes she's they"
    " theyre they're we it its it's that thats that's this what wat how why where when who if"
    " right but about abt the him her them me sorry ok okay anything nothing everything much"
    " enough wot") | {END}
_DYED_THINGS: Final = _words(
    "my your ur his her their our the a an it them this that these those hair some all"
    " everything clothes shirt shirts jeans fabric wool yarn eggs black blue red pink purple"
    " green blonde blond brown grey gray white orange yellow silver back over job pack kit stain"
    " bath free tie")
_DYE_NOUN_AFTER: Final = _words("hair the a some of food this that with natural fabric box tie")
_WHOLE_THINGS: Final = _words(
    "bottle bottles pack packet packets box strip jar tub thing day night week month year life"
    " time lot family world bunch load sheet blister handful tube lot")
_QUIET_AFTER: Final = _words(
    "go went goes going gone gets got get being been so very really realy too stay stayed keep"
    " kept is was are")
_QUIET_NEXT: Final = _words(
    "when whenever and but on again lately now after because bc cuz if every all recently then"
    " like") | {END}
_YES_NEXT: Final = _words(
    "i im i'm ok okay sure lol haha no yeah ye fine defo course true its it's thats that's")
_TO_YOU: Final = _words(
    "to for with at love thank thanks see miss tell told give gave call owe need want hate like"
    " about without than of from on behind")
_PATOIS_AFTER_I: Final = _words(
    "waan wan want cyaan caan cant can't nuh feel tired haffi did just gwine deh nah tek dun"
    " done ready sick")

# Scots "ah" is "I" before a verb ("ah just want tae", "ah took", "ah cannae"), not the "ah" of
# "ah well", "ah ok", "ah sorry" or Irish "ah would you stop" / "ah go way".
_SCOTS_I_BEFORE: Final = _words(
    "just jist want wanted wantit cannae canna cant can't dinnae dinna dont don't didnae didnt"
    " didn't wis was took tuk taken tried try cut hurt feel felt think thought need needed hate"
    " know ken forgot swear promise really only huv hae have had wish wanna gonna gonnae"
    " tell telt told keep kept canny cannot been")
# Scots "tae" is "to", but "ma big tae" is a toe.
_TOE_AFTER: Final = _words("big wee ma my me the his her your yer ur a stubbed stub sore broken")
# Scots "an" is "and" before a word the article "an" never stands before (it goes before a vowel
# sound: "an apple", "an hour"): "sleep an no wake up", "an ma maw".
_SCOTS_AND_BEFORE: Final = _words(
    "no nae naw never then that ma my he she they we ye you just now noo so wake go get tell ah"
    " me")
# Scots and learners' "no" for "not": "ah'm no kiddin", "I am no feeling well", "sleep an no wake
# up". Not "there is no going back", "no right to", "and no coming back".
_NOT_AFTER_I_AM: Final = _words("ah'm a'm im i'm am")
_NOT_BEFORE: Final = _words(
    "kidding kiddin joking jokin lying lyin feeling feelin well right able okay ok fine sleeping"
    " sleepin")
_WAKE: Final = _words("wake waken wakin waking")
# Scots "ma" is "my" ("ma pills", "ma sister"), not "my ma", "ma said" nor "Ma," alone.
_MA_NOT_AFTER: Final = _words(
    "my your yer ur his her their our oor the a an me ye and n to")
_MA_NOT_BEFORE: Final = _words(
    "and an n or said says told tells is was wis will would has had i you he she we they it ah"
    " ye")
# Scots "ae" is "of" after a quantity ("a hale box ae ma pills", "oot ae order").
_OF_AFTER: Final = _WHOLE_THINGS | _words(
    "oot out lot bit couple full half rest kind sort none all some most loads lots")
# Nigerian Pidgin "go" before a verb is "will": "I go stab am", "nobody go miss me".
_PIDGIN_WILL_AFTER: Final = _words(
    "i we you u dem e una nobody nobody's somebody they he she person")
_PIDGIN_WILL_BEFORE: Final = _words(
    "stab kill wound beat shoot slap cut finish miss die deal burn hurt")
# Pidgin "am" after such a verb is "him" (or "it"): "I go stab am"; "make I just end am". Not
# where "go kill" is an everyday idiom: "I go kill somebody 😂" (I'm that fed up), and food:
# "I go kill am finish" (I'll eat it all).
_PIDGIN_HIM_AFTER: Final = _words(
    "stab kill wound beat shoot slap finish deal burn cut hurt flog")
_PIDGIN_IDIOM_OBJECT: Final = _words("somebody someone person everybody everyone")

# ---------------------------------------------------------- world Englishes' grammar words
# Round 16 (tester t2): the little words that carry ownership, a feeling or a complaint in Scots
# and in African American English, read as the rules spell them, so that the same meaning gets
# the same reading: "That wis ma fault" is "that was my fault", "ah forgot yer birthday" "i
# forgot", "I ain't mean to" "i didn't mean to", "I be feeling real anxious" "i am feeling
# really anxious". Each is read so only beside the words that make it the dialect's (its senses
# in ``_SENSES``, after the readings of the same word found earlier): "ah" is also the "ah" of
# "ah well", "ah sorry" and Irish "ah would you stop"; "ma" is also "mum" ("ma said", "my ma",
# "tell ma"); "be" is also "will you be there"; "real" also "for real" and "the real thing".
# Scots "ah" is "I" before a verb of owning, feeling or doing: "ah forgot", "ah wis oot ae
# order", "ah feel hurt", "ah want tae understaun". Not "would" or "go" (Irish "ah would you
# stop", "ah go way"), nor "sorry", "well", "right", "ok".
_SCOTS_I_VERBS: Final = _words(
    "wis was am forgot forget feel felt want wanted wantit need know think thought swear promise"
    " love miss hate didnae dinnae cannae canna wisnae couldnae shouldnae widnae huv hae hud wid"
    " should shouldve could never just jist only totally really did didnt didn't do dae got"
    " went took tried understand understaun hope meant mean messed shouted lost owe apologise"
    " apologize made said knew acted lied")
# Scots "ma" is "my" before what is owned: "ma fault", "ma heid", "ma sister". A word list, not
# "anything but a verb": "ma hit me" is "mum hit me".
_OWNED: Final = _words(
    "fault mistake bad part doing temper heid head heart life self own words side"
    " place behaviour behavior sister brother mum maw da dad wife man husband partner pal pals"
    " friend friends wean weans kids bairn bairns family hoose house phone job room car tea"
    " dinner birthday mind pills tablets feelings apologies apology word best")
_DIALECT_MA_NOT_AFTER: Final = _words("my your yer ur his her their our oor the a an me ye to and")
# "no" is "not" after "it'll", "ah'm" ... before a verb: "it'll no happen again", "ah'm no
# talkin aboot it" (not "it's no bother", "i'm no good").
_NOT_AFTER_WILL: Final = _words(
    "it'll ah'll i'll a'll that'll ye'll you'll he'll she'll we'll they'll ah'm a'm i'm im am")
_NOT_BEFORE_VERB: Final = _words(
    "happen be do dae go get let gonna gonnae able sure kiddin talkin goin comin") | {ING}
_TO_AFTER: Final = _words(
    "want wanted wantit need needed going gonna tryin trying try tried meant mean supposed used"
    " able happened happens listen listened talk talked said say nice kind wrang wrong up back"
    " next")
_TO_BEFORE: Final = _words(
    "me ye you him her them us understaun understand talk say dae do be go make take get stop"
    " sleep")
# Scots "an" is "and" before what the article "an" never stands before: "hurt an a wee bit".
_AND_BEFORE: Final = _words("a ah ma the no nae talk let then that ye just aw so noo")
# African American English: "ain't" before a bare verb is "didn't": "I ain't mean to", "you
# ain't text me back" (not "ain't nothing", "ain't that deep", "ain't even").
_BARE_VERBS: Final = _words(
    "mean deserve text call say tell do know see come answer reply listen care think ask want"
    " hear get go give pick show check help try wait leave take eat pay read respond notice"
    " realize realise forget lie cheat mean touch hit steal break start bother wanna")
# Habitual "be" after a person, before "-ing" or a feeling: "I be feeling lonely", "you be
# going out" (not after a word that asks: "will you be there", "should i be worried").
_BE_NEXT: Final = _words(
    "feeling feelin so real really always tired lonely sad hurt anxious worried stressed scared upset mad"
    " angry jealous") | {ING}
_BE_NOT_EARLIER: Final = _words(
    "will would could should can shall may might must do did does don't dont didn't didnt let"
    " whether lest to")
# "real" before a feeling or "sorry" is "really": "real sorry", "real anxious".
_REAL_NEXT: Final = _words(
    "sorry anxious worried scared sad hurt lonely upset angry mad tired stressed bad jealous"
    " nervous afraid frightened embarrassed ashamed guilty happy grateful thankful glad proud")
# Scots "pure" before a feeling or "sorry" is "really": "ah'm pure sorry", "pure gutted".
_PURE_NEXT: Final = _REAL_NEXT | _words("gutted raging ragin beelin mortified affronted fed")

_SENSES: Final[Mapping[str, tuple[Sense, ...]]] = {
    # "ur" is left as typed where it may be "your" (the rules read "ur" both ways): "ur dead
    # if you tell" is a threat, not "your dead".
    "ur": (Sense("youre", before=frozenset({"right"}), not_then=_YOUR_RIGHT_THEN),
           Sense("youre", before=_YOU_ARE_NEXT | {ING})),
    # "your not listening", "your right that was wrong" (not "on your right", "your right hand",
    # "your right to")
    "your": (Sense("youre", before=frozenset({"right"}), not_after=_YOUR_OWN_AFTER,
                   not_then=_YOUR_RIGHT_THEN),
             Sense("youre", before=_YOURE_FOR_YOUR, not_after=_YOUR_OWN_AFTER)),
    "yer": (Sense("youre", before=frozenset({"right"}), not_then=_YOUR_RIGHT_THEN),
            Sense("youre", before=_YOU_ARE_NEXT | {ING}), Sense("your")),
    "ye": (Sense("you", after=_TO_YOU), Sense("you", not_before=_YES_NEXT | {END})),
    "r": (Sense("are", after=_words("u you we they how what wat where why y who there these"
                                    " those")),
          Sense("are", before=_words("u you we they ya ye"))),
    "y": (Sense("why", before=_words(
        "u you ur r are did didnt didn't dont don't do does doesnt would wont won't is isnt cant"
        " can't not wouldnt havent haven't should shouldnt")),),
    "c": (Sense("see", before=_words("u you ya ye yall")),),
    "b": (Sense("be", after=_words(
        "to dont dnt don't will i'll ill you'll youll it'll itll gonna wanna cant can't cnt"
        " can could would should must not might may")),
          Sense("be", before=_words("there back mad late home right careful quiet honest safe"))),
    "cud": (Sense("could", before=_words(
        "u you i we be have not never of just really ask get do go make talk")),),
    "iv": (Sense("ive", before=_PARTICIPLES),),
    "of": (Sense("have", after=_MODALS, not_before=_words("course")),),
    "no": (Sense("know", after=_words(
        "i u you we they dont don't didnt didn't doesnt doesn't dnt"), before=_KNOWN),
           Sense("not", after=_NOT_AFTER_I_AM, before=_NOT_BEFORE),
           Sense("not", after=_words("an and"), before=_WAKE),
           Sense("not", after=_NOT_AFTER_WILL, before=_NOT_BEFORE_VERB)),
    "dye": (Sense("die", not_after=_DYE_NOUN_AFTER, not_before=_DYED_THINGS),),
    "hole": (Sense("whole", before=_WHOLE_THINGS),),
    "hale": (Sense("whole", before=_WHOLE_THINGS),),  # Scots: "a hale box", not "hale and hearty"
    # A word's senses are tried in order: the Scots readings of round 13 first, then those of
    # round 16 (the grammar words above).
    "ae": (Sense("of", after=_OF_AFTER),
           Sense("of", after=_words("oot out"))),  # "oot ae order"
    "ah": (Sense("i", before=_SCOTS_I_BEFORE),
           Sense("i", before=_SCOTS_I_VERBS)),
    "tae": (Sense("to", not_after=_TOE_AFTER, not_before=frozenset({END})),
            Sense("to", after=_TO_AFTER), Sense("to", before=_TO_BEFORE)),
    "an": (Sense("and", before=_SCOTS_AND_BEFORE),
           Sense("and", before=_AND_BEFORE)),
    "ma": (Sense("my", not_after=_MA_NOT_AFTER, not_before=_MA_NOT_BEFORE | {END}),
           Sense("my", before=_OWNED, not_after=_DIALECT_MA_NOT_AFTER)),
    "wi": (Sense("with", not_before=_words("fi")),),
    "go": (Sense("will", after=_PIDGIN_WILL_AFTER, before=_PIDGIN_WILL_BEFORE,
                 not_then=_PIDGIN_IDIOM_OBJECT),),
    "am": (Sense("him", after=_PIDGIN_HIM_AFTER, not_before=_words("finish")),
           Sense("it", after=_words("end"))),
    # learners' "I want die", "I don't want live more"
    "want": (Sense("want to", before=_words("die live kill end")),),
    "rote": (Sense("wrote", after=_SUBJECTS | _words(
        "just already finally ive i've have has had even also then and who")),),
    "quite": (Sense("quiet", after=_QUIET_AFTER, before=_QUIET_NEXT),),
    "mi": (Sense("i", before=_PATOIS_AFTER_I),),
    # Patois "mi waan dead": "I want to be dead"
    "waan": (Sense("want to be", before=_words("dead ded deid")), Sense("want")),
    # Scots "A cannae": "I can't"
    "a": (Sense("i", before=_words(
        "cannae canna dinnae dinna didnae wisnae couldnae wouldnae shouldnae havnae cant can't"
        " dont don't didnt didn't wis wid hae huv jist")),),
    "tek": (Sense("take", before=_words(
        "it this that dem them my me no nuh any anymore nemore care time a the")),),
    # "ty so much", "ok ty": at the start of its clause or after a word of assent (not the
    # name: "ask Ty")
    "ty": (Sense("thank you", after=_words(
        "ok okay k kk oh aw aww omg lol haha yes yeah ya yay wow and so") | {END},
                 before=_words("so for u you hun babe mom mum dad x xx love lol") | {END}),),
    # Scots "the noo" is "right now"
    "the": (Sense("right", before=_words("noo")),),
    "noo": (Sense("now", after=_words("the right just")),),
    # "you was", "they was": "you were"
    "was": (Sense("were", after=_words("you u we they")),),
    "ain't": (Sense("didn't", before=_BARE_VERBS),),
    "aint": (Sense("didnt", before=_BARE_VERBS),),
    "be": (Sense("am", after=_words("i"), before=_BE_NEXT, not_earlier=_BE_NOT_EARLIER),
           Sense("are", after=_words("you u we they"), before=_BE_NEXT,
                 not_earlier=_BE_NOT_EARLIER),
           Sense("is", after=_words("he she it"), before=_BE_NEXT, not_earlier=_BE_NOT_EARLIER)),
    "real": (Sense("really", before=_REAL_NEXT),),
    "pure": (Sense("really", before=_PURE_NEXT),),
}

# Key words of crisis and repair, also found one slip away (``_slips``). Five letters or more:
# a short word has too many real words next to it.
_KEY_WORDS: Final = (
    "myself", "yourself", "suicide", "suicidal", "sorry", "apologise", "apologize", "apology",
    "fault", "anymore", "listening", "whatever", "overreacting", "everyone", "everything",
    "nothing", "really", "promise", "tomorrow", "tonight", "forgive", "always", "without",
    "goodbye", "understand",
)
_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"


# Real words one slip from a key word that the tokenizer's vocabulary lacks.
_NOT_SLIPS: Final = frozenset({"forgave", "allays", "realty", "apologist", "notting", "fauld"})


def _one_slip(word: str) -> Iterable[str]:
    """``word`` with one letter left out, added, changed, or two side by side swapped; never
    its first letter, and nothing added at its end (that is how words inflect: "apologised",
    "goodbyes")."""
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        yield head + tail[1:]
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        yield from (head + c + tail[1:] for c in _LETTERS if c != tail[0])
        yield from (head + c + tail for c in _LETTERS)
    yield word[1] + word[0] + word[2:]  # "ymself": the first two swapped


@once
def _slips() -> dict[str, str]:
    """Each one-slip spelling of a key word that no other key word also gives, by the key
    word (real words among them are set aside when met: ``_vocabulary``)."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    for key in _KEY_WORDS:
        for typed in _one_slip(key):
            if typed in found and found[typed] != key:
                shared.add(typed)
            found[typed] = key
    for typed in (*shared, *_KEY_WORDS, *_PLAIN, *_SENSES, *_NOT_SLIPS):
        found.pop(typed, None)
    return found


@once
def _vocabulary() -> frozenset[str] | None:
    """The whole words of the shipped tokenizer's vocabulary: a typed word found there is a
    real word, never a slip. None if it cannot be read: then nothing counts as a slip."""
    path = resources.files("mendkit") / "models" / "minilm" / "tokenizer.json"
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
        return frozenset(w for w in vocab if isinstance(w, str) and w.isalpha())
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _dropped_g() -> dict[str, str]:
    return {word[:-1]: word for word in _DROPPED_G}


@once
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """The plain spellings, and what a turn must hold to be worth a look: tokens as
    ``text.tokens`` cuts them, and pairs of tokens side by side ("should of")."""
    plain = {**_dropped_g(), **_PLAIN}
    # A word with an apostrophe by its first token ("ye're": "ye"); "a'm" only beside another
    # word: "a" is in every other sentence.
    tokens: set[str] = {_first_token(word) for word in plain
                        if "'" not in word or len(_first_token(word)) > 1}
    pairs: set[str] = set()
    for typed, senses in _SENSES.items():
        for sense in senses:
            if sense.after is not None and END not in sense.after:
                pairs.update(f"{_last_token(w)} {_first_token(typed)}" for w in sense.after)
            elif sense.before is not None and ING not in sense.before and END not in sense.before:
                pairs.update(f"{_last_token(typed)} {_first_token(w)}" for w in sense.before)
            else:
                tokens.add(_first_token(typed))
    tokens.update(_slips())
    return plain, frozenset(tokens), frozenset(pairs)


def _last_token(word: str) -> str:
    """The last token of ``word`` as ``text.tokens`` cuts it ("don't": "t")."""
    return word[word.rfind("'") + 1:]


def _first_token(word: str) -> str:
    """The first token of ``word`` as ``text.tokens`` cuts it ("don't": "don")."""
    return word.partition("'")[0]


# -------------------------------------------------------------------------------- respelling


@dataclass(frozen=True, slots=True)
class Respelling:
    """A text respelled, and where each change lies in it and in the text it came from."""

    text: str
    _new_starts: tuple[int, ...]
    _new_ends: tuple[int, ...]
    _old_starts: tuple[int, ...]
    _old_ends: tuple[int, ...]

    def changes(self) -> list[tuple[int, int]]:
        """The spans of the text it came from that were respelled."""
        return list(zip(self._old_starts, self._old_ends, strict=True))

    def original(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of ``text`` in the text it came from: a span that starts or ends
        inside a changed word takes in the whole word as typed."""
        k = bisect_right(self._new_starts, start) - 1
        if k >= 0:
            start = (self._old_starts[k] if start < self._new_ends[k]
                     else start + self._old_ends[k] - self._new_ends[k])
        k = bisect_left(self._new_starts, end) - 1
        if k >= 0:
            end = (self._old_ends[k] if end <= self._new_ends[k]
                   else end + self._old_ends[k] - self._new_ends[k])
        return start, end


# Typed words whose respelling every pattern that spells them also reads ("(?:you|u)"): a turn
# need not be read as typed for them (the rules' own examples with "u" are still found:
# ``tests/analysis/test_rules.py``).
SAME_TO_THE_RULES: Final = frozenset({"u"})


def worth_a_look(tokens: Collection[str], pairs: Collection[str]) -> bool:
    """Whether a turn with these tokens (and these pairs side by side, as ``"a b"``) may hold a
    word ``respell`` changes: a cheap test that most turns fail."""
    _, single, double = _lexicon()
    return not single.isdisjoint(tokens) or not double.isdisjoint(pairs)


def respell(text: str) -> Respelling | None:
    """``text`` (lower case) with the words the lexicon knows spelled as the rules spell them,
    or None when it changes none.

    >>> respell("i cut myslef agian").text
    'i cut myself again'
    >>> respell("i dyed my hair") is None
    True
    """
    plain, _, _ = _lexicon()
    slips = _slips()
    words = list(_WORD.finditer(text))
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    old_starts: list[int] = []
    old_ends: list[int] = []
    last = shift = 0
    for i, m in enumerate(words):
        typed = m[0]
        word = plain.get(typed)
        if word is None:
            senses = _SENSES.get(typed)
            if senses is not None:
                previous = _side_word(text, words, i - 1, m.start(), before=True)
                following = _side_word(text, words, i + 1, m.end(), before=False)
                then = (_side_word(text, words, i + 2, words[i + 1].end(), before=False)
                        if following else END)
                earlier = (_side_word(text, words, i - 2, words[i - 1].start(), before=True)
                           if previous else END)
                word = next((s.word for s in senses
                             if s.applies(previous, following, then, earlier)), None)
            elif typed in slips and (vocabulary := _vocabulary()) is not None:
                word = None if typed in vocabulary else slips[typed]
        if word is None or word == typed:
            continue
        start, end = m.span()
        parts.append(text[last:start])
        parts.append(word)
        new_starts.append(start + shift)
        shift += len(word) - (end - start)
        new_ends.append(end + shift)
        old_starts.append(start)
        old_ends.append(end)
        last = end
    if not parts:
        return None
    parts.append(text[last:])
    return Respelling("".join(parts), tuple(new_starts), tuple(new_ends), tuple(old_starts),
                      tuple(old_ends))


def _side_word(text: str, words: list[re.Match[str]], i: int, at: int, *, before: bool) -> str:
    """The word next to the one at ``at`` (before or after it) when only spaces part them; else
    ``END``."""
    if not 0 <= i < len(words):
        return END
    other = words[i]
    gap = text[other.end():at] if before else text[at:other.start()]
    return other[0] if gap and not gap.strip(" ") else END
