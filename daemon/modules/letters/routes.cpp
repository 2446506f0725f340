#include "daemon/modules/letters/routes.hpp"

#include "daemon/core/json.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::letters {
namespace {

using json::Json;

constexpr const char* kManage = "letters:manage";
constexpr size_t kMaxFlatIds = 20000;

Json TimeOrNull(int64_t t) { return t == 0 ? Json(nullptr) : Json(FormatIsoUtc(t)); }

Json CodeJson(const LetterCode& c) {
  return Json{{"id", c.id},
              {"flat_id", c.flat_id},
              {"created_at", TimeOrNull(c.created_at)},
              {"created_by", c.created_by},
              {"status", CodeStatusName(c.status)},
              {"used_at", TimeOrNull(c.used_at)},
              {"used_by_user_id", c.used_by_user_id == 0 ? Json(nullptr) : Json(c.used_by_user_id)},
              {"revoked_at", TimeOrNull(c.revoked_at)},
              {"revoked_by", c.revoked_by == 0 ? Json(nullptr) : Json(c.revoked_by)}};
}

http::Response Issue(Service& svc, const Letterhead& head, http::Context& ctx) {
  const std::string format = ctx.req.Query("format").empty() ? "pdf" : ctx.req.Query("format");
  if (format != "pdf" && format != "csv") return http::ErrorResponse(MakeError("format_invalid", "format"), ctx);
  auto body = json::ParseObject(ctx.req.body.empty() ? std::string_view("{}") : std::string_view(ctx.req.body));
  if (!body.ok()) return http::ErrorResponse(body.error(), ctx);
  json::Fields f(*body);
  Selection sel;
  sel.building_id = static_cast<uint64_t>(f.Int("building_id", false, 0).value_or(0));
  sel.flat_ids = f.IdList("flat_ids", false, kMaxFlatIds);
  if (auto st = f.Finish(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  // Fonts first: codes issued (and earlier ones revoked) for a PDF that cannot be drawn would be lost.
  if (format == "pdf") {
    if (auto st = CheckPdfFonts(); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  }
  auto letters = svc.Issue(sel, http::ActorOf(ctx));
  if (!letters.ok()) return http::ErrorResponse(letters.error(), ctx);
  http::Response r;
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.body = RenderCsv(*letters);
  } else {
    auto pdf = RenderPdf(head, *letters);
    if (!pdf.ok()) return http::ErrorResponse(pdf.error(), ctx);
    r.content_type = "application/pdf";
    r.body = std::move(*pdf);
  }
  const std::string day = FormatIsoUtc(svc.clock().NowUnix()).substr(0, 10);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"listy-rejestracyjne-" + day + "." + format + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");  // the body holds the only copy of the codes
  r.headers.emplace_back("X-Letters-Count", std::to_string(letters->size()));
  return r;
}

http::Response ListCodes(Service& svc, http::Context& ctx, uint64_t flat_id) {
  auto codes = svc.ListForFlat(flat_id);
  if (!codes.ok()) return http::ErrorResponse(codes.error(), ctx);
  Json items = Json::array();
  for (const LetterCode& c : *codes) items.push_back(CodeJson(c));
  return http::Json(200, {{"items", std::move(items)}});
}

http::Response Revoke(Service& svc, http::Context& ctx, uint64_t id) {
  if (auto st = svc.Revoke(id, http::ActorOf(ctx)); !st.ok()) return http::ErrorResponse(st.error(), ctx);
  return http::Json(200, {{"status", "revoked"}});
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc, Letterhead letterhead) {
  routes.Add({"POST", "/api/v1/admin/letters", kManage,
              [&svc, head = std::move(letterhead)](http::Context& ctx) { return Issue(svc, head, ctx); },
              "Issue registration letters (PDF or CSV) for a building, chosen flats or every flat"});
  routes.Add(
      {"GET", "/api/v1/admin/flats/{id}/letter-codes", kManage,
       http::WithId([&svc](http::Context& ctx, uint64_t id) { return ListCodes(svc, ctx, id); }, "flat_not_found"),
       "A flat's registration letter codes (never the codes themselves)"});
  routes.Add({"POST", "/api/v1/admin/letter-codes/{id}/revoke", kManage,
              http::WithId([&svc](http::Context& ctx, uint64_t id) { return Revoke(svc, ctx, id); }),
              "Revoke an active registration letter code"});
}

}  // namespace osiedle::letters
