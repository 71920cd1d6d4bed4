"""The packet as a document model, built once from the database and rendered three ways
(app/packets/render.py): printable HTML, PDF and DOCX.

Every word of the packet's own (headings, labels, the internal marking) is fixed here, in
one or both languages, so the three renderings cannot drift apart. Comments stay in the
language they were written in, labelled with it.

Bilingual packets ("both") are one document whose headings and labels read "English /
Español" and whose agenda summaries appear in both languages; each comment appears once,
as written. Two halves would double the paper for the comments, which are not translated.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from babel import Locale
from flask import g
from flask_babel import format_date, format_decimal, ngettext, pgettext
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.campaigns.queries import CampaignGroup, additions, shown_once
from app.db import utcnow
from app.enums import Audience
from app.i18n import force_language, language_name, localized, reading_zone
from app.intake import publication
from app.intake.models import Submission
from app.packets import queries
from app.packets.chart import bar_chart_svg
from app.packets.models import PacketLanguage
from app.text import fold
from app.themes import queries as themes

Progress = Callable[[int, int], None]


# --- the document tree ------------------------------------------------------------------------


@dataclass
class Labels:
    """The packet's own words, already in the packet's language(s)."""

    packet: str
    internal_mark: str
    public_mark: str
    level: str
    date: str
    place: str
    consultation: str
    prepared: str
    summary: str
    contents: str
    org_index: str
    org_index_intro: str
    comments_total: str
    comments_column: str
    chart_pillar: str
    chart_sector: str
    table_country: str
    table_state: str
    country: str
    sector: str
    organization: str
    state: str
    language: str
    tracking_code: str
    email_confirmed: str
    anonymous: str
    not_for_publication: str
    pinned: str
    no_comments: str
    secretariat_summary: str
    campaign: str
    signed_by: str
    campaign_added: str
    what_we_heard: str
    convergence: str
    quotes: str


@dataclass
class CountTable:
    title: str
    column: str
    rows: list[tuple[str, int]]


@dataclass
class Chart:
    """A bar chart whose text alternative (`alt`) gives every count, so a screen reader
    reads what the bars show; the numbers are not repeated in a table."""

    title: str
    rows: list[tuple[str, int]]
    alt: str
    svg: str


@dataclass
class Addition:
    """What one sender of a form letter wrote themselves (campaigns.diff.added_parts)."""

    author: str
    paragraphs: list[str]


@dataclass
class CampaignInfo:
    count: int
    count_text: str
    signatories: list[str]
    anonymous_text: str
    additions: list[Addition] = field(default_factory=list)


@dataclass
class Comment:
    number: str
    anchor: str
    tracking_code: str
    title: str
    paragraphs: list[str]
    lang: str
    language: str
    sector: str
    author: str
    state: str
    not_for_publication: bool
    pinned: bool
    campaign: CampaignInfo | None = None
    # Internal packets only: the author confirmed their e-mail address (issue 17).
    email_confirmed: bool = False
    # "Verified: <organisation>" (or "Invited: …"), in the packet's language(s); None when
    # self-declared or, in a public packet, when the author may not be named.
    verified: str | None = None


@dataclass
class SummaryText:
    lang: str
    language: str
    paragraphs: list[str]


@dataclass
class HeardQuote:
    """A sentence that stands for a theme, as written; `anchor` is its comment in the packet."""

    lang: str
    language: str
    text: str
    number: str
    anchor: str


@dataclass
class HeardTheme:
    """One theme of an item's comments (app.themes.queries.summary over those comments)."""

    label: str
    count_text: str
    sectors: str
    countries: str
    converges: bool
    quotes: list[HeardQuote]


@dataclass
class Section:
    number: int
    anchor: str
    title: str
    count_text: str
    summaries: list[SummaryText]
    comments: list[Comment]
    # "What we heard": the themes of the item's comments, most comments first.
    heard: list[HeardTheme] = field(default_factory=list)


@dataclass
class TocEntry:
    number: str
    title: str
    anchor: str
    detail: str = ""


@dataclass
class CoverBlock:
    """The cover in one language. A bilingual packet sets the English and the Spanish block
    side by side, each in its own words, rather than joining every line with " / "."""

    lang: str
    kicker: str
    title: str
    rows: list[tuple[str, str]]
    mark: str
    prepared: str


@dataclass
class Cover:
    title: str
    date: str
    blocks: list[CoverBlock]


@dataclass
class PageNumbers:
    """ "Page" and "of" in one language: "Page 3 of 9", "Página 3 de 9"."""

    lang: str
    page: str
    of: str


@dataclass
class Summary:
    total: int
    total_text: str
    # "12 of 80 comments from verified organizations": verified against self-declared.
    verified_text: str
    tables: list[CountTable]
    charts: list[Chart]


@dataclass
class PacketDocument:
    languages: tuple[str, ...]
    lang: str
    internal: bool
    labels: Labels
    cover: Cover
    summary: Summary
    toc: list[TocEntry]
    sections: list[Section]
    org_index: list[tuple[str, list[tuple[str, str]]]]
    running_title: str
    generated_at: datetime
    page_numbers: list[PageNumbers]
    total: int
    format_number: Callable[[int], str] = field(repr=False, default=str)

    @property
    def html_lang(self) -> str:
        return self.lang

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1


# --- wording in one or both languages ---------------------------------------------------------


def _join(parts: Iterable[str]) -> str:
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return " / ".join(seen)


class Wording:
    """Say something in each of the packet's languages and join the results."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        # flask_babel.force_locale does nothing while `g` is empty (a worker's fresh
        # app context); give it something to hold on to.
        g.packet_languages = self.languages

    def __call__(self, make: Callable[[], object]) -> str:
        parts = []
        for lang in self.languages:
            with force_language(lang):
                parts.append(str(make()))
        return _join(parts)

    def field(self, obj: object, name: str) -> str:
        return _join(localized(obj, name, lang) for lang in self.languages)

    def number(self, value: int) -> str:
        with force_language(self.languages[0]):
            return format_decimal(value)

    def date(self, value: date) -> str:
        return self(lambda: format_date(value, "long"))

    def one(self, lang: str) -> Wording:
        """The same wording in one of the packet's languages only."""
        return Wording((lang,))

    def language_name(self, code: str) -> str:
        """ "Written in: English" / "Escrito en: inglés" (lower case in Spanish)."""
        return _join(language_name(code, lang) for lang in self.languages)


def _labels(say: Wording) -> Labels:
    return Labels(
        packet=say(lambda: _("Agenda packet")),
        internal_mark=say(lambda: _("Internal — includes comments not for publication")),
        public_mark=say(
            lambda: _("Public version: only comments whose authors consented to publication")
        ),
        level=say(lambda: _("Level")),
        date=say(lambda: _("Date")),
        place=say(lambda: _("Place")),
        consultation=say(lambda: _("Consultation")),
        prepared=say(lambda: _("Prepared by the Secretariat")),
        summary=say(lambda: _("Summary")),
        contents=say(lambda: _("Contents")),
        org_index=say(lambda: _("Index of organizations")),
        org_index_intro=say(
            lambda: _("Organizations that agreed to be named, with the numbers of their comments.")
        ),
        comments_total=say(lambda: _("Comments in this packet")),
        comments_column=say(lambda: _("Comments")),
        chart_pillar=say(lambda: _("Comments by pillar")),
        chart_sector=say(lambda: _("Comments by sector")),
        table_country=say(lambda: _("Comments by country")),
        table_state=say(lambda: _("Comments by state or region")),
        country=say(lambda: _("Country")),
        sector=say(lambda: _("Sector")),
        organization=say(lambda: _("Organization")),
        state=say(lambda: pgettext("heading over a place", "State or region")),
        language=say(lambda: _("Written in")),
        tracking_code=say(lambda: _("Reference")),
        email_confirmed=say(lambda: _("E-mail confirmed")),
        anonymous=say(lambda: _("Anonymous")),
        not_for_publication=say(lambda: _("Not for publication")),
        pinned=say(lambda: _("Highlighted by the Secretariat")),
        no_comments=say(lambda: _("No comments were placed on this item.")),
        secretariat_summary=say(lambda: _("Summary by the Secretariat")),
        campaign=say(lambda: _("Form letter")),
        signed_by=say(lambda: _("Signed by")),
        campaign_added=say(lambda: _("Added by senders in their own words")),
        what_we_heard=say(lambda: _("What we heard")),
        convergence=say(
            lambda: _("Convergence: backed by at least three sectors and by both countries")
        ),
        quotes=say(lambda: _("In their own words")),
    )


# --- building ---------------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one are kept as spaces."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block]


def _comment_lang(submission: Submission) -> str:
    return submission.detected_language or submission.page_language.value


def _named(submission: Submission) -> bool:
    return publication.may_name(submission.consent)


def _author(submission: Submission, labels: Labels) -> str:
    """Names only where app.intake.publication allows it; otherwise "Anonymous", in every
    packet (the internal one included)."""
    author = publication.author_of(submission)
    if author.name is None:
        return labels.anonymous
    return f"{author.name}, {author.organization}" if author.organization else author.name


def _signatory(submission: Submission, say: Wording, internal: bool) -> str | None:
    """A campaign member as its list of signatories names it, with its verification mark by
    the rule of the comments' own (_verified): "Water Alliance (Verified: …)"."""
    author = publication.author_of(submission)
    name = author.organization or author.name
    if name is None:
        return None
    mark = _verified(submission, say, internal)
    return f"{name} ({mark})" if mark else name


def _state(submission: Submission, say: Wording) -> str:
    if submission.region is not None:
        return f"{say.field(submission.region, 'name')} ({say.field(submission.country, 'name')})"
    return say.field(submission.country, "name")


def _count_rows(counter: Counter[tuple[int, str]], by_order: bool = False) -> list[tuple[str, int]]:
    """Pillars and sectors in their own order (as the agenda reads); places by count."""
    if by_order:
        rows = sorted(counter.items(), key=lambda kv: kv[0])
    else:
        rows = sorted(counter.items(), key=lambda kv: (-kv[1], fold(kv[0][1])))
    return [(label, count) for (_order, label), count in rows]


def _chart(title: str, rows: list[tuple[str, int]], say: Wording) -> Chart:
    alt = f"{title}: " + "; ".join(f"{label}: {say.number(n)}" for label, n in rows) + "."
    return Chart(title, rows, alt, bar_chart_svg(rows, alt, say.number))


def build_document(
    session: Session,
    meeting: Meeting,
    language: PacketLanguage,
    audience: Audience,
    progress: Progress | None = None,
) -> PacketDocument:
    """Read the meeting's packet from the database and lay it out as a document tree."""
    internal = audience is Audience.INTERNAL
    say = Wording(language.languages)
    labels = _labels(say)
    entries = queries.packet_entries(session, meeting.id, internal)
    total = len(entries)
    zone = reading_zone(meeting.consultations)
    agenda = _by_item(meeting, entries)
    form_letters = _form_letters(session, entries)
    sections, shown = _sections(
        agenda, form_letters, say, labels, internal, _ticker(progress, total)
    )
    _what_we_heard(session, agenda, sections, shown, say, internal)
    summary = _summary(agenda, total, say, labels, internal)
    generated_at = utcnow()
    cover = _cover(meeting, total, internal, generated_at.astimezone(zone).date(), say)
    return PacketDocument(
        languages=language.languages,
        lang=language.languages[0],
        internal=internal,
        labels=labels,
        cover=cover,
        summary=summary,
        toc=_toc(summary, sections, labels),
        sections=sections,
        org_index=_org_index(shown),
        running_title=f"{cover.title} · {cover.date}",
        generated_at=generated_at,
        page_numbers=[_page_numbers(lang) for lang in say.languages],
        total=total,
        format_number=say.number,
    )


# --- the steps of build_document --------------------------------------------------------------


@dataclass
class _Shown:
    """A comment as the packet shows it, and the submissions behind it: one, or the members
    of a form letter."""

    comment: Comment
    submissions: list[Submission]


def _by_item(
    meeting: Meeting, entries: list[AgendaEntry]
) -> list[tuple[AgendaItem, list[AgendaEntry]]]:
    """Every agenda item in its order with its entries (in the packet's order); an item
    without comments is still a section."""
    by_item: dict[int, list[AgendaEntry]] = defaultdict(list)
    for entry in entries:
        by_item[entry.agenda_item_id].append(entry)  # type: ignore[index]
    items = sorted(meeting.items, key=lambda item: (item.position, item.id))
    return [(item, by_item.get(item.id, [])) for item in items]


def _form_letters(session: Session, entries: list[AgendaEntry]) -> dict[int, CampaignGroup]:
    """Campaigns with more than one member in this packet, by id. Each is shown once, where
    its first member would have been, with the representative text."""
    members = [
        entry.submission
        for entry in entries
        if entry.submission.campaign_id is not None and not entry.submission.campaign_excluded
    ]
    letters: dict[int, CampaignGroup] = {}
    for shown in shown_once(session, members):
        if isinstance(shown, CampaignGroup) and shown.count > 1:
            letters[shown.campaign.id] = shown
            # The parts senders added to the letter, from the published (redacted) text.
            shown.added = additions(
                session, shown.campaign, [(m.id, m.published_body) for m in shown.members]
            )
    return letters


def _ticker(progress: Progress | None, total: int) -> Callable[[], None]:
    """Called once per entry read, to report `progress(done, total)`."""
    done = itertools.count(1)

    def tick() -> None:
        read = next(done)
        if progress is not None:
            progress(read, total)

    return tick


def _comments_text(say: Wording, n: int) -> str:
    return say(lambda: ngettext("%(count)s comment", "%(count)s comments", n, count=say.number(n)))


def _sections(
    agenda: list[tuple[AgendaItem, list[AgendaEntry]]],
    form_letters: dict[int, CampaignGroup],
    say: Wording,
    labels: Labels,
    internal: bool,
    tick: Callable[[], None],
) -> tuple[list[Section], list[_Shown]]:
    """One section per agenda item, its comments numbered within it; also every comment
    shown, for the index of organizations."""
    sections: list[Section] = []
    shown: list[_Shown] = []
    campaigns_shown: set[int] = set()
    for number, (item, entries) in enumerate(agenda, start=1):
        comments = _item_comments(
            entries, number, form_letters, campaigns_shown, say, labels, internal, tick
        )
        shown += comments
        sections.append(
            Section(
                number=number,
                anchor=f"section-{number}",
                title=say.field(item, "title"),
                # Every entry placed on the item, a form letter's copies included.
                count_text=_comments_text(say, len(entries)),
                summaries=_summaries(item, say),
                comments=[s.comment for s in comments],
            )
        )
    return sections, shown


def _item_comments(
    entries: list[AgendaEntry],
    number: int,
    form_letters: dict[int, CampaignGroup],
    campaigns_shown: set[int],
    say: Wording,
    labels: Labels,
    internal: bool,
    tick: Callable[[], None],
) -> list[_Shown]:
    """An item's comments, numbered "3.1", "3.2"…; a form letter's later members are
    left out, as it is shown at the first one met."""
    shown: list[_Shown] = []
    for entry in entries:
        tick()
        sub = entry.submission
        letter = form_letters.get(sub.campaign_id) if sub.campaign_id is not None else None
        if letter is not None and sub.campaign_id in campaigns_shown:
            continue
        comment_number = f"{number}.{len(shown) + 1}"
        if letter is not None:
            campaigns_shown.add(letter.campaign.id)
            comment = _campaign_comment(letter, comment_number, say, labels, internal)
            shown.append(_Shown(comment, letter.members))
        else:
            comment = _comment(sub, entry, comment_number, say, labels, internal)
            shown.append(_Shown(comment, [sub]))
    return shown


def _what_we_heard(
    session: Session,
    agenda: list[tuple[AgendaItem, list[AgendaEntry]]],
    sections: list[Section],
    shown: list[_Shown],
    say: Wording,
    internal: bool,
) -> None:
    """Each item's "What we heard": every theme its comments belong to, counted over those
    comments only (what this packet holds), with quotes from them in the language they were
    written in; a public packet quotes publishable comments only."""
    # Where each comment is in the packet (a form letter's copies: where the letter is).
    where = {sub.id: s.comment for s in shown for sub in s.submissions}
    for (_item, entries), section in zip(agenda, sections, strict=True):
        ids = [entry.submission_id for entry in entries]
        found = themes.themes_among(session, ids)
        order = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        for theme_id, members in order:
            theme = themes.theme(session, theme_id)
            if theme is None:
                continue
            summary = themes.summary(
                session,
                theme,
                name=lambda obj: say.field(obj, "name"),
                among=members,
                publishable_only=not internal,
            )
            if not summary.comments:
                continue
            section.heard.append(
                HeardTheme(
                    # A public packet's: from its publishable comments only (summary).
                    label=say.field(summary, "label")
                    or say(lambda: _("A theme without key words")),
                    count_text=_comments_text(say, summary.comments),
                    sectors="; ".join(f"{n} ({say.number(c)})" for n, c in summary.sectors),
                    countries="; ".join(f"{n} ({say.number(c)})" for n, c in summary.countries),
                    converges=summary.converges,
                    quotes=[
                        HeardQuote(
                            q.lang,
                            say.language_name(q.lang),
                            q.text,
                            where[q.submission_id].number,
                            where[q.submission_id].anchor,
                        )
                        # The packet's language first; every quote as it was written.
                        for lang in sorted(summary.quotes, key=lambda x: x not in say.languages)
                        for q in summary.quotes[lang]
                        if q.submission_id in where
                    ],
                )
            )


def _verified(sub: Submission, say: Wording, internal: bool) -> str | None:
    """The comment's verification mark in the packet's language(s): always in an internal
    packet, in a public one under the exports' rule (app.intake.publication)."""
    pick = publication.verification_of if internal else publication.public_verification
    marks = []
    for lang in say.languages:
        verification = pick(sub, lang)
        if verification is None:
            return None
        with force_language(lang):
            marks.append(verification.label())
    return _join(marks)


def _verified_text(say: Wording, verified: int, total: int) -> str:
    return say(
        lambda: ngettext(
            "%(verified)s of %(total)s comment from verified organizations",
            "%(verified)s of %(total)s comments from verified organizations",
            total,
            verified=say.number(verified),
            total=say.number(total),
        )
    )


def _summary(
    agenda: list[tuple[AgendaItem, list[AgendaEntry]]],
    total: int,
    say: Wording,
    labels: Labels,
    internal: bool,
) -> Summary:
    """Counts of the comments placed: by pillar and sector as charts, by country and state
    as tables (each number shown once), and how many are verified (by the rule the marks on
    the comments follow, so the count agrees with what the reader sees)."""
    pick = publication.verification_of if internal else publication.public_verification
    verified = 0
    pillars: Counter[tuple[int, str]] = Counter()
    sectors: Counter[tuple[int, str]] = Counter()
    countries: Counter[tuple[int, str]] = Counter()
    states: Counter[tuple[int, str]] = Counter()
    for _item, entries in agenda:
        for entry in entries:
            sub = entry.submission
            pillar = sub.primary_pillar
            pillars[(pillar.position, say.field(pillar, "name"))] += 1
            sectors[(sub.sector.position, say.field(sub.sector, "name"))] += 1
            countries[(sub.country.position, say.field(sub.country, "name"))] += 1
            states[(0, _state(sub, say))] += 1
            verified += pick(sub) is not None
    charts = [
        _chart(title, rows, say)
        for title, rows in (
            (labels.chart_pillar, _count_rows(pillars, by_order=True)),
            (labels.chart_sector, _count_rows(sectors, by_order=True)),
        )
        if rows
    ]
    return Summary(
        total=total,
        total_text=_comments_text(say, total),
        verified_text=_verified_text(say, verified, total),
        tables=[
            CountTable(labels.table_country, labels.country, _count_rows(countries)),
            CountTable(labels.table_state, labels.state, _count_rows(states)),
        ],
        charts=charts,
    )


def _toc(summary: Summary, sections: list[Section], labels: Labels) -> list[TocEntry]:
    toc = [TocEntry("", labels.summary, "summary", summary.total_text)]
    toc += [TocEntry(str(s.number), s.title, s.anchor, s.count_text) for s in sections]
    toc.append(TocEntry("", labels.org_index, "organizations"))
    return toc


def _org_index(shown: list[_Shown]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each organization that agreed to be named, with the number and anchor of every
    comment it sent or signed, alphabetically."""
    refs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in shown:
        names = {m.organization for m in item.submissions if _named(m) and m.organization}
        for name in names:
            refs[name].append((item.comment.number, item.comment.anchor))
    return sorted(refs.items(), key=lambda kv: fold(kv[0]))


def _cover(meeting: Meeting, total: int, internal: bool, prepared_on: date, say: Wording) -> Cover:
    """`prepared_on` is the day as the consultation's time zone reads it: a packet built
    at 22:12 in Mexico City on 6 December says 6 December."""
    blocks = []
    for lang in say.languages:
        one = say.one(lang)
        labels = _labels(one)
        place = localized(meeting, "place", lang)
        rows = [
            (labels.level, one(lambda: meeting.level.label)),
            (labels.date, one.date(meeting.meeting_date)),
            *([(labels.place, place)] if place else []),
            *[(labels.consultation, one.field(c, "title")) for c in meeting.consultations],
            (labels.comments_total, one.number(total)),
        ]
        blocks.append(
            CoverBlock(
                lang=lang,
                kicker=labels.packet,
                title=one.field(meeting, "title"),
                rows=rows,
                mark=labels.internal_mark if internal else labels.public_mark,
                prepared=f"{labels.prepared} · {one.date(prepared_on)}",
            )
        )
    return Cover(
        title=say.field(meeting, "title"), date=say.date(meeting.meeting_date), blocks=blocks
    )


def _page_numbers(lang: str) -> PageNumbers:
    with force_language(lang):
        return PageNumbers(lang, _("Page"), _("of"))


def _own_name(lang: str) -> str:
    """ "English", "Español": a summary's language named in itself, as a heading over it."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def _summaries(item: AgendaItem, say: Wording) -> list[SummaryText]:
    found = []
    for lang in say.languages:
        text = getattr(item, f"summary_{lang}", "") or ""
        if text.strip():
            found.append(SummaryText(lang, _own_name(lang), _paragraphs(text)))
    if not found:
        # Written in one language only: show it rather than nothing, labelled as such.
        for lang in ("en", "es"):
            text = getattr(item, f"summary_{lang}", "") or ""
            if text.strip():
                found.append(SummaryText(lang, _own_name(lang), _paragraphs(text)))
                break
    return found


def _comment(
    sub: Submission,
    entry: AgendaEntry,
    number: str,
    say: Wording,
    labels: Labels,
    internal: bool,
) -> Comment:
    lang = _comment_lang(sub)
    return Comment(
        number=number,
        anchor=f"c-{sub.tracking_code}",
        tracking_code=sub.tracking_code,
        title=sub.published_title,
        paragraphs=_paragraphs(sub.published_body),
        lang=lang,
        language=say.language_name(lang),
        sector=say.field(sub.sector, "name"),
        author=_author(sub, labels),
        state=_state(sub, say),
        not_for_publication=internal and not publication.is_publishable(sub),
        pinned=entry.pinned,
        email_confirmed=internal and sub.email_confirmed_at is not None,
        verified=_verified(sub, say, internal),
    )


def _places(group: list[Submission], say: Wording) -> str:
    places = list(dict.fromkeys(_state(m, say) for m in group))
    return "; ".join(places[:3]) + (" …" if len(places) > 3 else "")


def _campaign_comment(
    letter: CampaignGroup,
    number: str,
    say: Wording,
    labels: Labels,
    internal: bool,
) -> Comment:
    group = letter.members
    representative = letter.representative
    lang = _comment_lang(representative)
    signatories = sorted({s for s in (_signatory(m, say, internal) for m in group) if s}, key=fold)
    anonymous = sum(1 for member in group if not _named(member))
    count = len(group)
    return Comment(
        number=number,
        anchor=f"c-{representative.tracking_code}",
        tracking_code=representative.tracking_code,
        title=representative.published_title,
        paragraphs=_paragraphs(representative.published_body),
        lang=lang,
        language=say.language_name(lang),
        sector="; ".join(dict.fromkeys(say.field(m.sector, "name") for m in group)),
        author=labels.campaign,
        state=_places(group, say),
        not_for_publication=internal and not all(map(publication.is_publishable, group)),
        pinned=False,
        campaign=CampaignInfo(
            count=count,
            count_text=say(
                lambda: ngettext(
                    "Sent by %(count)s person or organization",
                    "Sent by %(count)s people or organizations",
                    count,
                    count=say.number(count),
                )
            ),
            signatories=signatories,
            additions=[
                Addition(_author(m, labels), letter.added[m.id])
                for m in group
                if m.id in letter.added and m.id != representative.id
            ],
            anonymous_text=say(
                lambda: ngettext(
                    "and %(count)s who asked not to be named",
                    "and %(count)s who asked not to be named",
                    anonymous,
                    count=say.number(anonymous),
                )
            )
            if anonymous
            else "",
        ),
    )


# --- file names -------------------------------------------------------------------------------


def file_stem(
    meeting: Meeting, language: PacketLanguage, audience: Audience, prefix: str | None
) -> str:
    """`hled-2026-12-cabinet-packet-es`: prefix (configured, or the first consultation's slug
    without its trailing year), the meeting's year and month, level, audience when internal,
    language."""
    if not prefix:
        slugs = sorted(c.slug for c in meeting.consultations)
        prefix = re.sub(r"-\d{4}$", "", slugs[0]) if slugs else "meeting"
    parts = [
        prefix,
        f"{meeting.meeting_date:%Y-%m}",
        meeting.level.value.replace("_", "-"),
        "packet",
    ]
    if audience is Audience.INTERNAL:
        parts.append("internal")
    parts.append("en-es" if language is PacketLanguage.BOTH else language.value)
    stem = "-".join(parts)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")
