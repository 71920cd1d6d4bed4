"""Mail to the people who send comments: the receipt, in the language of the page they used."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _

from app.hosts import external_url
from app.i18n import force_language, localized
from app.intake.models import StakeholderInvitation, Submission
from app.mail import build_message, send_after_commit
from app.taxonomy.models import Consultation


def send_receipt(submission: Submission, link_token: str) -> None:
    """Queue the receipt for after the commit, with the link that confirms the address
    (`link_token`, from app.intake.confirmation.issue_secret); nothing when no address was
    given."""
    if not submission.email:
        return
    lang = submission.page_language.value
    with force_language(lang):
        code = submission.tracking_code
        receipt_url = external_url("intake.receipt", lang=lang, code=code)
        confirm_url = external_url("intake.confirm_email", lang=lang, code=code, token=link_token)
        report_url = external_url("intake.report_not_mine", lang=lang, code=code, token=link_token)
        subject = _("We received your comment %(code)s", code=submission.tracking_code)
        body = render_template(
            "intake/receipt_email.txt",
            submission=submission,
            receipt_url=receipt_url,
            confirm_url=confirm_url,
            report_url=report_url,
            lang=lang,
        )
    send_after_commit(build_message(current_app, submission.email, subject, body))


def send_draft_link(address: str, consultation: Consultation, lang: str, secret: str) -> None:
    """Queue, for after the commit, the link that resumes a saved draft, in the page's
    language. The only copy of the secret besides the one shown once on screen."""
    with force_language(lang):
        draft_url = external_url(
            "intake.resume_draft", lang=lang, slug=consultation.slug, secret=secret
        )
        subject = _("Your saved comment: the link to finish it")
        body = render_template(
            "intake/draft_email.txt",
            consultation=consultation,
            draft_url=draft_url,
            lang=lang,
            days=current_app.config["DRAFT_DAYS"],
        )
    send_after_commit(build_message(current_app, address, subject, body))


def send_stakeholder_invitation(invitation: StakeholderInvitation, secret: str) -> None:
    """Queue, for after the commit, a stakeholder's invitation with its personal link, in the
    language chosen for it. The only copy of the secret."""
    lang = invitation.language.value
    consultation = invitation.consultation
    with force_language(lang):
        link = external_url("intake.invited", lang=lang, slug=consultation.slug, secret=secret)
        subject = _(
            "Invitation to comment: %(title)s", title=localized(consultation, "title", lang)
        )
        body = render_template(
            "intake/invitation_email.txt",
            invitation=invitation,
            consultation=consultation,
            link=link,
            lang=lang,
        )
    send_after_commit(build_message(current_app, invitation.email, subject, body))
