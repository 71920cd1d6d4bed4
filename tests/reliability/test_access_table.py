"""Beside tests/test_access.py (which checks every staff route as anonymous and each role):
the role decorators say what the table says, no route answers an allowed role or an
anonymous visitor of a public route with a 5xx (both methods of a GET+POST route), and the
table's size is reported with the suite's figures."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import Rule

from app.enums import Role
from tests.access_rows.roles import PUBLIC
from tests.reliability.figures import report
from tests.staff.helpers import signed_in
from tests.test_access import ACCESS

METHODS = ("GET", "POST")


def _methods(rule: Rule) -> list[str]:
    return [m for m in METHODS if m in rule.methods]


def _url(rule: Rule) -> str:
    values = {arg: "1" for arg in rule.arguments}
    values["lang"] = "en"
    return rule.build(values, append_unknown=False)[1]


def test_role_decorators_agree_with_the_declared_table(app: Flask) -> None:
    staff = public = 0
    for rule in app.url_map.iter_rules():
        declared = ACCESS[rule.endpoint]
        allowed = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
        if declared == PUBLIC:
            public += 1
            assert allowed is None, f"{rule.endpoint} is public in the table but role-checked"
            continue
        staff += 1
        # A staff route guarded some other way (a blueprint hook) would have no attribute;
        # tests/test_access.py still checks its answers, this only compares declarations.
        if allowed is not None:
            assert set(allowed) - {Role.ADMIN} == set(declared) - {Role.ADMIN}, rule.endpoint
    identities = 1 + len(Role)
    report(
        "access table",
        f"{staff + public} routes ({staff} staff, {public} public) x {identities} identities "
        f"(anonymous, {', '.join(r.value for r in Role)}) = {(staff + public) * identities} "
        "declared answers",
    )


def test_no_route_answers_5xx_to_whoever_may_use_it(seeded: Flask) -> None:
    admin = signed_in(seeded, Role.ADMIN)  # may use every staff route
    anonymous = seeded.test_client()
    seeded.config["WTF_CSRF_ENABLED"] = False
    tried = 0
    for rule in seeded.url_map.iter_rules():
        if rule.endpoint in ("staff.sign_out", "static"):
            continue
        client = anonymous if ACCESS[rule.endpoint] == PUBLIC else admin
        for method in _methods(rule):
            response = client.open(_url(rule), method=method)
            tried += 1
            assert response.status_code < 500, (rule.endpoint, method, response.status_code)
            if ACCESS[rule.endpoint] == PUBLIC:
                assert response.status_code not in (401, 403), (rule.endpoint, method)
                # The sign-in code step is public but sends a visitor who has not given a
                # password first back to the password step.
                if rule.endpoint != "staff.second_factor":
                    location = response.headers.get("Location", "")
                    assert "/staff/login" not in location, rule.endpoint
            response.close()
    assert tried
