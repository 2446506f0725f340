#include "daemon/modules/uploads/routes.hpp"

#include "daemon/core/json.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::uploads {
namespace {

// A little above the largest file the service accepts, so an oversized PDF gets "upload_too_large" from the
// service rather than a generic "body_too_large".
constexpr size_t kMaxBody = Service::kMaxPdfBytes + (1u << 20);

http::Response Create(http::Context& ctx, Service& svc) {
  auto up = svc.Store(ctx.principal.user_id, ctx.req.body);
  if (!up.ok()) return http::ErrorResponse(up.error(), ctx);
  return http::Json(201, {{"id", up->id}, {"kind", NameOf(up->kind)}, {"mime", MimeOf(up->kind)}, {"size", up->size}});
}

http::Response Image(http::Context& ctx, const Service& svc) {
  const std::string id = ctx.req.Param("id");
  auto up = svc.Get(id);
  if (!up.ok() || !IsImage(up->kind)) return http::ErrorResponse(MakeError("not_found"), ctx);
  const std::string etag = "\"" + id + "\"";
  http::Response r;
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (ctx.req.Header("if-none-match") == etag) {
    r.status = 304;
    return r;
  }
  r.content_type = MimeOf(up->kind);
  r.file_path = svc.PathOf(id);
  return r;
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc) {
  http::Route upload{"POST", "/api/v1/admin/uploads", "uploads:create",
                     [&svc](http::Context& ctx) { return Create(ctx, svc); },
                     "Upload a file (raw body: PDF, PNG, JPEG or WebP, checked by content)"};
  upload.max_body = kMaxBody;
  routes.Add(std::move(upload));
  routes.Add({"GET", "/api/v1/images/{id}", http::kPublic, [&svc](http::Context& ctx) { return Image(ctx, svc); },
              "An uploaded image (never a PDF), cached immutably"});
}

}  // namespace osiedle::uploads
