"""The reading workspace: `/<lang>/staff/comments`, every approved comment of a consultation
in full, filtered and searched in the URL (a GET form, no JavaScript needed), and
`?comment=<id>`: one of them, as agenda entries and theme members link to it."""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request
from flask_babel import gettext as _

from app.db import db
from app.enums import Consent, Role, SubmissionStatus
from app.forms import query_int
from app.intake import publication
from app.moderation.filters import cursor_text, parse_cursor
from app.navigation import may_use
from app.reading import queries
from app.reading.forms import FILTERS, ReadingFilterForm, fill_choices, fill_theme_choices
from app.staff.auth import roles_required
from app.taxonomy.models import Consultation

bp = Blueprint("reading", __name__, url_prefix="/<lang:lang>/staff")

READERS = (Role.MODERATOR, Role.SECRETARIAT)


def _consultation(form: ReadingFilterForm, consultations: list[Consultation]) -> Consultation:
    """The consultation asked for, else the default one (an unknown slug is reported by the
    form's validation and ignored)."""
    slug = form.consultation.data
    chosen = next((c for c in consultations if c.slug == slug), None)
    return chosen or queries.default_consultation(db.session, consultations) or consultations[0]


def _read(
    form: ReadingFilterForm, consultation: Consultation
) -> tuple[queries.ReadingFilters, list[str]]:
    """The filters the form asks for, and the labels of those not understood (ignored)."""
    form.validate()
    ignored = []
    for name, errors in form.errors.items():
        if errors and name in (*FILTERS, "q", "consultation"):
            # Ignored, and said so once above the page (the field shows no error of its own).
            form[name].data, form[name].errors = None, []
            ignored.append(str(form[name].label.text))
    after = None
    if request.args.get("after"):
        after = parse_cursor(request.args["after"])
        if after is None:
            ignored.append(_("Next page"))
    region = form.region.data or None
    cleared = form.cleared.data or ""
    return queries.ReadingFilters(
        consultation_id=consultation.id,
        pillar=form.pillar.data or None,
        topic=form.topic.data or None,
        sector=form.sector.data or None,
        country=region if region and "-" not in region else None,
        region=region if region and "-" in region else None,
        language=form.language.data or None,
        search=form.q.data or None,
        theme=form.theme.data or None,
        consent=Consent(form.consent.data) if form.consent.data else None,
        cleared={"yes": True, "no": False}.get(cleared),
        after=after,
    ), ignored


def _one_comment(consultations: list[Consultation]) -> tuple[str, int] | None:
    """`?comment=<id>`: that approved comment alone (a 404 page that says why for any other:
    an agenda entry may outlive its comment's approval); None without the parameter."""
    if "comment" not in request.args:
        return None
    submission_id = query_int("comment", 0)
    found = queries.comment(db.session, submission_id) if submission_id else None
    if found is not None and found.status is not SubmissionStatus.APPROVED:
        found = None
    form = ReadingFilterForm(formdata=None)
    fill_choices(form, consultations)
    body = render_template(
        "reading/comments.html",
        form=form,
        consultation=found.consultation if found else None,
        single=found,
        not_shown=found is None,
        themes=queries.themes_of(db.session, [found.id]) if found else {},
        **_helpers(form),
    )
    return body, 200 if found else 404


def _helpers(form: ReadingFilterForm) -> dict[str, object]:
    return {
        # The consent filter's own wording of each value, beside each comment.
        "consent_labels": {c.value: c.label for c in form.consent.choices if c.value},
        "is_publishable": publication.is_publishable,
        "may_open_submission": may_use("moderation.submission"),
        "may_open_theme": may_use("themes.theme"),
    }


@bp.get("/comments")
@roles_required(*READERS)
def comments() -> tuple[str, int] | str:
    session = db.session
    consultations = queries.consultations(session)
    single = _one_comment(consultations)
    if single is not None:
        return single
    form = ReadingFilterForm(request.args)
    fill_choices(form, consultations)
    if not consultations:
        return render_template(
            "reading/comments.html", form=form, consultation=None, single=None, not_shown=False
        )
    consultation = _consultation(form, consultations)
    fill_theme_choices(form, queries.consultation_themes(session, consultation.id))
    filters, ignored = _read(form, consultation)
    form.consultation.data = consultation.slug
    if ignored:
        flash(
            _(
                "Some filters were not understood and were ignored: %(names)s.",
                names=", ".join(ignored),
            ),
            "error",
        )
    page = queries.comments_page(session, filters)
    next_args = None
    if page.next_cursor:
        next_args = {**request.args.to_dict(), "after": cursor_text(page.next_cursor)}
    return render_template(
        "reading/comments.html",
        form=form,
        consultation=consultation,
        filters=filters,
        rows=page.rows,
        themes=page.themes,
        next_args=next_args,
        total=queries.total(session, filters),
        by_pillar=queries.pillar_counts(session, filters),
        single=None,
        not_shown=False,
        **_helpers(form),
    )
