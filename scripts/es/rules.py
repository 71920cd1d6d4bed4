"""Spanish for issue 18's shared rules: the reason a decision needs, and the messages built
from configurable limits (attachments, sign-in throttle, invitations)."""

ES = {
    # A decision's reason (app/moderation/reasons.py)
    "Choose the reason for the rejection.": "Elija el motivo del rechazo.",
    "A reason is only given when rejecting: reject, or leave the reason unselected.": (
        "Solo se indica un motivo al rechazar: rechace o deje el motivo sin elegir."
    ),
}
