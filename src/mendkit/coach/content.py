"""What the coach says, in Mend's own words: one prompt per step, short, warm, second person.

Each line's source (the seed article or the clinical reference) is listed in docs/coach-sources.md.
Tailoring by context and by the attachment pattern a person chooses to name adds a line, never
replaces the step.
"""

from __future__ import annotations

from typing import Final

from mendkit.coach.machine import State
from mendkit.coach.youth import CALL_FOR_HELP_TIP, TRUSTED_PEOPLE

NOT_THERAPY: Final = ("Mend is a self-help aid for working through a rupture. It is not therapy, "
                      "and it cannot keep you safe in an emergency. Type help at any question "
                      "to see where to get support now.")

# The check when only the learned model saw a sign of crisis in an answer (VERA-MH: confirm the
# risk; Wysa: detected by the AI and confirmed by the user). Mend may have misread, so it asks.
# It asks about hurting someone else too: a threat typed in anger ("I'm going to punch him")
# must not get an honest "no" to a question that left it out. And about what someone keeps from
# them (round 19): a person whose carer holds back their medication or wheelchair may not call
# that being hurt, and says no to a question about hurting alone.
RISK_QUESTION: Final = ("Something in what you wrote made Mend want to check, and it may have "
                        "misread you: are you thinking of hurting yourself or someone else, or is "
                        "someone hurting or threatening you, or keeping from you what you need?")
# The check again, after a clear no earlier in the session, for a new kind of sign in a new answer
# (a rule's sign asked about first, or one only the model saw that names death or a means none of
# the answers they said no about named, or of another kind: ``risk_check.declined``): shorter,
# and kind about asking twice.
RISK_QUESTION_AGAIN: Final = ("You told me no before, and thank you. Something in this answer "
                              "made Mend want to check again, and it may have misread you: are "
                              "you thinking of hurting yourself or someone else, or is someone "
                              "hurting or threatening you, or keeping from you what you need?")
RISK_QUESTION_AGAIN_PROMPT: Final = f"{RISK_QUESTION_AGAIN} (yes / no / not sure)"
# Said when the critic's rewrite, chosen, leaves a gap ("I'm sorry I ..."): it is never kept as
# it is; the person edits their own draft instead.
REWRITE_GAP: Final = ("The suggested rewrite leaves a gap (the \"...\") for you to fill in with "
                      "what you did, in your own words, so it can't be used as it is. Edit your "
                      "draft instead: start from the rewrite's opening and name what you did.")
# Said after a no: the answer held back is taken, and the coach goes on.
RISK_NO: Final = "Thank you for telling me. If that changes, type help at any question."
# Said after an answer to the check that says neither yes nor no (asked once more).
RISK_AGAIN: Final = ("Mend could not tell from that. Please answer yes, no or not sure; if you "
                     "are not sure, not sure is fine.")
# Said after an empty answer to the check (a stray Enter): asked again, never taken as an answer.
RISK_EMPTY: Final = ("Mend needs an answer to this before going on: yes, no or not sure. If you "
                     "are not sure, not sure is fine.")

# A stop for thoughts of hurting someone else (a yes at the check about a threat, such a threat in
# plain words, or answers to the check that said neither yes nor no): why it stopped, then calm
# steps to take now (de-escalation: step away, put distance between you, reach someone), before
# the resources. It thanks no one for honesty: the stop may follow answers that said nothing.
HARM_TO_OTHERS_STOP: Final = (
    "Repair can wait: right now what matters is that no one gets hurt, you included.",
    "If you feel you might hurt someone, step away now and put some distance between you: "
    "another room, outside, a walk. Put down anything you could throw or break. Call or text "
    "someone you trust, or a crisis line, and tell them how you feel; this feeling will ease. If "
    "anyone is in danger right now, call your local emergency number. If you are also having "
    "thoughts of hurting yourself, a crisis line can help with that too.")


def changed_mind(*, open_asked: bool) -> str:
    """What the coach says to an answer that no longer wants a repair ("forget it, I don't even
    want to fix this"): that it is all right, how to stop, and the internal path (repair on your
    own side, with no message to them), which the openness question leads to, as it does to an
    ending and a limit. With
    ``open_asked`` that question is behind this session, so a new session asks it again."""
    where = ('start a new session and answer "no" when it asks if they are open to talking'
             if open_asked else 'answer "no" when Mend asks if they are open to talking')
    goals = ("start a new session and answer ending or limit at that question" if open_asked
             else "answer ending or limit at that question")
    return ("It sounds like you may not want to repair this with them right now, and that is all "
            "right. You can stop here: your answers are saved, and you can come back to them "
            "later. Or you can work on your own side of it, with no message to them: "
            f"{where}. If you are ending things with them, or want to set a limit, {goals}. If "
            "you would like to go on here, answer the question again.")


# Said when a step that cannot be skipped is asked to be ("skip", "can we skip this"): why it is
# needed, and how little is enough. The step is asked again; "skip" is never taken as the answer.
NOT_SKIPPABLE: Final[dict[State, str]] = {
    State.RECOGNISE_WHO: 'This one can\'t be skipped: the rest is about this person. A name, or '
                         'a word like "my partner", is enough.',
    State.RECOGNISE_WHAT: "This one can't be skipped: everything after it builds on it. A few "
                          'words are enough, like "we argued about money".',
    State.RESPONSIBILITY_PART: "This one can't be skipped: owning your part is the heart of a "
                               'repair. A small thing is enough, like "I raised my voice".',
    State.INTERNAL_FEELINGS: "This one can't be skipped: naming the feeling is where repair on "
                             'your own side starts. A word or two is enough, like "hurt" or '
                             '"angry".',
    State.INTERNAL_NEXT_TIME: "This one can't be skipped: it is what you keep ready for next "
                              'time. One short sentence is enough, like "I need a minute, let\'s '
                              'talk after dinner".',
    State.RESPONSIBILITY_DRAFT: "This one can't be skipped: press Enter to use the draft as it "
                                "is, or write your own.",
    State.REBUILD_MESSAGE: "This one can't be skipped: press Enter to keep the message as it is, "
                           "or write it as you want it.",
    State.LETTER_SAY: "This one can't be skipped: the letter starts here. A few words are "
                      'enough, like "I miss you" or "I\'m sorry".',
    State.LETTER_DRAFT: "This one can't be skipped: press Enter to keep the letter as it is, or "
                        "write it as you want it.",
    State.ENDING_DECISION: "This one can't be skipped: it is the heart of the message. One "
                           'sentence is enough, like "I\'ve decided to end our friendship".',
    State.BOUNDARY_LIMIT: "This one can't be skipped: it is the limit itself. A few words are "
                          'enough, like "please stop commenting on my weight".',
    State.MESSAGE_DRAFT: "This one can't be skipped: press Enter to use the draft as it is, or "
                         "write your own.",
}

# What to do during a break, with examples (the terminal's and the page's words).
CALMING: Final = ("Do something that calms you, like a walk, music, a shower or something with "
                  "your hands. Try not to go over the argument in your head.")

# Before a break, when everything is too loud or too much (sensory overload): less input first,
# and a quiet way to spend the break (not music, which may be what is too loud).
BREAK_OVERLOAD: Final = (
    "If everything is too loud or too bright, make it quieter first, if you can: go somewhere "
    "quieter, turn the lights down, or put on ear defenders or headphones. For the break, choose "
    "something quiet, like sitting somewhere dim or a slow walk somewhere calm.")

# Grounding when everything is too loud or too much (sensory overload): less input first, then
# the same senses, with hearing left to choose. (Reference 7.2: choice of anchor, opting out.)
GROUNDING_OVERLOAD: Final = (
    "If everything feels too loud or too much, make it quieter first, if you can: go to a "
    "quieter place, turn the lights down, or put on ear defenders or headphones. Then notice "
    "what is around you: name 5 things you can see, 4 you can touch, 2 you can smell and 1 you "
    "can taste. Naming 3 things you can hear is optional: leave it out if sound is too much "
    "right now. Press Enter when you're done, or type skip.")

# Said when the level question gets no number, only what the body feels or "I don't know": no
# number is needed, and the coach goes on to the offer of a short exercise.
LEVEL_WITHOUT_NUMBER: Final = "That's all right: a number is not needed."
# Said when the level question gets a question back ("what do you mean?"): what the scale means,
# in plain words, and that a number is not needed.
LEVEL_EXPLAINED: Final = ("It means how strong your feelings and your body's alarm are right now. "
                          "0 is calm. 10 is so strong that it is hard to think. A number is not "
                          "needed: you can say what you notice in your body, like a tight chest, "
                          "or \"I don't know\", or type skip.")
# Said when the breathing exercise is turned down: a way to settle without breathing, offered
# once and never pressed (the coach goes on to the next question; the person can take a minute
# first). Reference 7.2: choice of anchor, opting out.
ANOTHER_WAY: Final = ("That's fine: breathing exercises don't suit everyone. If you'd like "
                      "another way to settle first, you could name 5 things you can see around "
                      "you, walk for a few minutes, hold something cold or splash cold water on "
                      "your face, or press your feet into the floor and notice them. Take a "
                      "minute for it now if it helps: the next question will wait.")

# Said once when "What was your part?" gets "I don't know": small examples, and the question
# again; a second "I don't know" is taken (the draft then leaves the part out).
PART_EXAMPLE: Final = ("That's all right. Your part can be small, one thing you did or said, "
                       'like "I raised my voice", "I stopped answering" or "I forgot what I '
                       'promised". If nothing comes, answer "I don\'t know" again and we\'ll go '
                       "on.")
# Said once in a session when a feelings step gets "I don't know" (or "underneath what?"): how
# to find the word (the body, a short list), and that it can wait; the question is asked once
# more, and a second "I don't know" is taken (the message then leaves the feeling out).
FEELINGS_HELP: Final = (
    "That's all right: many people find feelings hard to name. Two things can help. Your body: "
    "a tight chest or jaw often goes with anger or fear, a heavy, tired body with sadness, a hot "
    "face with shame or embarrassment, and feeling blank or far away is often numbness. Or "
    "choose from a short list: angry, hurt, scared, sad, ashamed, embarrassed, lonely, guilty, "
    "numb. If one fits, write it. If none does, answer \"I don't know\" again and we'll go on: "
    "you can come back to it later.")
# Said once in a session after an answer of the person's own that waves off the other's hurt as
# a joke or an overreaction (``justifying.dismisses``): impact over intent, in plain words.
IMPACT_NOTE: Final = (
    "One thing to say plainly, and kindly: \"it was just a joke\" and \"they overreacted\" are "
    "about what you meant. A repair is about how it landed for them. When someone says a joke "
    "hurt, hearing that it was only a joke, or that they are too sensitive, tells them their "
    "hurt doesn't count, and that often hurts more than the joke did. You can have meant no harm "
    "and still owe an apology for the hurt. Mend keeps words like these out of any message it "
    "drafts with you.")
# Said once in a session after an answer that runs the person down ("I always ruin everything,
# I'm a terrible partner"): one kind line, not a crisis.
SELF_TALK_NOTE: Final = (
    "That is a harsh thing to say about yourself. A mistake is something you did, not who you "
    "are: you can own it and still be kind to yourself.")
# Said after what Mend noticed in pasted messages: nothing there is a question to answer.
MARKERS_NOTE: Final = ("This is only what Mend noticed in the words, and you don't need to "
                       "answer it. Keep it in mind as you go on.")
# Said when the openness question gets "not sure": the two ways on, plainly; then the choice is
# asked (``OPENNESS_CHOICE``).
OPENNESS_NOT_SURE: Final = (
    "That's all right: often you can't tell until you try. You have two choices. You can write "
    "a message now and keep it until you are ready to send it; Mend never sends anything. Or "
    "you can work on your own side only, with no message: what you feel, your part, and what to "
    "say next time.")
OPENNESS_CHOICE_PAGE: Final = "Would you like to write a message now, to keep until you are ready?"
OPENNESS_CHOICE: Final = (f"{OPENNESS_CHOICE_PAGE} (yes / no) Answer no to work on your own side "
                          "only, with no message.")
# The heading of what the internal path ends with: what the person wrote, to keep.
RECAP_HEADING: Final = "Here is what you wrote, to keep:"

# A ready script for a break, offered once on the internal path when the person does not know
# what to say next time ("[time]": the time on the clock 20 minutes later, said then).
BREAK_SCRIPT: Final = "I need 20 minutes. I will come back at [time]."
NEXT_TIME_SCRIPT: Final = ("That's all right. Here is one you can keep ready: \""
                           f"{BREAK_SCRIPT}\" When you use it, say the time on the clock 20 "
                           'minutes later instead of [time], like "at 7:40". Answer yes to keep '
                           "this one, or write your own words.")

PROMPTS: Final[dict[State, str]] = {
    State.WELCOME: "Let's look at what happened, gently and one step at a time. Press Enter to "
                   "begin.",
    State.SAFETY_CHECK: "First: are you safe right now, including with the person this is about? "
                        "(yes / no)",
    State.RECOGNISE_WHO: ("Who is this about? A name or a word for them is enough. If you like, "
                          "add the pronouns they use, like \"Robin (they/them)\"."),
    State.RECOGNISE_CONTEXT: "What is this relationship? (partner, ex or co-parent, family, "
                             "friend, work, therapist) You can skip this.",
    State.RECOGNISE_WHAT: "What happened? Say only what was said or done, not what you think it "
                          "meant. For example: \"Sam said I never listen. I left the room.\"",
    State.RECOGNISE_NOTICED: "What did you notice in yourself, and in them? A feeling, a change "
                             "in tone, someone going quiet.",
    State.RECOGNISE_MESSAGES: "If you have the messages, paste them here (Speaker: text, one per "
                              "line), then an empty line. Or press Enter to skip.",
    State.REGULATE_CHECK: "How stirred up do you feel right now, from 0 (calm) to 10 (flooded: "
                          "feelings so strong it is hard to think)? You can add what you notice "
                          "in your body, or say if you feel numb or far away. If a number is hard "
                          "to give, saying what you notice in your body, or \"I don't know\", is "
                          "fine too.",
    State.REGULATE_BREAK: "You sound flooded. Repair goes better after a pause of at least 20 "
                          "minutes. How long a break would you like, or when will you come back? "
                          "Say a length, like 45 minutes or 2 hours, or a time, like 8pm or "
                          "tomorrow morning. A break is from 20 minutes to under a day. (Or type "
                          "skip to go on without a break.)",
    State.ON_BREAK: f"Take your break. {CALMING} Come back with `mend coach --resume`.",
    State.REGULATE_GROUNDING: "First, notice what is around you where you are now. Name 5 "
                              "things you can see, 4 you can touch, 3 you can hear, 2 you can "
                              "smell and 1 you can taste. Press Enter when you're done, or type "
                              "skip.",
    State.REGULATE_BREATHING: "Would you like a short breathing exercise? (paced / sigh / skip) "
                              "Paced breathing is slow, with a longer breath out than in (about 4 "
                              "seconds in, 6 out), about six breaths a minute; a cyclic sigh is "
                              "two breaths in through the nose and a long breath out. Never hold "
                              "your breath.",
    State.OPENNESS: "Is the other person open to talking about it? (yes / not now / no / not "
                    "sure) If they are not, or you can't tell, you can still repair what you can "
                    "on your side. If repair is not what you want here, say which instead: died "
                    "(they have died), no contact (they asked you not to contact them), ending "
                    "(you are ending the relationship) or limit (you want to set a boundary).",
    State.LETTER_OFFER: "If it helps, you can still put what you want to say into a letter "
                        "that you keep and never send. Would you like to write one? (yes / no)",
    State.LETTER_SAY: "What do you most want them to know? Say it to them, in your own words.",
    State.LETTER_SORRY: "Is there something you are sorry for, or wish you had done "
                        "differently? You can skip this.",
    State.LETTER_REMEMBER: "Is there something you are grateful for, want to remember, or wish "
                           "for them? You can skip this.",
    State.LETTER_DRAFT: "Here is your letter. It is yours to keep, not to send. Press Enter to "
                        "keep it as it is, or write it as you want it.",
    State.ENDING_DECISION: "Say your decision plainly, as you would say it to them. For "
                           "example: \"I've decided to end our relationship.\"",
    State.ENDING_REASON: "If you want to give a reason, say it about you, in a sentence (\"I've "
                         "realised we want different things\"), not a list of what they did. "
                         "You can skip this.",
    State.ENDING_THANKS: "Is there something true you are grateful for, that you would like "
                         "them to hear? You can skip this.",
    State.ENDING_ASK: "Is there anything you need from them now? For example: space, or no "
                      "contact for a while. You can skip this.",
    State.BOUNDARY_LIMIT: "What is the limit? Say what you want them to stop, or what you will "
                          "no longer do: \"Please don't comment on my body\", \"I don't answer "
                          "work messages after 7pm\".",
    State.BOUNDARY_ACTION: "If it happens again, what will you do? Something in your own hands, "
                           "like \"I'll leave the table\" or \"I'll reply the next morning\". "
                           "You can skip this.",
    State.BOUNDARY_WHY: "Why does it matter to you? One short sentence about you, like \"it "
                        "hurts\" or \"I need my evenings to rest\". You can skip this.",
    State.BOUNDARY_WARM: "Is there something warm and true you want to say as well, like \"I "
                         "love our dinners\" or \"I value working with you\"? You can skip "
                         "this.",
    State.MESSAGE_DRAFT: "Here is a draft from your answers. Press Enter to use it, or write "
                         "your own. Mend never sends anything: you choose if and when.",
    State.MESSAGE_REVIEW: "Keep this message, or edit it? (keep / edit)",
    State.INTERNAL_FEELINGS: "You can do part of the repair on your own, without them. What do "
                             "you feel about what happened, in your own words?",
    State.INTERNAL_PART: "Even without talking to them, you can own your part. Is there "
                         "something you did or said that you wish you hadn't? Not all the "
                         "blame: just your part. You can skip this.",
    State.INTERNAL_BOUNDARY: "Is there a limit you want to hold next time, about how you are "
                             "spoken to or treated? You can skip this.",
    State.INTERNAL_NEXT_TIME: "If it happens again, what would you like to say in the moment? "
                              "One or two calm sentences you can keep ready.",
    State.RESPONSIBILITY_PART: "What was your part in it? Not all the blame: just what you did "
                               "or said.",
    State.RESPONSIBILITY_REGRET: "Is there something you regret? You can skip this.",
    State.RESPONSIBILITY_KNOW: "What would you like them to do differently next time? Ask for "
                               "something specific they can say yes to.",
    State.RESPONSIBILITY_DRAFT: "Here is a first draft from your answers. Press Enter to use it, "
                                "or write your own.",
    State.RESPONSIBILITY_REVIEW: "Take the suggested rewrite, edit your draft, or keep yours? "
                                 "(accept / edit / keep)",
    State.VULNERABILITY_SURFACE: "What feeling comes up first when you think about what "
                                 "happened? Many people feel anger or irritation first. A word "
                                 "or two is enough.",
    State.VULNERABILITY_BENEATH: "Is there a quieter feeling as well, like hurt, fear, sadness, "
                                 "shame or loneliness? These often sit under anger. A word or two "
                                 "is enough.",
    State.VULNERABILITY_NEEDS: "What do you need, for yourself, in this relationship?",
    State.REBUILD_MESSAGE: "Here is your message. Press Enter to keep it, or change it. Mend "
                           "never sends anything: you choose if and when.",
    State.REBUILD_COMMITMENT: "One thing you will do differently next time?",
    State.REBUILD_FOLLOW_UP: "In how many days should I ask how it went? (default 3)",
    State.AWAITING_FOLLOW_UP: "I'll ask how it went. Come back with `mend coach --resume`.",
    State.FOLLOW_UP_UPTAKE: "How did it go? Did they take it up? (yes / partly / not yet / no)",
    State.FOLLOW_UP_CONNECTION: "How connected do you feel now, from 0 to 10?",
    State.FOLLOW_UP_AGAIN: "Rebuilding trust takes many small steps over weeks, so one check is "
                           "rarely the end of it. Would you like me to ask again in a while how "
                           "things are going? (yes / no)",
    State.DONE: "Thank you for doing this. Repair is a practice: each time counts.",
    # Only the learned model saw a sign of crisis (no rule did): asked before anything stops.
    State.CONFIRM_RISK: f"{RISK_QUESTION} (yes / no / not sure)",
    # The crisis message from the resources follows each stop and says why ("things may be
    # really hard, or not safe"), so these do not say it again.
    State.STOPPED_CRISIS: "Repair can wait.",
    State.STOPPED_UNSAFE: "Your safety comes first, so Mend won't coach a repair with someone "
                          "who may harm or control you. Owning your part never means owning "
                          "someone else's anger, or how they treat you: that is not yours to "
                          "carry, and it is not your fault.",
}


# For the person who broke trust (an affair, lies kept up), what the request step asks instead:
# the repair is theirs to carry, so asking the other person for a change is optional here.
REQUEST_AFTER_BETRAYAL: Final = (
    "Is there anything small you would like to ask of them? After a betrayal, the repair is "
    "mostly yours to carry, so this is optional: what you will do comes a little later. If you "
    "ask, make it easy to say yes or no to, like a time to talk. Or press Enter to skip.")
# After a betrayal (an affair, lies, a broken promise), what the rebuild step asks instead: trust
# comes back through actions that can be seen and repeated, so it offers some to choose from.
TRUST_ACTIONS: Final = (
    "I'll tell you first, before you find out another way",
    "I'll check in with you once a week, at a time we agree, to talk about how we are",
    "I'll be open about where I am and who I'm with",
    "I'll see a counsellor with you, if you want to",
)
COMMITMENT_AFTER_BETRAYAL: Final = (
    "What will you do from now on, again and again, that they can see? After a betrayal, trust "
    "comes back through small actions repeated over weeks, more than through words. You could "
    "choose one of these, or write your own:\n"
    "1. Tell them first, before they find out another way.\n"
    "2. A regular check-in, say once a week, at a time you agree.\n"
    "3. Be open about where you are and who you are with.\n"
    "4. See a counsellor together, if they want to.\n"
    "Answer 1 to 4, or in your own words.")
# Asked once more, gently, when that was left empty.
COMMITMENT_AGAIN: Final = (
    "It's all right to leave this. One small thing you can do again and again often does more "
    "to rebuild trust than any message. If one comes to mind, write it or choose 1 to 4; press "
    "Enter again to go on without one.")
COMMITMENT_AGAIN_PLAIN: Final = (
    "It's all right to leave this. After a hurt this deep, one small thing you will do "
    "differently can still help, for you as much as for them. If one comes to mind, write it; "
    "press Enter again to go on without one.")


# Said when the follow-up hears "not yet", before a new day is chosen.
NOT_YET: Final = ("That's all right: the right moment can take a while, and it is still worth "
                  "finding. Let's choose a new day for me to ask.")


def on_break(back_at: str = "") -> str:
    """What the terminal says when a break starts: what to do, and when to come back (``back_at``,
    "21:44"; ``""`` when that was just said). Telling the other person about the break, and when
    you will be back, is part of taking one."""
    until = f" until {back_at}" if back_at else ""
    # The example says the real time: a literal reader may say it word for word.
    when = f"at {back_at}" if back_at else "at [the time you chose]"
    return (f"Take your break{until}. {CALMING} If you were talking with them, tell them you "
            "are taking a break and when you will be back, for example: \"I need a break. I "
            f"will come back to this {when}.\" Come back with `mend coach --resume`.")


def ending(uptake: object, connection: object) -> tuple[str, ...]:
    """What the coach says at the end of a follow-up: thanks when the repair landed, and a kind
    word with next steps when it did not (they said no, or the connection is 3 or lower).

    >>> ending("no", 2)[0].startswith("I'm sorry it didn't go the way you hoped.")
    True
    """
    low = isinstance(connection, int) and connection <= 3
    if uptake != "no" and not low:
        return (PROMPTS[State.DONE],)
    first = ("I'm sorry it didn't go the way you hoped." if uptake == "no"
             else "I'm sorry you don't feel closer yet.")
    return (f"{first} That hurts, and it does not mean you did it wrong: repair often takes more "
            "than one try, and part of it is up to them.",
            "Some next steps: give it time, and try again when you are both calm. You can also "
            "work on your side of it alone: start a new session and answer \"not now\" when asked "
            "if they are open to talking, to name your feelings, a limit you want to hold and "
            "what to say next time. If it weighs on you, talk with someone you trust or a "
            "counsellor.")


# The crisis stop when the signs were said to the person ("they keep telling me to kys"): they
# are the one at risk, and the one being hurt.
TOLD_TO_HURT_YOURSELF: Final = (
    "Being told to kill yourself, or that nobody would miss you, is not okay, and it is not "
    "your fault. You matter, whatever they say. Repair can wait: please tell an adult you trust "
    f"today ({TRUSTED_PEOPLE}) or a helpline for young people from the list. If any of it came "
    "in messages, keep screenshots somewhere safe.")

# The words for the one at risk, by the pronoun the person gave for them.
_THEM: Final = {"he": "him", "she": "her", "they": "them", "xe": "xem", "ze": "zir",
                "ey": "em", "fae": "faer"}


def someone_else_at_risk(name: str, *, told: bool = False, young: bool = False,
                         pronoun: str = "they") -> tuple[str, str]:
    """Why the coach stopped and what to do, when the signs were about ``name``: in their
    messages (pasted by the person using Mend), or, with ``told``, in what the person using
    Mend says they told them ("she sent me a message saying she doesn't want to be alive").
    It speaks to the one who is worried: a secret like this is not one to keep, tell an adult
    you trust today (``young``: only that; else, for an adult, how a crisis line can help).
    ``pronoun``: theirs, as the person gave it ("he" says "worried about him"). With no
    ``name`` (the words named no one), "the person you told me about", then "they" and "them":
    a pronoun is never a name.

    >>> someone_else_at_risk("Jess", told=True)[0]
    'It sounds like Jess may not be safe, and you are worried about them. Repair can wait.'
    >>> someone_else_at_risk("", told=True)[1][:59]
    'If they might be in danger right now, call your local emerg'
    """
    pronoun = pronoun if name else "they"
    them = _THEM.get(pronoun, "them")
    who = name or "the person you told me about"
    # Later in the text: the name again, or for no name, "they" and "them" (with their verbs).
    they, them_again = (name, name) if name else ("they", "them")
    why = (f"It sounds like {who} may not be safe, and you are worried about {them}." if told
           else f"Something in these messages suggests {who} may not be safe.")
    # No "a parent": at home may be where the danger is (round 17).
    tell = (f"Tell an adult you trust today: {TRUSTED_PEOPLE}, or a helpline for young "
            "people from the list." if young else
            f"If you are under 18, tell an adult you trust today: {TRUSTED_PEOPLE}, or a "
            "helpline for young people from the list. "
            f"If you are an adult, help {them_again} get emergency help, or contact it for "
            f"{them}.")
    return (f"{why} Repair can wait.",
            f"If {they} might be in danger right now, call your local emergency number. If "
            f"{they} asked you to keep it secret, this is a secret not to keep, even if you "
            f"promised: telling someone is how you look after {them}. {tell} If you are worried "
            f"about {them_again}, a crisis line can talk with you about how to help, and {they} "
            "can call one too. You don't have to handle this alone.")


def helpers_heading(name: str = "") -> str:
    """The line above the resources: for the person themselves, or for helping ``name``."""
    return f"Who can help, for {name} or for you:" if name else "If you need someone now:"

CONTEXT_NOTES: Final[dict[str, str]] = {
    "work": "With a manager or anyone with power over you, keep it brief and specific, and pick "
            "a calm, private moment.",
    "therapist": "Telling your therapist how something landed is part of the work, and a good "
                 "therapist will welcome it.",
    "partner": "With a partner, the first words of a talk often decide how it goes: start "
               "calmly, with what you feel and need, not with what they did wrong.",
    "ex": "With an ex or a co-parent, a repair is about getting on well enough: keep to what "
          "happened, the arrangements and respect, and, where you share children, what helps "
          "them. Mend keeps missing them or getting back together out of the message.",
    "family": "A rift in a family can weigh a lot, and old family ways often shape how it "
              "mends. Some families make up by talking, others by doing something together, "
              "like sharing a meal or helping out. Mend can help with either.",
    "friend": "A short, honest message often does more than a long explanation.",
}

ATTACHMENT_NOTES: Final[dict[str, str]] = {
    "anxious": "You may want an answer right away. Try to send one message, not five, and then "
               "wait for their reply, even if waiting is hard.",
    "avoidant": "You may want to shut down. If you need a pause, say so and name when you'll "
                "come back.",
    "disorganised": "We'll go slowly. Take each question at your own pace; the ones that say "
                    "so can be skipped, and you can type help at any question.",
}

SAFETY_PLAN: Final = (
    CALL_FOR_HELP_TIP,
    "Think of one person you trust and a place you could go.",
    "Keep important documents and some money where you can reach them.",
    "Agree a word with someone you trust that means \"call for help\".",
)

SOFTER_FEELINGS: Final = ("hurt", "scared", "sad", "lonely", "ashamed", "disappointed",
                          "worried", "unwanted")


# ---- when repair is not the goal (machine.GOAL_EVENTS; the goals are named in coach.goals) ----

# What the openness step asks first when the story reads as one of the goals (it never assumes
# one): ``{who}`` is the other person ("Dad", "your mum"). A no asks the openness question.
_GOAL_QUESTIONS: Final = {
    "grief": "It sounds like {who} {has} died. If so, there is nothing to send and no talk to "
             "plan: Mend can help you write {who} a letter to keep, to say what you want to say.",
    "no_contact": "It sounds like {who} {has} asked you not to contact {them}, or blocked you.",
    "ending": "It sounds like you want to end things with {who}, rather than repair them. If "
              "so, Mend can help you say it clearly and kindly.",
    "boundary": "It sounds like you want to set a limit with {who}, rather than repair "
                "something you did. If so, Mend can help you say the limit and what you will "
                "do, without apologising for it.",
}
GOAL_CONFIRM: Final = "Is that right? (yes / no)"
# Said where the confirming question is answered with neither yes nor no.
GOAL_YES_OR_NO: Final = "Please answer yes or no. If it is something else, answer no."


def goal_question(goal: str, who: str, *, group: bool = False, them: str = "them") -> str:
    """The question that checks a goal the story reads as, about ``who`` ("Dad", "your mum"),
    whose object pronoun is ``them`` ("her" for "Maya (she/her)").

    >>> goal_question("grief", "Dad")[:29]
    'It sounds like Dad has died. '
    >>> goal_question("no_contact", "your ex, Chris", them="him")[:63]
    'It sounds like your ex, Chris, has asked you not to contact him'
    """
    said = _GOAL_QUESTIONS[goal].format(who=_apposed(who) or "they",
                                        has="have" if group else "has", them=them)
    return f"{said} {GOAL_CONFIRM}"


def _apposed(who: str) -> str:
    """``who`` with its name set off on both sides ("your ex, Chris," before a verb)."""
    return f"{who}," if ", " in who and not who.endswith(",") else who


def possessive(who: str) -> str:
    """Whose, for ``who``: the name of "your ex, Chris" ("Chris's"), "their" for no one.

    >>> possessive("your ex, Chris"), possessive("Tom"), possessive("them")
    ("Chris's", "Tom's", 'their')
    """
    name = who.rsplit(", ", 1)[-1].strip() if who else ""
    return f"{name}'s" if name and name not in ("them", "they") else "their"


# How the words that start each goal's path begin (a page shows those words as a note).
GOAL_OPENINGS: Final = ("I'm so sorry for your loss.", "Then respecting", "A kind ending is short",
                        "A limit says what you will do")


def goal_start(goal: str, who: str = "", *, them: str = "them") -> str:
    """What the coach says as a goal's path begins: what it is for, and what it leaves out
    (``them``: the other person's object pronoun)."""
    whose = possessive(who)
    return {
        "grief": "I'm so sorry for your loss. Grief has no right way and no timetable, and "
                 "guilt, anger and love often come together in it. This letter is for you: "
                 "there is nothing to send and nothing to fix. Only the first question needs "
                 "an answer. Mend is a self-help aid, not grief counselling: at any question, "
                 "type help to see who you can talk to.",
        "no_contact": f"Then respecting {whose} request is part of the repair now: not "
                      f"contacting {them} is how you show you heard {them}. So Mend won't help "
                      f"write a message to send, or ask {them} for another chance. That can be "
                      "hard, most of all when you want to make things right.",
        "ending": "A kind ending is short and clear: your decision, a reason about you if you "
                  "want to give one, and no opening to argue it again. You don't need to "
                  "apologise for deciding, or ask them to agree.",
        "boundary": "A limit says what you will do, not what they must do. You don't need to "
                    "apologise for having one, and it counts whether or not they agree.",
    }[goal]


def goal_ending(goal: str, *, letter: bool = True) -> tuple[str, ...]:
    """What the coach says at the end of a goal's path (``letter``: whether one was written)."""
    if goal == "grief":
        return ("Thank you for writing this. What you wrote shows how much they mattered.",
                "Some people keep a letter like this somewhere safe, read it aloud at a place "
                "that was theirs, or share it with someone they trust. Grief comes in waves and "
                "can take a long time. If it feels too heavy to carry, talk with someone close "
                "to you, your doctor or a bereavement service.")
    if goal == "no_contact":
        first = ("Thank you for writing this. It is yours to keep." if letter
                 else "That's all right: you don't need to write anything.")
        return (first,
                "Giving them the distance they asked for is hard, and it is part of the repair: "
                "it shows you heard them. If they ever reach out, you can answer then. If it "
                "weighs on you, talk with someone you trust or a counsellor.")
    if goal == "ending":
        return ("Thank you for doing this. Ending something kindly is hard.",
                "Say it once, clearly, at a time and in a way that is safe for you both. You "
                "don't need them to agree, and you don't have to argue it again. If it weighs "
                "on you, talk with someone you trust.")
    return ("Thank you for doing this.",
            "A limit is something you do: if it happens again, do what you said, calmly, "
            "without arguing it again. Holding it kindly, every time, is what makes it real. "
            "They may push back at first; that does not make the limit wrong.")


# The attachment notes where there is no message to send (the internal path, a letter to keep,
# respecting no contact), and where the message ends something or sets a limit: "send one
# message, not five" would nudge someone who wants to stop reaching out to reach out again.
ATTACHMENT_NOTES_UNSENT: Final[dict[str, str]] = {
    "anxious": "You may feel a pull to reach out and settle it now. There is no message to send "
               "here. If you feel the urge to write to them, notice it and wait, then come back "
               "to what you feel.",
    "avoidant": "You may want to stop thinking about this and put it aside. A few words are "
                "enough, and you can stop at any question and come back to it later.",
}
ATTACHMENT_NOTES_ENDING: Final[dict[str, str]] = {
    "anxious": "You may want an answer right away. Say it once, clearly, then wait: you don't "
               "need them to reply or to agree.",
    "avoidant": "You may want to keep it vague, or put it off. A short, clear message is kinder "
                "than a slow fade.",
}


# The internal path's question on a limit, after the person owned a part of what happened: the
# story may be one of hurting, not of being hurt, so the limit is optional, and can be their own.
INTERNAL_BOUNDARY_AFTER_PART: Final = (
    "Is there something you want to hold to next time, like pausing before you say something "
    "you regret? If you were hurt too, it can also be a limit on how you are spoken to or "
    "treated. You can skip this.")
