"""Whether a text is English enough for Mend to read: its rules and model know English only.

Mend says so instead of guessing, because its silence on a message in another language means
nothing (a crisis in German is not a crisis Mend can see). The check is cheap and errs towards
English, so that English with names, foreign words and texting slang stays readable
("I want to die yaar", "Sorry lah", "Lo siento, mi amor, I was wrong"):

- Letters of scripts other than Latin (Chinese, Japanese, Korean, Arabic, Hebrew, Cyrillic,
  Devanagari, Thai, ...) make a text unreadable when they are at least half of it, or when there
  are enough of them to hold a sentence of their own. A Chinese, Japanese or Korean character
  counts as three letters, since one says about as much as a short English word does.
- Latin-script text of three words or more is unreadable when few of its words are common
  English ones *and* a language identifier (``py3langid``, offline, loaded once and only when
  needed) does not call it English. English loanwords with their accents ("café", "naïve",
  "déjà vu") are not counted towards the three words nor as English ones, and the identifier
  sees them without their accents, since the accents alone make it guess French or Spanish.
- English as it is texted or typed with dyslexia ("i wna kil myslf", "soryy plz dnt b mad") is
  English even where the identifier calls it another language: plain letters, no common word of
  another language, and most of its words English ones, texting forms or an English word with
  one letter added, left out, swapped or changed, or without its vowels ("myslef", "kil",
  "cnt"); at least half of those as they stand (see ``_texting_english``).
- Two words are too few for the identifier alone (it calls "wyd" Welsh and "lmao same"
  Serbian), so two words are unreadable only when one of them is a common word of another
  language that English does not have ("ich", "quiero", "voglio", "chcę"), none is a common
  English one, they are not a name ("Nie Wang"), and the identifier does not call them
  English. A single word says too little.
- What chat apps add says nothing of a language, so it is left out first: ``:emoji_codes:``,
  links, e-mail addresses and @-mentions with the capitalised name after them ("ping @Nguyen Thi
  Huong", "@channel"). So are plain names: two to four capitalised words that are neither common
  English words nor ``_OTHER_LANGUAGE``'s, inside a sentence ("cc Jiahui Zhang for review") or
  alone ("Siobhan Ni Bhriain"), but not at the start of a longer sentence ("Mein Leben ist ...")
  nor inside a text in Title Case. The identifier does not see the names, but they count as
  words that are not English.

A text is judged once: the answers for the last few texts are kept, by a digest of the text,
since one ``mend check`` or one coach answer asks about the same text several times.

>>> looks_unreadable("ich will nicht mehr leben")
True
>>> looks_unreadable("I want to die yaar")
False
>>> looks_unreadable("ich sterbe"), looks_unreadable("Déjà vu, naïve, café")
(True, False)
>>> looks_unreadable("cc @Nguyen Thi Huong for review :eyes:")
False
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Final

from mendkit._once import once
from mendkit.analysis.text import fold

# What ``mend check`` says about a message it cannot read (and about the message it answers).
CHECK_NOTE: Final = (
    "Mend reads English only, and this message seems to be in another language, so Mend's "
    "labels and score say little here, and it cannot tell whether the message speaks of "
    "danger. If you or "
    "someone else may not be safe, please reach out to someone now: a crisis line, or your "
    "local emergency number.")
CHECK_CONTEXT_NOTE: Final = (
    "Mend reads English only, and the message you are answering seems to be in another "
    "language, so Mend cannot tell whether it speaks of danger. If they or you may not be safe, "
    "please reach out to someone now: a crisis line, or your local emergency number.")
# What the timeline says on a turn it cannot read.
TURN_NOTE: Final = "Mend reads English only: it cannot read this turn, so it gives it no labels."

# What the coach says to an answer it cannot read (see ``looks_unreadable``). Its safety gate
# should treat such an answer as "not sure", never as safe: show the resources, then ask again.
COACH_UNREADABLE_ANSWER: Final = (
    "Mend reads English only, and this answer seems to be in another language, so it cannot "
    "tell what it says, or whether you are safe. If you or someone else may be in danger, "
    "please contact your local emergency number or a crisis line now. If you can, answer "
    "again in English.")

# A weight per letter: a CJK ideograph, kana or hangul syllable carries about a short word.
_WIDE: Final = 3
# Letters of other scripts that make up a sentence of their own, whatever the English around
# them ("أريد أن أموت" is 10; a Chinese name of two or three characters stays under), unless the
# English around them is twice as long: a name in its own script ("Александр Петрович"),
# or a restaurant's, inside an English sentence.
_OTHER_SCRIPT_SENTENCE: Final = 15
_ENGLISH_AROUND: Final = 2
# Fewer letters of another script than this say nothing of a language: the "ツ" of a shrug.
_LEAST_OTHER: Final = 4
_LEAST_WORDS: Final = 3  # fewer different Latin words say too little for the identifier alone
_SHORT_WORDS: Final = 2  # two words are judged with ``_OTHER_LANGUAGE``'s help; one is too few
_ENGLISH_SHARE: Final = 0.2  # this share of common English words is English enough
# The identifier must call the text another language with some confidence (it spreads its
# guesses thin over slang, names and interjections: "Whoa-whoa-whoa!"), and give English little
# chance. Chosen on English dialogue and comments (1 text in about 10,000 flagged, mostly ones
# partly in another language) and on crisis messages in other languages.
_OTHER_CONFIDENCE: Final = 0.15
_ENGLISH_CHANCE: Final = 0.1

_WORD: Final = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# English words that keep the accents of their language ("a naïve cliché"), in lower case; their
# accents tell nothing, and the words are as common in English as in French or Spanish. Words
# more common in French sentences than in English ones ("déjà", "première", "passé") are not
# here: "déjà" only as "déjà vu".
_LOANWORDS: Final = frozenset("""
café cafés naïve naïvely naïveté naïvety résumé résumés fiancé fiancée fiancés fiancées cliché
clichés clichéd jalapeño jalapeños piñata piñatas piña über touché façade façades soirée soirées
protégé protégée protégés protégées rosé rosés entrée entrées décor exposé exposés sauté sautéed
sautéd purée puréed soufflé soufflés flambé frappé frappés crêpe crêpes éclair éclairs canapé
canapés matinée matinées mêlée risqué blasé doppelgänger doppelgängers pokémon vis-à-vis
tête-à-tête papier-mâché déjà-vu
""".split())  # noqa: SIM905 (a list of words reads best as text)
_LOAN_PHRASE: Final = r"déjà\s+vu|crème\s+(?:brûlée|fraîche)|à\s+la\s+(?:carte|mode)"
_WORD_OR_LOAN: Final = re.compile(rf"(?P<loan>{_LOAN_PHRASE})(?![^\W\d_])|{_WORD.pattern}",
                                  re.IGNORECASE)
# Common English words, and the texting forms of some. Words just as common in other Latin-script
# languages are left out ("a", "no", "me", "die", "was", "will", "in", "so", "man", "also").
_ENGLISH: Final = frozenset("""
the to and of you it that is for my your this with have be are not but what just at if
all do we they he she her his him them their our us its it's im i'm i've i'll i'd
don't dont can't cant won't wont didn't didnt isn't isnt doesn't doesnt wasn't aren't
haven't couldn't wouldn't shouldn't you're youre you've you'll that's thats there's
there here where when why how who which would could should can did does had has
been being were from about out up down over then than too very really more most much
some any every one two three first last next again still even also only ever never
always now today tonight yesterday tomorrow time day night week year morning
know think feel felt want wanted need needed like love loved hate get got go going gone
went came make made say said tell told see saw look looked let take took give
gave try tried keep kept mean meant talk talked listen work help hurt sorry please
thanks thank yes yeah yep nope okay ok oh well right good bad sure fine maybe because
something nothing anything everything someone anyone everyone nobody myself yourself
way thing things people person friend mom dad mum home back off into through after
before around away while though these those other another such own same
my mine we you he she it they am on or by as lol lmao omg
idk tbh btw u ur r gonna wanna gotta kinda sorta cuz coz bc pls plz thx ty hey hi
hello bye yo dude bro guys guy gal babe baby honey wow haha hahaha ugh hmm yea wtf
wait minute moment nice safe stay bit little big new old sad happy glad wrong true reply
seen chance damn shit fuck sake
innit bruv mate cheers ain't y'all finna lowkey highkey deadass fam bro sis ngl imo rn af
asap omw brb lmk smh fr tho cos gotcha ya'll mum's
""".split())  # noqa: SIM905 (a list of words reads best as text)
# Common words of other languages that English does not have (nor as a texting form or a common
# name): "I", "want", "can", "not", "help" and a few of "die" and "pain", in German, French,
# Spanish, Italian, Portuguese and Polish. Enough to tell two words apart ("ich sterbe", "quiero
# morir"); left out are words English also has or types ("soy", "bin", "ik", "mi", "te", "io").
_OTHER_LANGUAGE: Final = frozenset("""
ich mir dich nicht möchte brauche habe hab kann muss bitte sterbe sterben hilf hilfe und nein
je j'ai j'en suis veux peux vais dois meurs mourir souffre aidez-moi aide-moi
quiero estoy tengo puedo necesito voy muero morir morirme ayúdame ayudame ayuda
voglio sono posso muoio morire aiutami aiuto
estou quero tenho preciso vou não nao morrer socorro ajuda
chcę chce jestem nie mogę moge umrzeć umrzec umieram pomocy pomóż pomoz
""".split())  # noqa: SIM905 (a list of words reads best as text)
# English as it is texted or typed with dyslexia, beyond ``_ENGLISH``: texting forms ("wna",
# "cnt", "evry1", "2nite", "l8r") and frequent misspellings ("sory", "rong", "nite"). They count
# only in ``_texting_english``, where no common word of another language may stand beside them.
_TEXTING: Final = frozenset("""
wna wana wnna gna gnna cnt dnt wnt shud wud cud kno knw nemore anymore evry evry1 every1 any1
ny1 ne1 some1 sum1 no1 nite tonite 2nite 2day 2moro 2morrow 2mrw 2mro tmrw tmr tmro l8r gr8 h8
b4 w8 m8 4ever 4eva b c k kk kms kys idc smh soz sry srry ily ilysm hbu wbu ttyl hmu lmk thru
ok okk okok np nvm jk ikr irl tmi srsly rly ppl bf gf bff cuz bcuz bcoz becuz coz wat wut dat
dis dem dey da dun luv lyk lik ya yea yeh yh yup nah naw nope plz plez pls thnx thnks tnx txt
msg msgs fone gud bday abt bout coulda woulda shoulda lemme gimme dunno wassup sup wyd wya hru
imma ima tryna aint y'know yknow ofc obvs prob probs def defo tho altho ur urs im
iv ive ill id youll youd theyre thier whos whats hows wheres cmon nt n't cryin tryin
""".split())  # noqa: SIM905 (a list of words reads best as text)
# More common English words that other languages do not share: with ``_ENGLISH`` and
# ``_TEXTING``, the words a misspelling is measured against ("myslef" is "myself" misspelled).
_MORE_ENGLISH: Final = frozenset("""
kill killing killed myself yourself himself herself themselves cut cutting hurt hurting harm
dying dye dead death alive life living suicide suicidal pills bottle overdose bleed bleeding wrist
hated hating wrong fault apologise apologize apology forgive forgiven promise promised call
called calling text texted texting message phone late night anymore everyone everybody anyone
anybody somebody care cares cared caring cry crying cried scared afraid alone lonely tired
sleep sleeping wake burden better worse worst point stop stopped taking leave leaving left
blocked block goodbye letter letters wrote write missed missing hug kiss mad angry upset
yell yelled yelling shout shouted snap snapped snapping scream screamed fight fighting argue
argued argument listening listened understand quiet seem seems far best hurts pain alright
whatever without should would could having doing done coming come house school money drunk
drink drinking hit hits hitting push pushed grab grabbed choke choked threat threatened
keys ask asked answer answered replied believe trust lie lied lying cheat cheated breakup
dumped girlfriend boyfriend husband wife partner sister brother mother father family kids
child parents friends loving honest honestly literally actually probably definitely seriously
anything feel feeling feelings think thinking thought knew known wanting needing getting
giving helping happy depressed anxious panic attack wish hope hoping matter matters worth
worthless useless stupid dumb ugly fat hole whole end ending tonight tomorrow morning
evening week weekend later soon already enough almost maybe probably sure never forever
sad cried strong weak breathe breath shaking sick feel sorry apologise gonna wanna gotta
believe anyway nowhere somewhere everywhere deserve deserved promise mistake messed mess
able above across add age ago agree ahead air allow almost along already although among
animal answer apart area arm arms army art asleep attention aunt awake bag ball bank bath
bathroom beautiful became become bed bedroom beer began begin behind believe belong below
beside between beyond bike bill birthday black blame blood blue board boat body book boring
born boss both bother bottom bought box boy brain bread break breakfast bring broke broken
brought build building bus busy buy cake calm came car card careful carry case cat caught
cause chair change changed cheap check chicken choice choose church city class clean clear
close closed clothes coffee cold college colour color contain cook cool corner cost couch
count country couple course cousin crazy cup cute dance dark date daughter deal dear decide
decided deep dinner dirty dishes doctor dog door dream dress drive driving drop during early
earth easy eat eaten eating either else email empty energy enjoy exactly example except
excited excuse expect explain eye eyes face fact fair fall family famous fast father fault
favourite favorite fear fell fellow few field fill film find finally finger finish fire
five floor food foot forget forgot forgotten four free fresh front full fun funny game
garden gave girl glass gone government great green ground group grow guess gun guys hair half
hall hand hands hang happen happened happens hard head health hear heard heart heavy held
hello higher hill hold holiday hospital hot hotel hour hours hundred hungry husband idea
important inside instead interesting job join joke jump kept key kind kitchen knew lady
land language large laugh laughing law lay learn least less lesson lie light line list
little lives local lock lonely long lose losing lost lot lots loud lovely low lucky lunch
main making many market married matter meal meet meeting member mind minute mine miss moment
month moon mouth move movie music name near nearly neck neighbour nervous news nice nine
noise normal note notice number office often oil once open order outside page paid pair
paper parent park part party pass past pay peace pen perfect perhaps phone pick picture piece
place plan plane play played playing pocket police poor possible post power pretty price
problem proud pull put question quick quickly quite rain reach read ready real reason red
relationship remember rest rich ride ring road room round rule run running safe said sat
save saw scared school sea second seem seen sell send sense sent serious set seven shall
shape share shoes shop short shot shoulder show shower shut side sign silly simple since
sing single sit sitting six size skin sky slow small smell smile snow sofa soft sold son song
sorry sound space speak special spend spent spoke sport spring stand star start started
state station stay step stick stomach stood store story straight strange street stuff
stupid such summer sun supper supposed surprise sweet swim table talk talking tall taste
taught tea teacher team tear tears teeth telephone television ten terrible test than thank
their themselves thing third thirty thousand threw throw ticket tight till tiny together
told too took top touch town toy train travel tree trip trouble truck true truth turn turned
twelve twenty type uncle under unless until upon upset use used useful usual usually visit
voice wait waiting walk walked wall warm wash watch water wear weather weekend weird welcome
went whether white whole whose wide wild window winter within woman women wonder wonderful
wood word words world worried worry write writing written year yellow young yours
""".split())  # noqa: SIM905 (a list of words reads best as text)
# Words of English that other languages have as well ("a", "no", "me", "to", "ya"): in texting
# English they say nothing either way.
_SHARED_WORDS: Final = frozenset("""
a no me die was will in so man also y mi tu ya na to on ma e o un as is it he she we son
con per sin pan van den hat hoe ben min med som er ne te de la le lo el en es us be ha ho come
""".split())  # noqa: SIM905 (a list of words reads best as text)
# Common words of other Latin-script languages (their pronouns, articles, little words and some
# textspeak), none an English word or texting form: one of them beside misspelled words means
# the text may be in that language, and it is left to the identifier.
_FOREIGN_WORDS: Final = frozenset("""
que qué los las por con para estoy estas estás estaba muy pero más mas yo él ella ellos
toda todos nunca siempre porque cuando donde dónde eso esto ese esa tengo tienes tiene
quiero quieres puedo puedes eres somos aqui aquí ahora bien mal contigo conmigo sin hasta
desde otra otro mucho mucha tambien también tampoco algo alguien nadie hacer hago hace
dijo voy vas vamos estar ser tener su tus nos xq pq tqm tkm pra cmg
eu voce você não nao uma é estou está muito meu minha isso isto ele eles tudo agora
aqui ainda nunca vc msm blz vlw obg obrigado obrigada desculpa gente tá fazer sei tenho
posso vou vai
je j'ai j'en tu elle nous vous ils elles des du et est c'est pas ne qui une ma mes
ta tes sa ses suis avec mais où très tres rien tout toute tous
toi lui ça ca slt mdr ptdr jsp tkt dsl jtm bcp pk pcq svp merci oui non quoi pourquoi
quand veux peux vais dois fait faire sais jamais toujours aussi alors parce donc
ich du er sie wir ihr der das und ist nicht ein eine einen mein meine dein deine mir mich dich
dir bist hast habe hab kann kannst nur auch noch schon sehr aber oder wenn weil warum wie
wo hier jetzt immer nie nichts alles mehr mit von zu auf für bitte danke ja nein doch mal
einfach heute gerade zusammen weiß weiss keine kein etwas
io lui lei noi voi che di gli sono sei ho non ti ci si più piu molto tutto tutti
niente sempre mai perché perche quando cosa questo quello amore bene ancora adesso oggi domani
voglio posso devo fatto sto stai vado boh
ako ikaw ka siya kami tayo kayo sila ang ng nang mga sa ko niya ba po opo talaga
ayoko ayaw mahal kita naman lang rin yung ito iyan bakit paano saan ano wala meron
sakin sayo galit pagod natin namin kasi sige oo
ben sen siz onlar bir ve bu şu çok cok değil degil mı seni beni bana sana yok var
için icin gibi daha neden niye nasıl nasil evet hayır hayir tamam artık artik bence çünkü
je jij jou het een niet van dat mijn jouw zijn heb hebt voor maar ook nog geen
niets alles waarom waar echt gewoon mij jullie
aku saya kamu kau dia kami kita mereka tidak tak gak nggak enggak yang ini itu mau sudah
udah sama dengan untuk di ke dari juga banget aja sih deh kok kenapa gimana apa
belum sayang maaf lagi bisa
nie się sie że ze z mnie cię cie ciebie jestem jesteś tak jak czy już juz
bardzo dlaczego kocham ty ja masz być byc
ni wa kwa sana mimi wewe yeye sisi nini hapana ndiyo nataka sitaki
și si nu sunt ești esti este mă îmi imi pe că ce mai foarte vreau
jag jeg deg mig är och inte ikke det att ett på vad hvad hva
já jsem že tě mě
én nem igen egy és hogy
minä sinä ei ja että mitä miksi sinua minua
""".split()) - _ENGLISH - _TEXTING - _MORE_ENGLISH - _SHARED_WORDS  # noqa: SIM905
# A word of texting English may carry digits ("evry1", "2nite", "l8r").
_TEXT_TOKEN: Final = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_VOWELS: Final = re.compile(r"[aeiou]")
_REPEATS: Final = re.compile(r"(.)\1+")
# Texting English: this share of its words (but ``_SHARED_WORDS``) are English ones, texting
# forms or a misspelling away from an English word (see ``_texting_english``).
_TEXTING_SHARE: Final = 0.75
_FUZZY_SHORTEST: Final = 3  # a shorter word is too near too many others to be a misspelling
_SKELETON_LONGEST: Final = 6  # "myslf", "cnt", "hlp": words typed without their vowels
_CHANGED_SHORTEST: Final = 5  # a shorter word with a letter changed is as often another word
# Chat markup that says nothing of a language: ":emoji_codes:" (Slack's, GitHub's, Discord's:
# lower case, with a letter, and ":thumbsup::skin-tone-3:" is two), links and e-mail addresses.
_MARKUP: Final = re.compile(r"(?<!\w):[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*:(?!\w)"
                            r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                            r"|(?<!\w)(?i:https?://|www\.)\S+")
# An @-mention's handle ("@channel", "@priya.nair", "@Priya", the "@U03PRIYA" of Slack's raw
# "<@U03PRIYA>"); a capitalised one may go on with the rest of a name ("@Nguyen Thi Huong").
_MENTION: Final = re.compile(r"(?<![\w@])@[^\W_][\w.'’-]*")
_NEXT_WORD: Final = re.compile(r"[ \t\u00a0]+([^\W\d_]+(?:['’-][^\W\d_]+)*)")
_NAME_WORDS: Final = 4  # a name has at most this many capitalised words ("Bui Thi Thu Trang")
# Small words inside names, taken as part of a name only between two of its capitalised words
# ("Maria de la Cruz", "Ludwig van Beethoven"), at most two of them.
_NAME_PARTICLES: Final = frozenset((
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "ter", "ten", "bin", "binti", "ibn", "al", "el"))
_MOST_PARTICLES: Final = 2
_SENTENCE_END: Final = ".!?…\n"
_MARKUP_HINTS: Final = ("@", ":", "www.", "WWW.")  # a text without these has no markup to take out
# Texts whose answers are kept: a check asks about its message and the one it answers, a coach
# answer is asked about by the question, its yes-or-no reading and the safety gate.
_RECENT_TEXTS: Final = 64


def looks_unreadable(text: str) -> bool:
    """Whether ``text`` is mostly not English (or holds a passage in another script), so that
    Mend's labels and its silence say little about it. Empty texts and single Latin-script
    words are readable."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    known = _RECENT.get(key)
    if known is None:
        known = _looks_unreadable(text)
        _RECENT.put(key, known)
    return known


class _Recent:
    """The answers for the last ``size`` texts, by a digest of each (the texts themselves are
    not kept: they may be private, and a locked journal must leave none of them in memory)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._answers: OrderedDict[bytes, bool] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> bool | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: bytes, answer: bool) -> None:
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)


_RECENT: Final = _Recent(_RECENT_TEXTS)


def _looks_unreadable(text: str) -> bool:
    if not text.isascii():  # full-width and "fancy font" letters are English letters
        text = unicodedata.normalize("NFC", fold(text))  # and "é" typed with a combining accent
    if any(hint in text for hint in _MARKUP_HINTS):
        text = _without_mentions(_MARKUP.sub(" ", text))
    # Names are looked for only when the text is not English enough with them, which is rare.
    if _other_script(text) and _other_script(_without_names(text)):
        return True
    words, loans, plain = _words_and_plain(text)
    if len({w.lower() for w in words}) >= _LEAST_WORDS and _english_enough(words, loans):
        return False
    # Without its names, a text is judged on its other words alone: the identifier does not see
    # the names, but they still count as words that are not English ("przepraszam Anna Maria, to
    # moja wina" is not English for its "to"), so the share need not be counted again.
    named = _without_names(text)
    if named != text:
        words, loans, plain = _words_and_plain(named)
    different = {w.lower() for w in words}
    if len(different) < _LEAST_WORDS:  # "No no no no." says too little
        return len(different) == _SHORT_WORDS and _two_other_words(words, plain)
    ranked: list[tuple[str, float]] = _identifier().rank(plain)
    return (ranked[0][1] >= _OTHER_CONFIDENCE and _not_english(ranked)
            and not _texting_english(plain))


def _other_script(text: str) -> bool:
    """Whether letters of scripts other than Latin make up half of ``text``, or a sentence."""
    latin = other = 0
    for char in "" if text.isascii() else text:  # ASCII letters are all Latin: no need to look
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN") or not name:
            latin += 1
        else:
            other += _WIDE if _is_wide(name) else 1
    return other >= _LEAST_OTHER and (other >= latin or (
        other >= _OTHER_SCRIPT_SENTENCE and other * _ENGLISH_AROUND >= latin))


def _english_enough(words: list[str], loans: int) -> bool:
    """Whether common English words (and "I") are ``_ENGLISH_SHARE`` of ``words`` and ``loans``."""
    need, english = _ENGLISH_SHARE * (len(words) + loans), 0
    for word in words:  # most English texts reach their share in the first few words
        if word == "I" or word.lower() in _ENGLISH:
            english += 1
            if english >= need:
                return True
    return False


def _without_mentions(text: str) -> str:
    """``text`` without its @-mentions: the handle, and after a capitalised one, up to three more
    capitalised words of the name (see ``_is_name_word``)."""
    if "@" not in text:
        return text
    kept: list[str] = []
    end = 0
    for mention in _MENTION.finditer(text):
        if mention.start() < end:
            continue
        kept.append(text[end:mention.start()])
        end = _name_end(text, mention.end()) if mention[0][1].isupper() else mention.end()
    return " ".join([*kept, text[end:]])


def _name_end(text: str, pos: int) -> int:
    """Where the name that goes on at ``pos`` ends: after its last capitalised word."""
    end, names, particles = pos, 1, 0
    while names < _NAME_WORDS and particles <= _MOST_PARTICLES:
        word = _NEXT_WORD.match(text, pos)
        if word is None:
            break
        pos = word.end()
        if _is_name_word(word[1]):
            end, names, particles = pos, names + 1, 0
        elif word[1] in _NAME_PARTICLES:
            particles += 1
        else:
            break
    return end


def _without_names(text: str) -> str:
    """``text`` without the plain names in it: two to ``_NAME_WORDS`` capitalised words in a row
    (with name particles between them) that do not start a sentence, or that are all of
    ``text``'s words. A sentence's first words are kept: "Mein Leben ist sinnlos" is German."""
    words = list(_WORD.finditer(text))
    # In Title Case ("Ti Voglio Bene Amore") capitals tell nothing: only all of it may be a name.
    title_case = all(word[0][0].isupper() for word in words)
    names: list[tuple[int, int]] = []
    first = 0
    while first < len(words):
        if not _is_name_word(words[first][0]):
            first += 1
            continue
        last = following = first
        count = particles = 0
        while following < len(words) and particles <= _MOST_PARTICLES and (
                following == first or text[words[following - 1].end():words[following].start()]
                in (" ", "\u00a0")):
            word = words[following][0]
            if _is_name_word(word):
                last, count, particles = following, count + 1, 0
            elif word in _NAME_PARTICLES:
                particles += 1
            else:
                break
            following += 1
        whole = first == 0 and last == len(words) - 1
        if 2 <= count <= _NAME_WORDS and (whole or not (
                title_case or _starts_sentence(text, words[first].start()))):
            names.append((words[first].start(), words[last].end()))
        first = last + 1
    if not names:
        return text
    kept, end = [], 0
    for start, stop in names:
        kept.append(text[end:start])
        end = stop
    return " ".join([*kept, text[end:]])


def _is_name_word(word: str) -> bool:
    """Whether ``word`` could be part of a name: capitalised, not in capitals ("NEPA"), not a
    single letter, and neither a common English word nor one of ``_OTHER_LANGUAGE``'s ("Ich")."""
    lower = word.lower()
    return (len(word) > 1 and word[0].isupper() and not word.isupper()
            and lower not in _ENGLISH and lower not in _OTHER_LANGUAGE and lower not in _LOANWORDS)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0\"'“‘(*_")
    return not before or before[-1] in _SENTENCE_END


def _two_other_words(words: list[str], plain: str) -> bool:
    """Whether two different ``words`` are in another language: one a word of another language
    that English does not have, none a common English word nor "I", not both capitalised as a
    name is ("Nie Wang", "Sono Kim"), and the identifier agrees (with any confidence: on two
    words it has little, and "ich sterbe" is German at 0.14)."""
    different = {w.lower() for w in words}
    return (different.isdisjoint(_ENGLISH) and "i" not in different
            and not different.isdisjoint(_OTHER_LANGUAGE)
            and not all(w[0].isupper() for w in words)
            and _not_english(_identifier().rank(plain)))


def _texting_english(text: str) -> bool:
    """Whether ``text`` is English as it is texted or typed with dyslexia ("i wna kil myslf",
    "soryy soryy plz dnt b mad"), which the identifier takes for another language: plain
    letters, no common word of another language (``_FOREIGN_WORDS``), and at least
    ``_TEXTING_SHARE`` of its other words English ones, texting forms or misspellings of
    English words, at least half of those English words or texting forms as typed."""
    if any(not c.isascii() and c.isalpha() for c in text):  # another language's ("está", "ça")
        return False
    counted = english = exact = 0
    for token in _TEXT_TOKEN.findall(text):
        word = token.lower().replace("’", "'")
        if word.isdigit() or word in _SHARED_WORDS:
            continue
        if word in _FOREIGN_WORDS:
            return False
        counted += 1
        if word == "i" or word in _ENGLISH or word in _TEXTING or word in _MORE_ENGLISH:
            english, exact = english + 1, exact + 1
        elif _misspelled_english(word):
            english += 1
    # Misspellings alone are not enough: many words of other languages are a letter away from an
    # English one ("nicht", "mich", "rust"), so as many again must be English as they stand.
    return 2 * exact >= english > 0 and english >= _TEXTING_SHARE * counted


def _misspelled_english(word: str) -> bool:
    """Whether ``word`` is an English word as people misspell it: one letter added, left out,
    changed or swapped ("myslef", "rong", "soryy", "lisen"), its double letters single or its
    single ones double ("sory", "realy"), or typed without its vowels ("myslf", "cnt", "hlp")."""
    word = _REPEATS.sub(r"\1\1", word.replace("'", ""))  # "sooooo" is "soo"
    if not word.isalpha() or len(word) < _FUZZY_SHORTEST:
        return False
    vocabulary, near, skeletons = _english_vocabulary()
    if _REPEATS.sub(r"\1", word) in near:  # "sory", "realy", "soryy"
        return True
    if not _VOWELS.search(word) and len(word) <= _SKELETON_LONGEST:
        return _REPEATS.sub(r"\1", word) in skeletons
    candidates = {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}
    return any(_one_edit(word, known) for found in candidates
               for known in vocabulary.get(found, ()))


@once
def _english_vocabulary() -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    """The English words a misspelling is measured against: each under itself and each of its
    one-letter deletions (so that a word one edit away shares a key with it), the words with
    their double letters single, and the words without their vowels."""
    words = {w.replace("'", "") for w in _ENGLISH | _TEXTING | _MORE_ENGLISH
             if w.replace("'", "").isalpha() and len(w) >= _FUZZY_SHORTEST + 1}
    index: dict[str, list[str]] = {}
    for word in words:
        for key in {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}:
            index.setdefault(key, []).append(word)
    single = frozenset(_REPEATS.sub(r"\1", w) for w in words)
    skeletons = frozenset(s for w in words if len(s := _REPEATS.sub(r"\1", _VOWELS.sub("", w)))
                          >= _FUZZY_SHORTEST - 1)
    return {k: tuple(v) for k, v in index.items()}, single, skeletons


def _one_edit(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one letter added, left out, changed, or two next to
    each other swapped."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return typed == word
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(diff) == 1:  # a letter changed: in a short word, as often another language's
            return len(word) >= _CHANGED_SHORTEST  # ("mich", "rust", "kes")
        return (len(diff) == 2 and diff[1] == diff[0] + 1  # two letters swapped
                and typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]])
    short, long = (typed, word) if len(typed) < len(word) else (word, typed)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def _not_english(ranked: list[tuple[str, float]]) -> bool:
    """Whether the identifier's ``ranked`` guesses put another language first and give English
    little chance."""
    english_chance = next((p for lang, p in ranked if lang == "en"), 0.0)
    return ranked[0][0] != "en" and english_chance < _ENGLISH_CHANCE


def _words_and_plain(text: str) -> tuple[list[str], int, str]:
    """The Latin-script words of ``text`` but its accented English loanwords ("café", "déjà vu"),
    how many loanwords it has, and ``text`` with their accents taken off, for the identifier."""
    if text.isascii():
        return _WORD.findall(text), 0, text
    text = unicodedata.normalize("NFC", text)  # "é" typed as "e" and a combining accent
    words: list[str] = []
    plain: list[str] = []
    end = loans = 0
    for match in _WORD_OR_LOAN.finditer(text):
        found = match[0]
        if match["loan"] or found.lower() in _LOANWORDS:
            plain += [text[end:match.start()], _unaccented(found)]
            end, loans = match.end(), loans + 1
        else:
            words.append(found)
    return words, loans, "".join([*plain, text[end:]])


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def unreadable_turns(texts: Sequence[str]) -> tuple[int, ...]:
    """The positions of the texts that ``looks_unreadable``."""
    return tuple(i for i, text in enumerate(texts) if looks_unreadable(text))


def turns_note(turns: Sequence[int]) -> str:
    """What an analysis says when it cannot read ``turns`` (their indices, in order).

    >>> turns_note([0, 2, 3])[:70]
    'Mend reads English only, and turns 0, 2 and 3 seem to be in another la'
    """
    if len(turns) == 1:
        which = f"turn {turns[0]} seems"
    else:
        which = f"turns {', '.join(map(str, turns[:-1]))} and {turns[-1]} seem"
    return (f"Mend reads English only, and {which} to be in another language, so Mend's labels "
            "say little there, and it cannot tell whether they speak of danger. If anyone in this "
            "conversation may not be safe, please reach out to someone now.")


def _is_wide(name: str) -> bool:
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


@once
def _identifier() -> Any:  # py3langid ships no type hints
    """py3langid's model, loaded once and only for the Latin-script texts that need it (loading
    takes a few seconds)."""
    from py3langid.langid import (  # type: ignore[import-untyped]  # noqa: PLC0415 (slow)
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the language identifier now (a server does, so no request waits for it)."""
    _identifier()
