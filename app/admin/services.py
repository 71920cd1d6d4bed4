"""Changes made by administrators: staff accounts and invitations, consultations and the
taxonomy. Every change records an admin event (app.admin.audit); none commits."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.admin import audit
from app.admin.models import Invitation
from app.agenda.models import meeting_consultations
from app.db import rowcount, utcnow
from app.enums import Language, Role
from app.forms import Refused
from app.intake import invitations as stakeholder_links
from app.intake.confirmation import verify_confirmed_at
from app.intake.invitations import create_invitation
from app.intake.models import Draft, StakeholderInvitation, Submission
from app.security import token_digest
from app.staff.models import User
from app.staff.services import AccountError, create_user, normalise_email
from app.taxonomy.models import (
    Consultation,
    Organization,
    OrganizationDomain,
    Pillar,
    Sector,
    SectorIntro,
    Topic,
)
from app.taxonomy.queries import offered_pillars
from app.text import display_domain, fold, normalise_domain

# --- staff accounts -------------------------------------------------------------------------


def invite(
    session: Session,
    actor: User,
    email: str,
    role: Role,
    language: Language,
    now: datetime | None = None,
) -> tuple[Invitation, str]:
    """A new invitation and its token (only its hash is stored: the token goes in the e-mail
    and nowhere else), valid for INVITATION_HOURS."""
    now = now or utcnow()
    try:
        address = normalise_email(email)
    except AccountError:
        raise Refused(_l("Enter an e-mail address like name@example.org."), "email") from None
    if session.scalar(select(func.count()).select_from(User).where(User.email == address)):
        raise Refused(_l("There is already a staff account for this address."), "email")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=address,
        role=role,
        language=language,
        token_hash=token_digest(token),
        invited_by_id=actor.id,
        created_at=now,
        expires_at=now + timedelta(hours=current_app.config["INVITATION_HOURS"]),
    )
    session.add(invitation)
    session.flush()
    audit.record(
        session, actor, "user.invited", "invitation", invitation.id, address,
        after={"role": role.value, "language": language.value,
               "expires_at": invitation.expires_at.isoformat()},
    )  # fmt: skip
    return invitation, token


def invite_stakeholder(
    session: Session,
    actor: User,
    consultation: Consultation,
    organization: str,
    sector: Sector,
    email: str,
    language: Language,
    now: datetime | None = None,
) -> tuple[StakeholderInvitation, str]:
    """A named stakeholder's invitation to comment and the secret of its link (only its hash
    is stored), recorded in the administration trail. Refused for a closed consultation or an
    address that is not one; nothing is stored then."""
    now = now or utcnow()
    if consultation.archived_at is not None or consultation.closes_at <= now:
        raise Refused(
            _l("This consultation is closed: invite stakeholders only to one that is open or "
               "will open."),
            "consultation",
        )  # fmt: skip
    try:
        address = normalise_email(email)
    except AccountError:
        raise Refused(_l("Enter an e-mail address like name@example.org."), "email") from None
    invitation, secret = create_invitation(
        session, actor, consultation, organization, sector, address, language
    )
    audit.record(
        session, actor, "stakeholder.invited", "stakeholder", invitation.id,
        invitation.organization,
        after={"consultation": consultation.slug, "organization": invitation.organization,
               "sector": sector.code, "email": address, "language": language.value},
    )  # fmt: skip
    return invitation, secret


def revoke_stakeholder_invitation(
    session: Session, actor: User, invitation: StakeholderInvitation, now: datetime | None = None
) -> None:
    """Take back a stakeholder's invitation not yet used, so that its link opens nothing (the
    page of an unknown link), recorded in the administration trail. Refused when it was used,
    revoked or has expired; nothing changes then."""
    if not stakeholder_links.revoke_invitation(session, invitation, now):
        raise Refused(
            _l("This invitation can no longer be revoked: it was used, revoked or has expired.")
        )
    audit.record(
        session, actor, "stakeholder.revoked", "stakeholder", invitation.id,
        invitation.organization,
        before={"revoked": False},
        after={"revoked": True, "consultation": invitation.consultation.slug,
               "email": invitation.email},
    )  # fmt: skip


def invitation_by_token(session: Session, token: str) -> Invitation | None:
    return session.scalar(select(Invitation).where(Invitation.token_hash == token_digest(token)))


def invitation_usable(invitation: Invitation, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return (
        invitation.used_at is None and invitation.revoked_at is None and now < invitation.expires_at
    )


def accept_invitation(
    session: Session, invitation: Invitation, password: str, now: datetime | None = None
) -> User:
    """Create the account with the invitee's own password. Single use even when two tabs
    send at once: only one UPDATE finds the invitation unused."""
    now = now or utcnow()
    if not invitation_usable(invitation, now):
        raise Refused(_l("This invitation has expired or has already been used."))
    taken = session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(used_at=now)
    )
    if rowcount(taken) != 1:
        raise Refused(_l("This invitation has expired or has already been used."))
    try:
        user = create_user(
            session, invitation.email, password, invitation.role, invitation.language
        )
    except AccountError as exc:
        raise Refused(str(exc), "password") from None
    session.refresh(invitation)
    invitation.user_id = user.id
    audit.record(
        session, user, "invitation.accepted", "user", user.id, user.email,
        after={"role": user.role.value, "invitation_id": invitation.id},
    )  # fmt: skip
    return user


def _not_revocable() -> Refused:
    return Refused(
        _l("This invitation can no longer be revoked: it was used, revoked or has expired.")
    )


def revoke_invitation(
    session: Session, actor: User, invitation: Invitation, now: datetime | None = None
) -> None:
    """Revoke an invitation not yet used, so that its link no longer works. One conditional
    UPDATE, so an acceptance racing it cannot both succeed."""
    now = now or utcnow()
    if not invitation_usable(invitation, now):
        raise _not_revocable()
    revoked = session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    if rowcount(revoked) != 1:
        raise _not_revocable()
    session.refresh(invitation)
    audit.record(
        session, actor, "invitation.revoked", "invitation", invitation.id, invitation.email,
        before={"revoked": False}, after={"revoked": True, "role": invitation.role.value},
    )  # fmt: skip


def _guard_last_admin(session: Session, user: User) -> None:
    """Refuse to take away the last active administrator (rows locked on PostgreSQL so two
    administrators demoting each other at once cannot both succeed)."""
    if user.role is not Role.ADMIN or not user.is_active:
        return
    admins = session.scalars(
        select(User.id).where(User.role == Role.ADMIN, User.is_active.is_(True)).with_for_update()
    ).all()
    if not set(admins) - {user.id}:
        raise Refused(
            _l("This is the last active administrator. Make someone else an administrator first.")
        )


def change_role(session: Session, actor: User, user: User, role: Role) -> None:
    if user.role is role:
        return
    if role is not Role.ADMIN:
        _guard_last_admin(session, user)
    before = user.role.value
    user.role = role
    audit.record(
        session, actor, "user.role_changed", "user", user.id, user.email,
        before={"role": before}, after={"role": role.value},
    )  # fmt: skip


def deactivate(session: Session, actor: User, user: User) -> None:
    """The account can no longer sign in and every session of it ends at once."""
    if not user.is_active:
        return
    if user.id == actor.id:
        raise Refused(_l("You cannot deactivate your own account."))
    _guard_last_admin(session, user)
    user.is_active = False
    user.session_version += 1
    audit.record(
        session, actor, "user.deactivated", "user", user.id, user.email,
        before={"is_active": True}, after={"is_active": False},
    )  # fmt: skip


def reactivate(session: Session, actor: User, user: User) -> None:
    if user.is_active:
        return
    user.is_active = True
    audit.record(
        session, actor, "user.reactivated", "user", user.id, user.email,
        before={"is_active": False}, after={"is_active": True},
    )  # fmt: skip


def reset_second_factor(session: Session, actor: User, user: User) -> None:
    """For a lost phone: the account enrols a new second factor at its next sign-in."""
    had = user.totp_secret is not None
    user.totp_secret = None
    user.totp_last_step = None
    audit.record(
        session, actor, "user.second_factor_reset", "user", user.id, user.email,
        before={"second_factor": had}, after={"second_factor": False},
    )  # fmt: skip


# --- consultations --------------------------------------------------------------------------


@dataclass
class ConsultationData:
    slug: str
    title_en: str
    title_es: str
    description_en: str
    description_es: str
    opens_at: datetime
    closes_at: datetime
    timezone: str
    pillar_ids: list[int]
    topic_ids: list[int]
    # sector id -> (English, Spanish); absent or empty means no intro for that sector
    intros: dict[int, tuple[str, str]] = field(default_factory=dict)


def consultation_snapshot(c: Consultation) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "title_en": c.title_en,
        "title_es": c.title_es,
        "description_en": c.description_en,
        "description_es": c.description_es,
        "opens_at": c.opens_at.isoformat() if c.opens_at else None,
        "closes_at": c.closes_at.isoformat() if c.closes_at else None,
        "timezone": c.timezone,
        "archived_at": c.archived_at.isoformat() if c.archived_at else None,
        "pillars": sorted(p.code for p in c.pillars),
        "topics": sorted(t.code for t in c.topics),
        "intros": {i.sector.code: [i.intro_en, i.intro_es] for i in c.sector_intros},
    }


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _same_minute(stored: datetime, given: datetime) -> bool:
    return stored.replace(second=0, microsecond=0) == given.replace(second=0, microsecond=0)


def save_consultation(
    session: Session, actor: User, consultation: Consultation | None, data: ConsultationData
) -> Consultation:
    """Create (consultation None) or edit a consultation."""
    clash = session.scalar(select(Consultation.id).where(Consultation.slug == data.slug))
    if clash is not None and (consultation is None or clash != consultation.id):
        raise Refused(_l("Another consultation already uses this address."), "slug")
    if data.closes_at <= data.opens_at:
        raise Refused(_l("The closing time must be after the opening time."), "closes_at")
    pillars = list(session.scalars(select(Pillar).where(Pillar.id.in_(data.pillar_ids))))
    topics = list(session.scalars(select(Topic).where(Topic.id.in_(data.topic_ids))))
    if any(t.pillar_id not in set(data.pillar_ids) for t in topics):
        raise Refused(_l("Choose topics only under the pillars offered."), "topics")

    creating = consultation is None
    before = {} if consultation is None else consultation_snapshot(consultation)
    # The form shows what the consultation offers; sent back as shown, its links stay as they
    # are (none, meaning every active pillar and topic, or retired ones the form leaves out).
    offered = [] if consultation is None else offered_pillars(session, consultation)
    same_offer = not creating and (
        {p.id for p in offered} == set(data.pillar_ids)
        and {t.id for p in offered for t in p.topics} == set(data.topic_ids)
    )
    if consultation is None:
        consultation = Consultation()
        session.add(consultation)
    for name in ("slug", "title_en", "title_es", "description_en", "description_es"):
        setattr(consultation, name, getattr(data, name))
    # The form shows whole minutes: a time sent back as shown keeps its seconds (a seeded
    # window has some), anything else is stored as given.
    if creating or not _same_minute(consultation.opens_at, data.opens_at):
        consultation.opens_at = data.opens_at
    if creating or not _same_minute(consultation.closes_at, data.closes_at):
        consultation.closes_at = data.closes_at
    consultation.timezone = data.timezone
    if not same_offer:
        consultation.pillars = pillars
        consultation.topics = topics
    existing = {intro.sector_id: intro for intro in consultation.sector_intros}
    for sector_id, (intro_en, intro_es) in data.intros.items():
        intro = existing.pop(sector_id, None)
        if not (intro_en or intro_es):
            if intro is not None:
                consultation.sector_intros.remove(intro)
            continue
        if intro is None:
            intro = SectorIntro(sector_id=sector_id)
            consultation.sector_intros.append(intro)
        intro.intro_en, intro.intro_es = intro_en, intro_es
    session.flush()
    session.refresh(consultation)
    after = consultation_snapshot(consultation)
    if creating:
        audit.record(
            session, actor, "consultation.created", "consultation", consultation.id,
            consultation.slug, after=after,
        )  # fmt: skip
    else:
        old, new = _changed(before, after)
        if new:
            audit.record(
                session, actor, "consultation.updated", "consultation", consultation.id,
                consultation.slug, before=old, after=new,
            )  # fmt: skip
    return consultation


def submission_count(session: Session, consultation: Consultation) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Submission)
            .where(Submission.consultation_id == consultation.id)
        )
        or 0
    )


def close_consultation(
    session: Session, actor: User, consultation: Consultation, now: datetime | None = None
) -> None:
    """Stop accepting comments now (the window ends now)."""
    now = now or utcnow()
    if not consultation.is_open(now):
        raise Refused(_l("Only an open consultation can be closed."))
    before = consultation.closes_at.isoformat()
    consultation.closes_at = now
    audit.record(
        session, actor, "consultation.closed", "consultation", consultation.id,
        consultation.slug, before={"closes_at": before}, after={"closes_at": now.isoformat()},
    )  # fmt: skip


def set_archived(session: Session, actor: User, consultation: Consultation, archived: bool) -> None:
    """Archived: off the public list and closed to comments; its page and its comments stay."""
    if (consultation.archived_at is not None) == archived:
        return
    consultation.archived_at = utcnow() if archived else None
    audit.record(
        session, actor, "consultation.archived" if archived else "consultation.unarchived",
        "consultation", consultation.id, consultation.slug,
        before={"archived": not archived}, after={"archived": archived},
    )  # fmt: skip


def delete_consultation(session: Session, actor: User, consultation: Consultation) -> None:
    if submission_count(session, consultation):
        raise Refused(
            _l("This consultation has comments: it cannot be deleted, only closed or archived.")
        )
    linked = session.scalar(
        select(func.count())
        .select_from(meeting_consultations)
        .where(meeting_consultations.c.consultation_id == consultation.id)
    )
    if linked:
        raise Refused(_l("This consultation is linked to a meeting: it cannot be deleted."))
    before = consultation_snapshot(consultation)
    identifier, slug = consultation.id, consultation.slug
    # With no comment, none of its stakeholder invitations was used: they go with it, after
    # the drafts that may have been saved from them (drafts go anyway: ON DELETE CASCADE).
    session.execute(delete(Draft).where(Draft.consultation_id == identifier))
    session.execute(
        delete(StakeholderInvitation).where(StakeholderInvitation.consultation_id == identifier)
    )
    session.delete(consultation)
    session.flush()
    audit.record(
        session, actor, "consultation.deleted", "consultation", identifier, slug, before=before
    )


# --- the taxonomy ---------------------------------------------------------------------------

KINDS: dict[str, type[Pillar] | type[Topic] | type[Sector]] = {
    "pillars": Pillar,
    "topics": Topic,
    "sectors": Sector,
}
TaxonomyItem = Pillar | Topic | Sector


def _kind_of(item: TaxonomyItem) -> str:
    return {Pillar: "pillar", Topic: "topic", Sector: "sector"}[type(item)]


def _names(item: TaxonomyItem) -> dict[str, str]:
    names = {"name_en": item.name_en, "name_es": item.name_es}
    if isinstance(item, Pillar):
        names |= {"description_en": item.description_en, "description_es": item.description_es}
    return names


def _new_code(session: Session, model: type[Pillar] | type[Topic] | type[Sector], name: str) -> str:
    """A stable code from the English name, like the seed file's ("border_infrastructure")."""
    base = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")[:56] or "item"
    taken = set(session.scalars(select(model.code).where(model.code.like(f"{base}%"))))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def _siblings(session: Session, item: TaxonomyItem) -> list[Any]:
    model = type(item)
    stmt = select(model).order_by(model.position, model.id)
    if isinstance(item, Topic):
        stmt = stmt.where(Topic.pillar_id == item.pillar_id)
    return list(session.scalars(stmt))


def add_item(
    session: Session,
    actor: User,
    kind: str,
    names: dict[str, str],
    pillar: Pillar | None = None,
) -> TaxonomyItem:
    model = KINDS[kind]
    item = model(code=_new_code(session, model, names["name_en"]), **names)
    if isinstance(item, Topic):
        item.pillar_id = pillar.id  # type: ignore[union-attr]  # a topic's pillar is required
    item.position = max((s.position for s in _siblings(session, item)), default=0) + 1
    session.add(item)
    session.flush()
    after = {"code": item.code, **names}
    if isinstance(item, Topic):
        after["pillar"] = pillar.code  # type: ignore[union-attr]  # a topic's pillar is required
    audit.record(
        session, actor, f"{_kind_of(item)}.added", _kind_of(item), item.id, item.name_en,
        after=after,
    )  # fmt: skip
    return item


def rename_item(session: Session, actor: User, item: TaxonomyItem, names: dict[str, str]) -> None:
    """New names in both languages (the form requires both together)."""
    old, new = _changed(_names(item), names)
    if not new:
        return
    for name, value in new.items():
        setattr(item, name, value)
    audit.record(
        session, actor, f"{_kind_of(item)}.renamed", _kind_of(item), item.id, item.name_en,
        before=old, after=new,
    )  # fmt: skip


def move_item(session: Session, actor: User, item: TaxonomyItem, direction: str) -> None:
    """One place up or down among its siblings (a topic among its pillar's topics)."""
    siblings = _siblings(session, item)
    index = siblings.index(item)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        return
    before = [s.code for s in siblings]
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    audit.record(
        session, actor, f"{_kind_of(item)}.moved", _kind_of(item), item.id, item.name_en,
        before={"order": before}, after={"order": [s.code for s in siblings]},
    )  # fmt: skip


def set_retired(session: Session, actor: User, item: TaxonomyItem, retired: bool) -> None:
    """Retired: no longer offered on the form; old submissions keep it and still show it."""
    if (item.retired_at is not None) == retired:
        return
    item.retired_at = utcnow() if retired else None
    kind = _kind_of(item)
    audit.record(
        session, actor, f"{kind}.retired" if retired else f"{kind}.restored", kind, item.id,
        item.name_en, before={"retired": not retired}, after={"retired": retired},
    )  # fmt: skip


# --- verified organisations -----------------------------------------------------------------


@dataclass
class OrganizationData:
    name_en: str
    name_es: str
    sector_id: int
    country_code: str
    # As typed: one per line, any case, Unicode or A-labels (normalise_domain decides).
    domains: list[str]


def organization_snapshot(org: Organization) -> dict[str, Any]:
    return {
        "name_en": org.name_en,
        "name_es": org.name_es,
        "sector_id": org.sector_id,
        "country_code": org.country_code,
        "domains": sorted(d.domain for d in org.domains),
    }


def _organization_domains(
    session: Session, organization: Organization | None, typed: list[str]
) -> list[str]:
    """The typed domains normalised, or Refused (on the domains field) naming the first that
    is not a domain, is entered twice, or belongs to another organization."""
    domains: list[str] = []
    for entry in (line.strip() for line in typed):
        if not entry:
            continue
        try:
            domain = normalise_domain(entry)
        except ValueError:
            raise Refused(
                _l("“%(domain)s” is not an e-mail domain. Enter one per line, like "
                   "sonora.gob.mx (without “@” or “https://”).", domain=entry[:100]),
                "domains",
            ) from None  # fmt: skip
        if domain in domains:
            raise Refused(
                _l("%(domain)s is entered twice.", domain=display_domain(domain)), "domains"
            )
        domains.append(domain)
    if not domains:
        raise Refused(_l("Enter at least one e-mail domain."), "domains")
    stmt = select(OrganizationDomain).where(OrganizationDomain.domain.in_(domains))
    for taken in session.scalars(stmt):
        if organization is None or taken.organization_id != organization.id:
            raise Refused(
                _l("%(domain)s already belongs to %(name)s: a domain can verify one "
                   "organization only.", domain=display_domain(taken.domain),
                   name=taken.organization.name_en),
                "domains",
            )  # fmt: skip
    return domains


def save_organization(
    session: Session, actor: User, organization: Organization | None, data: OrganizationData
) -> Organization:
    """Add an organisation, or change one, with its domains. Comments already verified keep
    the organisation their address was confirmed with; comments whose address was confirmed
    at one of its domains before it was listed are verified with it now (audited)."""
    domains = _organization_domains(session, organization, data.domains)
    before = organization_snapshot(organization) if organization else {}
    if organization is None:
        organization = Organization()
        session.add(organization)
    organization.name_en = data.name_en
    organization.name_es = data.name_es
    organization.sector_id = data.sector_id
    organization.country_code = data.country_code
    kept = {d.domain: d for d in organization.domains}
    organization.domains = [kept.get(d) or OrganizationDomain(domain=d) for d in sorted(domains)]
    try:
        session.flush()
    except IntegrityError:
        # Another administrator listed the same domain a moment ago; the caller rolls back.
        raise Refused(
            _l("One of these domains already belongs to another organization."), "domains"
        ) from None
    after = organization_snapshot(organization)
    if before:
        old, new = _changed(before, after)
        if new:
            audit.record(
                session, actor, "organization.changed", "organization", organization.id,
                organization.name_en, before=old, after=new,
            )  # fmt: skip
    else:
        audit.record(
            session, actor, "organization.added", "organization", organization.id,
            organization.name_en, after=after,
        )  # fmt: skip
    # Addresses confirmed before the domain was listed are verified now, by the same rule.
    caught_up = verify_confirmed_at(session, organization, actor)
    if caught_up:
        audit.record(
            session, actor, "organization.verified", "organization", organization.id,
            organization.name_en, after={"submission_ids": caught_up},
        )  # fmt: skip
    return organization
