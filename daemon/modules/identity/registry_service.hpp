#pragma once
// The flats registry: estates → buildings → flats, browsing and the CSV import from the
// cooperative's accounting system. Thread-safety: all methods are safe from many threads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/result.hpp"
#include "daemon/modules/audit/service.hpp"
#include "daemon/modules/identity/model.hpp"
#include "daemon/modules/identity/store.hpp"

namespace osiedle::identity {

// One rejected CSV line. code: kw_format_invalid, kw_checksum_invalid, area_invalid,
// flat_number_missing, building_missing, csv_column_count, field_too_long.
struct ImportLineError {
  size_t line = 0;
  std::string code;
  std::string field;  // "kw_number", "area_m2", "flat", "building", ... or ""
};

struct ImportReport {
  uint64_t imported = 0;   // flats that did not exist
  uint64_t updated = 0;    // existing flats whose data changed
  uint64_t unchanged = 0;  // existing flats already equal to the line
  uint64_t error_count = 0;
  std::vector<ImportLineError> errors;  // the first kMaxReportedErrors of error_count
  bool dry_run = false;
};

inline constexpr size_t kMaxReportedErrors = 1000;

// A building with its estate's name and number of flats (for lists and the public form).
struct BuildingView {
  Building building;
  std::string estate_name;
  uint64_t flats = 0;
};

class RegistryService {
 public:
  RegistryService(Store& store, audit::Service& audit);

  // Imports a CSV export (bytes as uploaded: UTF-8 with/without BOM or Windows-1250, ';' or ','),
  // in one write transaction with one audit entry ("flats.import"). Columns, in Polish or English,
  // case and diacritics ignored: osiedle/estate, budynek/building, klatka/staircase, lokal/flat,
  // powierzchnia/area_m2, kw/kw_number, nr_czlonkowski/member_number. Re-import is idempotent
  // (keyed by building address + flat number); a column absent from the file leaves that field as
  // it was. With dry_run nothing is stored and the report says what would happen.
  // Errors (whole file): csv_binary, csv_empty, csv_quote_unterminated, csv_too_many_rows,
  // csv_header_missing (field = "building" or "flat").
  Result<ImportReport> ImportFlats(std::string_view bytes, uint64_t actor, bool dry_run = false);

  std::vector<Estate> ListEstates() const;
  // estate_id 0 = all. Ordered by estate, then address.
  std::vector<BuildingView> ListBuildings(uint64_t estate_id) const;
  // Errors: building_not_found.
  Result<std::vector<Flat>> ListFlats(uint64_t building_id) const;

  std::optional<Building> GetBuilding(const storage::ReadTxn& txn, uint64_t id) const;

 private:
  Store& store_;
  audit::Service& audit_;
};

}  // namespace osiedle::identity
