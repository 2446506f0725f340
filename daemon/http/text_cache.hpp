#pragma once
// JSON texts of list items, rendered once and reused while what they show is unchanged: the readers' lists
// (home page, contractor search) are read far more often than their items change.
//
// Usage:
//   static http::TextCache<std::pair<Outage, std::vector<std::string>>> texts;
//   std::string text = texts.Get(o.id, {o, names}, [&] { return OutageJson(o).dump(); });
//
// `Shown` is everything the text depends on, compared with ==, so a kept text is never stale. Thread-safe;
// bounded (it starts over past kMaxEntries items).
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace osiedle::http {

template <typename Shown>
class TextCache {
 public:
  template <typename Render>
  std::string Get(uint64_t id, Shown shown, Render&& render) {
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(id);
      if (it != entries_.end() && it->second.first == shown) return it->second.second;
    }
    std::string text = render();
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[id] = {std::move(shown), text};
    return text;
  }

  static constexpr size_t kMaxEntries = 4096;

 private:
  std::mutex mu_;
  std::unordered_map<uint64_t, std::pair<Shown, std::string>> entries_;
};

}  // namespace osiedle::http
