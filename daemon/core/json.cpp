#include "daemon/core/json.hpp"

#include "daemon/core/utf8.hpp"

namespace osiedle::json {

Result<Json> ParseObject(std::string_view body, size_t max_bytes, int max_depth) {
  if (body.size() > max_bytes) return MakeError("body_too_large");
  if (!utf8::IsValid(body)) return MakeError("utf8_invalid");
  bool too_deep = false;
  // nlohmann's parser is iterative, but a deep value still costs memory; the callback discards
  // containers past the limit (depth is 0 for the top-level value) and remembers that it did.
  Json::parser_callback_t cb = [&](int depth, Json::parse_event_t event, Json&) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= max_depth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  Json value;
  try {
    value = Json::parse(body.begin(), body.end(), cb, /*allow_exceptions=*/false, /*ignore_comments=*/false);
  } catch (const Json::exception&) {
    return MakeError("json_invalid");
  }
  if (value.is_discarded()) return MakeError(too_deep ? "json_too_deep" : "json_invalid");
  if (too_deep) return MakeError("json_too_deep");
  if (!value.is_object()) return MakeError("json_not_object");
  return value;
}

void Fields::Fail(const char* code, const std::string& field) {
  if (!error_) error_ = MakeError(code, field);
}

const Json* Fields::Raw(const std::string& name, bool required) {
  seen_.insert(name);
  if (!obj_.is_object()) {
    if (required) Fail("field_required", name);
    return nullptr;
  }
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) {
    if (required) Fail("field_required", name);
    return nullptr;
  }
  return &*it;
}

std::string Fields::Str(const std::string& name, StrOpts opts) {
  const Json* v = Raw(name, opts.required);
  if (v == nullptr) return {};
  if (!v->is_string()) {
    Fail("field_type", name);
    return {};
  }
  auto s = Text(v->get_ref<const std::string&>(), name, opts.trim, opts.required && !opts.allow_empty, opts.max_len);
  return s ? std::move(*s) : std::string();
}

std::optional<std::string> Fields::Text(const std::string& raw, const std::string& name, bool trim, bool nonempty,
                                        size_t max_len) {
  if (!utf8::IsValid(raw)) {  // "\ud800" escapes decode to invalid UTF-8
    Fail("utf8_invalid", name);
    return std::nullopt;
  }
  std::string s(trim ? utf8::Trim(raw) : std::string_view(raw));
  if (s.empty() && nonempty) {
    Fail("field_required", name);
    return std::nullopt;
  }
  if (utf8::Length(s) > max_len) {
    Fail("field_too_long", name);
    return std::nullopt;
  }
  // Control characters other than tab and line ends have no place in form input.
  if (utf8::HasControl(s)) {
    Fail("field_invalid", name);
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> Fields::Int(const std::string& name, bool required, int64_t min, int64_t max) {
  const Json* v = Raw(name, required);
  if (v == nullptr) return std::nullopt;
  int64_t n;
  if (v->is_number_unsigned()) {
    uint64_t u = v->get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) {
      Fail("field_invalid", name);
      return std::nullopt;
    }
    n = static_cast<int64_t>(u);
  } else if (v->is_number_integer()) {
    n = v->get<int64_t>();
  } else {
    Fail("field_type", name);
    return std::nullopt;
  }
  if (n < min || n > max) {
    Fail("field_invalid", name);
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Fields::Bool(const std::string& name, bool required) {
  const Json* v = Raw(name, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    Fail("field_type", name);
    return std::nullopt;
  }
  return v->get<bool>();
}

const Json* Fields::Array(const std::string& name, bool required, size_t max_items) {
  const Json* v = Raw(name, required);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    Fail("field_type", name);
    return nullptr;
  }
  if (v->size() > max_items) {
    Fail("field_too_long", name);
    return nullptr;
  }
  return v;
}

std::vector<std::string> Fields::StrList(const std::string& name, bool required, size_t max_items, size_t max_len) {
  std::vector<std::string> out;
  const Json* v = Array(name, required, max_items);
  if (v == nullptr) return out;
  for (const auto& item : *v) {
    if (!item.is_string()) {
      Fail("field_type", name);
      return {};
    }
    auto s = Text(item.get_ref<const std::string&>(), name, /*trim=*/true, /*nonempty=*/false, max_len);
    if (!s) return {};
    out.push_back(std::move(*s));
  }
  return out;
}

std::vector<uint64_t> Fields::IdList(const std::string& name, bool required, size_t max_items) {
  std::vector<uint64_t> out;
  const Json* v = Array(name, required, max_items);
  if (v == nullptr) return out;
  for (const auto& item : *v) {
    // Ids are positive integers; a negative or fractional number is a type error.
    if (!item.is_number_unsigned() && !(item.is_number_integer() && item.get<int64_t>() > 0)) {
      Fail(item.is_number_integer() ? "field_invalid" : "field_type", name);
      return {};
    }
    uint64_t id = item.get<uint64_t>();
    if (id == 0) {
      Fail("field_invalid", name);
      return {};
    }
    out.push_back(id);
  }
  return out;
}

Status Fields::Finish() const {
  if (error_) return *error_;
  if (obj_.is_object()) {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      if (!seen_.count(it.key())) return MakeError("unknown_field", it.key());
    }
  }
  return Ok{};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace osiedle::json
