// Server::ReloadTls: new handshakes get the new pair, a bad pair changes nothing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "daemon/core/certificate.hpp"
#include "daemon/http/server.hpp"

namespace osiedle::http {
namespace {

namespace fs = std::filesystem;

// The DER of the certificate a TLS handshake with 127.0.0.1:port presents ("" on failure).
std::string PeerCertificateDer(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string der;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "osiedle.test");
    if (SSL_connect(ssl) == 1) {
      X509* cert = SSL_get1_peer_certificate(ssl);
      unsigned char* out = nullptr;
      int len = i2d_X509(cert, &out);
      if (len > 0) der.assign(reinterpret_cast<char*>(out), static_cast<size_t>(len));
      OPENSSL_free(out);
      X509_free(cert);
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
  }
  close(fd);
  return der;
}

// The DER inside a PEM certificate.
std::string Der(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  unsigned char* out = nullptr;
  int len = i2d_X509(cert, &out);
  std::string der(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  X509_free(cert);
  return der;
}

class ServerTls : public ::testing::Test {
 protected:
  void SetUp() override {
    // Pistache's accept thread finishes the TLS 1.3 handshake (session tickets) after our client may have
    // closed; osiedled ignores SIGPIPE (serve.cpp), so must this process.
    signal(SIGPIPE, SIG_IGN);
    char tmpl[] = "/tmp/osiedle-tls-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    opts_.tls_cert = dir_ + "/cert.pem";
    opts_.tls_key = dir_ + "/key.pem";
    opts_.threads = 1;
  }
  void TearDown() override { fs::remove_all(dir_); }
  certificate::Pair NewPair() {
    auto p = certificate::MakeSelfSigned("osiedle.test", 30);
    EXPECT_TRUE(p.ok());
    return *p;
  }
  std::string dir_;
  ServerOptions opts_;
};

TEST_F(ServerTls, ReloadServesTheNewCertificateToNewConnections) {
  certificate::Pair a = NewPair(), b = NewPair();
  ASSERT_TRUE(certificate::WritePair(a, opts_.tls_cert, opts_.tls_key).ok());
  Server server(opts_, Services{});
  auto port = server.Start();
  ASSERT_TRUE(port.ok()) << port.error().detail;
  EXPECT_EQ(PeerCertificateDer(*port), Der(a.cert_pem));

  ASSERT_TRUE(certificate::WritePair(b, opts_.tls_cert, opts_.tls_key).ok());
  EXPECT_EQ(PeerCertificateDer(*port), Der(a.cert_pem)) << "nothing changes before the reload";
  Status s = server.ReloadTls();
  ASSERT_TRUE(s.ok()) << s.error().code << " " << s.error().detail;
  EXPECT_EQ(PeerCertificateDer(*port), Der(b.cert_pem));
}

TEST_F(ServerTls, ABadPairIsRefusedAndTheOldOneStays) {
  certificate::Pair a = NewPair(), b = NewPair();
  ASSERT_TRUE(certificate::WritePair(a, opts_.tls_cert, opts_.tls_key).ok());
  Server server(opts_, Services{});
  auto port = server.Start();
  ASSERT_TRUE(port.ok());

  std::ofstream(opts_.tls_key) << b.key_pem;  // another pair's key
  Status s = server.ReloadTls();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls_key_mismatch");

  std::ofstream(opts_.tls_key) << "not a key";
  s = server.ReloadTls();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls_key_invalid");

  std::ofstream(opts_.tls_cert) << "not a certificate";
  s = server.ReloadTls();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls_cert_invalid");

  fs::remove(opts_.tls_cert);
  s = server.ReloadTls();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls_cert_invalid");
  EXPECT_EQ(PeerCertificateDer(*port), Der(a.cert_pem));
}

TEST_F(ServerTls, StartRefusesAMismatchedPair) {
  certificate::Pair a = NewPair(), b = NewPair();
  ASSERT_TRUE(certificate::WritePair(a, opts_.tls_cert, opts_.tls_key).ok());
  std::ofstream(opts_.tls_key) << b.key_pem;
  Server server(opts_, Services{});
  auto port = server.Start();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().code, "listen_failed");
}

TEST(ServerTlsPlain, ReloadWithoutTlsIsRefused) {
  Server server(ServerOptions{}, Services{});
  Status s = server.ReloadTls();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls_not_enabled");
}

}  // namespace
}  // namespace osiedle::http
