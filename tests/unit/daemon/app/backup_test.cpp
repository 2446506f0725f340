#include "daemon/app/backup.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "daemon/app/app.hpp"
#include "daemon/app/backup_format.hpp"
#include "daemon/core/crypto.hpp"
#include "storage/codec.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::app::backup {
namespace {
namespace fs = std::filesystem;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Every regular file under `dir` (relative path → bytes), ignoring LMDB's lock file and our lock file.
std::map<std::string, std::string> Tree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = fs::relative(e.path(), dir).generic_string();
    if (e.is_directory()) {
      out[rel + "/"] = "";
    } else if (e.path().filename() != "lock.mdb" && e.path().filename() != "osiedled.lock") {
      out[rel] = ReadAll(e.path());
    }
  }
  return out;
}

// A store with a few audit entries and three uploaded files, one spanning several 64 KiB chunks.
struct Seeded {
  std::vector<std::string> file_ids;
  std::string big;
};

Seeded SeedStore(const std::string& data_dir) {
  Config cfg;
  cfg.data_dir = data_dir;
  FakeClock clock(1'700'000'000);
  App app(cfg, clock);
  Seeded s;
  for (int i = 0; i < 3; ++i) {
    audit::Entry e;
    e.action = "test.entry";
    e.detail = "wpis " + std::to_string(i);
    app.audit.Record(e);
  }
  s.big = crypto::RandomBytes(200'000);
  for (const std::string& bytes : {std::string("%PDF-1.4 mały"), std::string(), s.big}) {
    s.file_ids.push_back(app.files.Put(bytes).value());
  }
  return s;
}

uint64_t AuditEntries(const std::string& data_dir) {
  Config cfg;
  cfg.data_dir = data_dir;
  FakeClock clock(1'700'000'000);
  App app(cfg, clock);
  auto v = app.audit.Verify();
  EXPECT_TRUE(v.ok);
  return v.entries;
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    key_ = crypto::RandomBytes(32);
    seeded_ = SeedStore(src_.Sub("data"));
    WriteAll(src_.Sub("osiedle.conf"), "site-name = Spółdzielnia Testowa\n");
    archive_ = out_.Sub("test.osbak");
    auto info = Create(src_.Sub("data"), key_, archive_, src_.Sub("osiedle.conf"));
    ASSERT_TRUE(info.ok()) << info.error().code << " " << info.error().detail;
    created_ = *info;
  }

  // Restore into a data dir holding another store must fail with `code` and change nothing there.
  void ExpectRefusedAndUntouched(const std::string& archive, const std::string& key, const std::string& code) {
    std::string dest = dst_.Sub("data");
    if (!fs::exists(dest)) SeedStore(dest);
    WriteAll(dst_.Sub("osiedle.conf"), "old config\n");
    auto before = Tree(dst_.path());
    EXPECT_EQ(Verify(archive, key).error().code, code);
    auto r = Restore(archive, key, dest, dst_.Sub("osiedle.conf"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, code) << r.error().detail;
    EXPECT_EQ(Tree(dst_.path()), before) << "nothing in the data dir or the config may change";
  }

  testing::TempDir src_{"osiedle-backup-src"};
  testing::TempDir out_{"osiedle-backup-out"};
  testing::TempDir dst_{"osiedle-backup-dst"};
  std::string key_;
  Seeded seeded_;
  std::string archive_;
  Info created_;
};

TEST_F(BackupTest, RoundTripRestoresTheStoreEveryFileAndTheConfig) {
  EXPECT_EQ(created_.files, 3u);
  EXPECT_TRUE(created_.has_config);
  EXPECT_FALSE(fs::exists(archive_ + ".tmp"));
  EXPECT_FALSE(fs::exists(archive_ + ".snapshot.tmp"));
  ASSERT_TRUE(Verify(archive_, key_).ok());

  std::string dest = dst_.Sub("fresh");
  auto r = Restore(archive_, key_, dest, dst_.Sub("etc/osiedle.conf"));
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().detail;
  EXPECT_EQ(r->files, 3u);
  EXPECT_EQ(r->previous_store, "") << "there was no store to keep";
  EXPECT_EQ(ReadAll(dst_.Sub("etc/osiedle.conf")), "site-name = Spółdzielnia Testowa\n");
  struct stat st {};
  ASSERT_EQ(::stat(dst_.Sub("etc/osiedle.conf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  FileStore restored(dest + "/files");
  for (const auto& id : seeded_.file_ids) {
    EXPECT_EQ(ReadAll(restored.PathOf(id)), ReadAll(FileStore(src_.Sub("data/files")).PathOf(id)));
  }
  EXPECT_EQ(ReadAll(restored.PathOf(seeded_.file_ids[2])), seeded_.big);
  EXPECT_EQ(AuditEntries(dest), AuditEntries(src_.Sub("data")));
  for (const auto& e : fs::directory_iterator(dest)) {
    EXPECT_NE(e.path().filename().string().rfind(".restore-", 0), 0u) << "scratch left behind: " << e.path();
  }
}

TEST_F(BackupTest, RestoreKeepsThePreviousStoreBesideTheNewOne) {
  std::string dest = dst_.Sub("data");
  auto old_ids = SeedStore(dest).file_ids;
  std::string old_store = ReadAll(dest + "/data.mdb");
  auto r = Restore(archive_, key_, dest, "");
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().detail;
  ASSERT_NE(r->previous_store, "");
  EXPECT_EQ(fs::path(r->previous_store).parent_path(), fs::path(dest));
  EXPECT_EQ(ReadAll(r->previous_store + "/data.mdb"), old_store);
  EXPECT_TRUE(fs::exists(FileStore(r->previous_store + "/files").PathOf(old_ids[0])));
  EXPECT_FALSE(fs::exists(dst_.Sub("osiedle.conf"))) << "config_out \"\" writes no config";
}

TEST_F(BackupTest, WrongKeyIsRefusedAndNothingIsReplaced) {
  ExpectRefusedAndUntouched(archive_, crypto::RandomBytes(32), "backup_wrong_key");
}

TEST_F(BackupTest, FlippedByteIsCorrupt) {
  std::string bytes = ReadAll(archive_);
  for (size_t at : {size_t{100}, bytes.size() / 2, bytes.size() - 5, size_t{70}}) {  // chunks, then the header MAC
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    WriteAll(out_.Sub("flipped.osbak"), bad);
    SCOPED_TRACE(at);
    ExpectRefusedAndUntouched(out_.Sub("flipped.osbak"), key_, "backup_corrupt");
  }
}

TEST_F(BackupTest, CutFileIsTruncated) {
  std::string bytes = ReadAll(archive_);
  const size_t chunk = kChunkBytes + 17;
  ASSERT_GE(bytes.size(), kHeaderBytes + 4 * chunk) << "the archive spans several chunks";
  for (size_t len : {kHeaderBytes - 10, kHeaderBytes, kHeaderBytes + 1000, kHeaderBytes + chunk,
                     kHeaderBytes + 2 * chunk + 7, bytes.size() - chunk, bytes.size() - 1}) {
    WriteAll(out_.Sub("cut.osbak"), bytes.substr(0, len));
    SCOPED_TRACE(len);
    ExpectRefusedAndUntouched(out_.Sub("cut.osbak"), key_, "backup_truncated");
  }
}

TEST_F(BackupTest, BytesAfterTheFinalChunkAreCorrupt) {
  WriteAll(out_.Sub("longer.osbak"), ReadAll(archive_) + "x");
  ExpectRefusedAndUntouched(out_.Sub("longer.osbak"), key_, "backup_corrupt");
}

TEST_F(BackupTest, OtherFilesAreNotArchivesAndMissingOnesUnreadable) {
  WriteAll(out_.Sub("notes.txt"), std::string(5000, 'a'));
  ExpectRefusedAndUntouched(out_.Sub("notes.txt"), key_, "backup_not_an_archive");
  ExpectRefusedAndUntouched(out_.Sub("missing.osbak"), key_, "backup_unreadable");
}

// An archive with the right key but a hostile record: made with the low-level Writer.
std::string HostileArchive(const std::string& path, const std::string& key, Kind kind, const std::string& rec_path,
                           const std::string& store_bytes) {
  auto w = Writer::Create(path, key, 1'700'000'000).value();
  EXPECT_TRUE(w->Add(Kind::kStore, "data.mdb", store_bytes).ok());
  EXPECT_TRUE(w->Add(kind, rec_path, std::string("pwned")).ok());
  EXPECT_TRUE(w->Finish().ok());
  return path;
}

TEST_F(BackupTest, RecordPathsOutsideTheirPlaceAreRefused) {
  std::string store = ReadAll(src_.Sub("data/data.mdb"));
  const std::string id = crypto::Sha256Hex("pwned");
  const std::vector<std::pair<Kind, std::string>> bad = {
      {Kind::kFile, "../evil"},
      {Kind::kFile, "/etc/evil"},
      {Kind::kFile, "files/" + id.substr(0, 2) + "/../../../evil"},
      {Kind::kFile, "files/zz/" + id},
      {Kind::kFile, "files/" + id.substr(0, 2) + "/" + id + "/x"},
      {Kind::kFile, "files//" + id},
      {Kind::kConfig, "../osiedle.conf"},
      {Kind::kStore, "../data.mdb"},
  };
  for (const auto& [kind, p] : bad) {
    SCOPED_TRACE(p);
    HostileArchive(out_.Sub("bad.osbak"), key_, kind, p, store);
    ExpectRefusedAndUntouched(out_.Sub("bad.osbak"), key_, "backup_corrupt");
    fs::remove(out_.Sub("bad.osbak"));
  }
  EXPECT_FALSE(fs::exists(dst_.Sub("evil")));
  EXPECT_FALSE(fs::exists(out_.Sub("evil")));
}

TEST_F(BackupTest, FileWhoseContentIsNotItsNameIsRefused) {
  std::string other = crypto::Sha256Hex("something else");
  HostileArchive(out_.Sub("misnamed.osbak"), key_, Kind::kFile, "files/" + other.substr(0, 2) + "/" + other,
                 ReadAll(src_.Sub("data/data.mdb")));
  ExpectRefusedAndUntouched(out_.Sub("misnamed.osbak"), key_, "backup_store_invalid");
}

TEST_F(BackupTest, BrokenAuditChainIsRefused) {
  {
    auto env = storage::Env::Open(src_.Sub("data"));
    storage::Table log = env->OpenTable("audit.log");
    std::string key, value;
    env->View([&](const storage::ReadTxn& t) {
      t.Scan(log, "", [&](std::string_view k, std::string_view v) {
        if (v.find("wpis 1") == std::string_view::npos) return true;
        key = k;
        value = v;
        return false;
      });
    });
    ASSERT_FALSE(value.empty());
    value[value.find("wpis 1")] = 'W';
    auto tampered = env->Update([&](storage::WriteTxn& t) -> Status {
      t.Put(log, key, value);
      return Ok{};
    });
    ASSERT_TRUE(tampered.ok());
  }
  ASSERT_TRUE(Create(src_.Sub("data"), key_, out_.Sub("tampered.osbak"), "").ok());
  ExpectRefusedAndUntouched(out_.Sub("tampered.osbak"), key_, "backup_store_invalid");
}

TEST_F(BackupTest, RestoreRefusesWhileOsiedledHoldsTheDataDir) {
  std::string dest = dst_.Sub("data");
  SeedStore(dest);
  int fd = ::open((dest + "/osiedled.lock").c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  auto before = Tree(dest);
  auto r = Restore(archive_, key_, dest, "");
  ::close(fd);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "data_dir_busy");
  EXPECT_EQ(Tree(dest), before);
}

TEST_F(BackupTest, CreateLeavesOutWritersTemporariesAndRefusesADamagedFile) {
  std::string files = src_.Sub("data/files");
  std::string id = seeded_.file_ids[0];
  WriteAll(files + "/" + id.substr(0, 2) + "/." + id + ".abc.tmp", "half written");
  auto info = Create(src_.Sub("data"), key_, out_.Sub("with-tmp.osbak"), "");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->files, 3u);
  EXPECT_EQ(info->skipped, 1u);
  EXPECT_FALSE(info->has_config);

  WriteAll(FileStore(files).PathOf(id), "rotted on the SD card");
  auto damaged = Create(src_.Sub("data"), key_, out_.Sub("damaged.osbak"), "");
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().code, "backup_store_invalid");
  EXPECT_FALSE(fs::exists(out_.Sub("damaged.osbak")));
  EXPECT_FALSE(fs::exists(out_.Sub("damaged.osbak.tmp")));
}

TEST_F(BackupTest, CreateNeedsAStoreAndAWritableDestination) {
  auto r = Create(dst_.Sub("empty"), key_, out_.Sub("x.osbak"), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "backup_store_invalid");
  auto nowhere = Create(src_.Sub("data"), key_, out_.Sub("no/such/dir/x.osbak"), "");
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "backup_write_failed");
}

TEST(BackupRetention, KeepsTheNewestArchivesAndTouchesNothingElse) {
  testing::TempDir dir("osiedle-backup-keep");
  EXPECT_EQ(ArchiveName(1'700'000'000), "osiedle-20231114-221320.osbak");
  std::vector<std::string> names;
  for (int day = 0; day < 5; ++day) names.push_back(ArchiveName(1'700'000'000 + day * 86400));
  for (const auto& n : names) WriteAll(dir.Sub(n), "x");
  for (const char* other :
       {"notes.txt", "osiedle-20231114-221320.osbak.tmp", "osiedle-2023111-221320.osbak", "kopia.osbak"}) {
    WriteAll(dir.Sub(other), "keep me");
  }
  auto removed = Prune(dir.path(), 2);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->size(), 3u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(fs::exists(dir.Sub(names[i])), i >= 3) << names[i];
  for (const char* other :
       {"notes.txt", "osiedle-20231114-221320.osbak.tmp", "osiedle-2023111-221320.osbak", "kopia.osbak"}) {
    EXPECT_TRUE(fs::exists(dir.Sub(other))) << other;
  }
  EXPECT_TRUE(Prune(dir.path(), 2)->empty());
}

TEST(BackupKey, CreatedOnceWithMode0640AndReadBack) {
  testing::TempDir dir("osiedle-backup-key");
  std::string path = dir.Sub("etc/backup.key");
  ASSERT_TRUE(CreateKeyFile(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  auto key = ReadKey(path);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->size(), 32u);
  std::string first = ReadAll(path);
  auto again = CreateKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "backup_key_exists");
  EXPECT_EQ(ReadAll(path), first);
  EXPECT_NE(EmergencyKitText(*key).find(KeyText(*key).substr(0, 39)), std::string::npos);
}

TEST(BackupKey, TypedTextIgnoresSpacesDashesAndCase) {
  std::string key = crypto::RandomBytes(32);
  std::string text = KeyText(key);
  EXPECT_EQ(text.size(), 64u + 15u);
  EXPECT_EQ(ParseKeyText(text).value(), key);
  std::string lower_dashed = text;
  for (char& c : lower_dashed) c = c == ' ' ? '-' : static_cast<char>(std::tolower(c));
  EXPECT_EQ(ParseKeyText(lower_dashed).value(), key);
  EXPECT_EQ(ParseKeyText(text.substr(1)).error().code, "backup_key_invalid");
  EXPECT_EQ(ParseKeyText(text.substr(0, text.size() - 1) + "G").error().code, "backup_key_invalid");
  testing::TempDir dir("osiedle-backup-key");
  EXPECT_EQ(ReadKey(dir.Sub("none")).error().code, "backup_key_missing");
  WriteAll(dir.Sub("short"), "abcd\n");
  EXPECT_EQ(ReadKey(dir.Sub("short")).error().code, "backup_key_invalid");
}

}  // namespace
}  // namespace osiedle::app::backup
