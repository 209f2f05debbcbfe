#pragma once
// The command line (CLI11): subcommands and their options, nothing else.

#include <optional>
#include <string>
#include <vector>

#include "pipeline/check_options.h"
#include "util/log.h"

namespace codegate {

struct CommandLine {
  enum class Command { none, check } command = Command::none;
  CheckOptions check;
  util::Verbosity verbosity = util::Verbosity::normal;
  std::optional<int> exit_now; // --help / --version / a usage error already printed: exit with this
};

CommandLine parse_command_line(int argc, char** argv);

} // namespace codegate
