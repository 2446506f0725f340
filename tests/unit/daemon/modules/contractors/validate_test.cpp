#include "daemon/modules/contractors/validate.hpp"

#include <gtest/gtest.h>

namespace osiedle::contractors {
namespace {

TEST(ContractorValidate, AcceptsHttpAndHttpsWebsites) {
  EXPECT_TRUE(IsValidWebsite("https://hydro-kowalski.pl"));
  EXPECT_TRUE(IsValidWebsite("http://example.pl/oferta?x=1#kontakt"));
  EXPECT_TRUE(IsValidWebsite("HTTPS://Example.PL:8443/"));
  EXPECT_TRUE(IsValidWebsite("https://łódź.pl"));
}

TEST(ContractorValidate, RefusesOtherSchemesAndMalformedWebsites) {
  EXPECT_FALSE(IsValidWebsite("javascript:alert(1)"));
  EXPECT_FALSE(IsValidWebsite("ftp://example.pl"));
  EXPECT_FALSE(IsValidWebsite("example.pl"));
  EXPECT_FALSE(IsValidWebsite("https://"));
  EXPECT_FALSE(IsValidWebsite("https:///path"));
  EXPECT_FALSE(IsValidWebsite("https://bank.pl@evil.example"));
  EXPECT_FALSE(IsValidWebsite("https://ex ample.pl"));
  EXPECT_FALSE(IsValidWebsite("https://example.pl/\"onmouseover=x"));
  EXPECT_FALSE(IsValidWebsite("https://-example.pl"));
  EXPECT_FALSE(IsValidWebsite("https://exa_mple.pl"));
}

TEST(ContractorValidate, PhonesNeedDigitsAndOnlyDialCharacters) {
  EXPECT_TRUE(IsValidPhone("+48 600 100 200"));
  EXPECT_TRUE(IsValidPhone("(22) 123-45-67"));
  EXPECT_FALSE(IsValidPhone("12"));
  EXPECT_FALSE(IsValidPhone("600 100 200 w. 12"));
}

TEST(ContractorValidate, EmailsNeedOneAtAndADomainWithADot) {
  EXPECT_TRUE(IsValidEmail("biuro@hydro.pl"));
  EXPECT_FALSE(IsValidEmail("biuro@hydro"));
  EXPECT_FALSE(IsValidEmail("@hydro.pl"));
  EXPECT_FALSE(IsValidEmail("a@b@c.pl"));
  EXPECT_FALSE(IsValidEmail("a b@c.pl"));
}

}  // namespace
}  // namespace osiedle::contractors
