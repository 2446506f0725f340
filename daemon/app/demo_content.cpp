// Demo content for the content modules: the shared context (people, buildings, target groups), outages, and
// SeedDemoContent, which calls one seeder per module (demo_content_*.cpp).
#include "daemon/app/demo_content.hpp"

#include <string_view>

#include "daemon/core/actor.hpp"
#include "daemon/core/utf8.hpp"

namespace osiedle::app {
namespace demo {
namespace {

uint64_t UserId(App& app, std::string_view email) {
  return app.env->View([&](const storage::ReadTxn& t) -> uint64_t {
    auto u = app.identity.store.FindUserByEmail(t, email);
    return u ? u->id : 0;
  });
}

// The group named `name`, created from `spec` if no group has that name yet.
uint64_t EnsureGroup(Context& ctx, groups::GroupSpec spec) {
  App& app = ctx.app;
  const std::string folded = utf8::Fold(spec.name);
  return Must(app.env->Update([&](storage::WriteTxn& t) -> Result<uint64_t> {
    for (const auto& g : app.groups.List(t))
      if (utf8::Fold(g.name) == folded) return g.id;
    auto g = app.groups.Create(t, spec);
    if (!g.ok()) return g.error();
    Actor actor{ctx.who.admin, "", "osiedled demo"};
    app.audit.Append(t, audit::MakeEntry(actor, "group.create", "group", g->id, g->name));
    return g->id;
  }),
              "group " + spec.name);
}

groups::GroupSpec RuleGroup(std::string name, std::string description, groups::RuleField field, uint64_t id) {
  groups::GroupSpec spec;
  spec.name = std::move(name);
  spec.description = std::move(description);
  spec.kind = groups::GroupKind::kRule;
  spec.has_rule = true;
  spec.rule.field = field;
  spec.rule.id = id;
  return spec;
}

Context MakeContext(App& app) {
  Context ctx(app);
  ctx.now = app.clock.NowUnix();
  ctx.who = {UserId(app, kAdminEmail), UserId(app, kStaffEmail), UserId(app, "jan.kowalski@lazurowa.demo"),
             UserId(app, "ewa.zielinska@lazurowa.demo"), UserId(app, "piotr.wisniewski@lazurowa.demo")};
  for (const auto& b : app.identity.registry.ListBuildings(0)) {
    for (size_t i = 0; i < std::size(kBuildings); ++i) {
      if (b.building.address != kBuildings[i].address) continue;
      ctx.buildings[i] = b.building.id;
      (std::string_view(kBuildings[i].estate) == "Osiedle Lazurowe" ? ctx.estate_lazurowe : ctx.estate_gorczewska) =
          b.building.estate_id;
    }
  }
  using groups::RuleField;
  ctx.groups.lazurowe = EnsureGroup(ctx, RuleGroup("Osiedle Lazurowe", "Mieszkańcy budynków Lazurowa 12, 14 i 16",
                                                   RuleField::kEstate, ctx.estate_lazurowe));
  ctx.groups.gorczewska = EnsureGroup(
      ctx, RuleGroup("Osiedle Górczewska", "Mieszkańcy budynków Górczewska 200, 202 i Powstańców Śląskich 80",
                     RuleField::kEstate, ctx.estate_gorczewska));
  ctx.groups.lazurowa12 = EnsureGroup(
      ctx, RuleGroup("Lazurowa 12", "Mieszkańcy budynku Lazurowa 12", RuleField::kBuilding, ctx.buildings[0]));
  ctx.groups.staff = EnsureGroup(
      ctx, RuleGroup("Pracownicy biura", "Wszyscy pracownicy spółdzielni", RuleField::kRole, roles::kStaff));
  groups::GroupSpec management;
  management.name = "Zarząd i Rada Nadzorcza";
  management.description = "Członkowie Zarządu i Rady Nadzorczej";
  for (uint64_t id : {ctx.who.admin, ctx.who.staff})
    if (id != 0) management.members.push_back(id);
  ctx.groups.management = EnsureGroup(ctx, management);
  return ctx;
}

// --- outages ---

struct DemoOutage {
  outages::Kind kind;
  const char* title;
  const char* description;
  int building;                      // index in kBuildings, or -1 for a whole estate
  bool estate_lazurowe;              // with building == -1: which estate
  int64_t start;                     // relative to ctx.Today() (planned) or ctx.now (started)
  int64_t duration;                  // expected length; 0 = unknown
  bool from_today;                   // start counts from midnight UTC today (a planned hour), else from now
  std::vector<const char*> updates;  // texts of updates; the last one resolves the outage when `resolved`
  bool resolved;
};

const std::vector<DemoOutage>& Outages() {
  using outages::Kind;
  static const auto* list = new std::vector<DemoOutage>{
      {Kind::kHotWater,
       "Brak ciepłej wody — Lazurowa 12",
       "Awaria wymiennika ciepła w węźle cieplnym budynku. Ciepła woda jest niedostępna we wszystkich klatkach. "
       "Ekipa Veolia Energia Warszawa pracuje na miejscu. Przepraszamy za utrudnienia.",
       0,
       false,
       -3 * kHour,
       8 * kHour,
       false,
       {"Serwisant potwierdził uszkodzenie pompy cyrkulacyjnej; część jest w drodze."},
       false},
      {Kind::kElectricity,
       "Planowana przerwa w dostawie prądu — Osiedle Górczewska",
       "Stoen Operator wymienia kabel zasilający w stacji transformatorowej przy ul. Górczewskiej. Prąd zostanie "
       "wyłączony w budynkach Górczewska 200, 202 i Powstańców Śląskich 80, również na klatkach schodowych i w "
       "windach. Prosimy wcześniej naładować telefony i nie korzystać z wind tuż przed wyłączeniem.",
       -1,
       false,
       6 * kDay + 6 * kHour,
       8 * kHour,
       true,
       {},
       false},
      {Kind::kLift,
       "Awaria windy — Lazurowa 14",
       "Winda w budynku Lazurowa 14 zatrzymała się między piętrami. Nikt nie ucierpiał. Serwis KONE został wezwany.",
       1,
       false,
       -4 * kDay,
       2 * kDay,
       false,
       {"Serwisant zamówił nowy moduł sterownika drzwi; naprawa potrwa do czwartku.",
        "Winda została naprawiona i przeszła odbiór UDT. Dziękujemy za cierpliwość."},
       true},
      {Kind::kHeating,
       "Próby ciśnieniowe instalacji c.o. — Osiedle Lazurowe",
       "Przed sezonem grzewczym firma Term-Instal przeprowadzi próby szczelności instalacji centralnego ogrzewania. "
       "Kaloryfery mogą być chwilowo zimne. Prosimy o dostęp do piwnic.",
       -1,
       true,
       12 * kDay + 7 * kHour,
       6 * kHour,
       true,
       {},
       false},
      {Kind::kIntercom,
       "Nie działa domofon — Górczewska 202",
       "Uszkodzony panel domofonu przy wejściu głównym. Do czasu naprawy drzwi otwiera się kluczem lub kartą.",
       4,
       false,
       -9 * kDay,
       kDay,
       false,
       {"Panel wymieniony, domofon działa."},
       true},
  };
  return *list;
}

}  // namespace

void SeedOutages(Context& ctx) {
  App& app = ctx.app;
  const bool empty = app.env->View([&](const storage::ReadTxn& t) { return app.outages.List(t, {}).total == 0; });
  if (!empty) return;
  identity::Actor actor{ctx.who.staff, "", "osiedled demo"};
  for (const auto& d : Outages()) {
    outages::OutageInput in;
    in.kind = d.kind;
    in.title = d.title;
    in.description = d.description;
    outages::Place place;
    if (d.building >= 0)
      place.building_id = ctx.buildings[d.building];
    else
      place.estate_id = d.estate_lazurowe ? ctx.estate_lazurowe : ctx.estate_gorczewska;
    in.places = {place};
    in.start_at = (d.from_today ? ctx.Today() : ctx.now) + d.start;
    in.expected_end_at = d.duration ? in.start_at + d.duration : 0;
    if (in.start_at <= ctx.now) in.status = outages::OutageStatus::kOngoing;
    auto o = Must(app.outages.Create(in, actor), std::string("outage ") + d.title);
    for (size_t i = 0; i < d.updates.size(); ++i) {
      outages::UpdateInput u;
      u.text = d.updates[i];
      if (d.resolved && i + 1 == d.updates.size()) u.status = outages::OutageStatus::kResolved;
      Must(app.outages.AddUpdate(o.id, u, actor), "outage update");
    }
  }
  Must(app.outages.SetPublicPage(ctx.buildings[0], true, actor), "public outage page");
}

}  // namespace demo

void SeedDemoContent(App& app) {
  demo::Context ctx = demo::MakeContext(app);
  demo::SeedNews(ctx);
  demo::SeedOutages(ctx);
  demo::SeedContractors(ctx);
  demo::SeedDocuments(ctx);
  demo::SeedInformation(ctx);
  demo::SeedAds(ctx);
}

}  // namespace osiedle::app
