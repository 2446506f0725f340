// Demo content: the document library — every statutory category with PDFs drawn at seed time (demo_pdf.cpp), forms
// to print, one document with two versions and one for staff only; a few downloads by residents.
#include <map>

#include "daemon/app/demo_content.hpp"

namespace osiedle::app::demo {
namespace {

// The category with slug `slug`, created if the migration that seeds the defaults has not run.
uint64_t CategoryId(Context& ctx, std::map<std::string, uint64_t>& ids, const std::string& slug, const Actor& actor) {
  if (auto it = ids.find(slug); it != ids.end()) return it->second;
  documents::CategoryInput in;
  in.name = slug;
  in.statutory = slug != "formularze-do-druku" && slug != "inne";
  auto c = Must(ctx.app.documents.CreateCategory(actor, in), "document category " + slug);
  return ids[slug] = c.id;
}

documents::VersionInput StorePdf(Context& ctx, const char* filename, const PdfText& text, const char* note) {
  auto upload = Must(ctx.app.uploads.Store(ctx.who.staff, RenderPdf(text)), std::string("upload ") + filename);
  return {upload.id, filename, note};
}

}  // namespace

void SeedDocuments(Context& ctx) {
  App& app = ctx.app;
  const Viewer staff_view{ctx.who.staff, true};
  documents::ListQuery any;
  any.limit = 1;
  if (Must(app.documents.List(staff_view, any), "documents").total != 0) return;
  const Actor actor{ctx.who.staff, "", "osiedled demo"};
  std::map<std::string, uint64_t> categories;
  for (const auto& c : app.documents.Categories(staff_view)) categories[c.category.slug] = c.category.id;
  std::vector<uint64_t> ids;
  for (const auto& d : DemoDocuments()) {
    documents::DocumentInput in;
    in.title = d.title;
    in.description = d.description;
    in.category_id = CategoryId(ctx, categories, d.category_slug, actor);
    if (d.target == DocTarget::kStaff) in.groups = {ctx.groups.staff};
    auto doc =
        Must(app.documents.Create(actor, in, StorePdf(ctx, d.filename, d.pdf, "")), std::string("document ") + d.title);
    for (const auto& v : d.later_versions)
      Must(app.documents.AddVersion(actor, doc.id, StorePdf(ctx, d.filename, v.pdf, v.note)), "document version");
    ids.push_back(doc.id);
  }
  // Residents have downloaded the most wanted documents (download counters for staff).
  const uint64_t readers[] = {ctx.who.jan, ctx.who.ewa, ctx.who.piotr};
  for (size_t i = 0; i < ids.size() && i < 8; ++i)
    for (size_t r = 0; r <= (i % 3); ++r) Must(app.documents.Download({readers[r], false}, ids[i]), "download");
}

}  // namespace osiedle::app::demo
