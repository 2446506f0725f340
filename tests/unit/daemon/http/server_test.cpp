#include "daemon/http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "daemon/http/response.hpp"

namespace osiedle::http {
namespace {

int Connect(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void SendAll(int fd, const std::string& raw) {
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading everything
    sent += static_cast<size_t>(n);
  }
}

// Reads one response from `fd`: headers, then Content-Length bytes. Bytes read past it (the start of
// the next response) are kept in `*rest` when given, and read first by the next call.
std::string ReadResponse(int fd, std::string* rest = nullptr) {
  std::string out = rest != nullptr ? std::move(*rest) : std::string();
  char buf[65536];
  size_t head_end = std::string::npos;
  size_t want = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = out.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t cl = out.find("Content-Length: ");
        want = cl < head_end ? std::strtoul(out.c_str() + cl + 16, nullptr, 10) : 0;
      }
    }
    if (head_end != std::string::npos && out.size() >= head_end + 4 + want) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  if (rest != nullptr) {
    *rest = head_end != std::string::npos && out.size() > head_end + 4 + want ? out.substr(head_end + 4 + want) : "";
    if (!rest->empty()) out.resize(head_end + 4 + want);
  }
  return out;
}

// Sends `raw` on a fresh connection to 127.0.0.1:port and reads one response (Pistache keeps the
// connection open despite "Connection: close", so the response is delimited by Content-Length).
std::string Exchange(uint16_t port, const std::string& raw) {
  int fd = Connect(port);
  if (fd < 0) return "<connect failed>";
  SendAll(fd, raw);
  std::string out = ReadResponse(fd);
  close(fd);
  return out;
}

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0) return -1;
  return std::atoi(response.c_str() + 9);
}

std::string BodyOf(const std::string& response) {
  size_t p = response.find("\r\n\r\n");
  return p == std::string::npos ? "" : response.substr(p + 4);
}

bool HasHeaderLine(const std::string& response, const std::string& line) {
  size_t end = response.find("\r\n\r\n");
  return response.substr(0, end).find("\r\n" + line + "\r\n") != std::string::npos;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    routes_.Add({"GET", "/api/v1/echo/{name}", kPublic,
                 [](Context& ctx) {
                   Response r = Json(200, {{"name", ctx.req.Param("name")},
                                           {"q", ctx.req.Query("q")},
                                           {"cookie", ctx.req.Cookie("osiedle_session")},
                                           {"agent", ctx.req.Header("user-agent")},
                                           {"ip", ctx.req.client_ip}});
                   r.headers.emplace_back("Set-Cookie", "a=1; Path=/; HttpOnly; SameSite=Strict");
                   r.headers.emplace_back("Set-Cookie", "b=2; Path=/");
                   return r;
                 },
                 ""});
    routes_.Add({"POST", "/api/v1/items", kPublic,
                 [](Context& ctx) {
                   return Json(201, {{"size", ctx.req.body.size()}, {"body", ctx.req.body}});
                 },
                 ""});
    routes_.Add({"GET", "/api/v1/big/{n}", kPublic,
                 [](Context& ctx) {
                   // n MiB of a repeating pattern, so a misplaced or lost chunk shows.
                   const size_t n = std::stoul(ctx.req.Param("n")) << 20;
                   Response r;
                   r.status = 200;
                   r.content_type = "application/octet-stream";
                   r.body.resize(n);
                   for (size_t i = 0; i < n; ++i) r.body[i] = static_cast<char>('a' + (i / 4093) % 26);
                   return r;
                 },
                 ""});
    services_.routes = &routes_;
    services_.metrics = &metrics_;
    server_ = std::make_unique<Server>(ServerOptions{}, services_);
    auto port = server_->Start();
    ASSERT_TRUE(port.ok()) << port.error().detail;
    port_ = *port;
    ASSERT_NE(port_, 0);
  }
  void TearDown() override { server_->Stop(); }

  RouteTable routes_;
  Metrics metrics_;
  Services services_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

// HTTP/1.1 keeps the connection by default. Pistache's own handler answers "Connection: Close" to a
// request without a Connection header, which made browsers and wrk open a TCP connection (and a TLS
// handshake) per request.
TEST_F(ServerTest, KeepsHttp11ConnectionsOpenAndClosesHttp10Ones) {
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  for (int i = 0; i < 3; ++i) {
    SendAll(fd, "GET /api/v1/echo/k" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string res = ReadResponse(fd);
    EXPECT_EQ(StatusOf(res), 200) << "request " << i << " on the same connection: " << res;
    EXPECT_TRUE(HasHeaderLine(res, "Connection: Keep-Alive")) << res;
    EXPECT_EQ(nlohmann::json::parse(BodyOf(res))["name"], "k" + std::to_string(i));
  }
  close(fd);

  std::string res = Exchange(port_, "GET /api/v1/echo/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(HasHeaderLine(res, "Connection: Close")) << res;
  res = Exchange(port_, "GET /api/v1/echo/a HTTP/1.0\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(HasHeaderLine(res, "Connection: Close")) << res;
  res = Exchange(port_, "GET /api/v1/echo/a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_TRUE(HasHeaderLine(res, "Connection: Keep-Alive")) << res;
}

// An answer larger than the socket takes at once (24 MiB; loopback send buffers stop at 4 MiB): the first
// send() writes what fits, Pistache's queue the rest, and the next answer on the same connection waits
// behind it (never overtakes or interleaves).
TEST_F(ServerTest, LargeAnswerArrivesWholeAndTheNextOneAfterIt) {
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  SendAll(fd, "GET /api/v1/big/24 HTTP/1.1\r\nHost: x\r\n\r\n");
  usleep(200 * 1000);  // the server's send() meets a full socket
  SendAll(fd, "GET /api/v1/echo/after HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string rest;
  std::string big = ReadResponse(fd, &rest);
  ASSERT_EQ(StatusOf(big), 200) << big.substr(0, 200);
  std::string body = BodyOf(big);
  ASSERT_EQ(body.size(), 24u << 20);
  size_t wrong = 0;
  for (size_t i = 0; i < body.size(); ++i) wrong += body[i] != static_cast<char>('a' + (i / 4093) % 26);
  EXPECT_EQ(wrong, 0u);
  std::string next = ReadResponse(fd, &rest);
  EXPECT_EQ(StatusOf(next), 200) << next.substr(0, 200);
  EXPECT_EQ(nlohmann::json::parse(BodyOf(next))["name"], "after");
  close(fd);
}

TEST_F(ServerTest, AnswersGetWithDecodedPathQueryCookieAndHeaders) {
  std::string res = Exchange(port_,
                             "GET /api/v1/echo/%C5%81%C3%B3d%C5%BA?q=a+b%26c HTTP/1.1\r\nHost: x\r\n"
                             "User-Agent: test-agent\r\nCookie: z=1; osiedle_session=tok\r\n"
                             "X-Forwarded-For: 6.6.6.6\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(StatusOf(res), 200) << res;
  auto j = nlohmann::json::parse(BodyOf(res));
  EXPECT_EQ(j["name"], "Łódź");
  EXPECT_EQ(j["q"], "a b&c");
  EXPECT_EQ(j["cookie"], "tok");
  EXPECT_EQ(j["agent"], "test-agent");
  EXPECT_EQ(j["ip"], "127.0.0.1");
  EXPECT_TRUE(HasHeaderLine(res, "Content-Type: application/json; charset=utf-8")) << res;
  EXPECT_TRUE(HasHeaderLine(res, "X-Frame-Options: DENY")) << res;
  EXPECT_TRUE(HasHeaderLine(res, "Cache-Control: no-store")) << res;
  EXPECT_NE(res.find("Set-Cookie: a=1"), std::string::npos) << res;
  EXPECT_NE(res.find("Set-Cookie: b=2"), std::string::npos) << res;
  EXPECT_NE(res.find("HttpOnly"), std::string::npos) << res;
  EXPECT_NE(res.find("SameSite=Strict"), std::string::npos) << res;
}

TEST_F(ServerTest, AnswersPostWithBody) {
  std::string body = R"({"title":"x"})";
  std::string res = Exchange(port_,
                             "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  ASSERT_EQ(StatusOf(res), 201) << res;
  EXPECT_EQ(nlohmann::json::parse(BodyOf(res))["body"], body);
}

TEST_F(ServerTest, ThreeMegabyteBodyOnJsonRouteIs413Json) {
  std::string body(3u << 20, 'a');
  std::string res = Exchange(port_,
                             "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  ASSERT_EQ(StatusOf(res), 413) << res.substr(0, 300);
  EXPECT_EQ(nlohmann::json::parse(BodyOf(res))["error"]["code"], "body_too_large");
}

TEST_F(ServerTest, BadEscapeInPathIs400PathInvalid) {
  std::string res = Exchange(port_, "GET /api/v1/echo/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(StatusOf(res), 400) << res;
  EXPECT_EQ(nlohmann::json::parse(BodyOf(res))["error"]["code"], "path_invalid");
  res = Exchange(port_, "GET /api/v1/echo/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(res), 400) << res;
}

TEST_F(ServerTest, UnknownApiPathIs404Json) {
  std::string res = Exchange(port_, "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(StatusOf(res), 404) << res;
  EXPECT_EQ(nlohmann::json::parse(BodyOf(res))["error"]["code"], "not_found");
}

TEST_F(ServerTest, MalformedRequestGetsAnErrorAndServerKeepsServing) {
  std::string res = Exchange(port_, "BREW /pot HTCPCP/1.0\r\n\r\n");
  EXPECT_EQ(StatusOf(res), 400) << res;
  res = Exchange(port_, "GET /api/v1/echo/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(res), 200) << res;
}

TEST_F(ServerTest, StopIsIdempotent) {
  server_->Stop();
  server_->Stop();
  EXPECT_EQ(StatusOf(Exchange(port_, "GET / HTTP/1.1\r\n\r\n")), -1);
}

// Above ServerOptions::max_request_bytes Pistache answers 413 itself (not JSON): documented in server.cpp.
TEST(Server, RequestAbovePistacheLimitIs413) {
  RouteTable routes;
  routes.Add({"POST", "/api/v1/items", kPublic, [](Context&) { return Json(201, {}); }, ""});
  Services s;
  s.routes = &routes;
  ServerOptions o;
  o.max_request_bytes = 64 << 10;
  Server server(o, s);
  auto port = server.Start();
  ASSERT_TRUE(port.ok());
  std::string body(100 << 10, 'a');
  std::string res =
      Exchange(*port, "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\n\r\n" + body);
  EXPECT_EQ(StatusOf(res), 413) << res.substr(0, 300);
  server.Stop();
}

TEST(Server, BindFailureIsAnError) {
  Services s;
  ServerOptions o;
  o.host = "not-an-address";
  Server server(o, s);
  auto port = server.Start();
  EXPECT_FALSE(port.ok());
  if (!port.ok()) {
    EXPECT_EQ(port.error().code, "listen_failed");
  }
}

}  // namespace
}  // namespace osiedle::http
