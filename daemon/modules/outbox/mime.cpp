#include "daemon/modules/outbox/mime.hpp"

#include <cctype>
#include <ctime>
#include <vector>

namespace osiedle::outbox::mime {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr size_t kBodyLine = 76;
// 39 bytes → 52 base64 characters → a 64-character encoded word, so that even the first line
// "Subject: " + word stays within RFC 2047's 76 characters per line.
constexpr size_t kWordBytes = 39;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsPlainAscii(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<uint8_t>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return s.find("=?") == std::string_view::npos;
}

// Length of the chunk of `s` starting at `i` with at most `max` bytes, not splitting a code point.
size_t ChunkLength(std::string_view s, size_t i, size_t max) {
  size_t n = std::min(max, s.size() - i);
  if (i + n == s.size()) return n;
  size_t cut = n;
  // Back off while the byte after the cut is a continuation byte (10xxxxxx).
  while (cut > 0 && (static_cast<uint8_t>(s[i + cut]) & 0xc0) == 0x80) --cut;
  return cut == 0 ? n : cut;
}

bool IsAtom(std::string_view s) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) == s.npos) {
      return false;
    }
  }
  return !s.empty() && s.find("=?") == std::string_view::npos;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// Always encoded words, split on code point boundaries, folded with CRLF + space.
std::string EncodeWords(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    size_t n = ChunkLength(utf8, i, kWordBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

// Joins header pieces with spaces, folding (CRLF + space) before a piece that would make the
// line longer than 78 characters. Pieces may contain folds themselves.
std::string JoinFolded(const std::vector<std::string>& pieces, size_t first_line_used) {
  std::string out;
  size_t line = first_line_used;
  for (const auto& p : pieces) {
    size_t first = p.find("\r\n");
    size_t head = first == std::string::npos ? p.size() : first;
    if (!out.empty()) {
      if (line + 1 + head > 78) {
        out += "\r\n ";
        line = 1;
      } else {
        out += ' ';
        line += 1;
      }
    }
    out += p;
    size_t last = p.rfind("\r\n");
    line = last == std::string::npos ? line + p.size() : p.size() - last - 2;
  }
  return out;
}

std::string NormalizeCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                 static_cast<uint8_t>(bytes[i + 2]);
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], kB64[v & 63]};
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], '=', '='};
  } else if (rest == 2) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], '='};
  }
  return out;
}

std::string FormatDate(int64_t unix_seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  time_t t = static_cast<time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday % 7], tm.tm_mday,
           kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string ExtractAddress(std::string_view mailbox) {
  size_t open = mailbox.rfind('<');
  if (open == std::string_view::npos) return std::string(Trim(mailbox));
  size_t close = mailbox.find('>', open);
  if (close == std::string_view::npos) return {};
  return std::string(Trim(mailbox.substr(open + 1, close - open - 1)));
}

std::string EncodeHeaderText(std::string_view utf8) {
  if (utf8.size() <= 70 && IsPlainAscii(utf8)) return std::string(utf8);
  return EncodeWords(utf8);
}

std::string FormatMailbox(std::string_view mailbox) {
  std::string addr = "<" + ExtractAddress(mailbox) + ">";
  size_t open = mailbox.rfind('<');
  std::string_view name = open == std::string_view::npos ? std::string_view() : Trim(mailbox.substr(0, open));
  std::string unquoted(name);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    unquoted.clear();
    for (size_t i = 1; i + 1 < name.size(); ++i) {
      if (name[i] == '\\' && i + 2 < name.size()) ++i;
      unquoted.push_back(name[i]);
    }
  }
  // The display name word by word: atoms stay, other ASCII words are quoted, runs of non-ASCII
  // words become encoded words. Keeping plain words between encoded ones means readers that
  // wrongly keep the space between two adjacent encoded words (Python's email package does, in
  // addresses) still show the name right.
  std::vector<std::string> pieces;
  std::string run;
  auto flush = [&] {
    if (!run.empty()) pieces.push_back(EncodeWords(run));
    run.clear();
  };
  for (std::string_view rest = unquoted; !rest.empty();) {
    size_t sp = rest.find(' ');
    std::string_view word = rest.substr(0, sp);
    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    if (word.empty()) continue;
    if (IsAtom(word)) {
      flush();
      pieces.emplace_back(word);
    } else if (IsPlainAscii(word)) {
      flush();
      pieces.push_back(Quote(word));
    } else {
      if (!run.empty()) run.push_back(' ');
      run.append(word);
    }
  }
  flush();
  pieces.push_back(addr);
  return JoinFolded(pieces, /*first_line_used=*/6);  // "From: "
}

std::string BuildMessage(std::string_view from, const Mail& mail, int64_t now_unix, std::string_view message_id) {
  std::string m;
  m += "Date: " + FormatDate(now_unix) + "\r\n";
  m += "From: " + FormatMailbox(from) + "\r\n";
  m += "To: <" + mail.to + ">\r\n";
  m += "Subject: " + EncodeHeaderText(mail.subject) + "\r\n";
  m += "Message-ID: <" + std::string(message_id) + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  std::string encoded = Base64(NormalizeCrlf(mail.body));
  for (size_t i = 0; i < encoded.size(); i += kBodyLine) {
    m.append(encoded, i, kBodyLine);
    m += "\r\n";
  }
  return m;
}

}  // namespace osiedle::outbox::mime
