#include "daemon/modules/information/store.hpp"

#include <algorithm>

#include "storage/codec.hpp"
#include "storage/links.hpp"

namespace osiedle::information {
namespace {

constexpr uint8_t kSectionVersion = 1;
constexpr uint8_t kPageVersion = 1;
constexpr uint8_t kSubmissionVersion = 1;
constexpr uint8_t kRefVersion = 1;
constexpr uint64_t kMaxDecodedItems =
    1000; // bound on list lengths read back (a corrupt count must not allocate)

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }
std::string PairKey(uint64_t a, uint64_t b) {
  return storage::Key().U64(a).U64(b);
}

void EncodeForm(storage::Writer &w, const Form &f) {
  w.Str(f.title)
      .U64(f.capacity)
      .I64(f.closes_at)
      .U64(f.assignee.user_id)
      .U64(f.assignee.department_id);
  w.U64(f.fields.size());
  for (const FormField &x : f.fields) {
    w.Str(x.key)
        .U8(static_cast<uint8_t>(x.type))
        .Str(x.label)
        .Bool(x.required)
        .StrList(x.options);
    w.Bool(x.min.has_value())
        .Double(x.min.value_or(0))
        .Bool(x.max.has_value())
        .Double(x.max.value_or(0));
    w.U64(x.max_length);
  }
}

std::optional<Form> DecodeForm(storage::Reader &r) {
  Form f;
  f.title = r.Str();
  f.capacity = r.U64();
  f.closes_at = r.I64();
  f.assignee.user_id = r.U64();
  f.assignee.department_id = r.U64();
  const uint64_t n = r.U64();
  if (n > kMaxDecodedItems)
    return std::nullopt;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    FormField x;
    x.key = r.Str();
    x.type = static_cast<FieldType>(r.U8());
    x.label = r.Str();
    x.required = r.Bool();
    x.options = r.StrList();
    const bool has_min = r.Bool();
    const double min = r.Double();
    const bool has_max = r.Bool();
    const double max = r.Double();
    if (has_min)
      x.min = min;
    if (has_max)
      x.max = max;
    x.max_length = static_cast<uint32_t>(r.U64());
    f.fields.push_back(std::move(x));
  }
  if (!r.ok())
    return std::nullopt;
  return f;
}

std::string EncodeRef(SubmissionStatus s) {
  storage::Writer w(kRefVersion);
  w.U8(static_cast<uint8_t>(s));
  return w.Take();
}

std::string EncodeUserRef(uint64_t page_id) {
  storage::Writer w(kRefVersion);
  w.U64(page_id);
  return w.Take();
}

std::string EncodeSection(const Section &s) {
  storage::Writer w(kSectionVersion);
  w.Str(s.title).I64(s.position).I64(s.created_at).I64(s.updated_at);
  return w.Take();
}

std::optional<Section> DecodeSection(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kSectionVersion)
    return std::nullopt;
  Section s;
  s.id = id;
  s.title = r.Str();
  s.position = r.I64();
  s.created_at = r.I64();
  s.updated_at = r.I64();
  if (!r.ok())
    return std::nullopt;
  return s;
}

} // namespace

Store::Store(storage::Env &env)
    : sections_(env.OpenTable("information.sections")),
      pages_(env.OpenTable("information.pages")),
      by_section_(env.OpenTable("information.pages.by_section")),
      submissions_(env.OpenTable("information.submissions")),
      by_page_(env.OpenTable("information.submissions.by_page")),
      by_user_(env.OpenTable("information.submissions.by_user")) {}

std::optional<Section> Store::GetSection(const storage::ReadTxn &txn,
                                         uint64_t id) const {
  auto v = txn.Get(sections_, IdKey(id));
  return v ? DecodeSection(id, *v) : std::nullopt;
}

void Store::PutSection(storage::WriteTxn &txn, const Section &s) const {
  txn.Put(sections_, IdKey(s.id), EncodeSection(s));
}

void Store::DeleteSection(storage::WriteTxn &txn, uint64_t id) const {
  txn.Del(sections_, IdKey(id));
}

std::vector<Section> Store::Sections(const storage::ReadTxn &txn) const {
  std::vector<Section> out;
  txn.Scan(sections_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8)
      return true;
    if (auto s = DecodeSection(storage::GetU64BE(k), v))
      out.push_back(std::move(*s));
    return true;
  });
  std::stable_sort(out.begin(), out.end(),
                   [](const Section &a, const Section &b) {
                     return a.position < b.position;
                   });
  return out;
}

std::string Store::EncodePage(const InfoPage &p) {
  storage::Writer w(kPageVersion);
  w.U64(p.section_id)
      .Str(p.title)
      .Str(p.body_md)
      .Str(p.body_html)
      .U64List(p.groups)
      .I64(p.position);
  w.Bool(p.published).Bool(p.form.has_value());
  if (p.form)
    EncodeForm(w, *p.form);
  w.U64(p.author_id).I64(p.created_at).I64(p.updated_at);
  return w.Take();
}

std::optional<InfoPage> Store::DecodePage(uint64_t id, std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kPageVersion)
    return std::nullopt;
  InfoPage p;
  p.id = id;
  p.section_id = r.U64();
  p.title = r.Str();
  p.body_md = r.Str();
  p.body_html = r.Str();
  p.groups = r.U64List();
  p.position = r.I64();
  p.published = r.Bool();
  if (r.Bool()) {
    p.form = DecodeForm(r);
    if (!p.form)
      return std::nullopt;
  }
  p.author_id = r.U64();
  p.created_at = r.I64();
  p.updated_at = r.I64();
  if (!r.ok())
    return std::nullopt;
  return p;
}

std::string Store::EncodeSubmission(const Submission &s) {
  storage::Writer w(kSubmissionVersion);
  w.U64(s.page_id)
      .U64(s.user_id)
      .U8(static_cast<uint8_t>(s.status))
      .U64(s.answers.size());
  for (const Answer &a : s.answers)
    w.Str(a.key)
        .Str(a.label)
        .U8(static_cast<uint8_t>(a.type))
        .StrList(a.values);
  w.Str(s.staff_note).U64(s.handled_by).I64(s.created_at).I64(s.updated_at);
  return w.Take();
}

std::optional<Submission> Store::DecodeSubmission(uint64_t id,
                                                  std::string_view value) {
  storage::Reader r(value);
  if (r.version() != kSubmissionVersion)
    return std::nullopt;
  Submission s;
  s.id = id;
  s.page_id = r.U64();
  s.user_id = r.U64();
  s.status = static_cast<SubmissionStatus>(r.U8());
  const uint64_t n = r.U64();
  if (n > kMaxDecodedItems)
    return std::nullopt;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    Answer a;
    a.key = r.Str();
    a.label = r.Str();
    a.type = static_cast<FieldType>(r.U8());
    a.values = r.StrList();
    s.answers.push_back(std::move(a));
  }
  s.staff_note = r.Str();
  s.handled_by = r.U64();
  s.created_at = r.I64();
  s.updated_at = r.I64();
  if (!r.ok())
    return std::nullopt;
  return s;
}

std::optional<InfoPage> Store::GetPage(const storage::ReadTxn &txn,
                                       uint64_t id) const {
  auto v = txn.Get(pages_, IdKey(id));
  return v ? DecodePage(id, *v) : std::nullopt;
}

void Store::PutPage(storage::WriteTxn &txn, const InfoPage &page,
                    const InfoPage *old) const {
  if (old != nullptr)
    txn.Del(by_section_, PairKey(old->section_id, old->id));
  txn.Put(pages_, IdKey(page.id), EncodePage(page));
  txn.Put(by_section_, PairKey(page.section_id, page.id), {});
}

void Store::DeletePage(storage::WriteTxn &txn, const InfoPage &page) const {
  for (const SubmissionRef &ref : RefsOf(txn, page.id)) {
    if (auto s = GetSubmission(txn, ref.id))
      txn.Del(by_user_, PairKey(s->user_id, s->id));
    txn.Del(submissions_, IdKey(ref.id));
  }
  txn.DelPrefix(by_page_, IdKey(page.id));
  txn.Del(by_section_, PairKey(page.section_id, page.id));
  txn.Del(pages_, IdKey(page.id));
}

std::vector<uint64_t> Store::PageIdsOf(const storage::ReadTxn &txn,
                                       uint64_t section_id) const {
  return storage::LinkedTo(txn, by_section_, section_id);
}

void Store::ForEachPageNewestFirst(
    const storage::ReadTxn &txn,
    const std::function<bool(const InfoPage &)> &fn) const {
  txn.Scan(
      pages_, {},
      [&](std::string_view k, std::string_view v) {
        if (k.size() != 8)
          return true;
        auto p = DecodePage(storage::GetU64BE(k), v);
        return p ? fn(*p) : true;
      },
      storage::Direction::kBackward);
}

std::optional<Submission> Store::GetSubmission(const storage::ReadTxn &txn,
                                               uint64_t id) const {
  auto v = txn.Get(submissions_, IdKey(id));
  return v ? DecodeSubmission(id, *v) : std::nullopt;
}

void Store::PutSubmission(storage::WriteTxn &txn, const Submission &s) const {
  txn.Put(submissions_, IdKey(s.id), EncodeSubmission(s));
  txn.Put(by_page_, PairKey(s.page_id, s.id), EncodeRef(s.status));
  txn.Put(by_user_, PairKey(s.user_id, s.id), EncodeUserRef(s.page_id));
}

std::vector<SubmissionRef> Store::RefsOf(const storage::ReadTxn &txn,
                                         uint64_t page_id) const {
  std::vector<SubmissionRef> out;
  txn.Scan(by_page_, IdKey(page_id),
           [&](std::string_view k, std::string_view v) {
             if (k.size() != 16)
               return true;
             storage::Reader r(v);
             const auto status = static_cast<SubmissionStatus>(r.U8());
             if (r.version() == kRefVersion && r.ok())
               out.push_back({storage::GetU64BE(k.substr(8)), status});
             return true;
           });
  return out;
}

std::vector<uint64_t> Store::SubmissionIdsOfUser(const storage::ReadTxn &txn,
                                                 uint64_t user_id) const {
  std::vector<uint64_t> ids = storage::LinkedTo(txn, by_user_, user_id);
  std::reverse(ids.begin(), ids.end());
  return ids;
}

} // namespace osiedle::information
