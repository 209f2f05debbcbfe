#include "util/log.h"

#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace codegate::util {
namespace {

Verbosity g_verbosity = Verbosity::normal;
bool g_no_colour = false;
std::mutex g_mutex;

bool colour_for(int fd) { return !g_no_colour && isatty(fd) != 0; }

void write_line(const std::string& line) {
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "%s\n", line.c_str());
}

} // namespace

void set_verbosity(Verbosity verbosity) { g_verbosity = verbosity; }
void set_no_colour(bool no_colour) { g_no_colour = no_colour; }
bool stderr_colour() { return colour_for(STDERR_FILENO); }
bool stdout_colour() { return colour_for(STDOUT_FILENO); }

void progress(const std::string& message) {
  if (g_verbosity != Verbosity::quiet) write_line("codegate: " + message);
}

void warn(const std::string& message) { write_line("codegate: warning: " + message); }

void debug(const std::string& message) {
  if (g_verbosity == Verbosity::verbose) write_line("codegate: debug: " + message);
}

} // namespace codegate::util
