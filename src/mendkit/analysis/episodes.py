"""Rupture episodes: a rupture, the ruptures that follow it, repair attempts and reconnection.

A pure function of the per-turn analyses. An episode opens at a rupture turn (or a sign of danger
between people, see Safety). Later ruptures join it; a repair attempt (any ``repair.*`` label)
makes it ``attempted`` and names the initiator; a ``reconnect`` turn by someone other than the
repairer after that makes it ``resolved``, unless its speaker must repair first (Who must
repair). A rupture after resolution opens a new episode, unless its turn also repairs or takes a
repair up.

When an episode ends. An episode closes after ``quiet_turns`` turns in a row that add nothing to it
(no rupture, counted repair or uptake), but a repair, or thanks for one, by one of its people that
speaks to another of them by name ("Kofi, I'm sorry. I called you out in front of everyone", nine
others' messages later in a busy channel), or that replies in the thread its rupture began
(``replies``: a Slack thread reply), still reaches it (round 16, t3: eight other messages are
minutes in a group chat); a new rupture after the quiet turns opens its own. When turns carry
times, a rupture more than a day (``QUIET_SECONDS``) after the episode's last activity is a new
matter and opens its own episode (a complaint three days later), while a repair or thanks however
late still belongs to the episode it answers ("I'm sorry about what I said on Sunday"): a break to
calm down runs from twenty minutes to under a day (DESIGN.md, the coach's regulate step), and some
repairs take longer. A rupture after a repair that was not taken up opens a new episode when it is
a separate matter: half an hour (``SEPARATE_SECONDS``, longer than the twenty minutes a body takes
to calm down) after the episode's last activity. (Counting turns instead, four quiet turns, split
episodes the corpus keeps whole: taking it out raised episode status accuracy on the held-out
seventh of ``train`` from 0.835 to 0.840.)

Who the episode is between. Its parties are the rupture's speaker and its target: a speaker the
rupture names, else the last other person who spoke before it, else (the rupture opens the
conversation) the first other person whose rupture joins it; later rupture speakers join them.
With no earlier turn to aim at, anyone's repair and anyone else's uptake count. The episode says
who it is between (``Episode.between``, round 16): its opener, then those of its parties who took
part in it (a rupture, repair or uptake); while only the opener has, also the people the rupture
was aimed at (with two speakers, the other one). A party who was only a guess and took no part
is left out.

Groups (three or more speakers; round 14). Several episodes can be open at once, one for each pair
at odds, and each turn goes to one of them (``analysis/addressing.py``): the speaker's episode with
a person the turn speaks to by name ("Everyone's stretched, Jamal."), else the speaker's own open
episode, else the most recent one. A rupture a party speaks by name to someone outside their
episode opens its own: a manager's brush-off of Jamal is not part of his quarrel with Nadia, and
his apology to Nadia by name leaves Jamal's episode ``unresolved``. When the rupture answered a
prompt (a therapist's "Where would you like to start?", a mediator's agenda), the one who asked is
only a guess at its target: the first other person whose rupture joins takes their place, and any
repair or uptake of theirs leaves the episode. So, too, when the opener's rupture named no one and
its other person (the one it answered) has taken no part: a move by name at the opener ("Carl it's
not a joke" after his "Why am I next to the speakers? Is that a joke?", which followed someone
else's "Looks lovely") or a repair by name to them makes its speaker that other person, and the
opener's own repair by name to others ("Bea, Gus, I'm sorry") makes those named its other people,
even after the episode went quiet (round 16). Only the parties repair: a third person's
acknowledgement, validation, request or reflection between two others ("Maya, I hear a lot of hurt
in 'again'", "Ana, that came across harshly") is facilitation; it is not a repair turn, names no
initiator and starts no time to repair, and agreeing with it ("Yes. Exactly that.") takes nothing
up. The initiator is the first of the two whose repair counts (The repair that counts). A
third person who owns a part of their own,
in the first person and by name ("ah gráinne i completely forgot about your mam, im sorry"),
repairs and becomes one of its parties; "Leo, that was unkind" about someone else's words owns
nothing. Uptake comes only from a party other than the repairer, and, when the repair spoke to
someone by name, from them: Cal's "haha" does not take up Bea's apology to Ana. A bystander's aside
(a withdrawal read from context or given by the model alone, by someone in no open episode,
answering a turn not spoken to them by name: "lol", "ok" while two others quarrel) joins no episode
and opens none; nor does a bystander's move only the model read that would open a pair of its own
("someone pick something from this decade pls"). A reaction and nothing more ("lol ok", "haha ok",
"lol", "👍", whatever the rules read in it: ``_reaction``) by someone answering a person they share
no episode with, unasked, joins none and opens none either (round 16, t3: the rules read "lol ok"
as dismissing, "👍" as a minimal response). An apology by name, with a rule's ownership in the first
person, to someone the speaker shares no open episode with ("Sam, I'm sorry I cut you off earlier")
opens one from the speaker's last turn to that person (one naming them within ``_NAMED_REACH``
turns and a day, or one they answered next), when the rupture it owns had no label (round 14, t10);
so does one that replies in the thread of the speaker's own message ("@Kofi I'm sorry" under "@Kofi
did you run the migration without the dry run again?"), from that message. A repair or thanks said
to several by name ("Bea, Gus, I'm sorry") goes to the speaker's episode with each; thanks that
name no one ("That's really kind of you both") takes up, besides the episode it goes to, each of
the speaker's episodes where the other repaired since the speaker last spoke.

Pairs in a group (round 16, t3). Each pair at odds keeps its own episode: a newcomer's move by
name at someone in an episode is a pair of its own, unless it answers the opener whose other
person was only a guess (above); a newcomer's unnamed move that answers a move said by name to
a third person ("Seriously mate, you never wipe the hob" after "Theo you never empty the
dishwasher") piles on that person, a pair of its own, so one attacker's apology and its thanks
resolve only that attacker's episode; and a move by someone in an episode answering someone
outside it who spoke to them by name is a new pair. An unnamed move answering someone in an
episode still joins it, as before.

Leaving (round 16, t3). A WhatsApp export says when someone left the group ("Nadia left",
``Conversation.left``). It is no turn and adds no label, but an episode records those of its
people who left while it was open or within ``quiet_turns`` turns of its last (``Episode.left``):
leaving right after a fight is the plainest withdrawal a group chat has, and the reader should
see it. It changes no status.

Safety. A crisis turn a rule found (``risk.crisis``: a threat, abuse, suicidal talk) joins the
open episode, adds ``risk.crisis`` to its labels and makes it ``major``; its own repair labels do
not count ("I'm sorry I'm such a burden" owns nothing). A sign of danger between the episode's
people (``abuse_danger``, ``harm_to_others``, said by one of them or naming one: "If you leave I'll
kill you", "he pushed me") stops the repair flow from that turn on: no later repair or reconnect
counts, so the episode is never ``resolved``. A threat followed by an apology and the threatened
person's giving in ("Ok. I'm sorry too. I won't go.") is the cycle of abuse, not a repair. Talk of
suicide or self-harm does not stop it (round 12): the other person's later apology and its uptake
still repair the rupture, and the crisis stays in the episode's labels and in ``safety`` (a
parent's "Well I'm sorry I'm such a burden to you" in a guilt trip must not erase the adult
child's validation, apology and plan, nor the parent's "That would be lovely"). Nor does danger
a bystander tells of in a group chat stop the repair of a quarrel between two others. A sign of
danger between people opens an episode like a rupture; talk of suicide or self-harm with no
rupture opens none of its own (it is no break between two people, and ``safety`` names it; "kms
this exam" between friends is no episode) and ends a resolved one. A crisis only the model saw
changes no episode: its everyday false alarms would otherwise block ordinary repairs. A turn that
no crisis rule read but that ``safety`` counts as going on with a sign just before it ("no I mean
it. it's been like that for weeks.", "I don't see the point anymore" after "not great") is read as
that sign. A rupture only the model gave a crisis turn does not count: the person telling of a
crisis is not moving against the one they tell (round 12: the model's invalidation on "no I mean
it" made a suicidal person the one who ruptured, in a "minor, resolved" episode); a rule's does.
Nor is a person's disclosed feeling right after their own crisis turn a repair (round 13: "at
home. I don't know. I'm not okay fam" after "I've been thinking about ending it" made the
suicidal friend the episode's repair initiator): a turn whose only repair label is
``repair.feeling``, by a speaker whose previous turn was a crisis turn or such a feeling, is
distress going on, not a repair; their apology or request still counts.

Who must repair. The danger rule above has a milder kin (round 13, abuse report: the hurt
person's "I'm sorry, I ruin everything" and the other's "Good. I forgive you. Come here, I love
you.", or "Sorry. Forget it. I'm overreacting like always." and "Good, glad we sorted that out.
Love you.", were ``resolved``, the hurt person the one who repaired). Whoever answers the other's
hurt by moving against them must own their part, validate or acknowledge (a counted repair with
one of those labels) before their own uptake resolves anything: one who dismisses a concern the
other raised (a rule's minimizing, dismissing, condescension or non-apology after a disclosed
hurt, a need or a complaint in a turn that does not repair: "Relax, it was just a joke. You're way
too sensitive." after "It really stung when you laughed at my cooking"), and one who meets the
other's repair or concern with contempt or hostility a rule found ("You're pathetic" after "I'm so
sorry, it's my fault") once the other gives in (a rule's appeasing, giving up or minimal response
after it). The episode stays ``attempted``; once they own it, the other's thanks resolve it, and
if both apologise either's uptake does. Quarrels keep their repairs: nothing is owed to one who
had already moved against the mover beyond a complaint (the model's moves count here), a defence
of what one did ("I did them last night") dismisses no feeling, sarcasm at a first apology ("Of
course you did.") answered by a real repair rather than giving in is taken up as before, and
contempt in answer to a complaint is escalation.

Limits are not repairs (round 15, t1). A limit on contact is the speaker's need, not a move to
repair: "Please don't contact me again. I'm blocking your number.", "I don't. Please respect
this.", "I'm asking you to stop calling." (``analysis/limits.py``: a rule's ``boundary`` request,
or a request only the model read whose words keep contact away, with no return named). Such a
turn, when its only repair label is that request, is no repair attempt: it names no initiator,
starts no time to repair and makes nothing ``attempted``; it raises a need, as any request does
(Who must repair), and, by one of the episode's people, it joins the episode it answers, which
stays ``unresolved`` when no one repaired. A time-out that names its return ("Give me ten minutes
to calm down and then we can talk") is a pause the coach teaches, and still a repair attempt.
But a boundary on how the other treats the speaker, set by one who made none of the episode's
ruptures, is no repair attempt even with a return named (round 18: "I'm not going to keep talking
while you're shouting at me. I'll be back in an hour." after the other's tirade): it protects the
hurt person, joins the episode as a limit does, and the episode stays ``unresolved`` until the one
who ruptured repairs.

Giving way is not the blamer's repair (round 15, t6: "That never happened. You're remembering it
wrong" answered by "Maybe. I'm sorry. I don't know what's wrong with me.", or "I'm sorry. I didn't
mean to make you feel attacked." after "...because you're paranoid", each followed by the other's
"Thank you. That's all I wanted." or "I forgive you"). Mend cannot know the backstory, so this is
read from the order of moves alone: one person raises a hurt or a need (a rule's feeling or
need, in the episode or in the few turns before it opened), the other then moves against them
beyond a complaint or a defence of what they did (a rule's criticism, contempt, hostility,
pressure, minimizing, dismissing...), and the first, who has not moved against the other beyond
that themselves, apologises in a way that owns no act of theirs (``analysis/appeasement.py``: an
apology for the other's feeling, self-blame, a bare "I'm sorry."). The apology stays a repair
attempt by its speaker (the episode is ``attempted``, and they its initiator), but the one who
blamed owes a repair, as in Who must repair: their thanks or forgiveness resolves nothing until
they own their part, validate or acknowledge. An apology that names an act ("I'm sorry I forgot
to ring you") and a quarrel of complaints and defences keep their repairs, and the blamer's own
apology afterwards is taken up as before.

The repair that counts (round 17, t2). Every repair attempt is among the episode's repair turns
and makes it ``attempted``, but its initiator and its time to repair (``turns_to_repair``,
``seconds_to_repair``) come from the first repair by someone a rule read moving against the other
beyond a complaint (an invalidation, a confrontation other than a complaint: the one who
ruptured), or the first one the other party took up (the first reconnect after it by someone
else, who made no rupture in between), whichever comes first; failing both, the first repair.
The hurt person's feeling or request in the middle of an escalating exchange ("I miss you. I feel
like I'm not a priority", met with "Mm.") does not stop the clock: over a minute later the other's
"You're right. I've been flaky and that's on me" is the repair, and its speaker the initiator. A
rupture only the model read does not make its speaker the one who ruptured: it reads many a hurt
person's "that's not what I'm saying" as invalidation.

Late uptake (round 15, t2). While a repair waits for its uptake, thanks from either party counts
as reconnection (the fusion lets the model's through: ``awaiting_uptake``), and the repairer's own
thanks takes the repair up when it answers the other's reply made after the repair with no
rupture in it ("Thanks for letting me ring him. I really appreciate it." after "He's much happier
after talking to you. Tomorrow 10am is fine."): it thanks them for taking the repair up.

Severity. ``major`` when the episode holds a crisis turn; contempt or hostility a rule found (the
moves against the other that do the most harm); a shutdown a rule found (stonewalling, giving up)
that no repair reached (status ``unresolved``); four or more rupture turns; or three or more with
no repair attempt. Otherwise ``minor``. The model gives no subtype, so contempt only the model
found counts as a rupture turn, not as contempt.

A turn that carries a rupture label is a rupture turn. Whether it can also repair or take a repair
up depends on ruptures the rules found, with a span a person can check; a rupture label only the
model gave ("no rule matched") takes nothing away: "sorry i was such a jerk earlier" is an apology
the rules found, even if the model also reads it as invalidation.

- Repair. A turn where a rule found ownership (``repair.responsibility``: an apology or an
  admission) is a repair attempt, whatever else a rule read in it, unless a rule read the apology
  as a non-apology: rules often read one clause of a good apology as defensive ("Sorry. I didn't
  mean that, I was stressed and I took it out on you."). Otherwise a turn whose rule-found rupture
  moves against the other (confrontation, invalidation) is not a repair attempt: "It feels like
  I'm always the one making the effort" is a complaint that also reads as a feeling, and contempt
  the model also scores as validation is still contempt; nor is one whose rule-found rupture moves
  away (withdrawal): "Sorry to bother you, I'll fix it" after harsh criticism only appeases. A
  turn that is not a repair attempt neither starts the repair nor times it. The turn that opens
  the episode repairs it only when a rule found ownership after the rupture in the same message
  ("God, you're so annoying. Sorry, that was uncalled for."): turns to repair 0. "Sorry, but you
  never listen" owns nothing that follows it.
- Uptake. A rule-found confrontation cancels a reconnect on the same turn ("I forgive you, but you
  always do this"), unless it is only a complaint after the thanks and the turn answers the
  repair itself (the last turn by someone else is the episode's latest repair): "Thank you. Yeah.
  It felt like the third time this month." takes up the therapist's apology. A rule-found
  shutdown (stonewalling, giving up) cancels it too, and so does acceptance a rule read in the
  very words another rule reads as a denial ("It's fine, honestly. Forget it."). A milder
  rule-found rupture (invalidation, a minimal response, a denial) cancels only a weak reconnect,
  such as a plain "thanks": "Thanks. Whatever." is a brush-off, but "Okay. I forgive you.", "It's
  fine, these things happen. Love you." and "Whatever, it's okay. Love you." take the repair up,
  because a rule found explicit acceptance or warmth in them.

The labels such a turn carries stay on it, with their evidence, and its ruptures join the episode.

Turn order need not be time order (a Slack thread's replies follow their parent), so when both
turns have a ``start``, a repair sent before the rupture does not count as its repair, nor a
reconnect sent before the repair as its uptake: time to repair is never negative.

This module finds the episodes, with its parts: ``episode_state`` (an open episode and what a turn
brings to it), ``episode_reading`` (reading one turn), ``episode_reach`` (the episodes a turn
reaches besides the one it is aimed at), ``episode_owing`` (Who must repair),
``episode_uptake`` (Uptake, Late uptake) and ``episode_status`` (status, Severity and who it is
between).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from mendkit.analysis.addressing import Aim, Thread, addressed, aim, named
from mendkit.analysis.episode_owing import _in_answer, _owes
from mendkit.analysis.episode_reach import (
    _answered_repairs,
    _context,
    _in_own_thread,
    _named_by_opener,
    _owned_unlabelled,
    _woken,
)
from mendkit.analysis.episode_reading import _going_on, _reaction, _read, _soft, _unsure
from mendkit.analysis.episode_state import (
    _ANSWER_REACH,
    _CONTEXT_WITHDRAWAL,
    _FIRST_PERSON,
    _MODEL_SOURCE,
    _RESPONSIBILITY,
    _WITHDRAWAL,
    QUIET_SECONDS,
    _earlier,
    _hurt_partys_limit,
    _in_parties,
    _moves_against,
    _Open,
    _owns_after_rupture,
    _Read,
    _seconds_between,
)
from mendkit.analysis.episode_status import _close
from mendkit.analysis.episode_uptake import _thanks_for_reply
from mendkit.labels import CRISIS
from mendkit.model import Episode, Leave, TurnAnalysis

SEPARATE_SECONDS = 1_800.0  # after an unanswered repair, a rupture this much later is a new matter


def find_episodes(turns: Sequence[TurnAnalysis], *, quiet_turns: int = 8,
                  replies: Mapping[int, int] | None = None,
                  left: Sequence[Leave] = ()) -> tuple[Episode, ...]:
    """Group ``turns`` into episodes (see the module docstring). ``replies`` maps a turn that
    replies in a thread (a Slack thread reply) to the index of the turn it replies to; ``left``
    says who left a group chat when (``Conversation.left``)."""
    # Episodes name turns by their index; a caller's turns need not be numbered from 0.
    by_index = {turn.index: turn for turn in turns}
    speakers = sorted({turn.speaker for turn in turns})
    group = len(speakers) > 2
    threads = dict(replies or {})
    done: list[Episode] = []
    live: list[_Open] = []  # two people: at most one; a group: one for each pair at odds
    dormant: list[_Open] = []  # gone quiet: a repair by name or in its thread may still reach it
    going_on = _going_on(turns)
    reads = _in_answer(turns, [_read(t, going_on=t.index in going_on) for t in turns])

    def close(ep: _Open, *, quiet: bool = False) -> None:
        live.remove(ep)
        if quiet:
            dormant.append(ep)
        else:
            done.append(_close(ep, by_index, speakers))

    for position, turn in enumerate(turns):
        for ep in [e for e in live if turn.index - e.last > quiet_turns]:
            close(ep, quiet=True)
        if not turn.labels and turn.index not in going_on:
            continue
        read = reads[position]
        if read.ruptures or read.crisis:  # a new matter after a day: its own episode
            for ep in [e for e in live
                       if _seconds_between(by_index[e.last], turn) > QUIET_SECONDS]:
                close(ep)
        woken = _woken(dormant, live, turn, read, speakers=speakers, threads=threads,
                       turns=by_index)
        if woken is not None:
            dormant.remove(woken)
            live.append(woken)
        to: Aim | None = None
        also: list[_Open] = []
        if group:
            to = aim(turn, _context(turns, position, threads), speakers,
                     [_thread(e, by_index) for e in live])
            if to.aside and (_soft(turn, read) or (to.thread is None and _unsure(turn, read))):
                continue  # a bystander's "ok" or "lol" beside two others' quarrel
            if to.outsider and _reaction(turn, read):
                continue  # a bystander's "lol ok" or "👍": no one's episode, and none of its own
            current = None if to.thread is None else live[to.thread]
            also = [live[i] for i in to.also] or _answered_repairs(
                live, current, turn, read, before=turns[:position], turns=by_index,
                named=to.named)
            own = _in_own_thread(turn, turns[:position], read, speakers=speakers, live=live,
                                 threads=threads)
            if own is not None:  # "@Kofi I'm sorry" replying to her own message to him
                live.append(own)
                current, also = own, []
            elif to.retarget and current is not None:  # the one its opener's rupture was at
                _retarget(current, turn.speaker, by_index)
            if current is None and read.crisis and live:
                current = max(live, key=lambda e: e.last)  # a crisis joins what is open
        else:
            current = live[-1] if live else None
        if current is None and position and _turns_from_silence(turn, turns[position - 1], read):
            continue
        if (read.crisis and not read.danger and not read.ruptures
                and (current is None or current.resolved)):
            # Talk of suicide or self-harm is no rupture between two people: it opens no
            # episode of its own (``safety`` names it), and ends a resolved one.
            if current is not None:
                close(current)
            continue
        if to is not None and current is None and not (read.ruptures or read.crisis):
            current = _owned_unlabelled(turn, turns[:position], read, speakers,
                                        reach=quiet_turns)
            if current is None and read.repairs:
                current = _named_by_opener([*live, *dormant], turn, speakers, by_index)
                if current in dormant:
                    dormant.remove(current)
            if current is not None and current not in live:
                live.append(current)
        if (read.ruptures or read.crisis) and _opens(current, read, turn, by_index):
            if current is not None:
                close(current)
            if to is None:
                parties, guessed = _parties(turn, turns[:position], speakers), False
            else:
                parties, guessed = (None if to.parties is None else set(to.parties)), to.guessed
            current = _Open(start=turn.index, last=turn.index, opener=turn.speaker,
                            parties=parties, guessed=guessed,
                            inferred=to is not None and to.inferred,
                            hurt={turns[k].speaker
                                  for k in range(max(position - _ANSWER_REACH, 0), position)
                                  if reads[k].hurts})
            live.append(current)
        for ep in ([] if current is None else [current]) + also:
            if _add(ep, turn, read, by_index, speakers):
                ep.last = turn.index
    for ep in list(live):
        close(ep)
    done.extend(_close(ep, by_index, speakers) for ep in dormant)
    return tuple(sorted((_with_leaves(ep, left, quiet_turns) for ep in done),
                        key=lambda e: e.start_turn))


def _with_leaves(ep: Episode, left: Sequence[Leave], quiet_turns: int) -> Episode:
    """``ep`` with those of its people who left the group chat while it was open or within
    ``quiet_turns`` turns of its last ("Nadia left" after her "ok")."""
    gone = tuple(leave for leave in left if leave.speaker in ep.between
                 and ep.start_turn <= leave.after_turn <= ep.end_turn + quiet_turns)
    return replace(ep, left=gone) if gone else ep



def awaiting_uptake(turns: Sequence[TurnAnalysis], *, quiet_turns: int = 8,
                    reach: int = 60) -> bool:
    """Whether a turn after ``turns`` comes while an episode's repair waits for its uptake: an
    ``attempted`` episode among the last ``reach`` turns, active within ``quiet_turns`` of it
    (the fusion lets the model's reconnection through there, round 15)."""
    if not turns:
        return False
    following = turns[-1].index + 1
    return any(e.status == "attempted" and following - e.end_turn <= quiet_turns
               for e in find_episodes(turns[-reach:], quiet_turns=quiet_turns))



def _thread(ep: _Open, turns: Mapping[int, TurnAnalysis]) -> Thread:
    movers = {turns[i].speaker for i in ep.rupture_turns}
    took_part = movers | {turns[i].speaker for i in (*ep.repair_turns, *ep.reconnect_turns)}
    return Thread(parties=None if ep.parties is None else frozenset(ep.parties), last=ep.last,
                  mutual=len(movers) > 1, guessed=ep.guessed, opener=ep.opener,
                  tentative=ep.inferred and took_part <= {ep.opener})


def _retarget(ep: _Open, speaker: str, turns: Mapping[int, TurnAnalysis]) -> None:
    """``speaker``'s rupture joins ``ep``, whose other party was only a guess (the one whose
    question the opener answered): ``speaker`` is the other party, and the one guessed was
    facilitating (their repairs and thanks leave it)."""
    ep.parties, ep.guessed, ep.inferred = {ep.opener, speaker}, False, False
    ep.repair_turns = [i for i in ep.repair_turns if turns[i].speaker in ep.parties]
    ep.reconnect_turns = [i for i in ep.reconnect_turns if turns[i].speaker in ep.parties]
    ep.initiator = turns[ep.repair_turns[0]].speaker if ep.repair_turns else None
    ep.resolved = bool(ep.repair_turns and ep.reconnect_turns)


def _turns_from_silence(turn: TurnAnalysis, previous: TurnAnalysis, read: _Read) -> bool:
    """Whether ``turn``'s only rupture is a withdrawal read from context (a minimal response, a
    topic shift) and it comes a day or more after ``previous``: nothing live to move away from."""
    if read.crisis or read.ruptures != [_WITHDRAWAL]:
        return False
    if _seconds_between(previous, turn) < QUIET_SECONDS:
        return False
    return set(turn.subtypes(_WITHDRAWAL)) <= _CONTEXT_WITHDRAWAL


def _opens(ep: _Open | None, read: _Read, turn: TurnAnalysis,
           turns: Mapping[int, TurnAnalysis]) -> bool:
    """Whether ``turn`` (a rupture or crisis turn) opens a new episode instead of joining ``ep``."""
    if ep is None:
        return True
    if ep.resolved:  # unless this turn repairs or takes up; a crisis opens one all the same
        return read.crisis or not (read.repairs or read.reconnect)
    if ep.repair_turns and not ep.crisis:  # a repair not taken up: is this a separate matter?
        return _seconds_between(turns[ep.last], turn) >= SEPARATE_SECONDS
    return False


def _add(ep: _Open, turn: TurnAnalysis, read: _Read, turns: Mapping[int, TurnAnalysis],
         speakers: Sequence[str]) -> bool:
    """Add ``turn`` to ``ep``; whether it added anything."""
    touched = False
    # Whether this turn's danger is between the episode's people, judged before it joins them.
    between = (ep.parties is None or turn.speaker in ep.parties
               or bool(ep.parties & set(named(turn, speakers))))
    if read.ruptures or read.crisis:
        ep.rupture_turns.append(turn.index)
        if ep.guessed and ep.parties is not None and turn.speaker not in ep.parties:
            _retarget(ep, turn.speaker, turns)  # the one asked was facilitating
        elif ep.parties is not None:
            ep.guessed = ep.guessed and turn.speaker == ep.opener
            ep.parties.add(turn.speaker)
        elif turn.speaker != ep.opener:  # the first to answer in kind was its target
            ep.parties = {ep.opener, turn.speaker}
        for label in read.ruptures + ([CRISIS] if read.crisis else []):
            ep.labels.setdefault(label, None)
            ep.subtypes.update(turn.subtypes(label))
        _owes(ep, turn.speaker, read)
        if _moves_against(turn, read):
            ep.movers.add(turn.speaker)
        touched = True
    if read.limit and _in_parties(ep, turn.speaker):  # a limit answers the episode, repairs nothing
        touched = True
    guarded = _hurt_partys_limit(ep, turn.speaker, read, turns)  # the hurt one's time-out
    touched = touched or guarded
    if read.hurts:
        ep.hurt.add(turn.speaker)
    if read.crisis:
        ep.crisis = True
        ep.stopped = ep.stopped or (read.danger and between)
        return touched  # a crisis turn's own repair labels do not count
    if ep.stopped:
        return touched
    repairs = (bool(read.repairs) and not guarded
               and _counts_as_repair(ep, turn, turns, speakers))
    if repairs and read.owns:  # "I'm sorry I brushed you off. Thank you for telling me."
        ep.owing.discard(turn.speaker)
        for scorners in (*ep.scorned.values(), *ep.blamed.values()):
            scorners.discard(turn.speaker)
    if repairs and read.gives_way:  # "I'm sorry. I didn't mean to make you feel attacked."
        ep.owing.update(ep.blamed.pop(turn.speaker, set()))
    # Uptake is judged against repairs made before this turn, then this turn's repair counts.
    reconnect = read.reconnect or (
        read.thanks_then_complaint and bool(ep.repair_turns)
        and read.answers == ep.repair_turns[-1])
    if (reconnect and ep.repair_turns and _in_parties(ep, turn.speaker)
            and (not ep.aimed or turn.speaker in ep.aimed) and turn.speaker not in ep.owing
            and (turn.speaker != turns[ep.repair_turns[-1]].speaker
                 or _thanks_for_reply(ep, turn, read, turns))
            and not _earlier(turn, turns[ep.repair_turns[-1]])):
        ep.reconnect_turns.append(turn.index)
        ep.resolved = True
        touched = True
    if repairs:
        if ep.parties is not None:  # a third person who owns their part is in it now
            ep.parties.add(turn.speaker)
            answers = None if read.answers is None else turns[read.answers].speaker
            ep.aimed = set(addressed(turn, speakers, answers)) & ep.parties
        ep.repair_turns.append(turn.index)
        if turn.speaker in ep.movers:
            ep.by_movers.add(turn.index)
        if ep.initiator is None:
            ep.initiator = turn.speaker
        touched = True
    return touched


def _counts_as_repair(ep: _Open, turn: TurnAnalysis, turns: Mapping[int, TurnAnalysis],
                      speakers: Sequence[str]) -> bool:
    """Whether ``turn``'s repair labels repair ``ep``: made by or to one of its parties, not sent
    before its rupture, and on the opening turn only an owning after the rupture."""
    if _earlier(turn, turns[ep.start]):
        return False
    if turn.index == ep.start and not _owns_after_rupture(turn):
        return False
    if _in_parties(ep, turn.speaker):
        return True
    # A third person who owns their own part to one of them ("ah gráinne i completely forgot
    # about your mam, im sorry") is in it; one who reflects, validates or asks is facilitating.
    return (any(e.label == _RESPONSIBILITY and not e.source.startswith(_MODEL_SOURCE)
                and _FIRST_PERSON.search(e.text) for e in turn.evidence)
            and bool(ep.parties and ep.parties & set(named(turn, speakers))))


def _parties(turn: TurnAnalysis, before: Sequence[TurnAnalysis],
             speakers: Sequence[str]) -> set[str] | None:
    """The rupture's speaker and its target: the people it names, else the last other speaker
    before it; None when there is no one to aim at."""
    names = named(turn, speakers)
    if names:
        return {turn.speaker, *names}
    previous = next((t.speaker for t in reversed(before) if t.speaker != turn.speaker), None)
    return None if previous is None else {turn.speaker, previous}



__all__ = ["QUIET_SECONDS", "SEPARATE_SECONDS", "awaiting_uptake", "find_episodes"]
