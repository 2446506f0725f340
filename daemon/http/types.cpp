#include "daemon/http/types.hpp"

#include <stdexcept>

namespace osiedle::http {
namespace {

std::string Lookup(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "/a/b/c" → {"a","b","c"}; "/" → {""}; "/a/" → {"a",""}. REQUIRES: path starts with '/'.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

// Matches `parts` against `pattern`; on success `literal` has one flag per segment (true = literal).
bool MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string_view>& parts,
                   std::vector<bool>* literal) {
  if (pattern.size() != parts.size()) return false;
  literal->assign(pattern.size(), true);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i])) {
      // A parameter is one non-empty segment (it can never contain '/': parts are split on it).
      if (parts[i].empty()) return false;
      (*literal)[i] = false;
    } else if (pattern[i] != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string Request::Header(const std::string& lower_name) const { return Lookup(headers, lower_name); }
std::string Request::Query(const std::string& name) const { return Lookup(query, name); }
std::string Request::Param(const std::string& name) const { return Lookup(params, name); }

std::string Request::Cookie(std::string_view name) const {
  auto it = headers.find("cookie");
  if (it == headers.end() || name.empty()) return {};
  std::string_view rest = it->second;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return {};
}

void RouteTable::Add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  std::vector<std::string> segments;
  for (std::string_view s : SplitPath(route.pattern)) segments.emplace_back(s);
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
}

const Route* RouteTable::Match(std::string_view method, std::string_view path,
                               std::map<std::string, std::string>* params, bool* path_known) const {
  if (path_known) *path_known = false;
  if (path.empty() || path.front() != '/') return nullptr;
  const std::vector<std::string_view> parts = SplitPath(path);
  const Route* best = nullptr;
  size_t best_index = 0;
  std::vector<bool> best_literal, literal;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!MatchSegments(segments_[i], parts, &literal)) continue;
    if (routes_[i].method != method) {
      if (path_known) *path_known = true;
      continue;
    }
    // The most specific pattern wins: "/users/export" before "/users/{id}", whatever the order of Add().
    if (best == nullptr || literal > best_literal) {
      best = &routes_[i];
      best_index = i;
      best_literal = literal;
    }
  }
  if (best != nullptr && params != nullptr) {
    params->clear();
    const std::vector<std::string>& pattern = segments_[best_index];
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (IsParam(pattern[i])) (*params)[pattern[i].substr(1, pattern[i].size() - 2)] = std::string(parts[i]);
    }
  }
  return best;
}

}  // namespace osiedle::http
