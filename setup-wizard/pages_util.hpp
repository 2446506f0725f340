#pragma once
// Building blocks shared by pages.cpp and pages_steps.cpp (internal to the wizard).
#include <string>
#include <string_view>

#include "setup-wizard/pages.hpp"

namespace osiedle::setup::html {

// The whole document: title, "Krok N z 8" when step > 0, body.
std::string Layout(const State& s, std::string_view title, int step, const std::string& body);
// <form method=post action=...> with the hidden csrf field; `multipart` for uploads.
std::string FormOpen(const View& v, std::string_view action, bool multipart = false);
// A labelled input with its value and the error under it. type: text, email, password, number, tel, file.
std::string Input(const View& v, const std::string& name, const std::string& label, const std::string& type = "text",
                  const std::string& hint = "");
// A radio group / a checkbox bound to v.values[name].
std::string Radio(const View& v, const std::string& name, const std::string& value, const std::string& label,
                  const std::string& hint = "");
std::string Checkbox(const View& v, const std::string& name, const std::string& label, const std::string& hint = "");
// The form-wide error (errors[""]) and the notice.
std::string Messages(const View& v);
std::string FieldError(const View& v, const std::string& name);
std::string Button(const std::string& label, const std::string& name = "", const std::string& value = "",
                   bool secondary = false);

}  // namespace osiedle::setup::html
