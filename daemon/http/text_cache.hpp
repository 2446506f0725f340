#pragma once
// JSON texts of list items, rendered once and reused while what they show is unchanged: the readers' lists
// (home page banners, contractor search) are read far more often than their items change.
//
// Usage:
//   static http::TextCache<std::pair<Contractor, std::vector<std::string>>> texts;
//   texts.AppendTo(out, c.id, {c, category_names}, [&] { return json::Dump(ContractorJson(c, names)); });
//
// `Shown` is everything the text depends on, compared with ==, so a kept text is never stale. Thread-safe (hits
// share a reader lock, so they never wait for each other); bounded (it starts over past kMaxEntries items).
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace osiedle::http {

template <typename Shown>
class TextCache {
 public:
  // Appends the text for item `id` showing `shown` to `out`, rendering it first unless kept.
  template <typename Render>
  void AppendTo(std::string& out, uint64_t id, const Shown& shown, Render&& render) {
    {
      std::shared_lock lock(mu_);
      auto it = entries_.find(id);
      if (it != entries_.end() && it->second.first == shown) {
        out += it->second.second;
        return;
      }
    }
    std::string text = render();
    out += text;
    std::unique_lock lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.insert_or_assign(id, std::pair<Shown, std::string>{shown, std::move(text)});
  }

  static constexpr size_t kMaxEntries = 4096;

 private:
  std::shared_mutex mu_;
  std::unordered_map<uint64_t, std::pair<Shown, std::string>> entries_;
};

}  // namespace osiedle::http
