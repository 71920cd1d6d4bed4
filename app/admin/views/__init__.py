"""Administration pages on one blueprint, a module per sub-area: staff accounts,
consultations, the taxonomy and the administration trail."""

from app.admin.views import accounts, consultations, taxonomy, trail
from app.admin.views.base import bp

__all__ = ["accounts", "bp", "consultations", "taxonomy", "trail"]
