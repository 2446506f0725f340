#pragma once
// JSON in and out for the information routes (routes.cpp). Internal to the
// module; includes the heavy JSON header, so only routes*.cpp include it.
#include <string>

#include "daemon/core/json.hpp"
#include "daemon/modules/information/model.hpp"

namespace osiedle::information::wire {

using json::Json;

// Request bodies. Errors: those of json::ParseObject and json::Fields (field
// names as in the body, nested ones as "form.fields[2].label"), "field_invalid"
// (form.fields[i].type unknown).
Result<SectionInput> ParseSection(const std::string &body);
Result<PageInput> ParsePage(const std::string &body);
// {status?, note?} for PATCH; "field_invalid" (status unknown).
struct StatusChange {
  std::optional<SubmissionStatus> status;
  std::optional<std::string> note;
};
Result<StatusChange> ParseStatusChange(const std::string &body);

Json SectionJson(const Section &s);
Json SectionTreeJson(const SectionTree &t);
// Staff view adds groups, published, position, body (Markdown), author and the
// form's assignee.
Json PageJson(const PageView &v, bool staff);
Json PageSummaryJson(const InfoPage &p);
// Resident form: {id, status, waiting_position, created_at}; `full` adds page,
// answers and note; `staff` adds the user.
Json SubmissionJson(const Submission &s, bool full, bool staff);

template <typename T, typename F>
Json PageOf(const Page<T> &page, F &&item_json) {
  Json items = Json::array();
  for (const T &t : page.items)
    items.push_back(item_json(t));
  return Json{{"total", page.total},
              {"offset", page.offset},
              {"limit", page.limit},
              {"items", items}};
}

} // namespace osiedle::information::wire
