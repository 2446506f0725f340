#include "daemon/app/config.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace osiedle::app {
namespace {

Result<Config> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "osiedled");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return ParseConfig(static_cast<int>(argv.size()), argv.data());
}

// One more HTTP thread than cores: a thread waiting for fsync must not stall reads.
TEST(AppConfig, ThreadsDefaultToOneMoreThanCoresAndAcceptAnExplicitValue) {
  auto c = Parse({"serve", "--data-dir", "/tmp/x"});
  ASSERT_TRUE(c.ok()) << c.error().code;
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_EQ(c->threads, cores == 0 ? 2 : std::max(2, cores + 1));
  EXPECT_GE(c->threads, 2);
  auto one = Parse({"serve", "--data-dir", "/tmp/x", "--threads", "1"});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->threads, 1);
  auto none = Parse({"serve", "--data-dir", "/tmp/x", "--threads", "0"});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "config_invalid");
}

}  // namespace
}  // namespace osiedle::app
