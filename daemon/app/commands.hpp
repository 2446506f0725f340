#pragma once
// osiedled's commands: serve and the admin command line. Each returns the process exit code.
#include "daemon/app/config.hpp"

namespace osiedle::app {

// Dispatches on cfg.command. Unknown command → message on stderr, exit code 2.
int RunCommand(const Config& cfg);

int Serve(const Config& cfg);
int CreateAdmin(const Config& cfg);
int ImportFlats(const Config& cfg);
int Backup(const Config& cfg);         // encrypted archive (daemon/app/backup.hpp)
int BackupKeyFile(const Config& cfg);  // backup-key: new key file + emergency kit
int Restore(const Config& cfg);
int VerifyBackup(const Config& cfg);
int Check(const Config& cfg);
int MakeCert(const Config& cfg);       // make-cert --name N: self-signed pair to tls-cert/tls-key
int PrintRoutes(const Config& cfg);
int DemoScale(const Config& cfg);

}  // namespace osiedle::app
