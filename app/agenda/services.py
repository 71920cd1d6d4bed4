"""Changing meetings and their agendas. These functions flush but never commit: the view
that calls them commits once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app import outcomes
from app.agenda import queries
from app.agenda.models import AgendaEntry, AgendaItem, AgendaOutcome, Meeting
from app.enums import MeetingLevel, OutcomeKind
from app.staff.models import User
from app.taxonomy.models import Consultation
from app.taxonomy.queries import active_pillars
from app.themes import queries as themes


def create_meeting(
    session: Session,
    *,
    title_en: str,
    title_es: str,
    level: MeetingLevel,
    meeting_date: date,
    place_en: str,
    place_es: str,
    consultations: list[Consultation],
) -> Meeting:
    """A new meeting with one agenda item per active pillar, in the pillars' order."""
    meeting = Meeting(
        title_en=title_en,
        title_es=title_es,
        level=level,
        meeting_date=meeting_date,
        place_en=place_en or "",
        place_es=place_es or "",
    )
    meeting.consultations = list(consultations)
    for position, pillar in enumerate(active_pillars(session), start=1):
        meeting.items.append(
            AgendaItem(
                position=position,
                pillar_id=pillar.id,
                title_en=pillar.name_en,
                title_es=pillar.name_es,
            )
        )
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(
    session: Session,
    meeting: Meeting,
    *,
    title_en: str,
    title_es: str,
    level: MeetingLevel,
    meeting_date: date,
    place_en: str,
    place_es: str,
    consultations: list[Consultation],
) -> None:
    meeting.title_en = title_en
    meeting.title_es = title_es
    meeting.level = level
    meeting.meeting_date = meeting_date
    meeting.place_en = place_en or ""
    meeting.place_es = place_es or ""
    meeting.consultations = list(consultations)
    session.flush()


# Agenda items ---------------------------------------------------------------------------


def _renumber_items(meeting: Meeting) -> None:
    for position, item in enumerate(sorted(meeting.items, key=lambda i: (i.position, i.id)), 1):
        item.position = position


def add_item(session: Session, meeting: Meeting, title_en: str, title_es: str) -> AgendaItem:
    position = max((item.position for item in meeting.items), default=0) + 1
    item = AgendaItem(position=position, title_en=title_en, title_es=title_es)
    meeting.items.append(item)
    session.flush()
    return item


def edit_item(session: Session, item: AgendaItem, **values: str) -> None:
    for name in ("title_en", "title_es", "summary_en", "summary_es"):
        setattr(item, name, values.get(name) or "")
    session.flush()


def move_item(session: Session, item: AgendaItem, step: int) -> bool:
    """Swap the item with its neighbour above (step -1) or below (+1); False at an end."""
    meeting = item.meeting
    _renumber_items(meeting)
    ordered = sorted(meeting.items, key=lambda i: i.position)
    index = ordered.index(item)
    other = index + step
    if not 0 <= other < len(ordered):
        return False
    ordered[index].position, ordered[other].position = (
        ordered[other].position,
        ordered[index].position,
    )
    session.flush()
    return True


def delete_item(session: Session, item: AgendaItem) -> bool:
    """Delete an item that holds no entry; False (and nothing done) otherwise."""
    if queries.item_entries(session, item.id):
        return False
    meeting = item.meeting
    meeting.items.remove(item)
    session.flush()
    _renumber_items(meeting)
    session.flush()
    return True


# Agenda entries -------------------------------------------------------------------------


def _home_item(meeting: Meeting, pillar_id: int) -> AgendaItem | None:
    """The item for a submission of this primary pillar: the first item of that pillar, or
    else the first item of the agenda (None when the agenda has no item at all)."""
    ordered = sorted(meeting.items, key=lambda i: i.position)
    for item in ordered:
        if item.pillar_id == pillar_id:
            return item
    return ordered[0] if ordered else None


def place_unplaced(session: Session, meeting: Meeting) -> int:
    """Put every approved submission of the meeting's consultations that is not yet on its
    agenda into the item of its primary pillar (the first item when no item has that pillar),
    after the entries already there. Returns how many were placed."""
    if not meeting.items:
        return 0
    next_position: dict[int, int] = {}
    placed = 0
    for submission in queries.unplaced(session, meeting.id):
        item = _home_item(meeting, submission.primary_pillar_id)
        if item is None:  # pragma: no cover - the agenda has items (checked above)
            break
        if item.id not in next_position:
            next_position[item.id] = queries.next_entry_position(session, item.id)
        session.add(
            AgendaEntry(
                meeting_id=meeting.id,
                agenda_item_id=item.id,
                submission_id=submission.id,
                position=next_position[item.id],
            )
        )
        next_position[item.id] += 1
        placed += 1
    session.flush()
    return placed


@dataclass
class Proposal:
    """What "Propose from themes" did: items that received comments, themes whose comments
    were placed, comments placed; `themes_found` counts the top themes looked at."""

    items: int = 0
    themes: int = 0
    comments: int = 0
    themes_found: int = 0


def propose_from_themes(session: Session, meeting: Meeting, per_item: int) -> Proposal:
    """Fill each pillar's item (the first item of that pillar) with the pillar's strongest
    themes (app.themes.queries.top) over the meeting's consultations: the approved comments
    of each theme, not yet on this agenda, are placed at the end of the item, theme after
    theme, so the item reads as one sub-section per theme. Nothing already on the agenda is
    moved, restored or removed (a person placed or excluded it), so a second click adds only
    what joined the themes since."""
    done = Proposal()
    consultation_ids = [c.id for c in meeting.consultations]
    seen_pillars: set[int] = set()
    for item in sorted(meeting.items, key=lambda i: (i.position, i.id)):
        if item.pillar_id is None or item.pillar_id in seen_pillars:
            continue
        seen_pillars.add(item.pillar_id)
        top = themes.top(session, consultation_ids, item.pillar_id, per_item)
        done.themes_found += len(top)
        position = queries.next_entry_position(session, item.id)
        filled = False
        for theme in top:
            ids = queries.unplaced_among(session, meeting.id, themes.member_ids(session, theme.id))
            for submission_id in ids:
                session.add(
                    AgendaEntry(
                        meeting_id=meeting.id,
                        agenda_item_id=item.id,
                        submission_id=submission_id,
                        position=position,
                    )
                )
                position += 1
            if ids:
                done.themes += 1
                done.comments += len(ids)
                filled = True
            session.flush()
        done.items += int(filled)
    return done


def move_entry(session: Session, entry: AgendaEntry, item: AgendaItem) -> None:
    """Put the entry at the end of another item (restoring it if it was excluded)."""
    if entry.agenda_item_id == item.id and not entry.excluded:
        return
    entry.position = queries.next_entry_position(session, item.id)
    entry.agenda_item_id = item.id
    entry.excluded = False
    session.flush()


def exclude_entry(session: Session, entry: AgendaEntry) -> None:
    entry.excluded = True
    entry.agenda_item_id = None
    entry.pinned = False
    session.flush()


def restore_entry(session: Session, meeting: Meeting, entry: AgendaEntry) -> bool:
    """Bring an excluded entry back into its pillar's item; False when the agenda has none."""
    item = _home_item(meeting, entry.submission.primary_pillar_id)
    if item is None:
        return False
    move_entry(session, entry, item)
    return True


def move_entry_within(session: Session, entry: AgendaEntry, step: int) -> bool:
    """Swap the entry with its neighbour in the item's order (pinned ones first); an entry
    does not cross the line between pinned and unpinned. False when it cannot move."""
    if entry.agenda_item_id is None:
        return False
    ordered = queries.item_entries(session, entry.agenda_item_id)
    for position, row in enumerate(ordered, start=1):
        row.position = position
    index = ordered.index(entry)
    other = index + step
    if not 0 <= other < len(ordered) or ordered[other].pinned != entry.pinned:
        session.flush()
        return False
    entry.position, ordered[other].position = ordered[other].position, entry.position
    session.flush()
    return True


def set_pinned(session: Session, entry: AgendaEntry, pinned: bool) -> None:
    entry.pinned = pinned and not entry.excluded
    session.flush()


# Outcomes -------------------------------------------------------------------------------


def record_outcome(
    session: Session,
    actor: User,
    item: AgendaItem,
    *,
    kind: OutcomeKind,
    note_en: str,
    note_es: str,
) -> AgendaOutcome:
    """Add the item's new outcome; the earlier ones stay as its history (who, what, when)."""
    outcome = outcomes.record(
        item.outcomes, AgendaOutcome, actor, kind=kind, note_en=note_en, note_es=note_es
    )
    session.flush()
    return outcome
