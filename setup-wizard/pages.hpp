#pragma once
// The wizard's HTML: one page layout and a template per screen, server-rendered, no JavaScript.
// Every value from outside is HTML-escaped. Texts in Polish, in English when step 1 chose it.
#include <string>
#include <string_view>

#include "setup-wizard/options.hpp"
#include "setup-wizard/state.hpp"
#include "setup-wizard/steps.hpp"

namespace osiedle::setup {

// What a form page shows: the values in its fields, errors next to them, a notice on top.
struct View {
  const State& state;
  std::string csrf;
  Form values;
  FieldErrors errors;
  std::string notice;
};

std::string Escape(std::string_view text);
// The fields of `step` filled from the state (never passwords).
Form ValuesOf(const State& s, int step);

// The setup-code form (the only page without a session). `error`: shown above the field.
std::string CodePage(const std::string& error);
// "Nowa instalacja" / "Przywróć z kopii zapasowej".
std::string StartPage(const View& v);
// Steps 1..7.
std::string StepPage(int step, const View& v);
// Step 8: everything entered, the "Zastosuj" button; `apply_error` shown with "Spróbuj ponownie".
std::string SummaryPage(const View& v, const Options& o, const std::string& apply_error);
// After apply: the portal's address and QR code, the emergency kit (`key_text`), the letters, "Zakończ".
std::string DonePage(const View& v, const std::string& key_text);
// After "Zakończ": the portal starts; a link to `url` (and the LAN certificate's fingerprint to compare).
std::string FinishPage(const State& s, const std::string& url);
// Restore from a backup: the upload form, then (restored) the result with "Zakończ".
std::string RestorePage(const View& v);
std::string RestoredPage(const View& v);
// A short message page (403, 404, 413 ...), with a link back to the start.
std::string MessagePage(const State& s, const std::string& title, const std::string& message);

}  // namespace osiedle::setup
