#include "daemon/modules/documents/routes.hpp"

#include <cstdio>

#include "daemon/core/json.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"

namespace osiedle::documents {
namespace {

using http::WithId;
using json::Json;

constexpr const char* kManage = "documents:manage";

Viewer ViewerOf(const http::Context& ctx) { return http::ViewerOf(ctx, kManage); }

std::string FileUrl(uint64_t id) { return "/api/v1/documents/" + std::to_string(id) + "/file"; }
std::string VersionUrl(uint64_t id, uint64_t n) {
  return "/api/v1/documents/" + std::to_string(id) + "/versions/" + std::to_string(n) + "/file";
}

Json CategoryJson(const Category& c) {
  return Json{{"id", c.id}, {"name", c.name}, {"slug", c.slug}, {"statutory", c.statutory}, {"position", c.position}};
}

Json VersionJson(uint64_t doc, const Version& v) {
  return Json{{"n", v.n},
              {"size", v.size},
              {"filename", v.filename},
              {"note", v.note},
              {"uploaded_at", FormatIsoUtc(v.uploaded_at)},
              {"uploaded_by", v.uploaded_by},
              {"downloads", v.downloads},
              {"file_url", VersionUrl(doc, v.n)}};
}

// The list form; `staff` adds targeting and counters (and the version history when the view carries it).
Json DocumentJson(const DocumentView& v, bool staff) {
  const Document& d = v.doc;
  Json j{{"id", d.id},
         {"title", d.title},
         {"description", d.description},
         {"category_id", d.category_id},
         {"category", v.category},
         {"version", d.current},
         {"size", v.current.size},
         {"filename", v.current.filename},
         {"updated_at", FormatIsoUtc(d.updated_at)},
         {"file_url", FileUrl(d.id)}};
  if (staff) {
    j["groups"] = d.groups;
    j["downloads"] = v.downloads;
    j["created_at"] = FormatIsoUtc(d.created_at);
    j["created_by"] = d.created_by;
    Json versions = Json::array();
    for (const Version& ver : v.versions) versions.push_back(VersionJson(d.id, ver));
    if (!v.versions.empty()) j["versions"] = versions;
  }
  return j;
}

Json PageJson(const Page<DocumentView>& page, bool staff) {
  Json items = Json::array();
  for (const DocumentView& v : page.items) items.push_back(DocumentJson(v, staff));
  return Json{{"total", page.total}, {"offset", page.offset}, {"limit", page.limit}, {"items", items}};
}

// Bodies. The document's metadata: {title, description?, category_id, groups?}.
void ReadMeta(json::Fields& f, DocumentInput& in) {
  in.title = f.Str("title", {.max_len = Service::kMaxTitleLen});
  in.description = f.Str("description", {.required = false, .max_len = Service::kMaxDescriptionLen});
  in.category_id = static_cast<uint64_t>(f.Int("category_id", true, 1).value_or(0));
  in.groups = f.IdList("groups", false, Service::kMaxGroups);
}

// A version: {upload_id, filename, note?}. The filename keeps line breaks here: the service sanitises it.
void ReadVersion(json::Fields& f, VersionInput& in) {
  in.upload_id = f.Str("upload_id", {.max_len = 64});
  in.filename = f.Str("filename", {.max_len = Service::kMaxFilenameLen});
  in.note = f.Str("note", {.required = false, .max_len = Service::kMaxNoteLen});
}

Result<std::pair<DocumentInput, VersionInput>> ParseCreate(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  std::pair<DocumentInput, VersionInput> in;
  ReadMeta(f, in.first);
  ReadVersion(f, in.second);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return in;
}

Result<DocumentInput> ParseMeta(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  DocumentInput in;
  ReadMeta(f, in);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return in;
}

Result<VersionInput> ParseVersion(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  VersionInput in;
  ReadVersion(f, in);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return in;
}

Result<CategoryInput> ParseCategory(const std::string& body) {
  auto obj = json::ParseObject(body);
  if (!obj.ok()) return obj.error();
  json::Fields f(*obj);
  CategoryInput in;
  in.name = f.Str("name", {.max_len = Service::kMaxCategoryNameLen});
  if (f.Has("position")) in.position = f.Int("position", true, 0, Service::kMaxPosition);
  in.statutory = f.Bool("statutory", false).value_or(false);
  OSIEDLE_RETURN_IF_ERROR(f.Finish());
  return in;
}

// ?category=<id>&q=<words>&offset=&limit= (q only where `with_q`).
Result<ListQuery> ParseList(const http::Context& ctx, bool with_q) {
  auto p = http::ParsePage(ctx, Service::kDefaultPage, Service::kMaxPage);
  if (!p.ok()) return p.error();
  ListQuery q;
  q.offset = p->offset;
  q.limit = p->limit;
  auto category = http::QueryU64(ctx, "category", 0);
  if (!category) return MakeError("field_type", "category");
  q.category_id = *category;
  if (with_q) q.q = ctx.req.Query("q");
  return q;
}

// The filename in printable ASCII for the plain filename= parameter: Polish letters lose their diacritics (in lower
// case, as utf8::Fold gives them), anything else that is not safe inside a quoted string becomes '_'.
std::string AsciiFallback(std::string_view filename) {
  std::string out;
  for (size_t i = 0; i < filename.size();) {
    const auto c = static_cast<unsigned char>(filename[i]);
    if (c < 0x80) {
      out.push_back(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? static_cast<char>(c) : '_');
      ++i;
      continue;
    }
    size_t len = 1;  // the service stored valid UTF-8; a stray byte still advances by one
    while (i + len < filename.size() && (static_cast<unsigned char>(filename[i + len]) & 0xC0) == 0x80) ++len;
    const std::string folded = utf8::Fold(filename.substr(i, len));
    out.push_back(folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z' ? folded[0] : '_');
    i += len;
  }
  return out;
}

// RFC 6266 / 5987: a plain-ASCII fallback for old clients and the exact UTF-8 name percent-encoded.
std::string ContentDisposition(const std::string& filename) {
  std::string encoded;
  for (unsigned char c : filename) {
    const bool attr_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (attr_char) {
      encoded.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  return "attachment; filename=\"" + AsciiFallback(filename) + "\"; filename*=UTF-8''" + encoded;
}

http::Response FileResponse(const http::Context& ctx, const Result<DownloadFile>& file) {
  if (!file.ok()) return http::ErrorResponse(file.error(), ctx);
  http::Response r;
  r.status = 200;
  r.content_type = "application/pdf";
  r.file_path = file->path;
  r.headers = {{"Content-Disposition", ContentDisposition(file->filename)},
               {"X-Content-Type-Options", "nosniff"},
               {"Cache-Control", "private, no-store"}};
  return r;
}

http::Response Done(const http::Context& ctx, const Status& st, uint64_t id) {
  return st.ok() ? http::Json(200, {{"deleted", id}}) : http::ErrorResponse(st.error(), ctx);
}

// The saved document as staff see it.
http::Response Saved(const http::Context& ctx, Service& svc, uint64_t id, int status) {
  auto v = svc.Get(Viewer{ctx.principal.user_id, true}, id);
  return v.ok() ? http::Json(status, DocumentJson(*v, true)) : http::ErrorResponse(v.error(), ctx);
}

void AddReaderRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/documents/categories", http::kAuthenticated,
              [&svc](http::Context& ctx) {
                Json items = Json::array();
                for (const CategoryView& c : svc.Categories(ViewerOf(ctx))) {
                  Json j = CategoryJson(c.category);
                  j["count"] = c.count;
                  items.push_back(std::move(j));
                }
                return http::Json(200, {{"items", items}});
              },
              "Document categories with the number of documents visible to the caller"});
  routes.Add({"GET", "/api/v1/documents", http::kAuthenticated,
              [&svc](http::Context& ctx) {
                auto q = ParseList(ctx, true);
                if (!q.ok()) return http::ErrorResponse(q.error(), ctx);
                const Viewer viewer = ViewerOf(ctx);
                auto page = svc.List(viewer, *q);
                return page.ok() ? http::Json(200, PageJson(*page, viewer.staff))
                                 : http::ErrorResponse(page.error(), ctx);
              },
              "Documents visible to the caller, newest first; ?category=&q="});
  routes.Add({"GET", "/api/v1/documents/{id}", http::kAuthenticated, WithId([&svc](http::Context& ctx, uint64_t id) {
                const Viewer viewer = ViewerOf(ctx);
                auto v = svc.Get(viewer, id);
                return v.ok() ? http::Json(200, DocumentJson(*v, viewer.staff)) : http::ErrorResponse(v.error(), ctx);
              }),
              "One document (staff: with versions and download counts)"});
  routes.Add(
      {"GET", "/api/v1/documents/{id}/file", http::kAuthenticated,
       WithId([&svc](http::Context& ctx, uint64_t id) { return FileResponse(ctx, svc.Download(ViewerOf(ctx), id)); }),
       "Download the current version (PDF)"});
  routes.Add({"GET", "/api/v1/documents/{id}/versions/{n}/file", http::kAuthenticated,
              WithId([&svc](http::Context& ctx, uint64_t id) {
                auto n = http::PathId(ctx, "n");
                if (!n) return http::ErrorResponse(MakeError("not_found"), ctx);
                return FileResponse(ctx, svc.DownloadVersion(ViewerOf(ctx), id, *n));
              }),
              "Download an older version (staff only; others get 404)"});
}

void AddDocumentAdminRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"GET", "/api/v1/admin/documents", kManage,
              [&svc](http::Context& ctx) {
                auto q = ParseList(ctx, false);
                if (!q.ok()) return http::ErrorResponse(q.error(), ctx);
                auto page = svc.List(Viewer{ctx.principal.user_id, true}, *q);
                return page.ok() ? http::Json(200, PageJson(*page, true)) : http::ErrorResponse(page.error(), ctx);
              },
              "Every document, newest updated first; ?category="});
  routes.Add({"POST", "/api/v1/admin/documents", kManage,
              [&svc](http::Context& ctx) {
                auto in = ParseCreate(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                auto d = svc.Create(http::ActorOf(ctx), std::move(in->first), std::move(in->second));
                return d.ok() ? Saved(ctx, svc, d->id, 201) : http::ErrorResponse(d.error(), ctx);
              },
              "Create a document from a PDF upload"});
  routes.Add({"PUT", "/api/v1/admin/documents/{id}", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto in = ParseMeta(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                auto d = svc.Update(http::ActorOf(ctx), id, std::move(*in));
                return d.ok() ? Saved(ctx, svc, id, 200) : http::ErrorResponse(d.error(), ctx);
              }),
              "Replace a document's title, description, category and groups"});
  routes.Add({"POST", "/api/v1/admin/documents/{id}/versions", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                auto in = ParseVersion(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                auto v = svc.AddVersion(http::ActorOf(ctx), id, std::move(*in));
                return v.ok() ? Saved(ctx, svc, id, 201) : http::ErrorResponse(v.error(), ctx);
              }),
              "Add a new version (it becomes the current one)"});
  routes.Add({"DELETE", "/api/v1/admin/documents/{id}", kManage, WithId([&svc](http::Context& ctx, uint64_t id) {
                return Done(ctx, svc.Delete(http::ActorOf(ctx), id), id);
              }),
              "Delete a document (its files stay)"});
}

void AddCategoryAdminRoutes(http::RouteTable& routes, Service& svc) {
  routes.Add({"POST", "/api/v1/admin/documents/categories", kManage,
              [&svc](http::Context& ctx) {
                auto in = ParseCategory(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                auto c = svc.CreateCategory(http::ActorOf(ctx), std::move(*in));
                return c.ok() ? http::Json(201, CategoryJson(*c)) : http::ErrorResponse(c.error(), ctx);
              },
              "Create a document category"});
  routes.Add({"PUT", "/api/v1/admin/documents/categories/{id}", kManage,
              WithId([&svc](http::Context& ctx, uint64_t id) {
                auto in = ParseCategory(ctx.req.body);
                if (!in.ok()) return http::ErrorResponse(in.error(), ctx);
                auto c = svc.UpdateCategory(http::ActorOf(ctx), id, std::move(*in));
                return c.ok() ? http::Json(200, CategoryJson(*c)) : http::ErrorResponse(c.error(), ctx);
              }),
              "Rename or move a document category"});
  routes.Add({"DELETE", "/api/v1/admin/documents/categories/{id}", kManage,
              WithId([&svc](http::Context& ctx, uint64_t id) {
                return Done(ctx, svc.DeleteCategory(http::ActorOf(ctx), id), id);
              }),
              "Delete an empty document category"});
}

}  // namespace

void RegisterRoutes(http::RouteTable& routes, Service& svc) {
  AddReaderRoutes(routes, svc);
  AddDocumentAdminRoutes(routes, svc);
  AddCategoryAdminRoutes(routes, svc);
}

}  // namespace osiedle::documents
