// SendSmtp and Worker against a real SMTP server on loopback (tests/support/smtp_sink.py, aiosmtpd).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "daemon/modules/outbox/service.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::outbox {
namespace {

namespace fs = std::filesystem;

// Not __FILE__: ccache's base_dir makes it relative to the build directory.
const fs::path kSupport = fs::path(OSIEDLE_SOURCE_DIR) / "tests" / "support";

// Python's own e-mail parser decodes what the sink stored: an independent check of our MIME.
constexpr const char* kDecoder = R"PY(
import email, email.policy, json, sys
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
meta = json.load(open(sys.argv[2]))
print(json.dumps({
    'subject': str(m['subject']), 'from_name': m['from'].addresses[0].display_name,
    'from_addr': m['from'].addresses[0].addr_spec, 'to': m['to'].addresses[0].addr_spec,
    'body': m.get_content().replace('\r\n', '\n'), 'cte': str(m['content-transfer-encoding']), 'type': m.get_content_type(),
    'charset': m.get_content_charset(), 'date': str(m['date']), 'message_id': str(m['message-id']),
    'mime': str(m['mime-version']), 'max_line': max(len(l) for l in raw.split(b'\r\n')),
    'longest': max(raw.split(b'\r\n'), key=len).decode('ascii', 'replace'),
    'mail_from': meta['mail_from'], 'rcpt_tos': meta['rcpt_tos'], 'auth_login': meta['auth_login']}))
)PY";

// The sink as a child process; stopped with SIGTERM on destruction.
class SmtpSink {
 public:
  explicit SmtpSink(std::vector<std::string> extra = {}) {
    out_ = dir_.Sub("out");
    std::vector<std::string> args = {
        "/usr/bin/python3", (kSupport / "smtp_sink.py").string(), "--port", "0", "--out", out_};
    args.insert(args.end(), extra.begin(), extra.end());
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned sink if the test binary dies
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    port_ = ReadPort(fds[0]);
    close(fds[0]);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Paths of the stored messages, in arrival order.
  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(out_, ec)) {
      if (e.path().extension() == ".eml") out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // Waits until `n` messages are stored (up to 15 s).
  bool WaitFor(size_t n) const {
    for (int i = 0; i < 150; ++i) {
      if (Messages().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  // The decoded message and its envelope, via Python's email package.
  nlohmann::json Decode(const std::string& eml) const {
    std::string meta = eml.substr(0, eml.size() - 4) + ".json";
    std::string script = dir_.Sub("decode.py");
    FILE* f = fopen(script.c_str(), "w");
    fputs(kDecoder, f);
    fclose(f);
    std::string cmd = "/usr/bin/python3 " + script + " " + eml + " " + meta;
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  }

 private:
  static int ReadPort(int fd) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd pfd{fd, POLLIN, 0};
      if (poll(&pfd, 1, 200) <= 0) continue;
      char c[256];
      ssize_t n = read(fd, c, sizeof c);
      if (n <= 0) break;
      line.append(c, static_cast<size_t>(n));
    }
    if (line.rfind("ready ", 0) != 0) return 0;
    return std::atoi(line.c_str() + 6);
  }

  osiedle::testing::TempDir dir_{"osiedle-smtp"};
  std::string out_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A loopback port with nothing listening.
int ClosedPort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  close(s);
  return ntohs(addr.sin_port);
}

SmtpConfig Config(const SmtpSink& sink) {
  SmtpConfig cfg;
  cfg.url = sink.url();
  cfg.from = "Spółdzielnia Mieszkaniowa „Lazurowa” <biuro@lazurowa.example>";
  cfg.timeout_seconds = 10;
  return cfg;
}

const std::string kSubject = "Zgłoszenie przyjęte — żółć gęślą jaźń, ZAŻÓŁĆ GĘŚLĄ JAŹŃ (rejestracja w portalu)";
const std::string kBody =
    "Dzień dobry Pani Małgorzato,\n\n"
    "Państwa zgłoszenie rejestracji lokalu przy ul. Lazurowej 12 m. 34 zostało przyjęte i czeka na weryfikację "
    "przez biuro spółdzielni. Powiadomimy Panią e-mailem.\n"
    ".\n"  // a lone dot line must survive SMTP
    "Z poważaniem\nBiuro SM „Lazurowa”\n";

TEST(OutboxSmtp, DeliversPolishMailThatDecodesIntact) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "smtp_sink.py did not start";
  Status s = SendSmtp(Config(sink), {"malgorzata.nowak@example.pl", kSubject, kBody}, 1764547200);
  ASSERT_TRUE(s.ok()) << s.error().detail;
  ASSERT_TRUE(sink.WaitFor(1));
  auto m = sink.Decode(sink.Messages()[0]);
  ASSERT_TRUE(m.is_object());
  EXPECT_EQ(m["subject"], kSubject);
  EXPECT_EQ(m["body"], kBody);
  EXPECT_EQ(m["from_name"], "Spółdzielnia Mieszkaniowa „Lazurowa”");
  EXPECT_EQ(m["from_addr"], "biuro@lazurowa.example");
  EXPECT_EQ(m["to"], "malgorzata.nowak@example.pl");
  EXPECT_EQ(m["type"], "text/plain");
  EXPECT_EQ(m["charset"], "utf-8");
  EXPECT_EQ(m["cte"], "base64");
  EXPECT_EQ(m["mime"], "1.0");
  EXPECT_EQ(m["date"], "Mon, 01 Dec 2025 00:00:00 +0000");
  EXPECT_NE(m["message_id"].get<std::string>().find("@lazurowa.example>"), std::string::npos);
  EXPECT_LE(m["max_line"].get<int>(), 78) << m["longest"];
  EXPECT_EQ(m["mail_from"], "biuro@lazurowa.example");
  EXPECT_EQ(m["rcpt_tos"], nlohmann::json::array({"malgorzata.nowak@example.pl"}));
}

TEST(OutboxSmtp, RefusedRecipientIsSmtpFailed) {
  SmtpSink sink({"--reject", "nobody"});
  ASSERT_GT(sink.port(), 0);
  Status s = SendSmtp(Config(sink), {"nobody@example.pl", "Test", "x"}, 1764547200);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "smtp_failed");
  EXPECT_FALSE(s.error().detail.empty());
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(OutboxSmtp, UnreachableServerIsSmtpFailed) {
  SmtpConfig cfg;
  cfg.url = "smtp://127.0.0.1:" + std::to_string(ClosedPort());
  cfg.from = "biuro@lazurowa.example";
  cfg.timeout_seconds = 5;
  Status s = SendSmtp(cfg, {"jan@example.pl", "Test", "x"}, 1764547200);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "smtp_failed");
}

TEST(OutboxSmtp, RefusesNonSmtpUrls) {
  SmtpConfig cfg;
  cfg.url = "file:///etc/passwd";
  cfg.from = "biuro@lazurowa.example";
  Status s = SendSmtp(cfg, {"jan@example.pl", "Test", "x"}, 1764547200);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "smtp_failed");
}

TEST(OutboxSmtp, AuthenticatesWithUsernameAndPassword) {
  SmtpSink sink({"--auth", "osiedle:tajne-haslo"});
  ASSERT_GT(sink.port(), 0);
  SmtpConfig cfg = Config(sink);
  cfg.username = "osiedle";
  cfg.password = "zle-haslo";
  EXPECT_FALSE(SendSmtp(cfg, {"jan@example.pl", "Test", "x"}, 1764547200).ok());
  cfg.password = "tajne-haslo";
  Status s = SendSmtp(cfg, {"jan@example.pl", "Test", "x"}, 1764547200);
  ASSERT_TRUE(s.ok()) << s.error().detail;
  ASSERT_TRUE(sink.WaitFor(1));
  EXPECT_EQ(sink.Decode(sink.Messages()[0])["auth_login"], "osiedle");
}

// The worker over a real store: delivered messages are kSent, refused ones stay pending with the error.
class OutboxWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override { svc_ = std::make_unique<Service>(*env_, clock_); }
  uint64_t Enqueue(const std::string& to) {
    auto r = env_->Update([&](storage::WriteTxn& t) { return svc_->Enqueue(t, {to, kSubject, kBody}); });
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : 0;
  }

  osiedle::testing::TempEnv store_{"osiedle-outbox-worker"};
  storage::Env* env_ = &store_.env();
  FakeClock clock_;
  std::unique_ptr<Service> svc_;
};

TEST_F(OutboxWorkerTest, RunOnceDeliversAndSchedulesRetries) {
  SmtpSink sink({"--reject", "nobody"});
  ASSERT_GT(sink.port(), 0);
  uint64_t good = Enqueue("jan@example.pl");
  uint64_t bad = Enqueue("nobody@example.pl");
  Worker worker(*svc_, Config(sink));
  EXPECT_EQ(worker.RunOnce(), 1u);
  EXPECT_EQ(svc_->Get(good)->state, State::kSent);
  Message m = *svc_->Get(bad);
  EXPECT_EQ(m.state, State::kPending);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_FALSE(m.last_error.empty());
  EXPECT_EQ(m.next_attempt_at, clock_.NowUnix() + 60);
  EXPECT_EQ(worker.RunOnce(), 0u);  // nothing due until the backoff passes
  EXPECT_EQ(svc_->Get(bad)->attempts, 1);
  EXPECT_EQ(svc_->Depth(), 1u);
  ASSERT_TRUE(sink.WaitFor(1));
}

TEST_F(OutboxWorkerTest, ThreadDeliversAfterNotify) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0);
  Worker worker(*svc_, Config(sink));
  worker.Start();
  uint64_t id = Enqueue("jan@example.pl");
  svc_->Notify();
  ASSERT_TRUE(sink.WaitFor(1));
  for (int i = 0; i < 50 && svc_->Depth() != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  worker.Stop();
  EXPECT_EQ(svc_->Get(id)->state, State::kSent);
  EXPECT_EQ(svc_->Depth(), 0u);
}

}  // namespace
}  // namespace osiedle::outbox
