#pragma once
// Outbox messages as stored and listed. Layout in storage/FORMAT.md ("outbox").
#include <cstdint>
#include <string>

namespace osiedle::outbox {

struct Mail {
  std::string to;       // a bare address "jan@example.pl"
  std::string subject;  // UTF-8, one line
  std::string body;     // plain text, UTF-8
};

enum class State : uint8_t { kPending = 0, kSent = 1, kFailed = 2 };  // stored; never renumber

struct Message {
  uint64_t id = 0;
  Mail mail;
  State state = State::kPending;
  int attempts = 0;
  int64_t created_at = 0;
  int64_t next_attempt_at = 0;
  int64_t sent_at = 0;
  std::string last_error;
};

// "pending", "sent", "failed".
const char* StateName(State s);

}  // namespace osiedle::outbox
