// SendSmtp: one mail through libcurl's SMTP client.
#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <random>

#include "daemon/modules/outbox/mime.hpp"
#include "daemon/modules/outbox/service.hpp"

namespace osiedle::outbox {
namespace {

struct Upload {
  std::string data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  size_t n = std::min(size * nitems, up->data.size() - up->offset);
  std::memcpy(buffer, up->data.data() + up->offset, n);
  up->offset += n;
  return n;
}

std::string NewMessageId(int64_t now_unix, const std::string& from_addr) {
  std::random_device rd;
  char buf[64];
  snprintf(buf, sizeof buf, "%lld.%08x%08x%08x", static_cast<long long>(now_unix), rd(), rd(), rd());
  size_t at = from_addr.find('@');
  std::string domain = at == std::string::npos ? "osiedle.invalid" : from_addr.substr(at + 1);
  return std::string(buf) + "@" + domain;
}

bool HasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

}  // namespace

Status SendSmtp(const SmtpConfig& cfg, const Mail& mail, int64_t now_unix) {
  static std::once_flag init_once;
  std::call_once(init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  if (cfg.url.empty()) return MakeError("smtp_failed", "", "no smtp url configured");
  std::string from_addr = mime::ExtractAddress(cfg.from);
  if (from_addr.empty() || HasLineBreak(cfg.from) || HasLineBreak(from_addr)) {
    return MakeError("smtp_failed", "", "invalid sender address");
  }
  if (mail.to.empty() || HasLineBreak(mail.to) || HasLineBreak(mail.subject)) {
    return MakeError("smtp_failed", "", "invalid recipient or subject");
  }

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return MakeError("smtp_failed", "", "curl_easy_init failed");
  Upload up{mime::BuildMessage(cfg.from, mail, now_unix, NewMessageId(now_unix, from_addr)), 0};
  std::string mail_from = "<" + from_addr + ">";
  std::string rcpt = "<" + mail.to + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpts(curl_slist_append(nullptr, rcpt.c_str()),
                                                                    &curl_slist_free_all);
  char errbuf[CURL_ERROR_SIZE] = {0};
  bool tls = cfg.starttls || cfg.url.rfind("smtps://", 0) == 0;
  long timeout = cfg.timeout_seconds > 0 ? cfg.timeout_seconds : 30;

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, cfg.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(up.data.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(timeout, 10L));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
  if (tls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, cfg.verify_tls ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, cfg.verify_tls ? 2L : 0L);
  if (!cfg.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, cfg.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.password.c_str());
  }

  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    return MakeError("smtp_failed", "", detail);
  }
  return Ok{};
}

}  // namespace osiedle::outbox
