#pragma once
// The demo cooperative "SM Lazurowa (demo)" for ./run.sh, and a large store for benchmarks.
#include <ostream>

#include "daemon/app/app.hpp"

namespace osiedle::app {

// Seeds 2 estates, 6 buildings, 300 flats with valid KW numbers, an administrator, a staff member,
// three verified residents and two registrations waiting in the queue — once: a store that already
// has estates is left alone. Prints the URL-independent demo logins to `out` every time.
void SeedDemo(App& app, std::ostream& out);

}  // namespace osiedle::app
