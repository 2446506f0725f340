// libFuzzer target: the flats CSV importer (RegistryService::ImportFlats) end to end — decoding,
// parsing, header mapping, per-line checks (KW, area, lengths) and the store lookups.
// Every input is a dry run on one store opened once (nothing is committed, so the store stays
// empty and runs are independent). About one input in 512, picked by a hash of its bytes so a
// crash reproduces, is also imported for real into a fresh store, twice: the real report must
// equal the dry run's and the second import must create nothing.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "daemon/core/clock.hpp"
#include "daemon/core/crypto.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/registry_service.hpp"
#include "daemon/modules/identity/store.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace {

using osiedle::identity::ImportReport;

// A store with what the importer needs: the identity tables and the audit log.
struct Importer {
  explicit Importer(const char* prefix)
      : store(prefix), identity(store.env()), audit(store.env(), clock), registry(identity, audit) {}
  osiedle::testing::TempEnv store;
  osiedle::FakeClock clock;
  osiedle::identity::Store identity;
  osiedle::audit::Service audit;
  osiedle::identity::RegistryService registry;
};

bool SameCounts(const ImportReport& a, const ImportReport& b) {
  return a.imported == b.imported && a.updated == b.updated && a.unchanged == b.unchanged &&
         a.error_count == b.error_count && a.errors.size() == b.errors.size();
}

void CheckReport(const ImportReport& r, bool dry_run) {
  if (r.dry_run != dry_run) __builtin_trap();
  if (r.errors.size() > osiedle::identity::kMaxReportedErrors || r.errors.size() > r.error_count) __builtin_trap();
  for (const auto& e : r.errors) {
    if (e.line == 0 || e.code.empty()) __builtin_trap();
  }
}

uint32_t Fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool crypto_ok = osiedle::crypto::InitCrypto();
  if (!crypto_ok) __builtin_trap();
  static Importer shared("osiedle_fuzz_import");

  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto dry = shared.registry.ImportFlats(bytes, 0, /*dry_run=*/true);
  if (!dry.ok()) {
    if (dry.error().code.empty()) __builtin_trap();
    return 0;
  }
  CheckReport(*dry, true);
  if (Fnv1a(bytes) % 512 != 0) return 0;

  Importer fresh("osiedle_fuzz_import_real");
  auto first = fresh.registry.ImportFlats(bytes, 0);
  if (!first.ok()) __builtin_trap();  // the dry run accepted the file
  CheckReport(*first, false);
  if (!SameCounts(*first, *dry)) __builtin_trap();
  auto again = fresh.registry.ImportFlats(bytes, 0);
  if (!again.ok()) __builtin_trap();
  if (again->imported != 0 || again->error_count != first->error_count) __builtin_trap();
  return 0;
}
