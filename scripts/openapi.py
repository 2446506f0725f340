#!/usr/bin/python3
"""Writes daemon/http/openapi.json (OpenAPI 3.0) from the operation table below.

    scripts/openapi.py                        # rewrite daemon/http/openapi.json
    scripts/openapi.py --routes routes.jsonl  # sync with `osiedled routes` output (done by default
                                              # when $OSIEDLED or build/default/daemon/app/osiedled exists):
                                              # operations missing here get a stub (add them to OPS),
                                              # operations gone are dropped, permissions come from the table

The issue-2 operations are in OPS below; those of the content modules (issue 4) in scripts/openapi_content.py.
tests/integration/test_openapi.py checks the served document against the route table.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openapi_content as content

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "daemon/http/openapi.json"


def obj(props: dict, required=()) -> dict:
    return {"type": "object", "properties": props, "required": list(required)} if required else \
        {"type": "object", "properties": props}


S, I, B, N = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}


def arr(items) -> dict:
    return {"type": "array", "items": items}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS = {
    "Error": obj({"error": obj({"code": {**S, "description": "stable snake_case code, e.g. kw_checksum_invalid"},
                                "message": {**S, "description": "localized (pl/en)"},
                                "field": {**S, "description": "the offending field, if any"}}, ["code", "message"])},
                 ["error"]),
    "User": obj({"id": I, "email": S, "first_name": S, "last_name": S, "phone": S,
                 "status": {"type": "string", "enum": ["pending", "active", "blocked", "deleted"]}, "lang": S,
                 "created_at": S, "last_login_at": S, "last_seen_at": S, "totp_enabled": B,
                 "deletion_requested": B}),
    "MyFlat": obj({"id": I, "number": S, "staircase": S, "building": obj({"id": I, "address": S}), "estate": S,
                   "status": {"type": "string", "enum": ["pending", "verified", "rejected"]}}),
    "Me": obj({"user": ref("User"), "flats": arr(ref("MyFlat")), "roles": arr(I), "permissions": arr(S),
               "csrf_token": S}),
    "Registration": obj({"id": I, "status": {"type": "string", "enum": ["pending", "approved", "rejected"]},
                         "kw_number": S, "kw_match": {**B, "description": "the proof (KW or member number) "
                                                                          "matched the register; true for a letter code"},
                         "proof": {"type": "string", "enum": ["kw", "member-number", "letter-code"]},
                         "member_number": {**S, "description": "as given, when proof is member-number"},
                         "created_at": S, "decided_at": S, "reject_reason": S,
                         "user": ref("User"), "flat": obj({"id": I, "number": S, "kw_number": S}),
                         "building": obj({"id": I, "address": S}), "estate": S}),
    "Role": obj({"id": I, "name": S, "description": S, "permissions": arr(S), "builtin": B}),
    "Group": obj({"id": I, "name": S, "kind": {"type": "string", "enum": ["static", "rule"]}, "rule": {"type": "object"},
                  "members": arr(I)}),
    "Department": obj({"id": I, "name": S, "email": S}),
    "AuditEntry": obj({"id": I, "at": S, "actor_id": I, "action": S, "target_type": S, "target_id": I,
                       "subject_user_id": I, "detail": S, "ip": S, "user_agent": S, "prev_hash": S, "hash": S}),
    "Session": obj({"id": I, "created_at": S, "last_seen_at": S, "ip": S, "user_agent": S, "current": B}),
    "ImportReport": obj({"imported": I, "updated": I, "unchanged": I, "error_count": I, "dry_run": B,
                         "errors": arr(obj({"line": I, "code": S, "field": S}))}, ["imported", "updated", "errors"]),
}

BODIES = {
    "login": obj({"email": S, "password": S, "totp": S}, ["email", "password"]),
    "registration": obj({"first_name": S, "last_name": S, "email": S, "phone": S, "password": S,
                         "building": {**I, "description": "id from /public/buildings"}, "flat": S,
                         "kw_number": {**S, "example": "WA4M/00012345/2",
                                       "description": "required when registration.proof (GET /public/site) is kw"},
                         "member_number": {**S, "maxLength": 32,
                                           "description": "required when registration.proof is member-number"},
                         "letter_code": {**S, "example": "ABCD-EFGH-JKLM",
                                         "description": "a registration letter's one-time code (case, dashes and "
                                                        "spaces ignored); accepted whatever the proof setting, "
                                                        "required when it is letter-code; a valid one verifies at "
                                                        "once, anything else is 422 letter_code_invalid"},
                         "lang": S,
                         "consents": obj({"terms": B, "rodo": B, "version": S}, ["terms", "rodo", "version"])},
                        ["first_name", "last_name", "email", "password", "building", "flat", "consents"]),
    "reject": obj({"reason": S}, ["reason"]),
    "roles": obj({"roles": arr(I)}, ["roles"]),
    "add_flat": obj({"building": I, "flat": S, "kw_number": S}, ["building", "flat", "kw_number"]),
    "password": obj({"current_password": S, "new_password": S}, ["current_password", "new_password"]),
    "totp_code": obj({"code": S}, ["code"]),
    "totp_disable": obj({"code": S, "password": S}),
    "role": obj({"name": S, "description": S, "permissions": arr(S)}, ["name"]),
    "group": obj({"name": S, "kind": S, "members": arr(I), "rule": {"type": "object"}}, ["name"]),
    "department": obj({"name": S, "email": S}, ["name"]),
    "email": obj({"email": S}, ["email"]),
    "reset_confirm": obj({"token": S, "password": S}, ["token", "password"]),
    "empty": obj({}),
    "profile": obj({"first_name": S, "last_name": S, "phone": S, "lang": S}),
}

# (method, path, permission, summary, request body key or None, 2xx status, 2xx schema or None)
OPS = [
    ("GET", "/api/v1/public/buildings", "public", "Buildings for the sign-up form", None, 200,
     arr(obj({"id": I, "address": S, "estate": S}))),
    ("POST", "/api/v1/registrations", "public",
     "Register as a flat owner (verified at once with a valid letter code; otherwise the answer does not reveal a "
     "KW match unless auto-approve is on)",
     "registration", 201, obj({"id": I, "status": {"type": "string", "enum": ["pending", "approved"]},
                               "verified": {**B, "description": "approved at once: the account can log in now"}})),
    ("POST", "/api/v1/auth/login", "public", "Log in; sets the osiedle_session cookie", "login", 200,
     obj({"user": ref("User"), "csrf_token": S})),
    ("POST", "/api/v1/auth/logout", "authenticated", "Log out (ends this session)", "empty", 200, None),
    ("POST", "/api/v1/auth/password-reset", "public", "Mail a password reset link", "email", 200, None),
    ("POST", "/api/v1/auth/password-reset/confirm", "public", "Set a new password with a reset token",
     "reset_confirm", 200, None),
    ("GET", "/api/v1/me", "authenticated", "The caller: user, flats, roles, permissions, csrf_token", None, 200,
     ref("Me")),
    ("PATCH", "/api/v1/me", "authenticated", "Change own names, phone or language", "profile", 200,
     obj({"user": ref("User")})),
    ("GET", "/api/v1/public/site", "public", "The cooperative's name, NIP, logo, office contact and registration proof",
     None, 200,
     obj({"name": S, "nip": S, "logo_url": {**S, "nullable": True, "description": "/api/v1/public/site/logo or null"},
          "registration": obj({"proof": {"type": "string", "enum": ["kw", "member-number", "letter-code"]}}),
          "office": obj({"phone": S, "email": S, "address": S, "hours": S})})),
    ("GET", "/api/v1/me/export", "authenticated", "All my data as JSON (RODO)", None, 200, {"type": "object"}),
    ("POST", "/api/v1/me/deletion-request", "authenticated", "Ask for my account to be deleted (RODO)", "empty",
     200, None),
    ("POST", "/api/v1/me/flats", "authenticated", "Claim another flat (verified by staff)", "add_flat", 201,
     obj({"id": I, "status": S})),
    ("POST", "/api/v1/me/password", "authenticated", "Change my password (ends my other sessions)", "password",
     200, None),
    ("POST", "/api/v1/me/totp/setup", "authenticated", "Start TOTP enrolment (secret and otpauth URI)", "empty",
     200, obj({"secret": S, "uri": S})),
    ("POST", "/api/v1/me/totp/enable", "authenticated", "Turn TOTP on with a first code", "totp_code", 200, None),
    ("POST", "/api/v1/me/totp/disable", "authenticated", "Turn TOTP off (code or password)", "totp_disable", 200,
     None),
    ("GET", "/api/v1/me/sessions", "authenticated", "My sessions", None, 200, arr(ref("Session"))),
    ("DELETE", "/api/v1/me/sessions/{id}", "authenticated", "Revoke one of my sessions", None, 200, None),
    ("GET", "/api/v1/admin/registrations", "users:verify",
     "Registrations (?status=pending|approved|rejected&order=newest|oldest&offset&limit), registry side by side with kw_match", None,
     200, obj({"total": I, "items": arr(ref("Registration"))})),
    ("POST", "/api/v1/admin/registrations/{id}/approve", "users:verify", "Approve a registration", "empty", 200,
     ref("Registration")),
    ("POST", "/api/v1/admin/registrations/{id}/reject", "users:verify", "Reject a registration with a reason",
     "reject", 200, ref("Registration")),
    ("GET", "/api/v1/admin/users", "users:read", "Users (?query=&group=&status=&offset&limit)", None, 200,
     obj({"total": I, "items": arr(ref("User"))})),
    ("GET", "/api/v1/admin/users/{id}", "users:read", "One user with flats and roles", None, 200,
     obj({"user": ref("User"), "flats": arr(ref("MyFlat")), "roles": arr(I)})),
    ("POST", "/api/v1/admin/users/{id}/block", "users:manage", "Block a user (ends their sessions)", "empty", 200,
     None),
    ("POST", "/api/v1/admin/users/{id}/unblock", "users:manage", "Unblock a user", "empty", 200, None),
    ("POST", "/api/v1/admin/users/{id}/password-reset", "users:manage", "Issue a password reset link", "empty", 200,
     None),
    ("PUT", "/api/v1/admin/users/{id}/roles", "roles:manage", "Replace a user's roles", "roles", 200, None),
    ("GET", "/api/v1/admin/users/{id}/activity", "users:read", "A user's activity and login history", None, 200,
     arr(ref("AuditEntry"))),
    ("GET", "/api/v1/admin/estates", "flats:read", "Estates", None, 200, arr(obj({"id": I, "name": S}))),
    ("GET", "/api/v1/admin/buildings", "flats:read", "Buildings (?estate=)", None, 200,
     arr(obj({"id": I, "estate_id": I, "address": S, "flats": I}))),
    ("GET", "/api/v1/admin/flats", "flats:read", "Flats of a building (?building=)", None, 200,
     arr(obj({"id": I, "building_id": I, "staircase": S, "number": S, "area_m2": N, "kw_number": S,
              "member_number": S}))),
    ("POST", "/api/v1/admin/flats/import", "flats:import",
     "Import the register of flats (CSV body: ; or , / UTF-8, BOM or Windows-1250; ?dry_run=1 previews)", "csv", 200,
     ref("ImportReport")),
    ("GET", "/api/v1/admin/permissions", "roles:manage", "The permission registry", None, 200, arr(obj({}))),
    ("GET", "/api/v1/admin/roles", "users:manage", "Roles", None, 200, arr(ref("Role"))),
    ("GET", "/api/v1/admin/roles/{id}", "users:manage", "One role", None, 200, ref("Role")),
    ("POST", "/api/v1/admin/roles", "roles:manage", "Create a custom role", "role", 201, ref("Role")),
    ("PUT", "/api/v1/admin/roles/{id}", "roles:manage", "Change a role", "role", 200, ref("Role")),
    ("GET", "/api/v1/admin/departments", "users:read", "Departments (działy)", None, 200, arr(ref("Department"))),
    ("POST", "/api/v1/admin/departments", "roles:manage", "Create a department", "department", 201,
     ref("Department")),
    ("PUT", "/api/v1/admin/departments/{id}", "roles:manage", "Change a department", "department", 200,
     ref("Department")),
    ("GET", "/api/v1/admin/groups", "groups:read", "Groups", None, 200, arr(ref("Group"))),
    ("POST", "/api/v1/admin/groups", "groups:manage", "Create a static or rule group", "group", 201, ref("Group")),
    ("POST", "/api/v1/admin/groups/preview", "groups:read", "Members a rule would select", "group", 200,
     obj({})),
    ("GET", "/api/v1/admin/groups/{id}", "groups:read", "One group", None, 200, ref("Group")),
    ("PUT", "/api/v1/admin/groups/{id}", "groups:manage", "Change a group", "group", 200, ref("Group")),
    ("DELETE", "/api/v1/admin/groups/{id}", "groups:manage", "Delete a group", None, 200, None),
    ("GET", "/api/v1/admin/groups/{id}/members", "groups:read", "Members of a group", None, 200, obj({})),
    ("GET", "/api/v1/admin/audit", "audit:read", "Audit log, newest first", None, 200, arr(ref("AuditEntry"))),
    ("GET", "/api/v1/admin/audit/verify", "audit:read", "Verify the hash chain", None, 200,
     obj({"ok": B, "entries": I, "first_bad_id": I})),
    ("GET", "/api/v1/admin/audit/export", "audit:read", "Export the audit log", None, 200, obj({})),
    ("GET", "/api/v1/admin/outbox", "outbox:read", "Recent outgoing mail and the queue depth", None, 200, obj({})),
    ("GET", "/api/v1/openapi.json", "public", "This document", None, 200, {"type": "object"}),
]

ERRORS = {"400": "Invalid input (see error.code)", "401": "unauthenticated", "403": "forbidden or csrf_invalid",
          "404": "not_found", "409": "conflict (e.g. email_taken)", "422": "letter_code_invalid", "429": "throttled"}


def operation(method, path, perm, summary, body, status, schema, extra=None) -> dict:
    if extra is not None:
        return content_operation(method, path, perm, summary, body, status, schema, extra)
    op = {"summary": summary, "x-permission": perm,
          "operationId": re.sub(r"[^A-Za-z0-9]+", "_", f"{method.lower()}{path[len('/api/v1'):]}").strip("_"),
          "tags": [path.split("/")[3]]}
    params = [{"name": p, "in": "path", "required": True, "schema": I if p == "id" else S}
              for p in re.findall(r"\{([^}]+)\}", path)]
    if params:
        op["parameters"] = params
    if perm != "public":
        op["security"] = [{"session": [], "csrf": []}] if method != "GET" else [{"session": []}]
    else:
        op["security"] = []
    if body == "csv":
        op["requestBody"] = {"required": True, "content": {"text/csv": {"schema": S}}}
    elif body:
        op["requestBody"] = {"required": body != "empty",
                             "content": {"application/json": {"schema": BODIES[body]}}}
    ok = {"description": "OK"}
    if schema:
        ok["content"] = {"application/json": {"schema": schema}}
    responses = {str(status): ok}
    codes = ["400"] if body or params else []
    if perm != "public":
        codes += ["401", "403"]
    if params:
        codes.append("404")
    if path.endswith("/login"):
        codes += ["401", "429"]
    if path == "/api/v1/registrations":
        codes.append("422")
    for code in sorted(set(codes)):
        responses[code] = {"description": ERRORS[code],
                           "content": {"application/json": {"schema": ref("Error")}}}
    op["responses"] = responses
    return op


ERROR_LABELS = {"400": "Invalid input", "401": "Not logged in", "403": "Forbidden",
                "404": "Not found (also what the caller may not see)", "409": "Conflict", "413": "Too large",
                "500": "Server error"}


def content_operation(method, path, perm, summary, body, status, schema, extra: dict) -> dict:
    """An operation of the content tables (openapi_content.OPS): typed path and query parameters, request body
    schemas with limits, and each error status listed with its stable codes (description and x-error-codes)."""
    op = {"summary": summary}
    if extra.get("description"):
        op["description"] = extra["description"]
    op.update({"x-permission": perm,
               "operationId": re.sub(r"[^A-Za-z0-9]+", "_", f"{method.lower()}{path[len('/api/v1'):]}").strip("_"),
               "tags": [path.split("/")[3]]})
    names = re.findall(r"\{([^}]+)\}", path)
    params = [{"name": p, "in": "path", "required": True,
               "schema": extra.get("path", {}).get(p, {"type": "integer", "minimum": 1})} for p in names]
    params += extra.get("query", [])
    if extra.get("paging"):
        params += content.paging(*extra["paging"])
    if params:
        op["parameters"] = params
    if perm != "public":
        op["security"] = [{"session": [], "csrf": []}] if method != "GET" else [{"session": []}]
    else:
        op["security"] = []
    json_body = body not in (None, "none")
    if extra.get("request"):
        op["requestBody"] = {"required": True, "content": extra["request"]}
    elif json_body:
        op["requestBody"] = {"required": True,
                             "content": {"application/json": {"schema": content.BODIES[body]}}}
    if extra.get("ok"):
        ok = extra["ok"]
    else:
        ok = {"description": "Created" if status == 201 else "OK"}
        if schema:
            ok["content"] = {"application/json": {"schema": schema}}
    responses = {str(status): ok, **extra.get("extra_responses", {})}
    errors: dict = {}

    def add(code, *names_):
        errors.setdefault(code, [])
        errors[code] += [n for n in names_ if n not in errors[code]]

    if json_body:
        add("400", *content.JSON_BODY)
        add("413", "body_too_large")
    if extra.get("paging"):
        add("400", *content.PAGING)
    if perm != "public":
        add("401", "unauthenticated")
        if perm != "authenticated":
            add("403", "forbidden")
        if method != "GET":
            add("403", "csrf_invalid")
    if names and not extra.get("no_not_found"):
        add("404", "not_found")
    for code, names_ in extra.get("errors", {}).items():
        add(code, *names_)
    for code in sorted(errors):
        responses[code] = {"description": f"{ERROR_LABELS[code]}: {', '.join(errors[code])}",
                           "x-error-codes": errors[code],
                           "content": {"application/json": {"schema": ref("Error")}}}
    op["responses"] = responses
    return op


def document(ops) -> dict:
    paths: dict = {}
    for method, path, *rest in ops:
        paths.setdefault(path, {})[method.lower()] = operation(method, path, *rest)
    return {
        "openapi": "3.0.3",
        "info": {"title": "Osiedle API", "version": "1",
                 "description": "JSON API of osiedled. Errors are {\"error\":{\"code\",\"message\",\"field\"}} with a "
                                "4xx status; codes are stable. State-changing requests with a session carry "
                                "X-CSRF-Token (csrf_token from login or GET /api/v1/me). x-permission names the "
                                "permission each operation requires (public / authenticated / module:action)."},
        "servers": [{"url": "/"}],
        "components": {
            "schemas": {**SCHEMAS, **content.SCHEMAS},
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "osiedle_session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
        },
        "paths": dict(sorted(paths.items())),
    }


def sync(ops, routes_file: Path):
    """Keeps the ops that exist in the route table (with its permission) and stubs the missing ones."""
    table = [json.loads(line) for line in routes_file.read_text().splitlines() if line.strip().startswith("{")]
    table = [r for r in table if r["pattern"].startswith("/api/v1/")]
    if not table:
        sys.exit(f"{routes_file}: no /api/v1 routes (did `osiedled routes` fail?); nothing written")
    known = {(o[0], o[1]): o for o in ops}
    out = []
    for r in table:
        key = (r["method"].upper(), r["pattern"])
        if key in known:
            o = known[key]
            out.append((o[0], o[1], r["permission"], *o[3:]))
        else:
            print(f"stub: {key[0]} {key[1]}", file=sys.stderr)
            out.append((key[0], key[1], r["permission"], r.get("summary") or key[1],
                        "empty" if key[0] in ("POST", "PUT", "PATCH") else None, 200, None))
    for key in sorted(set(known) - {(r["method"].upper(), r["pattern"]) for r in table}):
        print(f"dropped (not in the route table): {key[0]} {key[1]}", file=sys.stderr)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--routes", type=Path, help="output of `osiedled routes` to sync with")
    p.add_argument("--out", type=Path, default=OUT)
    a = p.parse_args()
    binary = Path(os.environ.get("OSIEDLED") or REPO / "build/default/daemon/app/osiedled")
    if not a.routes and binary.exists():
        a.routes = a.out.with_suffix(".routes.tmp")
        a.routes.write_text(subprocess.run([str(binary), "routes"], capture_output=True, text=True, check=True).stdout)
    all_ops = OPS + content.OPS
    ops = sync(all_ops, a.routes) if a.routes else all_ops
    if a.routes and a.routes.suffix == ".tmp":
        a.routes.unlink()
    a.out.write_text(json.dumps(document(ops), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {a.out} ({len(ops)} operations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
