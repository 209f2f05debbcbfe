#pragma once
// Progress and diagnostics on stderr; reports never go through here.

#include <string>
#include <string_view>

namespace codegate::util {

enum class Verbosity { quiet, normal, verbose };

void set_verbosity(Verbosity verbosity);
// main says whether NO_COLOR (https://no-color.org) is set; colour is off when it is.
void set_no_colour(bool no_colour);
// True when stderr (stdout) is a terminal and NO_COLOR is unset.
bool stderr_colour();
bool stdout_colour();

// Under a CI that acts on text in a step's output (Azure Pipelines runs `##vso[` commands found
// anywhere in a line), main installs a filter that makes such text inert; every line written here
// goes through it, and so does the report codegate prints (filter_output).
using OutputFilter = std::string (*)(std::string_view);
void set_output_filter(OutputFilter filter);
std::string filter_output(std::string_view text);

void progress(const std::string& message); // "codegate: message" unless quiet
void warn(const std::string& message);     // "codegate: warning: message", always
void debug(const std::string& message);    // only when verbose

} // namespace codegate::util
