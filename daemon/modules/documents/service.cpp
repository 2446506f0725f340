#include "daemon/modules/documents/service.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>

#include "daemon/core/page.hpp"
#include "daemon/core/targeting.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/documents/search.hpp"

namespace osiedle::documents {
namespace {

Error NotFound() { return MakeError("not_found"); }

using targeting::Targets;

uint64_t Limit(uint64_t limit) { return PageLimit(limit, Service::kDefaultPage, Service::kMaxPage); }

struct DefaultCategory {
  const char* name;
  bool statutory;
};
// Seeding order is the display order. The first six are what a cooperative must publish for its members.
constexpr DefaultCategory kDefaults[] = {
    {"Statut", true},
    {"Regulaminy", true},
    {"Uchwały", true},
    {"Protokoły obrad organów", true},
    {"Protokoły lustracji", true},
    {"Sprawozdania finansowe", true},
    {"Formularze do druku", false},
    {"Inne", false},
};

bool EndsWithPdf(std::string_view s) {
  if (s.size() < 4) return false;
  std::string tail(s.substr(s.size() - 4));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ".pdf";
}

// Bytes of a character that must not reach a download name: C0 controls and DEL, C1 controls (U+0080..U+009F) and the
// bidirectional overrides (U+202A..U+202E, U+2066..U+2069) that make "fdp.exe" look like "exe.pdf". 0 otherwise.
size_t UnsafeCharLen(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  if (b(0) < 0x20 || b(0) == 0x7F) return 1;
  if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0xAA && b(2) <= 0xAE) return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9) return 3;
  return 0;
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock, groups::Service& groups, audit::Service& audit,
                 uploads::Service& uploads)
    : env_(env), clock_(clock), groups_(groups), audit_(audit), uploads_(uploads), store_(env) {}

Service::~Service() { Stop(); }

std::string Service::SlugOf(std::string_view name) {
  const std::string folded = utf8::Fold(name);
  std::string slug;
  bool dash = false;
  for (unsigned char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !slug.empty()) slug.push_back('-');
      dash = false;
      slug.push_back(static_cast<char>(c));
    } else {
      dash = true;
    }
  }
  return slug;
}

Result<std::string> Service::SanitizeFilename(std::string_view raw) {
  if (!utf8::IsValid(raw)) return MakeError("utf8_invalid", "filename");
  const size_t sep = raw.find_last_of("/\\");
  std::string_view base = sep == std::string_view::npos ? raw : raw.substr(sep + 1);
  std::string s;
  for (size_t i = 0; i < base.size();) {
    if (size_t n = UnsafeCharLen(base, i)) {
      s.push_back('_');
      i += n;
    } else {
      s.push_back(base[i++]);
    }
  }
  const size_t first = s.find_first_not_of(". ");  // no hidden files, no "..", no leading blanks
  s = first == std::string::npos ? std::string() : s.substr(first);
  s = std::string(utf8::Trim(s));
  if (s.empty()) return MakeError("field_required", "filename");
  if (!EndsWithPdf(s)) s += ".pdf";
  if (utf8::Length(s) > kMaxFilenameLen) return MakeError("field_too_long", "filename");
  return s;
}

void Service::Seed(storage::WriteTxn& txn) const {
  int64_t position = 0;
  for (const DefaultCategory& d : kDefaults) {
    ++position;
    const std::string slug = SlugOf(d.name);
    if (store_.FindSlug(txn, slug)) continue;
    Category c{store_.NextCategoryId(txn), d.name, slug, position, d.statutory};
    store_.PutCategory(txn, c, nullptr);
  }
}

std::vector<uint64_t> Service::GroupsOf(const storage::ReadTxn& txn, const Viewer& viewer) const {
  return viewer.staff ? std::vector<uint64_t>{} : groups_.GroupsOf(txn, viewer.user_id);
}

std::vector<CategoryView> Service::Categories(const Viewer& viewer) const {
  return env_.View([&](const storage::ReadTxn& txn) {
    const std::vector<uint64_t> mine = GroupsOf(txn, viewer);
    std::map<uint64_t, uint64_t> counts;
    store_.ForEachListEntry(txn, [&](const ListEntry& e) {
      if (viewer.staff || Targets(e.groups, mine)) ++counts[e.category_id];
      return true;
    });
    std::vector<CategoryView> out;
    for (Category& c : store_.Categories(txn)) {
      const uint64_t n = counts.count(c.id) ? counts[c.id] : 0;
      out.push_back(CategoryView{std::move(c), n});
    }
    std::stable_sort(out.begin(), out.end(), [](const CategoryView& a, const CategoryView& b) {
      return a.category.position < b.category.position;
    });
    return out;
  });
}

Result<Category> Service::SaveCategory(const Actor& actor, uint64_t id, CategoryInput in) {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.name, "name", kMaxCategoryNameLen, true));
  if (utf8::HasControl(in.name, /*allow_line_breaks=*/false)) return MakeError("field_invalid", "name");
  const std::string slug = SlugOf(in.name);
  if (slug.empty()) return MakeError("field_invalid", "name", "no letter or digit");
  if (in.position && (*in.position < 0 || *in.position > kMaxPosition)) {
    return MakeError("field_invalid", "position", "0-" + std::to_string(kMaxPosition));
  }
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Category> {
    std::optional<Category> old;
    std::vector<Category> all = store_.Categories(txn);
    if (id != 0) {
      old = store_.GetCategory(txn, id);
      if (!old) return NotFound();
    } else if (all.size() >= kMaxCategories) {
      return MakeError("field_too_long", "name", "at most " + std::to_string(kMaxCategories) + " categories");
    }
    auto taken = store_.FindSlug(txn, slug);
    if (taken && *taken != id) return MakeError("category_name_taken", "name");
    int64_t last = 0;
    for (const Category& c : all) last = std::max(last, c.position);
    Category c{id != 0 ? id : store_.NextCategoryId(txn), in.name, slug,
               in.position ? *in.position
               : old       ? old->position
                           : std::min(last + 1, kMaxPosition),
               in.statutory};
    store_.PutCategory(txn, c, old ? &*old : nullptr);
    audit_.Append(txn, audit::MakeEntry(actor, old ? "documents.category_update" : "documents.category_create",
                                        "documents_category", c.id, c.name));
    return c;
  });
}

Result<Category> Service::CreateCategory(const Actor& actor, CategoryInput input) {
  return SaveCategory(actor, 0, std::move(input));
}

Result<Category> Service::UpdateCategory(const Actor& actor, uint64_t id, CategoryInput input) {
  if (id == 0) return NotFound();
  return SaveCategory(actor, id, std::move(input));
}

Status Service::DeleteCategory(const Actor& actor, uint64_t id) {
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto c = store_.GetCategory(txn, id);
    if (!c) return NotFound();
    bool used = false;
    store_.ForEachListEntry(txn, [&](const ListEntry& e) {
      used = e.category_id == id;
      return !used;
    });
    if (used) return MakeError("category_not_empty");
    store_.DeleteCategory(txn, *c);
    audit_.Append(txn, audit::MakeEntry(actor, "documents.category_delete", "documents_category", id, c->name));
    return {};
  });
}

Status Service::CheckInput(DocumentInput& in) const {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.title, "title", kMaxTitleLen, true));
  if (utf8::HasControl(in.title, /*allow_line_breaks=*/false)) return MakeError("field_invalid", "title");
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.description, "description", kMaxDescriptionLen, false));
  std::sort(in.groups.begin(), in.groups.end());
  in.groups.erase(std::unique(in.groups.begin(), in.groups.end()), in.groups.end());
  if (in.groups.size() > kMaxGroups) return MakeError("field_too_long", "groups");
  return {};
}

Status Service::CheckVersion(VersionInput& in) {
  auto name = SanitizeFilename(in.filename);
  if (!name.ok()) return name.error();
  in.filename = std::move(*name);
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.note, "note", kMaxNoteLen, false));
  return {};
}

Status Service::CheckRefs(const storage::ReadTxn& txn, const DocumentInput& in) const {
  if (!store_.GetCategory(txn, in.category_id)) {
    return MakeError("category_not_found", "category_id", std::to_string(in.category_id));
  }
  for (uint64_t g : in.groups) {
    if (!groups_.Get(txn, g).ok()) return MakeError("group_not_found", "groups", std::to_string(g));
  }
  return {};
}

Result<Version> Service::MakeVersion(const storage::ReadTxn& txn, const Actor& actor, const VersionInput& in,
                                     uint64_t n, int64_t now) const {
  auto upload = uploads_.Get(txn, in.upload_id);
  if (!upload.ok()) return MakeError("not_found", "upload_id");
  if (upload->kind != uploads::Kind::kPdf) return MakeError("upload_not_pdf", "upload_id");
  Version v;
  v.n = n;
  v.upload_id = upload->id;
  v.filename = in.filename;
  v.note = in.note;
  v.size = upload->size;
  v.uploaded_by = actor.user_id;
  v.uploaded_at = now;
  return v;
}

Result<Document> Service::Create(const Actor& actor, DocumentInput in, VersionInput version) {
  OSIEDLE_RETURN_IF_ERROR(CheckInput(in));
  OSIEDLE_RETURN_IF_ERROR(CheckVersion(version));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Document> {
    OSIEDLE_RETURN_IF_ERROR(CheckRefs(txn, in));
    auto v = MakeVersion(txn, actor, version, 1, now);
    if (!v.ok()) return v.error();
    Document d;
    d.id = store_.NextDocumentId(txn);
    d.title = in.title;
    d.description = in.description;
    d.category_id = in.category_id;
    d.groups = in.groups;
    d.current = 1;
    d.created_by = actor.user_id;
    d.created_at = now;
    d.updated_at = now;
    store_.PutVersion(txn, d.id, *v);
    store_.PutDocument(txn, d, nullptr);
    audit_.Append(txn, audit::MakeEntry(actor, "documents.create", "document", d.id, d.title));
    return d;
  });
}

Result<Document> Service::Update(const Actor& actor, uint64_t id, DocumentInput in) {
  OSIEDLE_RETURN_IF_ERROR(CheckInput(in));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Document> {
    auto old = store_.GetDocument(txn, id);
    if (!old) return NotFound();
    OSIEDLE_RETURN_IF_ERROR(CheckRefs(txn, in));
    Document d = *old;
    d.title = in.title;
    d.description = in.description;
    d.category_id = in.category_id;
    d.groups = in.groups;
    d.updated_at = now;
    store_.PutDocument(txn, d, &*old);
    audit_.Append(txn, audit::MakeEntry(actor, "documents.update", "document", d.id, d.title));
    return d;
  });
}

Result<Version> Service::AddVersion(const Actor& actor, uint64_t id, VersionInput version) {
  OSIEDLE_RETURN_IF_ERROR(CheckVersion(version));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<Version> {
    auto old = store_.GetDocument(txn, id);
    if (!old) return NotFound();
    if (old->current >= kMaxVersions) return MakeError("field_too_long", "upload_id", "too many versions");
    auto v = MakeVersion(txn, actor, version, old->current + 1, now);
    if (!v.ok()) return v.error();
    Document d = *old;
    d.current = v->n;
    d.updated_at = now;
    store_.PutVersion(txn, d.id, *v);
    store_.PutDocument(txn, d, &*old);
    audit_.Append(txn, audit::MakeEntry(actor, "documents.version_add", "document", d.id,
                                        "v" + std::to_string(v->n) + " " + v->filename));
    return *v;
  });
}

Status Service::Delete(const Actor& actor, uint64_t id) {
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto d = store_.GetDocument(txn, id);
    if (!d) return NotFound();
    store_.DeleteDocument(txn, *d);
    audit_.Append(txn, audit::MakeEntry(actor, "documents.delete", "document", id, d->title));
    return {};
  });
}

Result<Document> Service::Visible(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t id) const {
  auto d = store_.GetDocument(txn, id);
  if (!d || !(viewer.staff || Targets(d->groups, GroupsOf(txn, viewer)))) return NotFound();
  return std::move(*d);
}

DocumentView Service::ViewOf(const storage::ReadTxn& txn, Document d, bool with_versions) const {
  DocumentView v;
  if (auto c = store_.GetCategory(txn, d.category_id)) v.category = c->name;
  if (auto cur = store_.GetVersion(txn, d.id, d.current)) v.current = std::move(*cur);
  if (with_versions) {
    v.versions = store_.Versions(txn, d.id);
    for (Version& ver : v.versions) {
      ver.downloads += PendingDownloads(d.id, ver.n);
      v.downloads += ver.downloads;
    }
  } else {
    v.downloads = store_.TotalDownloads(txn, d.id) + PendingDownloads(d.id, 0);
  }
  v.doc = std::move(d);
  return v;
}

Result<Page<DocumentView>> Service::List(const Viewer& viewer, const ListQuery& query) const {
  std::string q = query.q;
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(q, "q", kMaxQueryLen, false));
  const std::vector<std::string> words = QueryWords(q);
  return env_.View([&](const storage::ReadTxn& txn) -> Result<Page<DocumentView>> {
    const std::vector<uint64_t> mine = GroupsOf(txn, viewer);
    Page<DocumentView> page;
    page.offset = query.offset;
    page.limit = Limit(query.limit);
    store_.ForEachListEntry(txn, [&](const ListEntry& e) {
      if (query.category_id != 0 && e.category_id != query.category_id) return true;
      if (!viewer.staff && !Targets(e.groups, mine)) return true;
      if (!TitleMatches(e.title, words)) return true;
      if (page.total++ < query.offset || page.items.size() >= page.limit) return true;
      if (auto d = store_.GetDocument(txn, e.id)) page.items.push_back(ViewOf(txn, std::move(*d), false));
      return true;
    });
    return page;
  });
}

Result<DocumentView> Service::Get(const Viewer& viewer, uint64_t id) const {
  return env_.View([&](const storage::ReadTxn& txn) -> Result<DocumentView> {
    auto d = Visible(txn, viewer, id);
    if (!d.ok()) return d.error();
    return ViewOf(txn, std::move(*d), viewer.staff);
  });
}

Result<DownloadFile> Service::Fetch(const Viewer& viewer, uint64_t id, uint64_t n) {
  // A read transaction: nothing is held while the file streams (the route sends it after this returns), and the
  // count waits in memory for Flush.
  auto file = env_.View([&](const storage::ReadTxn& txn) -> Result<std::pair<DownloadFile, uint64_t>> {
    auto d = Visible(txn, viewer, id);
    if (!d.ok()) return d.error();
    const uint64_t which = n == 0 ? d->current : n;
    auto v = store_.GetVersion(txn, id, which);
    if (!v || !uploads_.Get(txn, v->upload_id).ok()) return NotFound();
    return std::pair{DownloadFile{uploads_.PathOf(v->upload_id), v->filename, v->size}, which};
  });
  if (!file.ok()) return file.error();
  downloads_.Add({id, file->second});
  return std::move(file->first);
}

void Service::Start() { flusher_.Start(); }

void Service::Stop() { flusher_.Stop(); }

Status Service::Flush() {
  return downloads_.Flush(env_, [&](storage::WriteTxn& txn, const std::pair<uint64_t, uint64_t>& key, uint64_t count) {
    if (store_.GetVersion(txn, key.first, key.second)) store_.CountDownloads(txn, key.first, key.second, count);
  });
}

uint64_t Service::PendingDownloads(uint64_t doc, uint64_t n) const {
  return n != 0 ? downloads_.Sum({doc, n}, {doc, n + 1}) : downloads_.Sum({doc, 0}, {doc + 1, 0});
}

Result<DownloadFile> Service::Download(const Viewer& viewer, uint64_t id) { return Fetch(viewer, id, 0); }

Result<DownloadFile> Service::DownloadVersion(const Viewer& viewer, uint64_t id, uint64_t n) {
  if (!viewer.staff || n == 0) return NotFound();
  return Fetch(viewer, id, n);
}

}  // namespace osiedle::documents
