#pragma once
// Building an RFC 5322 / MIME message for one plain-text mail. Pure functions, no I/O.
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/modules/outbox/model.hpp"

namespace osiedle::outbox::mime {

// RFC 4648 base64 with padding, on one line.
std::string Base64(std::string_view bytes);
// "Mon, 01 Dec 2025 00:00:00 +0000" (RFC 5322 date, UTC, English names regardless of locale).
std::string FormatDate(int64_t unix_seconds);
// The addr-spec of "Name <addr>" or a bare "addr" (trimmed). Empty if the brackets do not close.
std::string ExtractAddress(std::string_view mailbox);
// A header value as-is when it is short printable ASCII, otherwise RFC 2047 encoded words
// ("=?UTF-8?B?...?=", at most 64 characters so that a header line stays within 76), split on code
// point boundaries and joined by CRLF + space (folded).
std::string EncodeHeaderText(std::string_view utf8);
// "From" header value: the display name encoded or quoted as needed, then "<addr>".
std::string FormatMailbox(std::string_view mailbox);

// The whole message with CRLF line ends: Date, From, To, Subject, Message-ID, MIME-Version,
// Content-Type text/plain; charset=UTF-8, Content-Transfer-Encoding base64 (76-character lines),
// blank line, body (its line ends normalised to CRLF before encoding).
// REQUIRES: no CR/LF in from, mail.to or mail.subject (Enqueue refuses them).
std::string BuildMessage(std::string_view from, const Mail& mail, int64_t now_unix, std::string_view message_id);

}  // namespace osiedle::outbox::mime
