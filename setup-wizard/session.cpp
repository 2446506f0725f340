#include "setup-wizard/session.hpp"

#include <algorithm>

#include "daemon/core/crypto.hpp"
#include "daemon/core/typed_code.hpp"

namespace osiedle::setup {

Gate::Outcome Gate::TryCode(std::string_view typed, int64_t now, std::string* token, std::string* csrf) {
  std::lock_guard lock(mu_);
  wrong_.erase(std::remove_if(wrong_.begin(), wrong_.end(), [now](int64_t t) { return t <= now - 60; }), wrong_.end());
  if (wrong_.size() >= static_cast<size_t>(kMaxWrongCodesPerMinute)) return Outcome::kThrottled;
  if (!crypto::ConstantTimeEquals(typed_code::NormalizeCode(typed).value_or(""), code_)) {
    wrong_.push_back(now);
    return Outcome::kWrong;
  }
  if (sessions_.size() >= kMaxSessions) sessions_.erase(sessions_.begin());
  *token = crypto::RandomToken(32);
  *csrf = crypto::RandomToken(32);
  sessions_[crypto::Sha256Hex(*token)] = *csrf;
  return Outcome::kOk;
}

std::optional<std::string> Gate::CsrfOf(std::string_view token) const {
  if (token.empty() || token.size() > 100) return std::nullopt;
  std::string key = crypto::Sha256Hex(token);
  std::lock_guard lock(mu_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

}  // namespace osiedle::setup
