"""Who may use the administration routes: administrators only; the invitation page is public."""

from __future__ import annotations

from tests.access_rows.roles import ADMIN_ONLY, PUBLIC

ROWS = {
    "admin.index": ADMIN_ONLY,
    "admin.user_list": ADMIN_ONLY,
    "admin.invite_user": ADMIN_ONLY,
    "admin.revoke_invitation": ADMIN_ONLY,
    "admin.change_role": ADMIN_ONLY,
    "admin.deactivate_user": ADMIN_ONLY,
    "admin.reactivate_user": ADMIN_ONLY,
    "admin.reset_second_factor": ADMIN_ONLY,
    "admin.consultations": ADMIN_ONLY,
    "admin.new_consultation": ADMIN_ONLY,
    "admin.edit_consultation": ADMIN_ONLY,
    "admin.preview_consultation": ADMIN_ONLY,
    "admin.close_consultation": ADMIN_ONLY,
    "admin.archive_consultation": ADMIN_ONLY,
    "admin.unarchive_consultation": ADMIN_ONLY,
    "admin.delete_consultation": ADMIN_ONLY,
    "admin.taxonomy": ADMIN_ONLY,
    "admin.add_taxonomy_item": ADMIN_ONLY,
    "admin.rename_taxonomy_item": ADMIN_ONLY,
    "admin.move_taxonomy_item": ADMIN_ONLY,
    "admin.retire_taxonomy_item": ADMIN_ONLY,
    "admin.organizations": ADMIN_ONLY,
    "admin.new_organization": ADMIN_ONLY,
    "admin.edit_organization": ADMIN_ONLY,
    "admin.events": ADMIN_ONLY,
    "invitations.accept": PUBLIC,
}
