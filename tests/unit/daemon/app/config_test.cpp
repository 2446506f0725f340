#include "daemon/app/config.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace osiedle::app {
namespace {

Result<Config> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "osiedled");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return ParseConfig(static_cast<int>(argv.size()), argv.data());
}

TEST(AppConfig, ThreadsDefaultToTwoAndAcceptOneToSixtyFour) {
  auto c = Parse({"serve", "--data-dir", "/tmp/x"});
  ASSERT_TRUE(c.ok()) << c.error().code;
  EXPECT_EQ(c->threads, 2);
  auto most = Parse({"serve", "--data-dir", "/tmp/x", "--threads", "64"});
  ASSERT_TRUE(most.ok());
  EXPECT_EQ(most->threads, 64);
  EXPECT_FALSE(Parse({"serve", "--data-dir", "/tmp/x", "--threads", "65"}).ok());
  auto one = Parse({"serve", "--data-dir", "/tmp/x", "--threads", "1"});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->threads, 1);
  auto none = Parse({"serve", "--data-dir", "/tmp/x", "--threads", "0"});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "config_invalid");
}

}  // namespace
}  // namespace osiedle::app
