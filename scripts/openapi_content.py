"""Issue 4 (content modules) part of the OpenAPI table: schemas and operations of uploads, documents, information,
ads, news, outages, contractors and /api/v1/home. Read by scripts/openapi.py; see its docstring.

Limits are those of each module's service.hpp / routes.cpp (maxLength in code points); error codes are the stable
codes the handlers return, grouped by the HTTP status daemon/http/response.cpp maps them to.
"""
from __future__ import annotations


def obj(props: dict, required=()) -> dict:
    return {"type": "object", "properties": props, "required": list(required)} if required else \
        {"type": "object", "properties": props}


def arr(items, max_items=None) -> dict:
    out = {"type": "array", "items": items}
    if max_items is not None:
        out["maxItems"] = max_items
    return out


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def st(max_len=None, description=None, **kw) -> dict:
    """A string; max_len in code points."""
    out = {"type": "string"}
    if max_len is not None:
        out["maxLength"] = max_len
    out.update(kw)
    if description:
        out["description"] = description
    return out


def integer(minimum=None, maximum=None, description=None, **kw) -> dict:
    out = {"type": "integer"}
    if minimum is not None:
        out["minimum"] = minimum
    if maximum is not None:
        out["maximum"] = maximum
    out.update(kw)
    if description:
        out["description"] = description
    return out


def enum(*values, description=None) -> dict:
    out = {"type": "string", "enum": list(values)}
    if description:
        out["description"] = description
    return out


def _wrap(schema: dict) -> dict:
    """A $ref takes no siblings in OpenAPI 3.0: wrap it in allOf before adding nullable or a description."""
    return {"allOf": [schema]} if "$ref" in schema else schema


def nullable(schema: dict) -> dict:
    return {**_wrap(schema), "nullable": True}


def staff(schema: dict) -> dict:
    """A property present only in staff answers (the caller holds the module's manage permission)."""
    schema = _wrap(schema)
    return {**schema, "description": ((schema.get("description") + "; ") if schema.get("description") else "") +
            "staff answers only"}


def page_of(item: dict) -> dict:
    """The shared page envelope with typed items."""
    return {"allOf": [ref("Page"), obj({"items": arr(item)})]}


S, I, B, N = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
ID = integer(1)
DT = {"type": "string", "format": "date-time", "description": "UTC, ISO 8601"}
UNIX = {"type": "integer", "format": "int64", "description": "unix seconds"}
BINARY = {"type": "string", "format": "binary"}
GROUPS = arr(integer(1), 50)
GROUPS_IN = {**GROUPS, "description": "target group ids (≤ 50); empty or absent = every logged-in user"}
NEWS_MAX_TIME = 253402300799  # 9999-12-31T23:59:59Z
OUTAGE_MAX_TIME = 4102444800  # 2100-01-01: later times are typing mistakes

# --- error codes shared by many operations ---
JSON_BODY = ["json_invalid", "json_too_deep", "json_not_object", "utf8_invalid", "unknown_field", "field_required",
             "field_type", "field_too_long", "field_invalid"]
PAGING = ["field_type"]  # offset / limit (detail "1-<max>")

# --- parameters ---


def query(name: str, schema: dict, description: str, required=False) -> dict:
    p = {"name": name, "in": "query", "schema": schema, "description": description}
    if required:
        p["required"] = True
    return p


def paging(default: int, maximum: int) -> list:
    return [query("offset", integer(0, default=0), "entries to skip"),
            query("limit", integer(1, maximum, default=default), f"page size, 1..{maximum}")]


# --- schemas ---
SCHEMAS = {
    "Page": obj({"total": integer(0, description="entries in the whole listing"), "offset": integer(0),
                 "limit": integer(0), "items": arr({})}, ["total", "offset", "limit", "items"]),
    "Deleted": obj({"deleted": ID}, ["deleted"]),
    "Upload": obj({"id": st(64, "SHA-256 of the bytes, 64 hex digits (content-addressed)", pattern="^[0-9a-f]{64}$"),
                   "kind": enum("pdf", "png", "jpeg", "webp"),
                   "mime": enum("application/pdf", "image/png", "image/jpeg", "image/webp"), "size": integer(1)},
                  ["id", "kind", "mime", "size"]),
    # documents
    "DocumentCategory": obj({"id": ID, "name": st(100), "slug": st(description="folded name, [a-z0-9-]"),
                             "statutory": {**B, "description": "one the cooperative must publish for its members"},
                             "position": integer(0, 1000000),
                             "count": {**integer(0), "description": "documents visible to the caller (list only)"}},
                            ["id", "name", "slug", "statutory", "position"]),
    "DocumentVersion": obj({"n": ID, "size": integer(0), "filename": st(200), "note": st(500),
                            "uploaded_at": DT, "uploaded_by": ID, "downloads": integer(0),
                            "file_url": st(description="/api/v1/documents/{id}/versions/{n}/file")}),
    "Document": obj({"id": ID, "title": st(200), "description": st(2000), "category_id": ID, "category": S,
                     "version": {**ID, "description": "n of the current version"}, "size": integer(0),
                     "filename": st(200, "sanitised, ends in .pdf"), "updated_at": DT,
                     "file_url": st(description="/api/v1/documents/{id}/file"),
                     "groups": staff(GROUPS), "downloads": staff(integer(0)), "created_at": staff(DT),
                     "created_by": staff(ID),
                     "versions": staff({**arr(ref("DocumentVersion")),
                                        "description": "newest first; only in the single-document answer"})},
                    ["id", "title", "description", "category_id", "category", "version", "size", "filename",
                     "updated_at", "file_url"]),
    # information
    "InfoSection": obj({"id": ID, "title": st(120), "position": integer(-1000000, 1000000), "page_count": integer(0),
                        "created_at": DT, "updated_at": DT}),
    "InfoSectionTree": obj({"id": ID, "title": st(120),
                            "pages": arr(obj({"id": ID, "title": st(200), "has_form": B}))}),
    "InfoFormField": obj({"key": st(40, pattern="^[a-z0-9_]{1,40}$"),
                          "type": enum("text", "textarea", "number", "date", "choice", "multi", "consent"),
                          "label": st(200), "required": B,
                          "options": {**arr(st(100), 30), "description": "choice/multi only: 1..30 distinct"},
                          "min": nullable({**N, "description": "number only; |min| ≤ 1e12"}),
                          "max": nullable({**N, "description": "number only; ≥ min, |max| ≤ 1e12"}),
                          "max_length": nullable(integer(1, 2000, "text ≤ 200 (default 200), textarea ≤ 2000 "
                                                                  "(default 2000)"))},
                         ["key", "type", "label"]),
    "InfoAssignee": nullable(obj({"user_id": ID, "department_id": ID})),
    "InfoForm": obj({"title": st(200), "fields": arr(ref("InfoFormField"), 40),
                     "capacity": integer(0, 100000, "0 = unlimited"),
                     "taken": integer(0, description="registered + accepted + done"),
                     "waiting": integer(0, description="on the waiting list"), "open": B,
                     "closes_at": nullable({**UNIX, "description": "unix seconds; null = never"}),
                     "assignee": staff(ref("InfoAssignee"))}),
    "InfoAnswer": obj({"key": S, "label": S,
                       "type": enum("text", "textarea", "number", "date", "choice", "multi", "consent"),
                       "value": {"description": "string (text, textarea, date YYYY-MM-DD, choice), number, boolean "
                                                "(consent) or array of strings (multi)"}}),
    "InfoSubmission": obj({"id": ID,
                           "status": enum("registered", "waiting", "cancelled", "accepted", "rejected", "done"),
                           "waiting_position": nullable(integer(1, description="1-based place while waiting")),
                           "created_at": DT,
                           "page_id": ID, "page_title": S, "answers": arr(ref("InfoAnswer")), "staff_note": st(1000),
                           "updated_at": DT,
                           "user_id": staff(ID), "user_name": staff(S), "user_email": staff(S),
                           "handled_by": staff(nullable(ID))},
                          ["id", "status", "waiting_position", "created_at"]),
    "InfoPage": obj({"id": ID, "section_id": ID, "title": st(200),
                     "body_html": st(description="sanitised HTML rendered from the Markdown body"),
                     "updated_at": DT, "form": {"description": "null: the page has no form (see InfoForm)"},
                     "my_submissions": {**arr(ref("InfoSubmission")), "description": "the caller's, newest first"},
                     "body": staff(st(50000, "Markdown source")), "groups": staff(GROUPS),
                     "position": staff(integer(-1000000, 1000000)), "published": staff(B), "author_id": staff(ID),
                     "created_at": staff(DT)},
                    ["id", "section_id", "title", "body_html", "updated_at", "form", "my_submissions"]),
    "InfoPageSummary": obj({"id": ID, "section_id": ID, "title": st(200), "groups": GROUPS,
                            "position": integer(-1000000, 1000000), "published": B, "has_form": B,
                            "updated_at": DT}),
    # ads
    "Ad": obj({"id": ID, "title": st(120), "advertiser": st(200), "alt": st(200),
               "image_url": st(description="/api/v1/images/{image_id}"),
               "click_url": st(description="/api/v1/ads/{id}/click (counts the click, redirects)")},
              ["id", "title", "advertiser", "alt", "image_url", "click_url"]),
    "Banner": obj({"id": ID, "title": st(120), "advertiser": st(200), "image_id": st(64), "image_url": S,
                   "alt": st(200), "link": st(2000, format="uri"), "paid": B,
                   "price": nullable(integer(0, description="grosze; paid banners only")), "notes": st(1000),
                   "starts_at": UNIX, "ends_at": UNIX, "groups": GROUPS, "placement": enum("slider", "stack"),
                   "position": integer(0, 1000000), "enabled": B,
                   "state": enum("disabled", "scheduled", "running", "ended"),
                   "impressions": integer(0, description="flushed every ~10 s"), "clicks": integer(0),
                   "created_by": ID, "created_at": DT, "updated_at": DT}),
    # news
    "NewsSummary": obj({"id": ID, "title": st(200), "lead": st(500), "image_id": nullable(st(64)),
                        "image_url": nullable(S), "pinned": B, "published_at": DT, "comments_enabled": B,
                        "comment_count": integer(0), "unread": B,
                        "state": staff(enum("scheduled", "published", "expired")), "publish_at": staff(UNIX),
                        "expire_at": staff(nullable(UNIX)), "expires_at": staff(nullable(DT)),
                        "groups": staff(GROUPS), "read_count": staff(integer(0)), "author_id": staff(ID),
                        "created_at": staff(DT), "updated_at": staff(DT)},
                       ["id", "title", "lead", "image_id", "image_url", "pinned", "published_at",
                        "comments_enabled", "comment_count", "unread"]),
    "NewsItem": {"allOf": [ref("NewsSummary"),
                           obj({"body_html": st(description="sanitised HTML rendered from Markdown"),
                                "body": staff(st(50000, "Markdown source"))}, ["body_html"])]},
    "NewsComment": obj({"id": ID, "item_id": ID, "author_name": st(description='"Jan K."; "" if the account is gone'),
                        "body": st(2000), "created_at": DT, "author_id": staff(ID), "hidden": staff(B),
                        "hidden_reason": staff(st(500)), "hidden_by": staff(integer(0)),
                        "hidden_at": staff(nullable(DT)), "report_count": staff(integer(0)),
                        "item_title": {**S, "description": "moderation queue only"},
                        "last_reported_at": {**nullable(DT), "description": "moderation queue only"}},
                       ["id", "item_id", "author_name", "body", "created_at"]),
    # outages
    "OutagePlace": obj({"estate_id": ID, "estate_name": S, "building_id": ID, "building_address": S,
                        "staircase": st(20, "only with building_id; absent = the whole building")},
                       ),
    "OutageUpdate": obj({"at": UNIX, "text": st(1000),
                         "status": enum("planned", "ongoing", "resolved",
                                        description="present when this update changed the status"),
                         "expected_end_at": nullable({**UNIX, "description": "present when this update changed "
                                                                             "it; null = unknown"}),
                         "author_id": staff(ID)}, ["at", "text"]),
    "Outage": obj({"id": ID,
                   "kind": enum("water", "hot_water", "heating", "electricity", "gas", "lift", "intercom", "other"),
                   "title": st(200), "description": st(5000), "status": enum("planned", "ongoing", "resolved"),
                   "places": arr(ref("OutagePlace")), "start_at": UNIX,
                   "expected_end_at": nullable({**UNIX, "description": "null = unknown"}), "updated_at": UNIX,
                   "resolved_at": nullable(UNIX),
                   "updates": {**arr(ref("OutageUpdate")), "description": "oldest first"},
                   "created_at": staff(UNIX), "created_by": staff(ID)},
                  ["id", "kind", "title", "description", "status", "places", "start_at", "expected_end_at",
                   "updated_at", "resolved_at", "updates"]),
    # contractors
    "ContractorCategory": obj({"id": ID, "name": st(100)}, ["id", "name"]),
    "Contractor": obj({"id": ID, "name": st(200), "categories": arr(ref("ContractorCategory")),
                       "category_ids": arr(ID, 20), "description": st(2000), "phone": st(32), "email": st(254),
                       "website": st(500), "service_area": st(200), "hours": st(200),
                       "recommended": {**B, "description": "polecany przez spółdzielnię"},
                       "active": {**B, "description": "inactive contractors are shown to staff only"},
                       "rating": obj({"average": {**N, "description": "of visible reviews, 2 decimals; 0 = none"},
                                      "count": integer(0)}),
                       "created_at": DT, "updated_at": DT}),
    "ContractorReview": obj({"id": ID, "rating": integer(1, 5), "text": st(1000), "created_at": DT,
                             "mine": B, "hidden": B,
                             "hidden_reason": {**st(500), "description": "staff, or the review's author"},
                             "user_id": staff(ID), "hidden_by": staff(integer(0)), "hidden_at": staff(nullable(DT))},
                            ["id", "rating", "text", "created_at", "mine", "hidden"]),
}



def nullable_copy(name: str) -> dict:
    """SCHEMAS[name] inline with nullable: validators apply an allOf-wrapped $ref to null too and refuse it."""
    return {**SCHEMAS[name], "nullable": True}


SCHEMAS["InfoPage"]["properties"]["form"] = nullable_copy("InfoForm")

# --- request bodies ---
DOC_META = {"title": st(200), "description": st(2000), "category_id": ID, "groups": GROUPS_IN}
DOC_VERSION = {"upload_id": st(64, "id of a PDF upload (POST /api/v1/admin/uploads)"),
               "filename": st(200, "download name; sanitised, .pdf appended if missing"), "note": st(500)}
FORM_FIELD_IN = obj({"key": st(40, pattern="^[a-z0-9_]{1,40}$"),
                     "type": enum("text", "textarea", "number", "date", "choice", "multi", "consent"),
                     "label": st(200), "required": {**B, "default": False},
                     "options": {**arr(st(100), 30), "description": "choice/multi only: 1..30 distinct"},
                     "min": {**N, "description": "number only"}, "max": {**N, "description": "number only, ≥ min"},
                     "max_length": integer(0, 2000, "text ≤ 200, textarea ≤ 2000; 0/absent = the bound")},
                    ["key", "type", "label"])
FORM_IN = obj({"title": st(200), "fields": arr(FORM_FIELD_IN, 40), "capacity": integer(0, 100000, "0 = unlimited"),
               "closes_at": integer(0, NEWS_MAX_TIME, "unix seconds; 0 = never"),
               "assignee": obj({"user_id": {**ID, "description": "staff member holding information:manage"},
                                "department_id": ID})}, ["title"])
NEWS_TIME = nullable(integer(0, NEWS_MAX_TIME))
BODIES = {
    "document_create": obj({**DOC_META, **DOC_VERSION}, ["title", "category_id", "upload_id", "filename"]),
    "document_meta": obj(DOC_META, ["title", "category_id"]),
    "document_version": obj(DOC_VERSION, ["upload_id", "filename"]),
    "document_category": obj({"name": st(100, "must contain a letter or digit; unique by slug"),
                              "position": integer(0, 1000000, "absent: after the last (create) / unchanged (update)"),
                              "statutory": {**B, "default": False}}, ["name"]),
    "info_section": obj({"title": st(120), "position": integer(-1000000, 1000000, default=0)}, ["title"]),
    "info_page": obj({"section_id": ID, "title": st(200), "body": st(50000, "Markdown; raw HTML never passes"),
                      "groups": GROUPS_IN, "position": integer(-1000000, 1000000, default=0),
                      "published": {**B, "default": False},
                      "form": {**FORM_IN, "description": "optional sign-up form"}},
                     ["section_id", "title"]),
    "info_submission": obj({"answers": {"type": "object", "additionalProperties": {},
                                        "description": "form field key → value: string (text, textarea, date "
                                                       "YYYY-MM-DD, choice option), number (within min..max), boolean "
                                                       "(consent) or array of distinct options (multi)"}},
                           ["answers"]),
    "info_status": obj({"status": nullable(enum("accepted", "rejected", "done")),
                        "note": nullable(st(1000, "staff note shown to the resident"))}),
    "banner": obj({"title": st(120, "one line"), "advertiser": st(200, "one line"),
                   "image_id": st(64, "id of an image upload (PNG, JPEG or WebP)"),
                   "alt": st(200, "text alternative of the image"),
                   "link": st(2000, "absolute http(s) URL, printable ASCII, no credentials", format="uri"),
                   "paid": {**B, "default": False}, "price": nullable(integer(0, description="grosze; paid only")),
                   "notes": st(1000, "staff only"), "starts_at": integer(0, NEWS_MAX_TIME, "unix seconds"),
                   "ends_at": integer(0, NEWS_MAX_TIME, "unix seconds, after starts_at"), "groups": GROUPS_IN,
                   "placement": enum("slider", "stack"), "position": integer(0, 1000000, default=0),
                   "enabled": {**B, "default": True}},
                  ["title", "image_id", "alt", "link", "starts_at", "ends_at", "placement"]),
    "news_item": obj({"title": st(200), "lead": st(500), "body": st(50000, "Markdown; raw HTML never passes"),
                      "image_id": st(64, "[A-Za-z0-9._-]; empty = none"), "pinned": {**B, "default": False},
                      "publish_at": {**NEWS_TIME, "description": "unix seconds; 0/null = now (create) / unchanged "
                                                                 "(update)"},
                      "expire_at": {**NEWS_TIME, "description": "unix seconds after publish_at; 0/null = never"},
                      "groups": GROUPS_IN, "comments_enabled": {**B, "default": False}}, ["title"]),
    "news_comment": obj({"body": st(2000, "plain text")}, ["body"]),
    "reason": obj({"reason": st(500)}, ["reason"]),
    "outage": obj({"kind": enum("water", "hot_water", "heating", "electricity", "gas", "lift", "intercom", "other"),
                   "title": st(200), "description": st(5000), "start_at": integer(1, OUTAGE_MAX_TIME, "unix seconds"),
                   "expected_end_at": integer(0, OUTAGE_MAX_TIME, "unix seconds; 0 = unknown"),
                   "status": enum("planned", "ongoing", "resolved",
                                  description="create only (default: planned if start_at is in the future, else "
                                              "ongoing); ignored by PUT — use updates"),
                   "places": {**arr(obj({"estate_id": ID, "building_id": ID,
                                         "staircase": st(20, "only with building_id")}), 200),
                              "description": "at least one; each names exactly one of estate_id / building_id"}},
                  ["kind", "title", "start_at", "places"]),
    "outage_update": obj({"text": st(1000, "required unless status or expected_end_at changes"),
                          "status": enum("planned", "ongoing", "resolved"),
                          "expected_end_at": integer(0, OUTAGE_MAX_TIME, "unix seconds; 0 = unknown")}),
    "public_page": obj({"enabled": B}, ["enabled"]),
    "contractor": obj({"name": st(200), "category_ids": arr(ID, 20), "description": st(2000),
                       "phone": st(32, "digits, spaces and + - ( ) / . with 3..20 digits"), "email": st(254),
                       "website": st(500, "http:// or https:// URL", format="uri"), "service_area": st(200),
                       "hours": st(200), "recommended": {**B, "default": False}, "active": {**B, "default": True}},
                      ["name"]),
    "contractor_category": obj({"name": st(100)}, ["name"]),
    "review": obj({"rating": integer(1, 5), "text": st(1000)}, ["rating"]),
}

# --- registration letters (issue 5) ---
SCHEMAS["LetterCode"] = obj(
    {"id": ID, "flat_id": ID, "created_at": DT, "created_by": {**ID, "description": "staff user id"},
     "status": enum("active", "used", "revoked"), "used_at": nullable(DT),
     "used_by_user_id": nullable({**ID, "description": "the account that registered with it"}),
     "revoked_at": nullable(DT), "revoked_by": nullable({**ID, "description": "0/null = never; a newer letter "
                                                                               "revokes as its issuer"})},
    ["id", "flat_id", "created_at", "created_by", "status", "used_at", "used_by_user_id"])
BODIES["letters"] = {**obj({"building_id": integer(0, description="a building's flats; 0 or absent = see flat_ids"),
                            "flat_ids": arr(ID, 20000)}),
                     "description": "{building_id} or {flat_ids}, not both; {} = every flat in the register"}

# --- responses that are not JSON ---


def file_response(mime: str, description: str, headers: dict) -> dict:
    return {"description": description, "headers": {k: {"schema": S, "description": v} for k, v in headers.items()},
            "content": {mime: {"schema": BINARY}}}


PDF_FILE = file_response("application/pdf", "The PDF, streamed",
                         {"Content-Disposition": "attachment; filename=\"<ASCII fallback>\"; "
                                                 "filename*=UTF-8''<percent-encoded name> (RFC 6266/5987)",
                          "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
CSV_HEADERS = {"Content-Disposition": "attachment; filename=\"...csv\""}


def csv_response(description: str) -> dict:
    return {"description": description, "headers": {k: {"schema": S, "description": v}
                                                    for k, v in CSV_HEADERS.items()},
            "content": {"text/csv; charset=utf-8": {"schema": S}}}


def deleted() -> dict:
    return ref("Deleted")


DAY = st(10, "UTC day YYYY-MM-DD", format="date")
DAY_RANGE = [query("from", DAY, "first day (UTC), YYYY-MM-DD", True),
             query("to", DAY, "last day (UTC), YYYY-MM-DD, not before from; at most 366 days", True)]
RANGE_ERRORS = {"400": ["field_invalid", "range_too_long"]}

OUTAGE_BODY_ERRORS = {"400": ["outage_kind_invalid", "outage_status_invalid", "outage_places_required",
                              "outage_place_invalid", "outage_end_before_start"],
                      "404": ["estate_not_found", "building_not_found"]}
CONTRACTOR_ERRORS = {"400": ["phone_invalid", "email_invalid", "url_invalid", "category_not_found"]}
INFO_PAGE_ERRORS = {"400": ["markdown_unsafe", "field_duplicate", "assignee_invalid", "limit_reached"],
                    "404": ["group_not_found", "user_not_found", "department_not_found"]}
SUBMIT_ERRORS = {"400": ["option_invalid", "field_duplicate", "number_out_of_range", "date_invalid"],
                 "409": ["form_closed", "already_submitted"]}

# (method, path, permission, summary, request body key or None, 2xx status, 2xx schema or None, extra)
# extra: description, query (parameters), path (schemas of path parameters), errors ({status: [codes]} beyond the
# automatic ones), request ({content type: schema} for non-JSON bodies), ok (a whole 2xx response object), paging.
OPS = [
    # uploads
    ("POST", "/api/v1/admin/uploads", "uploads:create", "Upload a file (PDF, PNG, JPEG or WebP, checked by content)",
     None, 201, ref("Upload"),
     {"description": "The raw bytes are the body; the type is decided by content (magic and structure), never by a "
                     "name or Content-Type. PDF ≤ 25 MiB, images ≤ 2 MiB. Identical bytes return the first upload. "
                     "Use the id as upload_id (documents) or image_id (news, ads).",
      "request": {"application/octet-stream": {"schema": {**BINARY, "maxLength": 25 << 20}}},
      "errors": {"400": ["upload_empty", "upload_type_unsupported", "upload_pdf_invalid", "upload_image_invalid"],
                 "413": ["upload_too_large", "body_too_large"], "500": ["storage_io"]}}),
    ("GET", "/api/v1/images/{id}", "public", "An uploaded image (never a PDF), cached immutably", None, 200, None,
     {"path": {"id": st(64, "upload id", pattern="^[0-9a-f]{64}$")},
      "ok": {"description": "The image",
             "headers": {"ETag": {"schema": S, "description": "\"<id>\""},
                         "Cache-Control": {"schema": S, "description": "public, max-age=31536000, immutable"}},
             "content": {"image/png": {"schema": BINARY}, "image/jpeg": {"schema": BINARY},
                         "image/webp": {"schema": BINARY}}},
      "extra_responses": {"304": {"description": "Not modified (If-None-Match matched the ETag)"}}}),
    # documents
    ("GET", "/api/v1/documents/categories", "authenticated",
     "Document categories with the number of documents visible to the caller", None, 200,
     obj({"items": arr(ref("DocumentCategory"))}, ["items"]), {}),
    ("GET", "/api/v1/documents", "authenticated",
     "Documents visible to the caller, newest updated first (staff: with targeting and counts)", None, 200,
     page_of(ref("Document")),
     {"query": [query("category", integer(0, default=0), "category id; 0 = every category"),
                query("q", st(200), "word prefixes of the title, diacritics- and case-insensitive")],
      "paging": (20, 100), "errors": {"400": ["field_type", "utf8_invalid", "field_too_long", "field_invalid"]}}),
    ("GET", "/api/v1/documents/{id}", "authenticated", "One document (staff: with versions and download counts)",
     None, 200, ref("Document"), {"description": "A document the caller may not see answers 404 like a missing one."}),
    ("GET", "/api/v1/documents/{id}/file", "authenticated", "Download the current version (PDF); counts the download",
     None, 200, None, {"ok": PDF_FILE, "description": "A document the caller may not see answers 404."}),
    ("GET", "/api/v1/documents/{id}/versions/{n}/file", "authenticated",
     "Download version n (staff only; others get 404); counts the download", None, 200, None,
     {"ok": PDF_FILE, "path": {"n": integer(1, description="version number")}}),
    ("GET", "/api/v1/admin/documents", "documents:manage", "Every document, newest updated first", None, 200,
     page_of(ref("Document")),
     {"query": [query("category", integer(0, default=0), "category id; 0 = every category")], "paging": (20, 100),
      "errors": {"400": ["field_type"]}}),
    ("POST", "/api/v1/admin/documents", "documents:manage", "Create a document from a PDF upload", "document_create",
     201, ref("Document"),
     {"errors": {"400": ["category_not_found", "upload_not_pdf"], "404": ["not_found", "group_not_found"]}}),
    ("PUT", "/api/v1/admin/documents/{id}", "documents:manage",
     "Replace a document's title, description, category and groups", "document_meta", 200, ref("Document"),
     {"errors": {"400": ["category_not_found"], "404": ["group_not_found"]}}),
    ("DELETE", "/api/v1/admin/documents/{id}", "documents:manage", "Delete a document (its files stay)", None, 200,
     deleted(), {}),
    ("POST", "/api/v1/admin/documents/{id}/versions", "documents:manage",
     "Add a new version (it becomes the current one)", "document_version", 201, ref("Document"),
     {"errors": {"400": ["upload_not_pdf"]},
      "description": "404 not_found also for an unknown upload_id; field_too_long (field versions) past 1000 "
                     "versions."}),
    ("POST", "/api/v1/admin/documents/categories", "documents:manage", "Create a document category",
     "document_category", 201, ref("DocumentCategory"),
     {"errors": {"409": ["category_name_taken"]}, "description": "field_too_long past 100 categories."}),
    ("PUT", "/api/v1/admin/documents/categories/{id}", "documents:manage", "Rename or move a document category",
     "document_category", 200, ref("DocumentCategory"), {"errors": {"409": ["category_name_taken"]}}),
    ("DELETE", "/api/v1/admin/documents/categories/{id}", "documents:manage", "Delete an empty document category",
     None, 200, deleted(), {"errors": {"409": ["category_not_empty"]}}),
    # information
    ("GET", "/api/v1/info/sections", "authenticated", "Information sections with the pages visible to the caller",
     None, 200, obj({"items": arr(ref("InfoSectionTree"))}, ["items"]), {}),
    ("GET", "/api/v1/info/pages/{id}", "authenticated",
     "One information page with its sign-up form and the caller's submissions", None, 200, ref("InfoPage"), {}),
    ("POST", "/api/v1/info/pages/{id}/submissions", "authenticated",
     "Send a submission to a page's sign-up form (registered within capacity, else waiting list)", "info_submission",
     201, ref("InfoSubmission"),
     {"errors": SUBMIT_ERRORS,
      "description": "Per-field errors carry field = the form field's key. 404 for a page not visible or without a "
                     "form."}),
    ("GET", "/api/v1/me/submissions", "authenticated", "The caller's form submissions, newest first", None, 200,
     page_of(ref("InfoSubmission")), {"paging": (20, 100)}),
    ("POST", "/api/v1/me/submissions/{id}/cancel", "authenticated",
     "Cancel one's own registered, waiting or accepted submission (the first waiting takes the place)", "none", 200,
     ref("InfoSubmission"), {"errors": {"409": ["submission_not_cancellable"]}}),
    ("GET", "/api/v1/admin/info/sections", "information:manage", "All information sections by position", None, 200,
     page_of(ref("InfoSection")), {"paging": (20, 100)}),
    ("POST", "/api/v1/admin/info/sections", "information:manage", "Create an information section", "info_section",
     201, ref("InfoSection"), {"errors": {"400": ["limit_reached"]}}),
    ("PUT", "/api/v1/admin/info/sections/{id}", "information:manage", "Rename or move an information section",
     "info_section", 200, ref("InfoSection"), {}),
    ("DELETE", "/api/v1/admin/info/sections/{id}", "information:manage", "Delete an empty information section", None,
     200, deleted(), {"errors": {"409": ["section_not_empty"]}}),
    ("GET", "/api/v1/admin/info/pages", "information:manage", "All information pages, newest first", None, 200,
     page_of(ref("InfoPageSummary")), {"paging": (20, 100)}),
    ("POST", "/api/v1/admin/info/pages", "information:manage", "Create an information page", "info_page", 201,
     ref("InfoPage"),
     {"errors": {**INFO_PAGE_ERRORS, "404": ["not_found"] + INFO_PAGE_ERRORS["404"]},
      "description": "Errors inside the form name their place, e.g. field form.fields[2].label; not_found with field "
                     "section_id for an unknown section."}),
    ("GET", "/api/v1/admin/info/pages/{id}", "information:manage",
     "One information page with its Markdown source and form", None, 200, ref("InfoPage"), {}),
    ("PUT", "/api/v1/admin/info/pages/{id}", "information:manage",
     "Replace an information page (a larger capacity promotes from the waiting list)", "info_page", 200,
     ref("InfoPage"), {"errors": INFO_PAGE_ERRORS}),
    ("DELETE", "/api/v1/admin/info/pages/{id}", "information:manage", "Delete an information page with its submissions",
     None, 200, deleted(), {}),
    ("GET", "/api/v1/admin/info/pages/{id}/submissions", "information:manage",
     "Submissions to a page's form, oldest first", None, 200, page_of(ref("InfoSubmission")),
     {"query": [query("status", enum("registered", "waiting", "cancelled", "accepted", "rejected", "done"),
                      "only this status"),
                query("mine", enum("0", "1"), "1 = only if the form is assigned to the caller or their department")],
      "paging": (20, 100), "errors": {"400": ["field_invalid", "field_type"]}}),
    ("GET", "/api/v1/admin/info/pages/{id}/submissions.csv", "information:manage",
     "Submissions to a page's form as CSV (UTF-8 with BOM, ';', CRLF, one column per field)", None, 200, None,
     {"ok": csv_response("zgloszenia-<id>.csv")}),
    ("PATCH", "/api/v1/admin/info/submissions/{id}", "information:manage",
     "Accept, reject or close a submission, and/or set the note", "info_status", 200, ref("InfoSubmission"),
     {"errors": {"409": ["submission_cancelled"]},
      "description": "At least one of status and note; field_required (status) when neither is given."}),
    # ads
    ("GET", "/api/v1/ads", "authenticated", "Banners running now for the caller, by position; counts impressions",
     None, 200, obj({"items": arr(ref("Ad"), 10)}, ["items"]),
     {"query": [query("placement", enum("slider", "stack", description="default slider"), "where the banners show")],
      "errors": {"400": ["field_invalid"]}}),
    ("GET", "/api/v1/ads/{id}/click", "authenticated", "Redirect to a banner's link, counting the click", None, 302,
     None,
     {"ok": {"description": "Found: redirect to the advertiser's link",
             "headers": {"Location": {"schema": {**S, "format": "uri"}, "description": "the banner's link"},
                         "Cache-Control": {"schema": S, "description": "no-store"}}},
      "description": "404 for a banner that is unknown, disabled, outside its window or not aimed at the caller."}),
    ("GET", "/api/v1/admin/ads", "ads:manage", "All banners, newest first, with impression and click totals", None,
     200, page_of(ref("Banner")), {"paging": (20, 100)}),
    ("POST", "/api/v1/admin/ads", "ads:manage", "Create a banner", "banner", 201, ref("Banner"),
     {"errors": {"400": ["link_invalid", "upload_not_image"], "404": ["group_not_found"]}}),
    ("GET", "/api/v1/admin/ads/{id}", "ads:manage", "One banner with its totals", None, 200, ref("Banner"), {}),
    ("PUT", "/api/v1/admin/ads/{id}", "ads:manage", "Replace a banner (counts are kept)", "banner", 200, ref("Banner"),
     {"errors": {"400": ["link_invalid", "upload_not_image"], "404": ["group_not_found"]}}),
    ("DELETE", "/api/v1/admin/ads/{id}", "ads:manage", "Delete a banner with its counts", None, 200, deleted(), {}),
    ("GET", "/api/v1/admin/ads/{id}/stats", "ads:manage", "Impressions and clicks of a banner per UTC day", None, 200,
     obj({"days": arr(obj({"date": DAY, "impressions": integer(0), "clicks": integer(0)}))}, ["days"]),
     {"query": DAY_RANGE, "errors": RANGE_ERRORS}),
    ("GET", "/api/v1/admin/ads/stats.csv", "ads:manage",
     "Impressions and clicks of every banner per day as CSV (data;reklama;reklamodawca;wyświetlenia;kliknięcia;CTR)",
     None, 200, None, {"query": DAY_RANGE, "errors": RANGE_ERRORS, "ok": csv_response("reklamy-<from>-<to>.csv")}),
    # home
    ("GET", "/api/v1/home", "authenticated",
     "Home page: the caller's active outages, first news page and ad slider", None, 200,
     obj({"outages": page_of(ref("Outage")),
          "news": obj({"items": arr(ref("NewsSummary")),
                       "has_more": {**B, "description": "more items than this first page"}}, ["items", "has_more"]),
          "ads": arr(ref("Ad"), 10)}, ["outages", "news", "ads"]),
     {"query": [query("limit", integer(1, 20, default=10), "news items (an invalid value means 10)")],
      "description": "One request for the resident portal's front page; ad impressions are counted. At most 10 "
                     "outages."}),
    # news
    ("GET", "/api/v1/news", "authenticated", "News feed: items targeting the caller, pinned first, newest first",
     None, 200, page_of(ref("NewsSummary")), {"paging": (20, 100)}),
    ("GET", "/api/v1/news/{id}", "authenticated", "One news item", None, 200, ref("NewsItem"),
     {"description": "An item not aimed at the caller, scheduled or expired answers 404."}),
    ("POST", "/api/v1/news/{id}/read", "authenticated", "Mark a news item read (idempotent)", "none", 200,
     obj({"read": {**B, "enum": [True]}}, ["read"]), {}),
    ("GET", "/api/v1/news/{id}/comments", "authenticated", "Visible comments under a news item, oldest first", None,
     200, page_of(ref("NewsComment")), {"paging": (20, 100), "errors": {"409": ["comments_disabled"]}}),
    ("POST", "/api/v1/news/{id}/comments", "authenticated", "Comment on a news item", "news_comment", 201,
     ref("NewsComment"), {"errors": {"409": ["comments_disabled"]}}),
    ("POST", "/api/v1/news/comments/{id}/report", "authenticated", "Report a comment to the moderators (once per user)",
     "none", 200, obj({"reported": {**B, "enum": [True]}}, ["reported"]),
     {"errors": {"409": ["comments_disabled", "comment_already_reported"]}}),
    ("GET", "/api/v1/admin/news", "news:publish", "All news items, newest created first, with state and counters",
     None, 200, page_of(ref("NewsSummary")), {"paging": (20, 100)}),
    ("POST", "/api/v1/admin/news", "news:publish", "Create a news item", "news_item", 201, ref("NewsItem"),
     {"errors": {"400": ["markdown_unsafe"], "404": ["group_not_found"]}}),
    ("GET", "/api/v1/admin/news/{id}", "news:publish", "One news item with its Markdown source and counters", None,
     200, ref("NewsItem"), {}),
    ("PUT", "/api/v1/admin/news/{id}", "news:publish", "Replace a news item", "news_item", 200, ref("NewsItem"),
     {"errors": {"400": ["markdown_unsafe"], "404": ["group_not_found"]}}),
    ("DELETE", "/api/v1/admin/news/{id}", "news:publish", "Delete a news item with its comments", None, 200, deleted(),
     {}),
    ("GET", "/api/v1/admin/news/{id}/comments", "news:moderate",
     "All comments under a news item, hidden and reported included", None, 200, page_of(ref("NewsComment")),
     {"query": [query("reported", enum("0", "1"), "1 = only comments with reports")], "paging": (20, 100),
      "errors": {"400": ["field_type"]}}),
    ("GET", "/api/v1/admin/news/comments", "news:moderate",
     "Comments across items for moderation (?reported=1: reported only, most recently reported first)", None, 200,
     page_of(ref("NewsComment")),
     {"query": [query("reported", enum("0", "1"), "1 = only comments with reports")], "paging": (20, 100),
      "errors": {"400": ["field_type"]}}),
    ("POST", "/api/v1/admin/news/comments/{id}/hide", "news:moderate",
     "Hide a comment with a reason (hiding again replaces the reason)", "reason", 200, ref("NewsComment"), {}),
    ("POST", "/api/v1/admin/news/comments/{id}/unhide", "news:moderate", "Show a hidden comment again", "none", 200,
     ref("NewsComment"), {}),
    # outages
    ("GET", "/api/v1/outages/active", "authenticated",
     "Active outages affecting the caller's verified flats, ongoing first (banner)", None, 200, page_of(ref("Outage")),
     {"paging": (50, 200)}),
    ("GET", "/api/v1/outages/{id}", "authenticated", "One outage affecting the caller (active or not)", None, 200,
     ref("Outage"), {"description": "An outage that does not affect the caller's flats answers 404."}),
    ("GET", "/api/v1/public/buildings/{id}/outages", "public",
     "Active outages of a building (login-free page, when staff enabled it)", None, 200,
     {"allOf": [page_of(ref("Outage")), obj({"building_id": ID, "building_address": S})]},
     {"paging": (50, 200), "errors": {"404": ["building_not_found", "outages_public_disabled"]},
      "no_not_found": True}),
    ("GET", "/api/v1/admin/outages", "outages:manage", "Outages, newest first, filtered", None, 200,
     page_of(ref("Outage")),
     {"query": [query("status", enum("planned", "ongoing", "resolved"), "only this status"),
                query("building", ID, "outages touching this building, its staircases or its estate")],
      "paging": (50, 200), "errors": {"400": ["outage_status_invalid", "field_type"]}}),
    ("POST", "/api/v1/admin/outages", "outages:manage", "Announce an outage", "outage", 201, ref("Outage"),
     {"errors": OUTAGE_BODY_ERRORS,
      "description": "A place error carries field places (detail = the id or the inner field)."}),
    ("GET", "/api/v1/admin/outages/places", "outages:manage", "Estates, buildings and staircases an outage may affect",
     None, 200,
     obj({"estates": arr(obj({"id": ID, "name": S,
                              "buildings": arr(obj({"id": ID, "address": S, "staircases": arr(S)}))}))},
         ["estates"]), {}),
    ("GET", "/api/v1/admin/outages/public-buildings", "outages:manage",
     "Buildings with the public outage page enabled", None, 200, obj({"building_ids": arr(ID)}, ["building_ids"]), {}),
    ("PUT", "/api/v1/admin/outages/public-buildings/{building_id}", "outages:manage",
     "Enable or disable a building's public outage page", "public_page", 200,
     obj({"building_id": ID, "enabled": B}, ["building_id", "enabled"]), {"errors": {"404": ["building_not_found"]},
                                                                         "no_not_found": True}),
    ("GET", "/api/v1/admin/outages/{id}", "outages:manage", "One outage with its updates and authors", None, 200,
     ref("Outage"), {}),
    ("PUT", "/api/v1/admin/outages/{id}", "outages:manage",
     "Change an outage's kind, texts, places and times (status changes go through updates)", "outage", 200,
     ref("Outage"), {"errors": OUTAGE_BODY_ERRORS}),
    ("POST", "/api/v1/admin/outages/{id}/updates", "outages:manage",
     "Add a timestamped update (may change status and expected end)", "outage_update", 201, ref("Outage"),
     {"errors": {"400": ["outage_status_invalid", "outage_end_before_start", "outage_updates_limit"]}}),
    # contractors
    ("GET", "/api/v1/contractors", "authenticated",
     "Search the contractor directory (word prefixes, diacritics- and case-insensitive)", None, 200,
     page_of(ref("Contractor")),
     {"query": [query("q", st(200), "every word must prefix a word of the name, categories or description "
                                    "(\"hydr\", \"slusarz\")"),
                query("category", integer(0, default=0), "category id; 0 = any")],
      "paging": (20, 100), "errors": {"400": ["query_invalid", "utf8_invalid", "field_too_long", "field_invalid"]},
      "description": "Order: recommended first, then average rating (unrated last), then name."}),
    ("GET", "/api/v1/contractors/categories", "authenticated", "Contractor categories", None, 200,
     obj({"items": arr(ref("ContractorCategory"))}, ["items"]), {}),
    ("GET", "/api/v1/contractors/{id}", "authenticated", "One contractor with a page of its reviews", None, 200,
     {"allOf": [ref("Contractor"),
                obj({"reviews": page_of(ref("ContractorReview")),
                     "my_review": nullable_copy("ContractorReview")}, ["reviews", "my_review"])]},
     {"paging": (20, 100), "errors": {"400": ["query_invalid", "field_invalid"]},
      "description": "offset/limit page the reviews, newest first."}),
    ("POST", "/api/v1/contractors/{id}/reviews", "authenticated", "Rate and review a contractor (once per account)",
     "review", 201, ref("ContractorReview"), {"errors": {"409": ["review_exists"]}}),
    ("GET", "/api/v1/admin/contractors", "contractors:manage", "Search contractors, inactive included", None, 200,
     page_of(ref("Contractor")),
     {"query": [query("q", st(200), "word prefixes"), query("category", integer(0, default=0), "category id; 0 = any")],
      "paging": (20, 100), "errors": {"400": ["query_invalid", "utf8_invalid", "field_too_long", "field_invalid"]}}),
    ("POST", "/api/v1/admin/contractors", "contractors:manage", "Add a contractor", "contractor", 201,
     ref("Contractor"), {"errors": CONTRACTOR_ERRORS}),
    ("GET", "/api/v1/admin/contractors/categories", "contractors:manage", "Contractor categories (staff)", None, 200,
     obj({"items": arr(ref("ContractorCategory"))}, ["items"]), {}),
    ("POST", "/api/v1/admin/contractors/categories", "contractors:manage", "Add a contractor category",
     "contractor_category", 201, ref("ContractorCategory"), {"errors": {"409": ["category_name_taken"]}}),
    ("POST", "/api/v1/admin/contractors/reviews/{id}/hide", "contractors:manage",
     "Hide a contractor review with a reason (it stops counting in the average)", "reason", 200,
     ref("ContractorReview"), {}),
    ("POST", "/api/v1/admin/contractors/reviews/{id}/unhide", "contractors:manage",
     "Show a hidden contractor review again", "none", 200, ref("ContractorReview"), {}),
    ("GET", "/api/v1/admin/contractors/{id}", "contractors:manage",
     "One contractor (inactive too) with every review, hidden ones included", None, 200,
     {"allOf": [ref("Contractor"),
                obj({"reviews": page_of(ref("ContractorReview")),
                     "my_review": nullable_copy("ContractorReview")}, ["reviews", "my_review"])]},
     {"paging": (20, 100), "errors": {"400": ["query_invalid", "field_invalid"]}}),
    ("PUT", "/api/v1/admin/contractors/{id}", "contractors:manage", "Change a contractor (ratings are kept)",
     "contractor", 200, ref("Contractor"), {"errors": CONTRACTOR_ERRORS}),
    ("DELETE", "/api/v1/admin/contractors/{id}", "contractors:manage", "Delete a contractor and its reviews", None,
     200, deleted(), {}),
    # registration letters (issue 5)
    ("POST", "/api/v1/admin/letters", "letters:manage",
     "Issue registration letters (a new one-time code per flat) as a PDF or a mail-merge CSV", "letters", 200, None,
     {"description": "Each selected flat gets a new code; its earlier active codes are revoked. The answer is the "
                     "only place the plain codes ever exist (only their SHA-256 is stored). One audit entry names the "
                     "count and the selection, never the codes. The PDF has one A4 letter per flat (header, "
                     "addressee, instructions, the code, the form's URL and its QR code); the CSV has the columns "
                     "osiedle;budynek;klatka;lokal;kod;url.",
      "query": [query("format", enum("pdf", "csv"), "pdf (default) or csv")],
      "ok": {"description": "listy-rejestracyjne-<YYYY-MM-DD>.pdf|csv as an attachment",
             "headers": {"Content-Disposition": {"schema": S, "description":
                                                 "attachment; filename=\"listy-rejestracyjne-<date>.pdf|csv\""},
                         "Cache-Control": {"schema": S, "description": "no-store"},
                         "X-Letters-Count": {"schema": I, "description": "letters in the document"}},
             "content": {"application/pdf": {"schema": BINARY}, "text/csv; charset=utf-8": {"schema": S}}},
      "errors": {"400": ["format_invalid", "letters_none"], "404": ["building_not_found", "flat_not_found"]}}),
    ("GET", "/api/v1/admin/flats/{id}/letter-codes", "letters:manage",
     "A flat's registration letter codes, newest first (status and history, never the codes)", None, 200,
     obj({"items": arr(ref("LetterCode"))}, ["items"]), {"errors": {"404": ["flat_not_found"]},
                                                         "no_not_found": True}),
    ("POST", "/api/v1/admin/letter-codes/{id}/revoke", "letters:manage", "Revoke an active registration letter code",
     "none", 200, obj({"status": enum("revoked")}, ["status"]), {"errors": {"409": ["letter_code_not_active"]}}),
    ("GET", "/api/v1/public/site/logo", "public", "The cooperative's logo (PNG or JPEG, decided by content)", None,
     200, None,
     {"ok": {"description": "The image", "headers": {"Cache-Control": {"schema": S, "description": "public, "
                                                                                                 "max-age=3600"}},
             "content": {"image/png": {"schema": BINARY}, "image/jpeg": {"schema": BINARY}}},
      "errors": {"404": ["not_found"]}}),
]
