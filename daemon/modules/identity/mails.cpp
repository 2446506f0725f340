// Texts of the identity mails. Plain text, UTF-8; Polish first, English for users who chose it.
#include "daemon/modules/identity/mails.hpp"

namespace osiedle::identity {

namespace {

bool En(const User& u) { return u.lang == "en"; }

std::string Greeting(const User& u) {
  if (En(u)) return "Hello " + u.first_name + ",\n\n";
  return "Dzień dobry, " + u.first_name + "!\n\n";
}

std::string Signature(const User& u) {
  if (En(u)) return "\nKind regards,\nThe cooperative's office\n";
  return "\nPozdrawiamy serdecznie,\nBiuro spółdzielni\n";
}

outbox::Mail Make(const User& u, std::string subject, std::string body) {
  return outbox::Mail{u.email, std::move(subject), Greeting(u) + body + Signature(u)};
}

}  // namespace

std::string FlatLabel(const Building& building, const Flat& flat, const std::string& lang) {
  return building.address + (lang == "en" ? ", flat " : ", lokal ") + flat.number;
}

outbox::Mail RegistrationReceivedMail(const User& u, const std::string& flat_label) {
  if (En(u)) {
    return Make(u, "We have received your registration",
                "thank you for registering in the residents' portal. We have received your request for the flat " +
                    flat_label +
                    ".\n\nOur office will now check it against the register of flats. We will write to you as "
                    "soon as it is done; until then you cannot log in yet.\n\nIf it was not you who registered, "
                    "simply ignore this message.\n");
  }
  return Make(u, "Otrzymaliśmy Twoje zgłoszenie",
              "dziękujemy za rejestrację w portalu mieszkańców. Otrzymaliśmy Twoje zgłoszenie dotyczące lokalu " +
                  flat_label +
                  ".\n\nPracownicy biura sprawdzą je teraz z rejestrem lokali. Napiszemy do Ciebie, gdy tylko "
                  "to nastąpi; do tego czasu logowanie nie jest jeszcze możliwe.\n\nJeśli to nie Ty się "
                  "rejestrowałeś(-aś), po prostu zignoruj tę wiadomość.\n");
}

outbox::Mail ApprovedMail(const User& u, const std::string& flat_label, const std::string& portal_url) {
  if (En(u)) {
    return Make(u, "Your account is ready",
                "good news: we have confirmed that you own the flat " + flat_label +
                    ".\n\nYou can now log in to the residents' portal with your e-mail address and password:\n" +
                    portal_url + "\n");
  }
  return Make(u, "Twoje konto jest gotowe",
              "mamy dobrą wiadomość: potwierdziliśmy, że jesteś właścicielem lokalu " + flat_label +
                  ".\n\nMożesz już zalogować się do portalu mieszkańców swoim adresem e-mail i hasłem:\n" + portal_url +
                  "\n");
}

outbox::Mail RejectedMail(const User& u, const std::string& flat_label, const std::string& reason) {
  if (En(u)) {
    return Make(u, "We could not confirm your registration",
                "unfortunately we could not confirm your registration for the flat " + flat_label +
                    ".\n\nReason given by our office:\n" + reason +
                    "\n\nIf you think this is a mistake, please contact the office; we will gladly help.\n");
  }
  return Make(u, "Nie mogliśmy potwierdzić Twojego zgłoszenia",
              "niestety nie mogliśmy potwierdzić Twojego zgłoszenia dotyczącego lokalu " + flat_label +
                  ".\n\nUzasadnienie biura:\n" + reason +
                  "\n\nJeśli uważasz, że to pomyłka, skontaktuj się z biurem spółdzielni — chętnie pomożemy.\n");
}

outbox::Mail PasswordResetMail(const User& u, const std::string& link, int valid_minutes) {
  std::string minutes = std::to_string(valid_minutes);
  if (En(u)) {
    return Make(u, "Setting a new password",
                "to set a new password for the residents' portal, open this link:\n" + link +
                    "\n\nThe link works once and is valid for " + minutes +
                    " minutes.\n\nIf you did not ask for a new password, ignore this message: your current "
                    "password stays valid.\n");
  }
  return Make(u, "Ustawienie nowego hasła",
              "aby ustawić nowe hasło do portalu mieszkańców, otwórz ten link:\n" + link +
                  "\n\nLink działa jednokrotnie i jest ważny przez " + minutes +
                  " minut.\n\nJeśli nie prosiłeś(-aś) o zmianę hasła, zignoruj tę wiadomość — dotychczasowe "
                  "hasło pozostaje ważne.\n");
}

}  // namespace osiedle::identity
