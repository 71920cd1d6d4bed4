"""The reason a decision carries, decided once for every page that decides (one comment, a
selection in the queue, a campaign) and for the services behind them: a rejection needs one
of the reasons offered, and only a rejection has one."""

from __future__ import annotations

import enum

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from wtforms import SelectChoice

from app.enums import RejectionReason, SubmissionStatus
from app.widgets import choices_per_language

# The empty choice the reason list starts with: no reason.
NO_REASON = ""


class ReasonProblem(enum.Enum):
    MISSING = "missing"
    UNEXPECTED = "unexpected"

    @property
    def message(self) -> LazyString:
        """What the moderator is told, the same on every page that decides (lazy: a form
        keeps it until the page is rendered)."""
        if self is ReasonProblem.MISSING:
            return _l("Choose the reason for the rejection.")
        return _l("A reason is only given when rejecting: reject, or leave the reason unselected.")


def reason_problem(
    to_status: SubmissionStatus, reason: RejectionReason | None
) -> ReasonProblem | None:
    """What is wrong with this decision's reason, or None when nothing is."""
    if to_status is SubmissionStatus.REJECTED and reason is None:
        return ReasonProblem.MISSING
    if to_status is not SubmissionStatus.REJECTED and reason is not None:
        return ReasonProblem.UNEXPECTED
    return None


def reason_choices() -> list[SelectChoice]:
    """The reason list of every decision form, in the page's language: no reason, then each
    RejectionReason; built and written once per language (every queue page shows it)."""
    return choices_per_language(
        "rejection reasons",
        lambda: (
            [SelectChoice(NO_REASON, _("Choose…"))]
            + [SelectChoice(r.value, r.label) for r in RejectionReason]
        ),
    )
