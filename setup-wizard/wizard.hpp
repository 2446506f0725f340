#pragma once
// The wizard's pages and actions behind the setup code: routes every request, checks the session and
// CSRF token, runs the step functions, saves the state after every successful step, applies, and
// finishes. One request at a time touches the state (a mutex), which also serialises apply.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "setup-wizard/options.hpp"
#include "setup-wizard/server.hpp"
#include "setup-wizard/session.hpp"
#include "setup-wizard/state.hpp"

namespace osiedle::setup {

inline constexpr char kCookieName[] = "osiedle_setup";

class Wizard {
 public:
  // `state`: as loaded from the state dir; `code`: this run's setup code.
  Wizard(Options options, State state, std::string code);

  Reply Handle(Request& r);
  // The upload cap for a POST path (logo 2 MiB, CSV 8 MiB, backup 4 GiB, else 0).
  static uint64_t UploadLimit(const std::string& path);
  // True once "Zakończ" was answered: main() exits 0 shortly after.
  bool finished() const { return finished_; }

 private:
  Reply Public(Request& r, bool* handled);
  Reply Get(Request& r);
  Reply Post(Request& r);
  Reply PostStep(int step, Request& r);
  Reply Apply(Request& r);
  Reply Restore(Request& r);
  Reply Finish();
  Reply Page(int status, std::string html) const;
  Reply Redirect(const std::string& to) const;
  Reply Message(int status, const std::string& pl, const std::string& en) const;
  Reply Save(const std::string& next);  // saves the state and redirects, or shows the write error
  std::string Home() const;             // where "/" leads now

  const Options o_;
  State s_;
  Gate gate_;
  std::string csrf_;  // of the request being handled
  std::mutex mu_;
  std::atomic<bool> finished_{false};
};

}  // namespace osiedle::setup
