#pragma once
// The command line (CLI11): subcommands and their options, nothing else.

#include <optional>
#include <string>
#include <vector>

#include "eval/runner.h"
#include "pipeline/check_options.h"
#include "pipeline/merge.h"
#include "util/log.h"

namespace codegate {

struct CommandLine {
  enum class Command { none, check, merge, eval, eval_compare, export_finetune, knowledge_export } command = Command::none;
  CheckOptions check;
  MergeOptions merge;
  eval::EvalOptions eval;
  std::string include_secure_samples; // eval --export-finetune: expert samples to add
  bool strip_docstrings = false;      // eval --export-finetune: without docstrings
  std::vector<std::string> compare;   // eval --compare A B
  std::string knowledge_file = ".codegate/knowledge.jsonl"; // knowledge export: the base to read
  std::string finetune_file;                                // knowledge export --finetune
  util::Verbosity verbosity = util::Verbosity::normal;
  std::optional<int> exit_now; // --help / --version / a usage error already printed: exit with this
};

CommandLine parse_command_line(int argc, char** argv);

} // namespace codegate
