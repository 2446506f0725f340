#include "daemon/app/backup_format.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "daemon/core/clock.hpp"
#include "daemon/core/crypto.hpp"
#include "daemon/core/file_store.hpp"

namespace osiedle::app::backup {
namespace {

constexpr char kMagic[10] = {'O', 'S', 'I', 'E', 'D', 'L', 'E', 'B', 'A', 'K'};
constexpr char kKeyIdContext[] = "osiedle backup key id v1";
constexpr size_t kKeyIdBytes = 16;
constexpr size_t kMacBytes = 32;
constexpr size_t kMacOffset = kHeaderBytes - kMacBytes;  // the MAC covers every header byte before it
constexpr size_t kAbytes = crypto_secretstream_xchacha20poly1305_ABYTES;
static_assert(10 + 2 + 4 + 8 + kKeyIdBytes + crypto_secretstream_xchacha20poly1305_HEADERBYTES + kMacBytes ==
              kHeaderBytes);
constexpr uint32_t kMinChunk = 4096;
constexpr uint32_t kMaxChunk = 16u << 20;

Error Fail(const std::string& code, const std::string& detail) { return MakeError(code, "", detail); }
Error IoFail(const std::string& code, const std::string& what) {
  return Fail(code, what + ": " + std::strerror(errno));
}

void PutBE(unsigned char* p, uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<unsigned char>(v & 0xff);
}
uint64_t GetBE(const unsigned char* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

bool WriteAll(int fd, const unsigned char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// Reads up to n bytes; returns how many (less only at end of file), or -1 on error.
ssize_t ReadFull(int fd, unsigned char* p, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, p + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return static_cast<ssize_t>(got);
}

void KeyId(const std::string& key, unsigned char out[kKeyIdBytes]) {
  crypto_generichash(out, kKeyIdBytes, reinterpret_cast<const unsigned char*>(kKeyIdContext), sizeof kKeyIdContext - 1,
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
}

void HeaderMac(const std::string& key, const unsigned char* header, unsigned char out[kMacBytes]) {
  crypto_generichash(out, kMacBytes, header, kMacOffset, reinterpret_cast<const unsigned char*>(key.data()),
                     key.size());
}

}  // namespace

bool IsFilePath(std::string_view p) {
  // files/<2 hex>/<64 hex>, the directory being the name's first two digits (FileStore::PathOf).
  return p.size() == 6 + 3 + 64 && p.substr(0, 6) == "files/" && p[8] == '/' && FileStore::IsId(p.substr(9)) &&
         p.substr(6, 2) == p.substr(9, 2);
}

std::string UtcStamp(int64_t unix_time) {
  std::string stamp;  // from 2023-11-14T22:13:20Z
  for (char c : FormatIsoUtc(unix_time)) {
    if (c == 'T') stamp.push_back('-');
    if (c >= '0' && c <= '9') stamp.push_back(c);
  }
  return stamp;
}

Status FsyncDir(const std::string& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoFail("backup_write_failed", "open " + dir);
  if (::fsync(fd) != 0) {
    Error e = IoFail("backup_write_failed", "fsync " + dir);
    ::close(fd);
    return e;
  }
  ::close(fd);
  return Ok{};
}

// ---------------------------------------------------------------------------------------------- Writer

struct Writer::State {
  std::string path;
  int fd = -1;
  bool finished = false;
  crypto_secretstream_xchacha20poly1305_state ss;
  std::vector<unsigned char> plain;
  size_t fill = 0;
  std::vector<unsigned char> cipher;
  ~State() {
    if (fd >= 0) ::close(fd);
    if (!finished && !path.empty()) ::unlink(path.c_str());
    sodium_memzero(&ss, sizeof ss);
  }
};

Writer::Writer(std::unique_ptr<State> s) : s_(std::move(s)) {}
Writer::~Writer() = default;

Result<std::unique_ptr<Writer>> Writer::Create(const std::string& path, const std::string& key, int64_t created_at,
                                               uint32_t chunk_bytes) {
  if (!crypto::InitCrypto()) return Fail("backup_write_failed", "libsodium could not be initialised");
  if (key.size() != kKeyBytes) return Fail("backup_key_invalid", "the key must be 32 bytes");
  if (chunk_bytes < kMinChunk || chunk_bytes > kMaxChunk) return Fail("backup_write_failed", "chunk size");
  auto s = std::make_unique<State>();
  s->fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (s->fd < 0) return IoFail("backup_write_failed", "create " + path);
  s->path = path;
  s->plain.assign(chunk_bytes, 0);
  s->cipher.assign(chunk_bytes + kAbytes, 0);

  unsigned char h[kHeaderBytes] = {};
  std::memcpy(h, kMagic, sizeof kMagic);
  PutBE(h + 10, kFormatVersion, 2);
  PutBE(h + 12, chunk_bytes, 4);
  PutBE(h + 16, static_cast<uint64_t>(created_at), 8);
  KeyId(key, h + 24);
  crypto_secretstream_xchacha20poly1305_init_push(&s->ss, h + 24 + kKeyIdBytes,
                                                  reinterpret_cast<const unsigned char*>(key.data()));
  HeaderMac(key, h, h + kMacOffset);
  if (!WriteAll(s->fd, h, sizeof h)) return IoFail("backup_write_failed", "write " + path);
  return std::unique_ptr<Writer>(new Writer(std::move(s)));
}

Status Writer::Push(bool final) {
  unsigned long long clen = 0;
  const unsigned char tag =
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  // Every chunk carries a full chunk of plaintext (the last is zero-padded), so every chunk has the same size
  // and a cut anywhere shows as a short chunk or a missing FINAL tag: backup_truncated, never backup_corrupt.
  crypto_secretstream_xchacha20poly1305_push(&s_->ss, s_->cipher.data(), &clen, s_->plain.data(), s_->plain.size(),
                                             nullptr, 0, tag);
  if (!WriteAll(s_->fd, s_->cipher.data(), static_cast<size_t>(clen))) {
    return IoFail("backup_write_failed", "write " + s_->path);
  }
  s_->fill = 0;
  return Ok{};
}

// Chunks are pushed lazily (only when more bytes follow), so Finish always has a non-empty last chunk to tag FINAL.
Status Writer::Append(const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  while (n > 0) {
    if (s_->fill == s_->plain.size()) OSIEDLE_RETURN_IF_ERROR(Push(false));
    size_t take = std::min(n, s_->plain.size() - s_->fill);
    std::memcpy(s_->plain.data() + s_->fill, p, take);
    s_->fill += take;
    p += take;
    n -= take;
  }
  return Ok{};
}

Status Writer::BeginRecord(Kind kind, std::string_view path, uint64_t size) {
  if (s_->finished || s_->fd < 0) return Fail("backup_write_failed", "archive already finished");
  if (path.size() > kMaxPathBytes) return Fail("backup_write_failed", "path too long: " + std::string(path));
  unsigned char head[3];
  head[0] = static_cast<unsigned char>(kind);
  PutBE(head + 1, path.size(), 2);
  unsigned char sz[8];
  PutBE(sz, size, 8);
  OSIEDLE_RETURN_IF_ERROR(Append(head, sizeof head));
  OSIEDLE_RETURN_IF_ERROR(Append(path.data(), path.size()));
  return Append(sz, sizeof sz);
}

Result<std::string> Writer::Add(Kind kind, std::string_view path, int fd, uint64_t size) {
  OSIEDLE_RETURN_IF_ERROR(BeginRecord(kind, path, size));
  crypto_hash_sha256_state sha;
  crypto_hash_sha256_init(&sha);
  std::vector<unsigned char> buf(64 * 1024);
  uint64_t left = size;
  while (left > 0) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(left, buf.size()));
    ssize_t got = ReadFull(fd, buf.data(), want);
    if (got < 0) return IoFail("backup_write_failed", "read " + std::string(path));
    if (static_cast<size_t>(got) != want) return Fail("backup_write_failed", std::string(path) + " shrank while read");
    crypto_hash_sha256_update(&sha, buf.data(), want);
    OSIEDLE_RETURN_IF_ERROR(Append(buf.data(), want));
    left -= want;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&sha, digest);
  OSIEDLE_RETURN_IF_ERROR(Append(digest, sizeof digest));
  ++records_;
  bytes_ += size;
  return crypto::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

Result<std::string> Writer::Add(Kind kind, std::string_view path, std::string_view bytes) {
  OSIEDLE_RETURN_IF_ERROR(BeginRecord(kind, path, bytes.size()));
  OSIEDLE_RETURN_IF_ERROR(Append(bytes.data(), bytes.size()));
  std::string digest = crypto::Sha256(bytes);
  OSIEDLE_RETURN_IF_ERROR(Append(digest.data(), digest.size()));
  ++records_;
  bytes_ += bytes.size();
  return crypto::HexEncode(digest);
}

Status Writer::Finish() {
  if (s_->finished || s_->fd < 0) return Fail("backup_write_failed", "archive already finished");
  unsigned char end[9];
  end[0] = static_cast<unsigned char>(Kind::kEnd);
  PutBE(end + 1, records_, 8);
  OSIEDLE_RETURN_IF_ERROR(Append(end, sizeof end));
  std::memset(s_->plain.data() + s_->fill, 0, s_->plain.size() - s_->fill);
  OSIEDLE_RETURN_IF_ERROR(Push(true));
  if (::fsync(s_->fd) != 0) return IoFail("backup_write_failed", "fsync " + s_->path);
  int fd = s_->fd;
  s_->fd = -1;
  if (::close(fd) != 0) return IoFail("backup_write_failed", "close " + s_->path);
  s_->finished = true;
  return Ok{};
}

// ---------------------------------------------------------------------------------------------- Reader

struct Reader::State {
  int fd = -1;
  crypto_secretstream_xchacha20poly1305_state ss;
  std::vector<unsigned char> plain;
  size_t pos = 0;
  size_t len = 0;
  bool final = false;
  std::vector<unsigned char> cipher;
  uint64_t records = 0;
  uint64_t left = 0;       // content bytes of the current record not yet returned
  bool in_record = false;  // a record's content (and trailer) is being read
  bool ended = false;
  crypto_hash_sha256_state sha;
  ~State() {
    if (fd >= 0) ::close(fd);
    sodium_memzero(&ss, sizeof ss);
  }
};

Reader::Reader(std::unique_ptr<State> s) : s_(std::move(s)) {}
Reader::~Reader() = default;

Result<std::unique_ptr<Reader>> Reader::Open(const std::string& path, const std::string& key) {
  if (!crypto::InitCrypto()) return Fail("backup_unreadable", "libsodium could not be initialised");
  if (key.size() != kKeyBytes) return Fail("backup_key_invalid", "the key must be 32 bytes");
  auto s = std::make_unique<State>();
  s->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (s->fd < 0) return IoFail("backup_unreadable", path);
  unsigned char h[kHeaderBytes];
  ssize_t got = ReadFull(s->fd, h, sizeof h);
  if (got < 0) return IoFail("backup_unreadable", path);
  if (static_cast<size_t>(got) < sizeof kMagic || std::memcmp(h, kMagic, sizeof kMagic) != 0) {
    return Fail("backup_not_an_archive", path + " does not start with OSIEDLEBAK");
  }
  if (static_cast<size_t>(got) < sizeof h) return Fail("backup_truncated", "the header is cut short");
  Header hd;
  hd.version = static_cast<uint16_t>(GetBE(h + 10, 2));
  hd.chunk_bytes = static_cast<uint32_t>(GetBE(h + 12, 4));
  hd.created_at = static_cast<int64_t>(GetBE(h + 16, 8));
  if (hd.version != kFormatVersion) {
    return Fail("backup_not_an_archive", "archive format " + std::to_string(hd.version) + " is not known here");
  }
  unsigned char id[kKeyIdBytes];
  KeyId(key, id);
  if (sodium_memcmp(id, h + 24, kKeyIdBytes) != 0) return Fail("backup_wrong_key", "made with another key");
  unsigned char mac[kMacBytes];
  HeaderMac(key, h, mac);
  if (sodium_memcmp(mac, h + kMacOffset, kMacBytes) != 0) return Fail("backup_corrupt", "the header was altered");
  if (hd.chunk_bytes < kMinChunk || hd.chunk_bytes > kMaxChunk) return Fail("backup_corrupt", "chunk size");
  if (crypto_secretstream_xchacha20poly1305_init_pull(&s->ss, h + 24 + kKeyIdBytes,
                                                      reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return Fail("backup_corrupt", "stream header");
  }
  s->plain.assign(hd.chunk_bytes, 0);
  s->cipher.assign(hd.chunk_bytes + kAbytes, 0);
  auto r = std::unique_ptr<Reader>(new Reader(std::move(s)));
  r->header_ = hd;
  return r;
}

Status Reader::Fill() {
  if (s_->final) return Fail("backup_corrupt", "records continue past the final chunk");
  ssize_t got = ReadFull(s_->fd, s_->cipher.data(), s_->cipher.size());
  if (got < 0) return IoFail("backup_unreadable", "read");
  if (static_cast<size_t>(got) < s_->cipher.size()) {
    return Fail("backup_truncated", got == 0 ? "the final chunk is missing" : "the last chunk is cut short");
  }
  unsigned long long mlen = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&s_->ss, s_->plain.data(), &mlen, &tag, s_->cipher.data(),
                                                 s_->cipher.size(), nullptr, 0) != 0) {
    return Fail("backup_corrupt", "a chunk failed its authentication check");
  }
  if (mlen != s_->plain.size()) return Fail("backup_corrupt", "chunk size");
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    s_->final = true;
  } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
    return Fail("backup_corrupt", "unexpected chunk tag");
  }
  s_->pos = 0;
  s_->len = static_cast<size_t>(mlen);
  return Ok{};
}

Status Reader::ReadExact(void* out, size_t n) {
  auto* p = static_cast<unsigned char*>(out);
  while (n > 0) {
    if (s_->pos == s_->len) OSIEDLE_RETURN_IF_ERROR(Fill());
    size_t take = std::min(n, s_->len - s_->pos);
    std::memcpy(p, s_->plain.data() + s_->pos, take);
    s_->pos += take;
    p += take;
    n -= take;
  }
  return Ok{};
}

Status Reader::CheckEnd() {
  unsigned char count[8];
  OSIEDLE_RETURN_IF_ERROR(ReadExact(count, sizeof count));
  if (GetBE(count, 8) != s_->records) return Fail("backup_corrupt", "record count differs");
  for (size_t i = s_->pos; i < s_->len; ++i) {
    if (s_->plain[i] != 0) return Fail("backup_corrupt", "data after the end record");
  }
  if (!s_->final) return Fail("backup_corrupt", "the end record is not in the final chunk");
  unsigned char extra;
  ssize_t more = ReadFull(s_->fd, &extra, 1);
  if (more != 0) return Fail("backup_corrupt", "bytes after the final chunk");
  s_->ended = true;
  return Ok{};
}

Result<Reader::Record> Reader::Next() {
  if (s_->ended) return Fail("backup_corrupt", "read past the end");
  while (s_->in_record) {
    auto piece = Read();
    if (!piece.ok()) return piece.error();
  }
  unsigned char kind = 0;
  OSIEDLE_RETURN_IF_ERROR(ReadExact(&kind, 1));
  Record rec;
  rec.kind = static_cast<Kind>(kind);
  if (rec.kind == Kind::kEnd) {
    OSIEDLE_RETURN_IF_ERROR(CheckEnd());
    return rec;
  }
  if (rec.kind != Kind::kStore && rec.kind != Kind::kFile && rec.kind != Kind::kConfig) {
    return Fail("backup_corrupt", "unknown record kind " + std::to_string(kind));
  }
  unsigned char plen[2];
  OSIEDLE_RETURN_IF_ERROR(ReadExact(plen, 2));
  size_t n = static_cast<size_t>(GetBE(plen, 2));
  if (n == 0 || n > kMaxPathBytes) return Fail("backup_corrupt", "path length");
  rec.path.resize(n);
  OSIEDLE_RETURN_IF_ERROR(ReadExact(rec.path.data(), n));
  unsigned char size[8];
  OSIEDLE_RETURN_IF_ERROR(ReadExact(size, 8));
  rec.size = GetBE(size, 8);
  s_->left = rec.size;
  s_->in_record = true;
  ++s_->records;
  sha_hex_.clear();
  crypto_hash_sha256_init(&s_->sha);
  return rec;
}

Result<std::string_view> Reader::Read() {
  if (!s_->in_record) return std::string_view();
  if (s_->left == 0) {
    unsigned char want[crypto_hash_sha256_BYTES], got[crypto_hash_sha256_BYTES];
    OSIEDLE_RETURN_IF_ERROR(ReadExact(want, sizeof want));
    crypto_hash_sha256_final(&s_->sha, got);
    s_->in_record = false;
    if (sodium_memcmp(want, got, sizeof want) != 0) return Fail("backup_corrupt", "content hash differs");
    sha_hex_ = crypto::HexEncode(std::string_view(reinterpret_cast<const char*>(got), sizeof got));
    return std::string_view();
  }
  if (s_->pos == s_->len) OSIEDLE_RETURN_IF_ERROR(Fill());
  size_t take = static_cast<size_t>(std::min<uint64_t>(s_->left, s_->len - s_->pos));
  std::string_view piece(reinterpret_cast<const char*>(s_->plain.data() + s_->pos), take);
  crypto_hash_sha256_update(&s_->sha, s_->plain.data() + s_->pos, take);
  s_->pos += take;
  s_->left -= take;
  return piece;
}

}  // namespace osiedle::app::backup
