"""What the critic says of each kind of issue: the message and suggestion shown with it, and the
short names the CLI and the web app give the kinds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from mendkit.model import Issue

_MESSAGES: Final = {
    "contempt": (
        "Sarcasm, mockery and insults land as contempt, which makes it very hard for them to "
        "hear anything else.",
        "Leave this out. If something still needs saying, say it plainly about what happened.",
    ),
    "hostility": (
        "This is likely to be heard as an attack and end the conversation.",
        "Leave this out for now; if you are this angry, a break may help before you send anything.",
    ),
    "criticism": (
        "This describes who they are, not what happened, so it invites defence instead of "
        "listening.",
        "Describe one specific moment and its effect on you: \"When ... happened, I felt ...\".",
    ),
    "always_never": (
        "\"Always\" and \"never\" turn one event into a verdict, and the other person will "
        "argue with the exception.",
        "Name one specific moment instead: \"Last night, when ..., I felt ...\".",
    ),
    "complaint": (
        "A specific complaint is fair; make sure it is about one event and paired with what "
        "you need.",
        "Add what you would like next time.",
    ),
    # The same kind, when the message already says what the person would like (a request).
    "complaint_with_request": (
        "A specific complaint is fair; make sure it is about one event, as your request is.",
        "Keep to this one moment and how it felt for you.",
    ),
    "non_apology": (
        "This apologises for their feelings or for an \"if\", not for what you did, so it "
        "usually lands as blame.",
        "Own the action: \"I'm sorry I ...\" or \"I'm sorry my comment came across that way.\"",
    ),
    # The same kind, for the non-apologies that name no feeling and no "if" (see _explained_as in
    # mendkit._critic_issues).
    "already_sorry": (
        "Pointing back to an apology you already made does not apologise now; it can sound as "
        "if they should be over it.",
        "Apologise now, for what you did: \"I'm sorry I ...\".",
    ),
    "hollow_apology": (
        "This sounds like an apology but does not own anything you did, so it usually lands as "
        "blame.",
        "Own the action: \"I'm sorry I ...\".",
    ),
    "sorry_but": (
        "A \"but\" after \"sorry\" tends to cancel the apology: the excuse is what they hear.",
        "End the apology before the \"but\". Give your side later, as its own conversation.",
    ),
    "defensiveness": (
        "Defending yourself here can sound like their concern does not count.",
        "Find the part you can own, even a small one: \"You're right that I ...\".",
    ),
    "minimizing": (
        "This shrinks how it felt for them, which usually makes the hurt bigger.",
        "Let their feeling stand: \"I can see this really mattered to you.\"",
    ),
    "dismissing": (
        "This waves away their concern or effort.",
        "Acknowledge it first: \"I can see how much you put into this.\"",
    ),
    "condescension": (
        "This talks down to them.",
        "Speak as an equal: say what you think and ask what they think.",
    ),
    "pressure": (
        "This reads as a demand, which invites resistance.",
        "Turn it into a request they can answer: \"Would you be willing to ...?\"",
    ),
    "rejection": (
        "This rejects what they offered, which may leave them feeling their effort is wasted.",
        "Say what did not work for you and what might help instead.",
    ),
    "withdrawal": (
        "This may read as closing the conversation.",
        "If you need a pause, say so and say when you will come back to it.",
    ),
    "thought_as_feeling": (
        "\"I feel like/that ...\" states a thought about them, not a feeling.",
        "Name the feeling itself: hurt, worried, lonely, embarrassed, sad.",
    ),
    "excuse": (
        "Inside an apology, how busy or tired you were reads as a reason it should not count.",
        "Keep the apology about what happened to them. The context can come later, if they ask.",
    ),
    "vague_apology": (
        "This apology does not say what it is for, so they are left to guess whether you know.",
        "Name what you did: \"I'm sorry I ...\".",
    ),
    "over_apology": (
        "So many apologies turn the message towards your guilt and away from their hurt.",
        "One clear apology is enough: what you did, how it affected them, what you will do.",
    ),
    # The same kind, for putting oneself down, a string of stock phrases and words said again.
    "self_blame": (
        "Putting yourself down this hard turns the message towards your shame, and can leave "
        "them comforting you instead of being heard.",
        "Own what you did, not who you are: \"I'm sorry I ...\", and what you will do.",
    ),
    "stuffed": (
        "This strings repair phrases together without saying what happened, so it can read as "
        "a formula rather than something you mean.",
        "Say what you did and how it affected them, then one thing you will do.",
    ),
    "repeated": (
        "Saying the same few words again and again can sound more anxious than sorry.",
        "Say each thing once: what you did, how it affected them, what you will do.",
    ),
    # An apology on an "if" for an act the writer does not know of ("sorry if I did something").
    "unsure_apology": (
        "This apologises for something you're not sure happened, so it can't say what it is "
        "for. If you don't know what upset them, asking can do more than guessing.",
        "Ask instead: \"Are you upset with me? I'd like to understand.\"",
    ),
    # A question that pushes back ("what more do you want from me?").
    "pressing": (
        "A question like this pushes back rather than asks: it tells them they want too much.",
        "Leave it out. If you want to know what would help, ask it openly: \"What would help?\"",
    ),
    # One's own hurtful words quoted back (round 19): the wound read again in the apology.
    "quoted_hurt": (
        "This says again, word for word, the hurtful thing you said. Reading it again in the "
        "message meant to mend it can hurt them a second time.",
        "Name it without the words: \"I'm sorry for what I said about ...\".",
    ),
    "pleading": (
        "Pleading puts the weight on their answer to you, and can leave them feeling they must "
        "reassure you before they've had their say.",
        "Say what you did and what you'll do, then give them room: \"Take the time you need.\"",
    ),
    # Pressure of a kind, and a feeling that blames, that Mend finds itself.
    "forgiveness_pressure": (
        "Asking them to forgive you now puts your relief ahead of their hurt. Forgiveness "
        "can't be hurried, and pushing for it can undo the apology.",
        "Leave the timing to them: \"Take the time you need.\"",
    ),
    # Non-apologies, "sorry, but"s and defensiveness of the kinds round fourteen's rules name.
    "blame_apology": (
        "This says sorry but puts the cause on them (what they made you do, or how they took "
        "it), so it lands as blame rather than an apology.",
        "Own what you did, without what they did: \"I'm sorry I ...\".",
    ),
    "grudging_apology": (
        "A \"sorry\" said grudgingly, or for caring too much, does not own what happened, so it "
        "tends to land as one more thing to be upset about.",
        "Own the act itself, plainly: \"I'm sorry I ...\".",
    ),
    "admission_but": (
        "A \"but\" after owning what you did tends to take it back: what follows is what they "
        "hear.",
        "Let the admission stand on its own, and leave the \"but\" out.",
    ),
    "justifying": (
        "Explaining why it was fine to say or do it (who you are, what everyone thinks, that it "
        "was a joke) reads as a reason the apology should not count.",
        "Leave the reason out. Say what you did and how it landed for them.",
    ),
    "turning_back": (
        "This turns the blame back on them. In an apology it tells them their hurt is the "
        "problem, which usually ends the repair.",
        "Leave it out. If something they did hurt you too, it deserves its own calm "
        "conversation later.",
    ),
    "ultimatum": (
        "An ultimatum turns the apology into a threat: accept it, or else. That leaves them no "
        "room to be heard, and forgiveness can't be demanded.",
        "Leave it out. Say what you did and what you will do, and let them answer in their own "
        "time.",
    ),
    "drop_it_pressure": (
        "Telling them to drop it puts an end date on their hurt. An apology opens the talk; it "
        "doesn't close it.",
        "Leave the timing to them: \"I'm here when you want to talk about it.\"",
    ),
    # Pressure after they asked for space or no contact, or after a block (round fifteen).
    "past_limit": (
        "This goes past a limit they set (space, no contact, or not answering). Being pressed "
        "after a clear no can feel frightening, and it tends to close the door rather than "
        "open it.",
        "Leave it out and keep to what they asked. If there is something you need to say, you "
        "could write it down without sending it, and let them choose when to reach out.",
    ),
    # Pushing past a "no" (round eighteen): "come on, just come over, don't be like that".
    "past_no": (
        "This pushes past a limit they set: they said no. Being pressed after a clear no can "
        "feel frightening, and it tends to close the door rather than open it.",
        "Take the no as their answer, for example: \"No worries, another time.\" If you're "
        "disappointed, you can say so once, without asking again.",
    ),
    "you_make_me_feel": (
        "\"You make me feel ...\" puts your feeling down to them, so it lands as blame.",
        "Say the feeling as yours and when it came: \"When ..., I felt ...\".",
    ),
    # Round fifteen: what therapy words can hide (see the rules named "-control-", "-diagnosis-",
    # "-unreal-" and "-reversal-").
    "control": (
        "This sets a rule for what they may do: whom they see, how fast they answer, or where "
        "they are. However caring the reason, a rule for another adult's life lands as control, "
        "not as a boundary.",
        "A boundary says what you will do. If something worries you, say the feeling and ask to "
        "talk it through, and leave the choice with them.",
    ),
    "diagnosis": (
        "Naming their state or a diagnosis (\"dysregulated\", \"projecting\", \"a narcissist\") "
        "puts what they feel down to something wrong with them, so what they said goes unheard.",
        "Leave the label out and answer what they said: \"Tell me what hurt.\"",
    ),
    "taken_back": (
        "This grants their feeling and then takes it away, so it lands as not being believed.",
        "Let the feeling stand, even where you see things differently: \"I can see this hurt "
        "you.\"",
    ),
    # Guilt in polite words ("It's fine. I'm used to it by now.", "Don't trouble yourself on my
    # account."): a pressure rule's reading, in words that fit it (round fifteen).
    "unsaid_hurt": (
        "This says you're hurt without saying so. Polite words with a sting in them are hard to "
        "answer: they tend to leave the other person guilty or guessing, not closer.",
        "Say the hurt plainly: \"I was looking forward to it, and I'm disappointed.\"",
    ),
    "reversal": (
        "This turns their hurt round onto you: what they said hurt them is answered with how hurt "
        "you are, so they are left defending themselves instead of being heard.",
        "Hear their side first: \"Tell me what happened for you.\" If you are hurt too, that "
        "deserves its own calm conversation later.",
    ),
    # Round fifteen: denying harm they say was done and telling them to stop saying so (the rules
    # named "-denied-harm-").
    "denied_harm": (
        "This denies what they say happened, puts it on them, and asks them to stop telling "
        "others. Being told to keep quiet about being hurt can feel frightening, and it leaves "
        "them unheard.",
        "Leave this out. Listen to what they say happened before you give your side. If things "
        "between you have become physical, talking to someone you trust or a support line can "
        "help.",
    ),
}
# Another wording of hostility, criticism or (with affection) contempt, in a message that also
# carries warmth or a laugh ("you absolute idiot, I love you"): likely teasing, so no anger is
# assumed; but written words lose the voice that made it a joke, and it is still flagged.
_TEASING: Final = (
    "Between the two of you this may be teasing, and they may hear it that way. Written down, "
    "without your voice, it can still land as an insult.",
    "If things are tense between you, or you're not sure how they'll take it, leave this part "
    "out and keep the warm part.",
)

# What each kind of issue is called where people read it (the kinds are code names): the
# terminal and the web pages alike.
ISSUE_NAMES: Final = {
    "contempt": "Contempt",
    "hostility": "Hostility",
    "criticism": "Criticism of who they are",
    "always_never": "Always/never",
    "complaint": "A complaint",
    "non_apology": "An apology that is not one",
    "sorry_but": "Sorry, but",
    "already_sorry": "An apology pointed back to",
    "hollow_apology": "A hollow apology",
    "defensiveness": "Defensiveness",
    "minimizing": "Making it small",
    "dismissing": "Dismissing their feelings",
    "condescension": "Talking down",
    "pressure": "Pressure",
    "rejection": "Turning them away",
    "withdrawal": "Pulling away",
    "thought_as_feeling": "A thought put as a feeling",
    "excuse": "An excuse",
    "vague_apology": "A vague apology",
    "over_apology": "Too much apology",
    "blaming_feeling": "A feeling that blames",
    "self_blame": "Blaming yourself",
    "pleading": "Pleading",
    "quoted_hurt": "Hurtful words said again",
    # Wordings of other kinds (vague_apology, defensiveness), named as they read.
    "unsure_apology": "An apology for you don't know what",
    "pressing": "A question that pushes back",
    # Wordings of non_apology, defensiveness and pressure (round fourteen), named as they read.
    "blame_apology": "An apology that blames them",
    "grudging_apology": "A grudging apology",
    "admission_but": "An admission taken back",
    "justifying": "Justifying it",
    "turning_back": "Turning the blame back",
    "ultimatum": "An ultimatum",
    "drop_it_pressure": "Pushing them to drop it",
    # Wordings of pressure, condescension, dismissing and defensiveness (round fifteen).
    "control": "Control",
    "diagnosis": "A diagnosis that sets their words aside",
    "taken_back": "A feeling granted and taken back",
    "reversal": "Turning their hurt round",
    "past_limit": "Going past a limit they set",
    "past_no": "Pushing past a no",
    "unsaid_hurt": "Hurt said without saying it",
    "denied_harm": "Denying the harm",
}


def issue_name(kind: str) -> str:
    """``sorry_but`` -> ``Sorry, but``: what an issue is called (a new kind gets its code name
    in words)."""
    return ISSUE_NAMES.get(kind) or kind.replace("_", " ").capitalize()


def suggestion_line(text: str) -> str:
    """A suggestion after "Try:", unless it already starts with "Try" ("Try: Try the ...")."""
    return text if text.lower().startswith("try ") else f"Try: {text}"


def _explained(issue: Issue, explanation: str) -> Issue:
    """``issue`` with the message and suggestion of ``explanation`` (a key of ``_MESSAGES``)."""
    message, suggestion = _MESSAGES[explanation]
    return replace(issue, message=message, suggestion=suggestion)
