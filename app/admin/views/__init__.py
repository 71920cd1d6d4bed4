"""Administration pages on one blueprint, a module per sub-area: staff accounts,
consultations, the taxonomy, verified organisations, stakeholder invitations and the
administration trail."""

from app.admin.views import accounts, consultations, organizations, stakeholders, taxonomy, trail
from app.admin.views.base import bp

__all__ = ["accounts", "bp", "consultations", "organizations", "stakeholders", "taxonomy", "trail"]
