#pragma once
// The identity module's mails, in the user's language (Polish unless the user chose English).
#include <string>

#include "daemon/modules/identity/model.hpp"
#include "daemon/modules/outbox/service.hpp"

namespace osiedle::identity {

// "Lazurowa 12, lokal 5" / "Lazurowa 12, flat 5".
std::string FlatLabel(const Building& building, const Flat& flat, const std::string& lang);

outbox::Mail RegistrationReceivedMail(const User& user, const std::string& flat_label);
// `portal_url`: where to log in.
outbox::Mail ApprovedMail(const User& user, const std::string& flat_label, const std::string& portal_url);
outbox::Mail RejectedMail(const User& user, const std::string& flat_label, const std::string& reason);
// `link`: the one-time reset link, valid for `valid_minutes`.
outbox::Mail PasswordResetMail(const User& user, const std::string& link, int valid_minutes);

}  // namespace osiedle::identity
