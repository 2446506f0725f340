#include "daemon/modules/ads/service.hpp"

#include <algorithm>

#include "daemon/core/page.hpp"
#include "daemon/core/targeting.hpp"
#include "daemon/core/uri.hpp"
#include "daemon/core/utf8.hpp"

namespace osiedle::ads {
namespace {

Error NotFound() { return MakeError("not_found"); }

uint64_t Limit(uint64_t limit) { return PageLimit(limit, Service::kDefaultPage, Service::kMaxPage); }

Status CheckTime(int64_t t, const char* field) {
  if (t < 0 || t > Service::kMaxTime) return MakeError("field_invalid", field, "unix seconds 0..9999-12-31");
  return {};
}

// A one-line text field: CheckText plus no line breaks or tabs.
Status CheckLine(std::string& s, const char* field, size_t max_len, bool required) {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(s, field, max_len, required));
  if (utf8::HasControl(s, /*allow_line_breaks=*/false)) return MakeError("field_invalid", field);
  return {};
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock, groups::Service& groups, audit::Service& audit,
                 uploads::Service& uploads)
    : env_(env), clock_(clock), groups_(groups), audit_(audit), uploads_(uploads), store_(env) {}

Service::~Service() { Stop(); }

bool Service::IsValidLink(std::string_view link) {
  if (link.size() > kMaxLinkLen) return false;
  const size_t scheme = uri::WebSchemeLength(link);
  if (scheme == 0) return false;
  // Printable ASCII only: the link goes into a Location header verbatim. The excluded characters are those a browser
  // would re-interpret (\ as /) or that have no business in a URL.
  for (unsigned char c : link) {
    if (c <= 0x20 || c >= 0x7F) return false;
    if (std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos) return false;
  }
  std::string_view rest = link.substr(scheme);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return false;  // credentials, or a host in disguise
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {  // IPv6 literal
    size_t close = host.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    std::string_view after = host.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
    host = host.substr(0, close + 1);
    authority = after;
  } else {
    size_t colon = host.find(':');
    authority = colon == std::string_view::npos ? std::string_view() : host.substr(colon);
    host = host.substr(0, colon);
  }
  if (host.empty() || host.front() == '.' || host.front() == '-') return false;
  if (!authority.empty()) {  // ":port"
    std::string_view port = authority.substr(1);
    if (port.empty() || port.size() > 5) return false;
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  }
  return true;
}

Status Service::CheckInput(BannerInput& in) {
  OSIEDLE_RETURN_IF_ERROR(CheckLine(in.title, "title", kMaxTitleLen, true));
  OSIEDLE_RETURN_IF_ERROR(CheckLine(in.advertiser, "advertiser", kMaxAdvertiserLen, false));
  OSIEDLE_RETURN_IF_ERROR(CheckLine(in.alt, "alt", kMaxAltLen, true));
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(in.notes, "notes", kMaxNotesLen, false));
  if (!utf8::IsValid(in.link)) return MakeError("utf8_invalid", "link");
  in.link = std::string(utf8::Trim(in.link));
  if (in.link.empty()) return MakeError("field_required", "link");
  if (!IsValidLink(in.link)) return MakeError("link_invalid", "link");
  in.image_id = std::string(utf8::Trim(in.image_id));
  if (in.image_id.empty()) return MakeError("field_required", "image_id");
  if (in.image_id.size() > kMaxImageIdLen) return MakeError("upload_not_image", "image_id");
  OSIEDLE_RETURN_IF_ERROR(CheckTime(in.starts_at, "starts_at"));
  OSIEDLE_RETURN_IF_ERROR(CheckTime(in.ends_at, "ends_at"));
  if (in.ends_at <= in.starts_at) return MakeError("field_invalid", "ends_at", "must be after starts_at");
  if (in.has_price && !in.paid) return MakeError("field_invalid", "price", "only paid banners have a price");
  if (!in.has_price) in.price = 0;
  if (in.placement != Placement::kSlider && in.placement != Placement::kStack) {
    return MakeError("field_invalid", "placement");
  }
  if (in.position > kMaxPosition) return MakeError("field_invalid", "position");
  std::sort(in.groups.begin(), in.groups.end());
  in.groups.erase(std::unique(in.groups.begin(), in.groups.end()), in.groups.end());
  if (in.groups.size() > kMaxGroups) return MakeError("field_too_long", "groups");
  return {};
}

Result<BannerView> Service::Save(const Actor& actor, uint64_t id, BannerInput in) {
  OSIEDLE_RETURN_IF_ERROR(CheckInput(in));
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<BannerView> {
    std::optional<Banner> old;
    if (id != 0) {
      old = store_.Get(txn, id);
      if (!old) return NotFound();
    }
    auto upload = uploads_.Get(txn, in.image_id);
    if (!upload.ok() || !uploads::IsImage(upload->kind)) return MakeError("upload_not_image", "image_id");
    for (uint64_t g : in.groups) {
      if (!groups_.Get(txn, g).ok()) return MakeError("group_not_found", "groups", std::to_string(g));
    }
    Banner b;
    b.id = old ? old->id : store_.NextId(txn);
    b.title = in.title;
    b.advertiser = in.advertiser;
    b.image_id = in.image_id;
    b.alt = in.alt;
    b.link = in.link;
    b.paid = in.paid;
    b.has_price = in.has_price;
    b.price = in.price;
    b.notes = in.notes;
    b.starts_at = in.starts_at;
    b.ends_at = in.ends_at;
    b.groups = in.groups;
    b.placement = in.placement;
    b.position = in.position;
    b.enabled = in.enabled;
    b.created_by = old ? old->created_by : actor.user_id;
    b.created_at = old ? old->created_at : now;
    b.updated_at = now;
    store_.Put(txn, b, old ? &*old : nullptr);
    audit_.Append(txn, audit::MakeEntry(actor, old ? "ads.update" : "ads.create", "ad_banner", b.id, b.title));
    return ViewOf(txn, std::move(b));
  });
}

Result<BannerView> Service::Create(const Actor& actor, BannerInput input) { return Save(actor, 0, std::move(input)); }

Result<BannerView> Service::Update(const Actor& actor, uint64_t id, BannerInput input) {
  if (id == 0) return NotFound();
  return Save(actor, id, std::move(input));
}

Status Service::Delete(const Actor& actor, uint64_t id) {
  return env_.Update([&](storage::WriteTxn& txn) -> Status {
    auto b = store_.Get(txn, id);
    if (!b) return NotFound();
    store_.Delete(txn, *b);
    audit_.Append(txn, audit::MakeEntry(actor, "ads.delete", "ad_banner", id, b->title));
    return {};
  });
}

Page<BannerView> Service::AdminList(uint64_t offset, uint64_t limit) const {
  return env_.View([&](const storage::ReadTxn& txn) {
    Page<BannerView> page;
    page.total = store_.Count(txn);
    page.offset = offset;
    page.limit = Limit(limit);
    uint64_t index = 0;
    store_.ForEachNewestFirst(txn, [&](const Banner& b) {
      if (index++ < offset) return true;
      page.items.push_back(ViewOf(txn, b));
      return page.items.size() < page.limit;
    });
    return page;
  });
}

Result<BannerView> Service::AdminGet(uint64_t id) const {
  return env_.View([&](const storage::ReadTxn& txn) -> Result<BannerView> {
    auto b = store_.Get(txn, id);
    if (!b) return NotFound();
    return ViewOf(txn, std::move(*b));
  });
}

BannerView Service::ViewOf(const storage::ReadTxn& txn, Banner b) const {
  const int64_t now = clock_.NowUnix();
  BannerView v;
  v.totals = store_.GetTotals(txn, b.id);
  v.state = !b.enabled              ? BannerState::kDisabled
            : now < b.starts_at    ? BannerState::kScheduled
            : now >= b.ends_at     ? BannerState::kEnded
                                   : BannerState::kRunning;
  v.banner = std::move(b);
  return v;
}

bool Service::Shows(const Banner& b, const Viewer& viewer, const std::vector<uint64_t>& mine, int64_t now) {
  if (!b.enabled || now < b.starts_at || now >= b.ends_at) return false;
  return viewer.staff || targeting::Targets(b.groups, mine);
}

std::vector<AdView> Service::Active(const Viewer& viewer, Placement placement) {
  const int64_t now = clock_.NowUnix();
  std::vector<AdView> shown = env_.View([&](const storage::ReadTxn& txn) {
    std::vector<uint64_t> mine;
    if (!viewer.staff) {
      mine = groups_.GroupsOf(txn, viewer.user_id);
      std::sort(mine.begin(), mine.end());
    }
    auto placed = placed_.Get(txn, static_cast<int>(placement), [&] {
      std::vector<Banner> enabled;
      store_.ForEachInOrder(txn, placement, [&](uint64_t id) {
        auto b = store_.Get(txn, id);
        if (b && b->enabled) enabled.push_back(std::move(*b));
        return true;
      });
      return enabled;
    });
    std::vector<AdView> out;
    for (const Banner& b : *placed) {
      if (out.size() >= kMaxShown) break;
      if (Shows(b, viewer, mine, now)) out.push_back(AdView{b.id, b.title, b.advertiser, b.alt, b.image_id});
    }
    return out;
  });
  if (!shown.empty() && now >= 0) {
    const int64_t day = now / 86400;
    for (const AdView& ad : shown) impressions_.Add({ad.id, day});
  }
  return shown;
}

Result<std::string> Service::Click(const Viewer& viewer, uint64_t id) {
  const int64_t now = clock_.NowUnix();
  return env_.Update([&](storage::WriteTxn& txn) -> Result<std::string> {
    auto b = store_.Get(txn, id);
    if (!b) return NotFound();
    std::vector<uint64_t> mine;
    if (!viewer.staff && !b->groups.empty()) {
      mine = groups_.GroupsOf(txn, viewer.user_id);
      std::sort(mine.begin(), mine.end());
    }
    if (!Shows(*b, viewer, mine, now) || now < 0) return NotFound();
    store_.AddCounts(txn, id, now / 86400, Counts{0, 1});
    return b->link;
  });
}

}  // namespace osiedle::ads
