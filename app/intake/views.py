"""The public pages: open consultations, a consultation, its form, receipt and status."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from app.db import commit_keeping_loaded, db, writing
from app.enums import Consent, Language
from app.errors import InvalidTransition, render_error
from app.hosts import external_url
from app.i18n import current_language
from app.intake import followups, queries
from app.intake.attachments import (
    AttachmentRefused,
    CheckedFile,
    attachment_limits,
    check_upload,
    too_many_files,
)
from app.intake.confirmation import confirm_email as confirm
from app.intake.confirmation import report_not_sent, submission_for_link
from app.intake.drafts import (
    DRAFT_FIELDS,
    answers_of,
    discard_draft,
    draft_for_link,
    file_for_link,
    kept_files,
    save_draft,
)
from app.intake.forms import (
    BODY_MAX,
    FormOptions,
    LinkForm,
    ReportForm,
    StatusForm,
    SubmissionForm,
    WithdrawForm,
    fill_choices,
    form_options,
    validate_as_draft,
)
from app.intake.invitations import (
    FROM_DRAFT,
    invitation_for_form,
    invitation_for_link,
    invitation_of_draft,
    spend_invitation,
)
from app.intake.models import DraftAttachment, StakeholderInvitation, Submission
from app.intake.notifications import send_draft_link, send_receipt
from app.intake.services import (
    NewSubmission,
    create_submission,
    detect_pending,
    files_kept_only_if_committed,
    find_by_nonce,
    follower_running,
    withdraw,
)
from app.intake.storage import discard_unused
from app.security import LoadShedder, limiter, was_shed
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation

bp = Blueprint("intake", __name__, url_prefix="/<lang:lang>")
log = logging.getLogger(__name__)

RECEIPTS_IN_SESSION = 20


@bp.get("/")
def index() -> str:
    consultations = taxonomy_queries.open_consultations(db.session)

    def page() -> str:
        return render_template("intake/index.html", consultations=consultations)

    if not _blank_page_applies():
        return page()
    # The same page for everyone until a consultation opens, closes or changes.
    return _kept_page(tuple((c.id, c.updated_at) for c in consultations), page)


def _consultation_or_404(slug: str) -> Consultation:
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    if found is None:
        abort(404)
    return found


@bp.get("/c/<slug>/")
def consultation(slug: str) -> str:
    found = _consultation_or_404(slug)
    pillars = taxonomy_queries.offered_pillars(db.session, found)
    return render_template("intake/consultation.html", consultation=found, pillars=pillars)


# --- the form -------------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="form-started")


def _render_form(
    consultation: Consultation,
    form: SubmissionForm,
    status: int = 200,
    notice: str | None = None,
) -> tuple[str, int]:
    options = fill_choices(form, db.session, consultation)
    if not form.started.data:
        form.started.data = _new_started()
    if not form.nonce.data:
        form.nonce.data = _new_nonce()
    if request.method == "GET" and notice is None and _blank_page_applies():
        return _blank_form_page(consultation, form, options), status
    return _form_page(consultation, form, options, notice), status


def _new_started() -> str:
    return _serializer().dumps(int(time.time()))


def _new_nonce() -> str:
    return secrets.token_urlsafe(24)


def _form_page(
    consultation: Consultation, form: SubmissionForm, options: FormOptions, notice: str | None
) -> str:
    # Files cannot be put back into a file input: say so only when some were sent.
    attachments_dropped = request.method == "POST" and any(
        upload.filename for upload in request.files.getlist("attachments")
    )
    return render_template(
        "intake/submit.html",
        consultation=consultation,
        form=form,
        notice=notice,
        attachments_dropped=attachments_dropped,
        # The files kept with the draft the form was resumed from, and those ticked to go.
        kept_files=kept_files(db.session, consultation, form.draft.data),
        removed_files=_removed_file_ids(),
        body_max=BODY_MAX,
        pillars=list(options.pillars),
    )


# The blank form is the same page for every visitor but for its three per-visitor values: it
# is rendered once per language, consultation and offer with these stand-ins, which each
# request replaces with its own (URL-safe tokens: nothing to escape).
BLANK_VALUES = {
    "csrf_token": "consulta-blank-csrf-token",  # a stand-in, not a secret  # nosec B105
    "started": "consulta-blank-started",
    "nonce": "consulta-blank-nonce",
}


def _blank_page_applies() -> bool:
    """A first visit's page: no query string (each would be a page of its own to keep) and no
    flashed message waiting in the session."""
    return not request.query_string and "_flashes" not in session


def _kept_pages() -> dict[tuple[str, str], tuple[Any, str]]:
    pages: dict[tuple[str, str], tuple[Any, str]] = current_app.extensions.setdefault(
        "consulta.kept_pages", {}
    )
    return pages


def _kept_page(version: Any, render: Callable[[], str]) -> str:
    """A public page that is the same for every first visit, rendered once per language, path
    and `version` per process (what it shows depends on nothing else)."""
    cache = _kept_pages()
    key = (current_language(), request.path)
    entry = cache.get(key)
    if entry is None or entry[0] != version:
        page = render()
        # A form token drawn for this visitor's session must not be handed to the next
        # visitor: a page carrying one other than the stand-in is never kept.
        if page.count('name="csrf_token"') > page.count(BLANK_VALUES["csrf_token"]):
            return page
        entry = cache[key] = (version, page)  # one assignment: thread-safe
    return entry[1]


def _blank_form_page(consultation: Consultation, form: SubmissionForm, options: FormOptions) -> str:
    """The blank form with this visitor's token, start time and nonce. Rendering the ~200
    options and the macros was most of the cost of a form GET (see docs/performance.md)."""

    def render_with_stand_ins() -> str:
        own = {name: _field_value(form, name) for name in BLANK_VALUES}
        for name, stand_in in BLANK_VALUES.items():
            _set_field_value(form, name, stand_in)
        try:
            return _form_page(consultation, form, options, notice=None)
        finally:
            for name, value in own.items():
                _set_field_value(form, name, value)

    page = _kept_page(_blank_form_version(consultation, options), render_with_stand_ins)
    return _with_visitor_values(page, {name: _field_value(form, name) for name in BLANK_VALUES})


def _blank_form_version(consultation: Consultation, options: FormOptions) -> Any:
    return (consultation.id, consultation.updated_at, options.version)


def _with_visitor_values(page: str, values: dict[str, str]) -> str:
    for name, stand_in in BLANK_VALUES.items():
        page = page.replace(stand_in, values[name])
    return page


def _kept_blank_form(consultation: Consultation) -> str | None:
    """A first visit's form page from the kept page, without building the form (its 18
    fields were a fifth of a GET's CPU): the same token Flask-WTF's field would draw, a start
    time and a nonce. None when the page is not kept yet (or no longer current)."""
    version = _blank_form_version(consultation, form_options(db.session, consultation))
    entry = _kept_pages().get((current_language(), request.path))
    if entry is None or entry[0] != version:
        return None
    values = {"csrf_token": generate_csrf(), "started": _new_started(), "nonce": _new_nonce()}
    return _with_visitor_values(entry[1], values)


def _field_value(form: SubmissionForm, name: str) -> str:
    field = form[name]
    # The CSRF field shows the token Flask-WTF generated for this session, not its data.
    return str(field.current_token if name == "csrf_token" else field.data)


def _set_field_value(form: SubmissionForm, name: str, value: str) -> None:
    if name == "csrf_token":
        form.csrf_token.current_token = value
    else:
        form[name].data = value


def _filled_too_fast(form: SubmissionForm) -> bool:
    try:
        started = _serializer().loads(form.started.data or "", max_age=7 * 24 * 3600)
    except BadSignature:
        return True
    min_seconds: int = current_app.config["FORM_MIN_SECONDS"]
    return time.time() - int(started) < min_seconds


def _checked_files(form: SubmissionForm, already: int = 0) -> list[CheckedFile]:
    """The files sent with the form, checked; what is refused becomes the field's errors.
    `already`: how many files the draft the form was resumed from brings with it."""
    uploads = [f for f in (form.attachments.data or []) if f and f.filename]
    max_files, _max_bytes = attachment_limits()
    if len(uploads) + already > max_files:
        for upload in uploads:
            upload.close()
        form.attachments.errors = [too_many_files(max_files)]
        return []
    checked, problems = _check_uploads(uploads)
    if problems:
        form.attachments.errors = problems
    return checked


def _check_uploads(
    uploads: list[Any], room: int | None = None
) -> tuple[list[CheckedFile], list[str]]:
    """Check each upload by the attachment rules (app.intake.attachments.check_upload);
    returns the accepted files and, for each refused one, "name: why". Past `room` files,
    the rest are refused for their number. Closes every upload."""
    max_files, max_bytes = attachment_limits()
    checked: list[CheckedFile] = []
    problems: list[str] = []
    try:
        for upload in uploads:
            if room is not None and len(checked) >= room:
                problems.append(f"{upload.filename}: {too_many_files(max_files)}")
                continue
            data = upload.read(max_bytes + 1)
            try:
                checked.append(check_upload(upload.filename or "", data, max_bytes=max_bytes))
            except AttachmentRefused as refused:
                problems.append(f"{upload.filename}: {refused.message}")
        return checked, problems
    finally:
        for upload in uploads:
            upload.close()


def _removed_file_ids() -> set[int]:
    """The draft's files the visitor ticked "Remove" for (ids; anything else is ignored)."""
    if request.method != "POST":
        return set()
    values = request.form.getlist("remove_file")
    return {int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 18}


def _files_to_keep(consultation: Consultation, form: SubmissionForm) -> list[DraftAttachment]:
    removed = _removed_file_ids()
    return [f for f in kept_files(db.session, consultation, form.draft.data) if f.id not in removed]


def _kept_files_lost(kept: list[DraftAttachment]) -> bool:
    """Whether files the form showed as already attached (and not ticked Remove) are no
    longer kept: the draft expired, or was sent or saved again elsewhere, after the form was
    opened. Sending would leave them out without a word."""
    values = request.form.getlist("kept_file")
    shown = {int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 18}
    return bool(shown - _removed_file_ids() - {f.id for f in kept})


def _show_access_code_once(code: str, access_code: str) -> None:
    """Kept in the session until the receipt shows it, then gone: nowhere else to find it."""
    session["access_codes"] = {**session.get("access_codes", {}), code: access_code}


def _remember_receipt(code: str) -> None:
    codes = [c for c in session.get("receipts", []) if c != code]
    session["receipts"] = ([code, *codes])[:RECEIPTS_IN_SESSION]


@bp.route("/c/<slug>/submit", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["RATELIMIT_SUBMIT"], methods=["POST"], exempt_when=was_shed
)
def submit(slug: str) -> Response | tuple[str, int] | tuple[str, int, dict[str, str]]:
    earlier_id = None
    if request.method == "POST":
        # The nonce's earlier submission comes with the consultation: one query, not two.
        found, earlier_id = queries.consultation_and_earlier(
            db.session, slug, request.form.get("nonce")
        )
        if found is None:
            abort(404)
    else:
        found = _consultation_or_404(slug)
        if found.is_open() and _blank_page_applies():
            blank = _kept_blank_form(found)
            if blank is not None:
                return blank, 200
    form = SubmissionForm()
    if not found.is_open():
        status = 403 if request.method == "POST" else 200
        return render_template("intake/closed.html", consultation=found, form=form), status
    if request.method == "GET":
        return _render_form(found, form)
    if was_shed():
        # The server was too busy to take it (app.security.LoadShedder): nothing is stored,
        # nothing is lost, the same form (same nonce) goes back to be sent again.
        page, status = _render_form(
            found,
            form,
            status=503,
            notice=_(
                "The server is very busy right now, so your comment has not been sent yet. "
                "Everything you wrote is below: please send it again in a moment."
            ),
        )
        return page, status, {"Retry-After": str(LoadShedder.RETRY_AFTER_S)}
    if "save_draft" in request.form:
        return _save_draft(found, form)

    # A retried POST (double click, flaky connection) gets the receipt it already earned.
    earlier = db.session.get(Submission, earlier_id) if earlier_id is not None else None
    if earlier is not None and _same_text(form, earlier):
        _remember_receipt(earlier.tracking_code)
        return redirect(url_for(".receipt", code=earlier.tracking_code), code=303)
    if earlier is not None:
        # The Back button brought the sent form back and the visitor changed it: their new
        # text is neither lost nor silently swapped for the first receipt.
        form.nonce.data = None
        return _render_form(
            found,
            form,
            status=409,
            notice=_(
                "This form was already sent and received as %(code)s. Your changes are below:"
                " send them as a new comment, or leave the page to keep only the first one.",
                code=earlier.tracking_code,
            ),
        )

    options = fill_choices(form, db.session, found)
    valid = form.validate()
    kept = _files_to_keep(found, form)
    files = _checked_files(form, already=len(kept))
    if not valid or form.attachments.errors:
        return _render_form(found, form, status=422)
    if _kept_files_lost(kept):
        # Nothing is stored; the form comes back as an ordinary one, without the dead link.
        form.draft.data = None
        return _render_form(
            found,
            form,
            status=409,
            notice=_(
                "The link of the comment you saved no longer works (it has expired, or the "
                "comment was sent or saved again), so the files attached to it are no longer "
                "kept. Your comment has not been sent. Everything you wrote is below: attach "
                "the files again, or send it without them."
            ),
        )
    if form.website.data or _filled_too_fast(form):
        form.started.data = None
        return _render_form(
            found,
            form,
            status=422,
            notice=_("Please take a moment to check your comment, then send it again."),
        )

    invitation: StakeholderInvitation | None = None
    if form.invitation.data:
        invitation = invitation_for_form(db.session, found, form.invitation.data, form.draft.data)
        if invitation is None:
            return _invitation_refused(found, form)

    data = _new_submission_from(form, files, options)
    data.kept_files = kept
    upload_dir = current_app.config["UPLOAD_DIR"]
    try:
        with files_kept_only_if_committed(db.session, upload_dir) as stored:
            submission, secret = create_submission(db.session, found, data, stored)
            if invitation is not None and not spend_invitation(db.session, invitation, submission):
                raise InvitationSpent
            # Sent: the draft it was resumed from has done its work; its files that were
            # carried over are the submission's now, those removed are no one's.
            released = discard_draft(db.session, found, form.draft.data)
            # Read in the transaction (and at most every two seconds): after the commit a
            # query would open a second one.
            followed = follower_running(db.session)
            commit_keeping_loaded(db.session)
    except InvitationSpent:
        # Another request sent a comment through the same link a moment before.
        return _invitation_refused(found, form)
    except IntegrityError:
        # A retried POST that raced the first: both carried the same nonce.
        earlier = find_by_nonce(db.session, form.nonce.data)
        if earlier is None:
            raise
        submission = earlier
    else:
        discard_unused(db.session, upload_dir, released)
        if not followed:
            _detect_campaign_after_response(submission)
        if submission.email:
            send_receipt(submission, secret)
        else:
            _show_access_code_once(submission.tracking_code, secret)
    _remember_receipt(submission.tracking_code)
    return redirect(url_for(".receipt", code=submission.tracking_code), code=303)


# Comments a web worker detects after its response when no follower runs: its own, and a
# few left queued before it (a follower that stopped), in arrival order.
AFTER_RESPONSE_LIMIT = 4


def _detect_campaign_after_response(submission: Submission) -> None:
    """Campaign detection once the receipt's redirect has been sent (the server closes the
    response), when no follower (`flask campaigns follow`) runs: the queue's first comments,
    this one normally alone, in a transaction of their own. The visitor does not wait for it;
    a failure, or a process that dies first, leaves the comment queued for the follower's
    sweep (or the next response)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def detect_now() -> None:
        with app.app_context():
            try:
                with writing():
                    # The request's row, as it was committed (its session is closed by now):
                    # attached again, it is not read a second time.
                    db.session.add(submission)
                    detect_pending(db.session, limit=AFTER_RESPONSE_LIMIT, known=(submission,))
                    db.session.commit()
            except Exception:
                db.session.rollback()
                log.exception("campaign detection after the response failed")

    @after_this_request
    def run_on_close(response: Response) -> Response:
        response.call_on_close(detect_now)
        return response


# --- drafts: save and finish later ----------------------------------------------------------

NO_STORE = {"Cache-Control": "no-store"}


def _save_draft(consultation: Consultation, form: SubmissionForm) -> Response | tuple[str, int]:
    """Keep what was typed and the files attached (those the attachment rules accept; the
    page then says which were refused and why) and show its link once; e-mail it when an
    address was given. Nothing is required, but nothing a submission may never hold is kept."""
    fill_choices(form, db.session, consultation)
    uploads = [f for f in (form.attachments.data or []) if f and f.filename]
    if not validate_as_draft(form) or form.website.data:
        for upload in uploads:
            upload.close()
        notice = None
        if form.website.data:
            notice = _("Please take a moment to check your comment, then send it again.")
        return _render_form(consultation, form, status=422, notice=notice)
    kept = _files_to_keep(consultation, form)
    max_files, _max_bytes = attachment_limits()
    files, refused = _check_uploads(uploads, room=max(max_files - len(kept), 0))
    lang = current_language()
    answers = {name: form[name].data for name in DRAFT_FIELDS}
    # Saved from an invited form: the draft keeps the invitation (by id), while it is usable.
    invitation = (
        invitation_for_form(db.session, consultation, form.invitation.data, form.draft.data)
        if form.invitation.data
        else None
    )
    upload_dir = current_app.config["UPLOAD_DIR"]
    with files_kept_only_if_committed(db.session, upload_dir) as stored:
        saved = save_draft(
            db.session,
            consultation,
            answers,
            Language(lang),
            replacing=form.draft.data,
            kept=kept,
            files=files,
            stored=stored,
            invitation_id=invitation.id if invitation is not None else None,
        )
        db.session.commit()
    discard_unused(db.session, upload_dir, saved.released_keys)
    secret = saved.secret
    if form.email.data:
        send_draft_link(form.email.data, consultation, lang, secret)
    # Kept in the session until the next page shows it, then gone, like the access code.
    session["draft_saved"] = {
        "slug": consultation.slug,
        "secret": secret,
        "emailed": bool(form.email.data),
        "files_kept": len(kept) + len(files),
        "files_refused": refused,
    }
    return redirect(url_for(".draft_saved", slug=consultation.slug), code=303)


@bp.get("/c/<slug>/draft-saved")
def draft_saved(slug: str) -> Response | tuple[str, int, dict[str, str]]:
    found = _consultation_or_404(slug)
    saved = session.pop("draft_saved", None)
    if not saved or saved.get("slug") != slug:
        return redirect(url_for(".submit", slug=slug), code=303)
    link = external_url(
        "intake.resume_draft", lang=current_language(), slug=slug, secret=saved["secret"]
    )
    page = render_template(
        "intake/draft_saved.html",
        consultation=found,
        link=link,
        emailed=saved["emailed"],
        files_kept=saved["files_kept"],
        files_refused=saved["files_refused"],
        days=current_app.config["DRAFT_DAYS"],
    )
    return page, 200, NO_STORE


def _draft_not_valid(consultation: Consultation | None) -> tuple[str, int, dict[str, str]]:
    """One page for an expired, used, tampered or unknown draft link: nothing to learn."""
    page = render_template("intake/draft_invalid.html", consultation=consultation)
    return page, 404, NO_STORE


@bp.get("/c/<slug>/draft/<secret>")
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"])
def resume_draft(slug: str, secret: str) -> tuple[str, int, dict[str, str]]:
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    draft = draft_for_link(db.session, found, secret) if found is not None else None
    if found is None or draft is None:
        return _draft_not_valid(found)
    invitation = invitation_of_draft(db.session, found, draft)
    data = {**answers_of(draft), "draft": secret}
    if invitation is not None:
        data["invitation"] = FROM_DRAFT
    form = SubmissionForm(formdata=None, data=data)
    if not found.is_open():
        return render_template("intake/closed.html", consultation=found, form=form), 200, NO_STORE
    # Writing began when the draft was first saved: a prompt send is no bot's.
    form.started.data = _serializer().dumps(int(draft.created_at.timestamp()))
    notices = [
        _(
            "This is the comment you saved. Finish it and send it, or save it again for later "
            "(you will then get a new link, and this one will stop working)."
        )
    ]
    if invitation is not None:
        notices.append(_invited_notice(invitation))
    elif draft.invitation_id is not None:
        notices.append(
            _(
                "The invitation this comment was saved from can no longer be used: it may have "
                "been used, revoked or have expired. Sent from here, it is an ordinary comment, "
                "not shown as coming from the invited organization."
            )
        )
    page, status = _render_form(found, form, notice=" ".join(notices))
    return page, status, NO_STORE


@bp.get("/c/<slug>/draft/<secret>/files/<int:file_id>")
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"])
def draft_file(slug: str, secret: str, file_id: int) -> Response | tuple[str, int, dict[str, str]]:
    """A file kept with a draft, for the holder of its link only (no staff route reads
    drafts' files); anything else gets the page of a link that does not work."""
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    kept = file_for_link(db.session, found, secret, file_id) if found is not None else None
    path = Path(current_app.config["UPLOAD_DIR"]) / kept.storage_key if kept else None
    if kept is None or path is None or not path.is_file():
        return _draft_not_valid(found)
    response = send_file(
        path,
        mimetype=kept.content_type,
        as_attachment=True,
        download_name=kept.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


# --- invitations to named stakeholders -------------------------------------------------------


class InvitationSpent(Exception):
    """Raised inside the submission's transaction so that it is rolled back whole."""


def _invitation_not_valid(consultation: Consultation | None) -> tuple[str, int, dict[str, str]]:
    """One page for a used, expired, revoked, tampered or unknown invitation link: nothing to
    learn from it."""
    page = render_template("intake/invitation_invalid.html", consultation=consultation)
    return page, 404, NO_STORE


def _invitation_refused(consultation: Consultation, form: SubmissionForm) -> tuple[str, int]:
    """A form sent with a used, expired, revoked, foreign or unknown invitation (or from a
    draft whose invitation is one of those): nothing is stored, and the text comes back to be
    sent as an ordinary comment (the same answer whatever the cause)."""
    form.invitation.data = None
    return _render_form(
        consultation,
        form,
        status=409,
        notice=_(
            "The invitation link this form came from cannot be used: it may already have been "
            "used to send a comment. Your comment has not been sent. Everything you wrote is "
            "below: you can send it as an ordinary comment, without the invitation."
        ),
    )


@bp.get("/c/<slug>/invited/<secret>")
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"])
def invited(slug: str, secret: str) -> tuple[str, int, dict[str, str]]:
    """The form opened from a stakeholder invitation: organisation, sector and address filled
    in, and the link's secret carried to the POST that spends it."""
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    invitation = invitation_for_link(db.session, found, secret) if found is not None else None
    if found is None or invitation is None:
        return _invitation_not_valid(found)
    form = SubmissionForm(
        formdata=None,
        data={
            "organization": invitation.organization,
            "sector": invitation.sector.code,
            "email": invitation.email,
            "invitation": secret,
        },
    )
    if not found.is_open():
        return render_template("intake/closed.html", consultation=found, form=form), 200, NO_STORE
    page, status = _render_form(found, form, notice=_invited_notice(invitation))
    return page, status, NO_STORE


def _invited_notice(invitation: StakeholderInvitation) -> str:
    return _(
        "The secretariat invited %(organization)s to comment. A comment sent from this form "
        "is shown as coming from the invited organization; the link works for one comment.",
        organization=invitation.organization,
    )


def _same_text(form: SubmissionForm, earlier: Submission) -> bool:
    """Whether a re-sent form carries the text already stored under its nonce."""
    title = (form.title.data or "").strip()
    body = (form.body.data or "").strip()
    return (title, body) == (earlier.title.strip(), earlier.body.strip())


def _new_submission_from(
    form: SubmissionForm, files: list[CheckedFile], options: FormOptions
) -> NewSubmission:
    """The validated form as what the service stores; the choices were checked against
    `options`, which know every offered code's row."""
    country_code, region_code = options.locations[form.location.data]
    topic_codes = form.topics.data or []
    return NewSubmission(
        sector_id=options.sector_ids[form.sector.data],
        organization=form.organization.data,
        submitter_name=form.submitter_name.data,
        email=form.email.data or None,
        country_code=country_code,
        region_code=region_code,
        primary_pillar_id=options.pillar_ids[form.primary_pillar.data],
        secondary_pillar_id=options.pillar_ids.get(form.secondary_pillar.data or ""),
        # Each once, however often the request named it.
        topic_ids=list(dict.fromkeys(options.topic_ids[c] for c in topic_codes)),
        title=form.title.data,
        body=form.body.data,
        consent=Consent(form.consent.data),
        page_language=Language(current_language()),
        nonce=form.nonce.data,
        files=files,
    )


@bp.app_errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> tuple[str, int]:
    """An expired form token must not cost anyone their text: the form comes back filled in."""
    if request.endpoint == "intake.submit" and request.view_args:
        found = taxonomy_queries.consultation_by_slug(db.session, request.view_args["slug"])
        if found is not None and found.is_open():
            form = SubmissionForm()
            return _render_form(
                found,
                form,
                status=400,
                notice=_(
                    "Your session expired before the form was sent, so nothing was saved yet. "
                    "Your text is below: please check it and send it again."
                ),
            )
    if request.endpoint in ("intake.status", "intake.withdraw_submission"):
        flash(_("The page had expired. Please try again."), "error")
        return render_template("intake/status.html", form=StatusForm(), result=None), 400
    return render_error(400)


# --- receipt and status ---------------------------------------------------------------------


@bp.get("/receipt/<code>")
def receipt(code: str) -> str:
    submission = queries.submission_by_code(db.session, code)
    if submission is None:
        abort(404)
    # The full summary only in the browser that sent it; a forwarded link shows the basics.
    is_sender = submission.tracking_code in session.get("receipts", [])
    access_code = None
    if is_sender and submission.tracking_code in session.get("access_codes", {}):
        codes = dict(session["access_codes"])
        access_code = codes.pop(submission.tracking_code)
        session["access_codes"] = codes
    return render_template(
        "intake/receipt.html",
        submission=submission,
        is_sender=is_sender,
        access_code=access_code,
    )


def _not_found(form: StatusForm) -> tuple[str, int]:
    """The same answer for an unknown code and a wrong proof: nothing to learn from it."""
    flash(
        _(
            "We could not find a comment with that tracking code and e-mail address or "
            "access code. Please check them and try again."
        ),
        "error",
    )
    return render_template("intake/status.html", form=form, result=None), 404


def _proved(form: StatusForm) -> Submission | None:
    return queries.submission_for_status(
        db.session, form.tracking_code.data, form.email.data, form.access_code.data
    )


@bp.route("/status", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"], methods=["POST"])
def status() -> tuple[str, int] | str:
    form = StatusForm()
    result = None
    if form.validate_on_submit():
        result = _proved(form)
        if result is None:
            return _not_found(form)
    return _status_page(form, result, WithdrawForm(formdata=None))


def _status_page(form: Any, result: Submission | None, withdraw_form: WithdrawForm) -> str:
    return render_template(
        "intake/status.html",
        form=form,
        result=result,
        withdraw_form=withdraw_form,
        followups=followups.read(db.session, result.id) if result else {},
        format_date=format_date,
    )


@bp.post("/status/withdraw")
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"])
def withdraw_submission() -> Response | tuple[str, int]:
    form = WithdrawForm()
    found = None
    if form.validate_on_submit():
        found = _proved(form)
    if found is None:
        return _not_found(StatusForm())
    if form.confirmed.data != "yes":
        # The first step only asks, on a page of its own; nothing changes yet.
        return render_template("intake/withdraw_confirm.html", result=found, form=form), 200
    try:
        withdraw(db.session, found)
    except InvalidTransition:
        flash(_("This comment has already been reviewed and can no longer be withdrawn."), "error")
        return _status_page(form, found, form), 409
    db.session.commit()
    flash(_("Your comment has been withdrawn. It will not be published or used."), "success")
    return redirect(url_for(".receipt", code=found.tracking_code), code=303)


# --- links in the receipt e-mail ------------------------------------------------------------


def _link_not_valid() -> tuple[str, int]:
    """One page for an unknown, tampered, expired or used link: nothing to learn from it."""
    return render_template("intake/link_invalid.html"), 404


@bp.route("/confirm/<code>/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"])
def confirm_email(code: str, token: str) -> tuple[str, int] | str:
    # A GET only asks: mail scanners open links, and must not confirm on anyone's behalf.
    form = LinkForm()
    if request.method == "GET":
        found = submission_for_link(db.session, code, token)
        if found is None or found.email_confirmed_at is not None:
            return _link_not_valid()
        return render_template("intake/confirm_email.html", submission=found, form=form)
    confirmed = confirm(db.session, code, token) if form.validate_on_submit() else None
    if confirmed is None:
        return _link_not_valid()
    db.session.commit()
    return render_template("intake/email_confirmed.html", submission=confirmed)


@bp.route("/not-mine/<code>/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_STATUS"])
def report_not_mine(code: str, token: str) -> tuple[str, int] | str:
    """ "I did not send this": the page asks (with an optional note); the POST reports."""
    form = ReportForm()
    if request.method == "GET":
        found = submission_for_link(db.session, code, token)
        if found is None or found.disputed_at is not None:
            return _link_not_valid()
        return render_template("intake/report_not_sent.html", submission=found, form=form)
    if not form.validate_on_submit():
        found = submission_for_link(db.session, code, token)
        if found is None or found.disputed_at is not None:
            return _link_not_valid()
        return render_template("intake/report_not_sent.html", submission=found, form=form), 422
    reported = report_not_sent(db.session, code, token, form.note.data)
    if reported is None:
        return _link_not_valid()
    db.session.commit()
    return render_template("intake/report_received.html", submission=reported)
