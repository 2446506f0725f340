// osiedled: the daemon and its admin command line. Wiring only: the work is in daemon/app.
#include <cstdio>
#include <iostream>

#include "daemon/app/commands.hpp"
#include "daemon/app/config.hpp"

int main(int argc, char** argv) {
  auto cfg = osiedle::app::ParseConfig(argc, argv);
  if (!cfg.ok()) {
    if (cfg.error().code == "help") {
      std::cout << cfg.error().detail;
      return 0;
    }
    std::cerr << "osiedled: " << (cfg.error().field.empty() ? "" : cfg.error().field + ": ") << cfg.error().detail
              << "\n";
    return 2;
  }
  return osiedle::app::RunCommand(*cfg);
}
