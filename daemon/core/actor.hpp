#pragma once
// Who is asking, as the content modules see it. Routes build these from the session (http/params.hpp: ActorOf,
// ViewerOf); services never see HTTP.
#include <cstdint>
#include <string>

namespace osiedle {

// A reader: `staff` readers (holding the module's manage permission) see everything; residents see only what
// targets them.
struct Viewer {
  uint64_t user_id = 0;
  bool staff = false;
};

// Who changes something (for the audit log).
struct Actor {
  uint64_t user_id = 0;
  std::string ip;
  std::string user_agent;
};

}  // namespace osiedle
