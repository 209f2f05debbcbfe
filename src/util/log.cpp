#include "util/log.h"

#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace codegate::util {
namespace {

Verbosity g_verbosity = Verbosity::normal;
bool g_no_colour = false;
std::mutex g_mutex;
OutputFilter g_filter = nullptr;

bool colour_for(int fd) { return !g_no_colour && isatty(fd) != 0; }

void write_line(const std::string& line) {
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "%s\n", filter_output(line).c_str());
}

} // namespace

void set_verbosity(Verbosity verbosity) { g_verbosity = verbosity; }
void set_no_colour(bool no_colour) { g_no_colour = no_colour; }
bool stderr_colour() { return colour_for(STDERR_FILENO); }
bool stdout_colour() { return colour_for(STDOUT_FILENO); }

void set_output_filter(OutputFilter filter) { g_filter = filter; }

std::string filter_output(std::string_view text) { return g_filter != nullptr ? g_filter(text) : std::string(text); }

void progress(const std::string& message) {
  if (g_verbosity != Verbosity::quiet) write_line("codegate: " + message);
}

void warn(const std::string& message) { write_line("codegate: warning: " + message); }

void debug(const std::string& message) {
  if (g_verbosity == Verbosity::verbose) write_line("codegate: debug: " + message);
}

} // namespace codegate::util
