#pragma once
// osiedled's commands: serve and the admin command line. Each returns the process exit code.
#include "daemon/app/config.hpp"

namespace osiedle::app {

// Dispatches on cfg.command. Unknown command → message on stderr, exit code 2.
int RunCommand(const Config& cfg);

int Serve(const Config& cfg);
int CreateAdmin(const Config& cfg);
int ImportFlats(const Config& cfg);
int Backup(const Config& cfg);
int Restore(const Config& cfg);
int Check(const Config& cfg);
int PrintRoutes(const Config& cfg);
int DemoScale(const Config& cfg);

}  // namespace osiedle::app
