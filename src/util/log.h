#pragma once
// Progress and diagnostics on stderr; reports never go through here.

#include <string>

namespace codegate::util {

enum class Verbosity { quiet, normal, verbose };

void set_verbosity(Verbosity verbosity);
// main says whether NO_COLOR (https://no-color.org) is set; colour is off when it is.
void set_no_colour(bool no_colour);
// True when stderr (stdout) is a terminal and NO_COLOR is unset.
bool stderr_colour();
bool stdout_colour();

void progress(const std::string& message); // "codegate: message" unless quiet
void warn(const std::string& message);     // "codegate: warning: message", always
void debug(const std::string& message);    // only when verbose

} // namespace codegate::util
