"""What of a submission may be published, and how its author is named: decided here once for
every public surface and public export (packets, exports, feeds; later the public record and
the API). A surface keeps its own wording ("Name, Organization", "Name (Organization)",
"Anonymous"); the decision is never its own.

The public text is `Submission.published_title` / `published_body` (the redacted version when
a moderator wrote one), the same rule for a loaded row and in SQL.
"""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import gettext
from sqlalchemy import or_
from sqlalchemy.sql.elements import ColumnElement

from app.enums import Consent, SubmissionStatus
from app.i18n import localized
from app.intake.models import Submission

# Consent to publish, with the author's name or without it; Consent.NONE is never published.
PUBLISHABLE_CONSENTS: frozenset[Consent] = frozenset({Consent.NAMED, Consent.ANONYMOUS})


def publishable_conditions() -> list[ColumnElement[bool]]:
    """The SQL conditions a publishable submission meets, to add to a query's WHERE. A list,
    so that a later rule (a comment whose author disputes it, say) is added here and reaches
    every surface at once."""
    return [
        Submission.status == SubmissionStatus.APPROVED,
        Submission.consent.in_(sorted(PUBLISHABLE_CONSENTS)),
        not_disputed(),
    ]


def not_disputed() -> ColumnElement[bool]:
    """No report "I did not send this" awaits a moderator: a disputed comment is out of every
    public surface and of every packet, internal ones included."""
    return Submission.disputed_at.is_(None)


def is_publishable(submission: Submission) -> bool:
    """The same rule for one loaded submission (keep in step with publishable_conditions;
    tests/test_publication.py checks that they agree)."""
    return (
        submission.status is SubmissionStatus.APPROVED
        and submission.consent in PUBLISHABLE_CONSENTS
        and submission.disputed_at is None
    )


def may_name(consent: Consent | str) -> bool:
    """Whether the author may be named: only with consent to be named. The same in every
    packet, internal ones included (they are for officials, not a licence to name people who
    declined); only an internal export, for the secretariat's own use, carries names anyway."""
    return Consent(consent) is Consent.NAMED


def may_name_condition() -> ColumnElement[bool]:
    """may_name in SQL: where a query must know whether the author's name and organization
    are shown (the public record's search, app/public)."""
    return Submission.consent == Consent.NAMED


class PublicAuthor(NamedTuple):
    """The author as a public surface may show them: both None for an anonymous comment."""

    name: str | None
    organization: str | None

    @property
    def named(self) -> bool:
        return self.name is not None


ANONYMOUS = PublicAuthor(None, None)


def public_author(
    consent: Consent | str, name: str | None, organization: str | None
) -> PublicAuthor:
    """The author fields of one comment, from its stored values (the exports' plain rows)."""
    if not may_name(consent):
        return ANONYMOUS
    return PublicAuthor(name, organization)


def public_verified_organization(consent: Consent | str, organization: str | None) -> str | None:
    """The verified organisation of a comment, as a public surface may show it: it names the
    author's organisation as surely as the one typed on the form, so only where the author
    may be named."""
    return organization if may_name(consent) else None


class Verification(NamedTuple):
    """Who vouches for a comment's organisation: a listed organisation whose domain its
    confirmed address is at, or the secretariat's invitation (app.intake.invitations). Both
    count as verified; the label says which."""

    organization: str
    invited: bool

    def label(self) -> str:
        """ "Verified: <organisation>" or "Invited: <organisation>", in the current language."""
        if self.invited:
            # Translators: a comment sent through the secretariat's personal invitation.
            return gettext("Invited: %(name)s", name=self.organization)
        return gettext("Verified: %(name)s", name=self.organization)


def verification_of(submission: Submission, lang: str | None = None) -> Verification | None:
    """How a loaded submission is verified, with the organisation's name in `lang` (the page's
    language by default); None when it is self-declared. For staff surfaces and internal
    packets; a public surface calls public_verification."""
    organization = submission.verified_organization
    invitation = submission.invitation
    return verification_from(
        localized(organization, "name", lang) if organization is not None else None,
        invitation.organization if invitation is not None else None,
    )


def verification_from(listed: str | None, invited: str | None) -> Verification | None:
    """The rule itself, for callers holding plain rows: a listed organisation (its name)
    wins over an invitation (its organisation); neither, self-declared."""
    if listed:
        return Verification(listed, invited=False)
    if invited:
        return Verification(invited, invited=True)
    return None


def verified_condition() -> ColumnElement[bool]:
    """verification_of as SQL: a listed organisation's confirmed address, or an invitation."""
    return or_(Submission.verified_organization_id.is_not(None), Submission.invitation.has())


def public_verification(submission: Submission, lang: str | None = None) -> Verification | None:
    """verification_of as a public surface may show it: under public_verified_organization's
    rule (only where the author may be named)."""
    return public_verification_from(submission.consent, verification_of(submission, lang))


def public_verification_from(
    consent: Consent | str, verification: Verification | None
) -> Verification | None:
    """The same rule for a verification already found (pages that read plain rows)."""
    if verification is None:
        return None
    if public_verified_organization(consent, verification.organization) is None:
        return None
    return verification


def author_of(submission: Submission) -> PublicAuthor:
    """The author fields of a loaded submission."""
    return public_author(submission.consent, submission.submitter_name, submission.organization)
