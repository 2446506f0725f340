// The permission registry: one table. Later modules append their permissions here; never rename
// one (role records store the names).
#include <algorithm>

#include "daemon/modules/roles/service.hpp"

namespace osiedle::roles {
namespace {

struct Entry {
  const char* name;
  const char* pl;
  const char* en;
};

constexpr Entry kPermissions[] = {
    {"users:read", "Przeglądanie kont użytkowników", "View user accounts"},
    {"users:verify", "Weryfikacja rejestracji (zatwierdzanie i odrzucanie)", "Verify registrations (approve, reject)"},
    {"users:manage", "Zarządzanie kontami: blokowanie, linki resetu hasła, przypisywanie ról",
     "Manage accounts: block, password reset links, role assignment"},
    {"roles:manage", "Zarządzanie rolami i działami", "Manage roles and departments"},
    {"groups:read", "Przeglądanie grup odbiorców", "View groups"},
    {"groups:manage", "Tworzenie i zmiana grup odbiorców", "Create and change groups"},
    {"flats:read", "Przeglądanie rejestru lokali", "View the flats register"},
    {"flats:import", "Import rejestru lokali z pliku CSV", "Import the flats register from CSV"},
    {"audit:read", "Przeglądanie dziennika zdarzeń", "View the audit log"},
    {"outbox:read", "Podgląd kolejki wysyłki wiadomości", "View the message outbox"},
    {"settings:manage", "Zmiana ustawień systemu", "Change system settings"},
    {"news:publish", "Publikowanie aktualności", "Publish news"},
    {"documents:manage", "Zarządzanie dokumentami", "Manage documents"},
    {"news:moderate", "Moderowanie komentarzy pod aktualnościami", "Moderate news comments"},
    {"outages:manage", "Ogłaszanie awarii i przerw w dostawach", "Announce outages and interruptions"},
    {"contractors:manage", "Prowadzenie katalogu wykonawców i moderowanie opinii",
     "Maintain the contractor directory and moderate reviews"},
    {"information:manage", "Strony informacyjne i formularze zapisów, obsługa zgłoszeń",
     "Information pages and sign-up forms, handling submissions"},
    {"ads:manage", "Zarządzanie reklamami i ich statystykami", "Manage ads and their statistics"},
    {"uploads:create", "Wgrywanie plików (PDF, obrazy) do dokumentów, aktualności i reklam",
     "Upload files (PDF, images) for documents, news and ads"},
    {"letters:manage", "Listy rejestracyjne: wydawanie i unieważnianie jednorazowych kodów rejestracji",
     "Registration letters: issue and revoke one-time registration codes"},
};

constexpr const char* kStaffPermissions[] = {
    "users:read",  "users:verify",  "users:manage", "flats:read",       "flats:import",
    "groups:read", "groups:manage", "news:publish", "documents:manage", "outbox:read",
    "news:moderate", "outages:manage", "contractors:manage", "information:manage", "ads:manage",
    "uploads:create", "letters:manage",
};

std::vector<PermissionInfo> Build() {
  std::vector<PermissionInfo> out;
  for (const Entry& e : kPermissions) {
    std::string name = e.name;
    std::string module = name.substr(0, name.find(':'));
    out.push_back(PermissionInfo{name, module, e.pl, e.en});
  }
  return out;
}

}  // namespace

const std::vector<PermissionInfo>& Registry() {
  static const std::vector<PermissionInfo> registry = Build();
  return registry;
}

bool IsKnownPermission(std::string_view name) {
  const auto& r = Registry();
  return std::any_of(r.begin(), r.end(), [&](const PermissionInfo& p) { return p.name == name; });
}

const std::vector<std::string>& StaffPermissions() {
  static const std::vector<std::string> staff = [] {
    std::vector<std::string> v(std::begin(kStaffPermissions), std::end(kStaffPermissions));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return staff;
}

}  // namespace osiedle::roles
