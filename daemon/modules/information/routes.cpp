#include "daemon/modules/information/routes.hpp"

#include "daemon/http/params.hpp"
#include "daemon/http/response.hpp"
#include "daemon/modules/information/routes_json.hpp"

namespace osiedle::information {
namespace {

using http::WithId;
using json::Json;
constexpr const char *kManage = "information:manage";

Viewer ViewerOf(const http::Context &ctx) {
  return http::ViewerOf(ctx, kManage);
}

Result<http::PageRequest> ParsePage(const http::Context &ctx) {
  return http::ParsePage(ctx, Service::kDefaultPage, Service::kMaxPage);
}

template <typename T, typename F>
http::Response Answer(const http::Context &ctx, const Result<T> &r, int status,
                      F &&to_json) {
  return r.ok() ? http::Json(status, to_json(*r))
                : http::ErrorResponse(r.error(), ctx);
}

http::Response Done(const http::Context &ctx, const Status &st, Json body) {
  return st.ok() ? http::Json(200, body) : http::ErrorResponse(st.error(), ctx);
}

// A page as staff see it after a change.
http::Response SavedPage(const http::Context &ctx, Service &svc,
                         const Result<InfoPage> &page, int status) {
  if (!page.ok())
    return http::ErrorResponse(page.error(), ctx);
  return Answer(ctx, svc.AdminPage(page->id), status,
                [](const PageView &v) { return wire::PageJson(v, true); });
}

Result<SubmissionFilter> ParseFilter(const http::Context &ctx) {
  SubmissionFilter filter;
  const std::string status = ctx.req.Query("status");
  if (!status.empty()) {
    filter.status = ParseStatus(status);
    if (!filter.status)
      return MakeError("field_invalid", "status");
  }
  const std::string mine = ctx.req.Query("mine");
  if (!mine.empty() && mine != "0" && mine != "1")
    return MakeError("field_type", "mine");
  filter.mine = mine == "1";
  return filter;
}

void AddResidentRoutes(http::RouteTable &routes, Service &svc) {
  routes.Add({"GET", "/api/v1/info/sections", http::kAuthenticated,
              [&svc](http::Context &ctx) {
                Json items = Json::array();
                for (const SectionTree &t : svc.Sections(ViewerOf(ctx)))
                  items.push_back(wire::SectionTreeJson(t));
                return http::Json(200, {{"items", items}});
              },
              "Information sections with the pages visible to the caller"});
  routes.Add({"GET", "/api/v1/info/pages/{id}", http::kAuthenticated,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                return Answer(
                    ctx, svc.GetPage(ViewerOf(ctx), id), 200,
                    [](const PageView &v) { return wire::PageJson(v, false); });
              }),
              "One information page with its sign-up form and the caller's "
              "submissions"});
  routes.Add({"POST", "/api/v1/info/pages/{id}/submissions",
              http::kAuthenticated,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                return Answer(ctx, svc.Submit(ViewerOf(ctx), id, ctx.req.body),
                              201, [](const Submission &s) {
                                return wire::SubmissionJson(s, false, false);
                              });
              }),
              "Send a submission to a page's sign-up form"});
  routes.Add(
      {"GET", "/api/v1/me/submissions", http::kAuthenticated,
       [&svc](http::Context &ctx) {
         auto p = ParsePage(ctx);
         if (!p.ok())
           return http::ErrorResponse(p.error(), ctx);
         auto page = svc.MySubmissions(ViewerOf(ctx), p->offset, p->limit);
         return http::Json(200, wire::PageOf(page, [](const Submission &s) {
                             return wire::SubmissionJson(s, true, false);
                           }));
       },
       "The caller's form submissions, newest first"});
  routes.Add({"POST", "/api/v1/me/submissions/{id}/cancel",
              http::kAuthenticated,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                return Answer(ctx, svc.Cancel(ViewerOf(ctx), id), 200,
                              [](const Submission &s) {
                                return wire::SubmissionJson(s, true, false);
                              });
              }),
              "Cancel one's own submission"});
}

void AddSectionRoutes(http::RouteTable &routes, Service &svc) {
  routes.Add({"GET", "/api/v1/admin/info/sections", kManage,
              [&svc](http::Context &ctx) {
                auto p = ParsePage(ctx);
                if (!p.ok())
                  return http::ErrorResponse(p.error(), ctx);
                return http::Json(
                    200, wire::PageOf(svc.AdminSections(p->offset, p->limit),
                                      wire::SectionJson));
              },
              "All information sections"});
  routes.Add({"POST", "/api/v1/admin/info/sections", kManage,
              [&svc](http::Context &ctx) {
                auto in = wire::ParseSection(ctx.req.body);
                if (!in.ok())
                  return http::ErrorResponse(in.error(), ctx);
                return Answer(
                    ctx, svc.CreateSection(http::ActorOf(ctx), std::move(*in)),
                    201, wire::SectionJson);
              },
              "Create an information section"});
  routes.Add({"PUT", "/api/v1/admin/info/sections/{id}", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                auto in = wire::ParseSection(ctx.req.body);
                if (!in.ok())
                  return http::ErrorResponse(in.error(), ctx);
                return Answer(
                    ctx,
                    svc.UpdateSection(http::ActorOf(ctx), id, std::move(*in)),
                    200, wire::SectionJson);
              }),
              "Rename or move an information section"});
  routes.Add({"DELETE", "/api/v1/admin/info/sections/{id}", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                return Done(ctx, svc.DeleteSection(http::ActorOf(ctx), id),
                            {{"deleted", id}});
              }),
              "Delete an empty information section"});
}

void AddPageRoutes(http::RouteTable &routes, Service &svc) {
  routes.Add({"GET", "/api/v1/admin/info/pages", kManage,
              [&svc](http::Context &ctx) {
                auto p = ParsePage(ctx);
                if (!p.ok())
                  return http::ErrorResponse(p.error(), ctx);
                return http::Json(
                    200, wire::PageOf(svc.AdminPages(p->offset, p->limit),
                                      wire::PageSummaryJson));
              },
              "All information pages, newest first"});
  routes.Add({"POST", "/api/v1/admin/info/pages", kManage,
              [&svc](http::Context &ctx) {
                auto in = wire::ParsePage(ctx.req.body);
                if (!in.ok())
                  return http::ErrorResponse(in.error(), ctx);
                return SavedPage(
                    ctx, svc,
                    svc.CreatePage(http::ActorOf(ctx), std::move(*in)), 201);
              },
              "Create an information page"});
  routes.Add({"GET", "/api/v1/admin/info/pages/{id}", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                return Answer(
                    ctx, svc.AdminPage(id), 200,
                    [](const PageView &v) { return wire::PageJson(v, true); });
              }),
              "One information page with its Markdown source and form"});
  routes.Add({"PUT", "/api/v1/admin/info/pages/{id}", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                auto in = wire::ParsePage(ctx.req.body);
                if (!in.ok())
                  return http::ErrorResponse(in.error(), ctx);
                return SavedPage(
                    ctx, svc,
                    svc.UpdatePage(http::ActorOf(ctx), id, std::move(*in)),
                    200);
              }),
              "Replace an information page"});
  routes.Add({"DELETE", "/api/v1/admin/info/pages/{id}", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                return Done(ctx, svc.DeletePage(http::ActorOf(ctx), id),
                            {{"deleted", id}});
              }),
              "Delete an information page with its submissions"});
}

void AddSubmissionRoutes(http::RouteTable &routes, Service &svc) {
  routes.Add({"GET", "/api/v1/admin/info/pages/{id}/submissions", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                auto p = ParsePage(ctx);
                if (!p.ok())
                  return http::ErrorResponse(p.error(), ctx);
                auto filter = ParseFilter(ctx);
                if (!filter.ok())
                  return http::ErrorResponse(filter.error(), ctx);
                return Answer(
                    ctx,
                    svc.AdminSubmissions(ViewerOf(ctx), id, *filter, p->offset,
                                         p->limit),
                    200, [](const Page<Submission> &page) {
                      return wire::PageOf(page, [](const Submission &s) {
                        return wire::SubmissionJson(s, true, true);
                      });
                    });
              }),
              "Submissions to a page's form, oldest first"});
  routes.Add({"GET", "/api/v1/admin/info/pages/{id}/submissions.csv", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                auto csv = svc.ExportCsv(id);
                if (!csv.ok())
                  return http::ErrorResponse(csv.error(), ctx);
                http::Response r;
                r.status = 200;
                r.content_type = "text/csv; charset=utf-8";
                r.body = std::move(*csv);
                r.headers.emplace_back("Content-Disposition",
                                       "attachment; filename=\"zgloszenia-" +
                                           std::to_string(id) + ".csv\"");
                r.headers.emplace_back("Cache-Control", "no-store");
                return r;
              }),
              "Submissions to a page's form as CSV"});
  routes.Add({"PATCH", "/api/v1/admin/info/submissions/{id}", kManage,
              WithId([&svc](http::Context &ctx, uint64_t id) {
                auto change = wire::ParseStatusChange(ctx.req.body);
                if (!change.ok())
                  return http::ErrorResponse(change.error(), ctx);
                return Answer(ctx,
                              svc.SetStatus(http::ActorOf(ctx), id,
                                            change->status, change->note),
                              200, [](const Submission &s) {
                                return wire::SubmissionJson(s, true, true);
                              });
              }),
              "Accept, reject or close a submission, with a note"});
}

} // namespace

void RegisterRoutes(http::RouteTable &routes, Service &svc) {
  AddResidentRoutes(routes, svc);
  AddSectionRoutes(routes, svc);
  AddPageRoutes(routes, svc);
  AddSubmissionRoutes(routes, svc);
}

} // namespace osiedle::information
