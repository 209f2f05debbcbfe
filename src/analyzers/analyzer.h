#pragma once
// What every analyzer gets and gives. Analyzers run over a private copy of the analysed revision
// (pipeline/workspace.h), so the bytes they see are exactly the bytes the gate reports on.

#include <string>
#include <vector>

#include "core/check_result.h"
#include "core/finding.h"

namespace codegate {

struct AnalyzerInput {
  std::string root;               // directory holding the files; the tool's working directory
  std::vector<std::string> files; // repository-relative paths under root
  std::string config_file;        // absolute path of the trusted tool configuration; empty: none
  std::vector<std::string> extra_args;
  int jobs = 1;
};

struct AnalyzerOutput {
  std::vector<Finding> findings; // paths repository-relative; snippets filled in later
  ToolRun run;
  std::vector<std::string> notes; // problems worth a line in every report (a file Bandit cannot parse)
};

// Turns a path the tool printed back into the repository-relative form ("./-x.py" -> "-x.py").
std::string normalise_tool_path(std::string path);

// The argument a tool receives for a file: "./" first, so no name can be read as an option.
std::string file_argument(const std::string& path);

} // namespace codegate
