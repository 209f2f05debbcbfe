// Wires the command line to the pipeline and maps errors to exit codes; nothing else.

#include <csignal>
#include <iostream>

#include "ci/ci_context.h"
#include "cli/command_line.h"
#include "core/error.h"
#include "eval/compare.h"
#include "eval/runner.h"
#include "git/handles.h"
#include "pipeline/check.h"
#include "pipeline/merge.h"
#include "platform/log_commands.h"
#include "util/environment.h"
#include "util/log.h"
#include "util/signals.h"
#include "util/system_error.h"

int main(int argc, char** argv) {
  using namespace codegate;
  // Before any thread starts, so that every thread inherits the blocked signals: SIGINT and
  // SIGTERM stop the tools and remove the temporary copies (exit 130/143), never a half-run.
  util::exit_cleanly_on_signals();
  // A tool or server that closes its end early must not kill the gate; the write reports it.
  std::signal(SIGPIPE, SIG_IGN);
  CommandLine cl = parse_command_line(argc, argv);
  if (cl.exit_now) return *cl.exit_now;
  util::set_verbosity(cl.verbosity);
  // The one place the environment is read: everything else gets what it needs from here.
  const util::EnvLookup env = util::process_environment();
  util::set_no_colour(!env("NO_COLOR").value_or("").empty());
  // GitHub's runner and Azure Pipelines' agent run commands they find in the log, on stdout and
  // stderr alike: a file name or a tool's message must not become one, from the first byte on.
  if (const ci::CiPlatform platform = ci::detect_ci(env);
      platform == ci::CiPlatform::github || platform == ci::CiPlatform::azure)
    util::set_output_filter(platform::neutralize_log_commands);

  git::Library libgit2;
  try {
    switch (cl.command) {
      case CommandLine::Command::eval: return eval::run_eval(cl.eval, env);
      case CommandLine::Command::eval_compare:
        std::cout << util::filter_output(eval::compare_results(cl.compare[0], cl.compare[1]));
        return 0;
      case CommandLine::Command::export_finetune:
        std::cout << util::filter_output(
            std::to_string(eval::export_finetune(cl.eval.out_dir, cl.include_secure_samples, cl.strip_docstrings)) +
            " lines written to " + cl.eval.out_dir + "/finetune.jsonl\n");
        return 0;
      case CommandLine::Command::knowledge_export:
        std::cout << util::filter_output(std::to_string(eval::export_knowledge(cl.knowledge_file, cl.finetune_file)) +
                                         " lines written to " + cl.finetune_file + "\n");
        return 0;
      default: break;
    }
    const ci::CiContext ci = ci::read_ci_context(env);
    if (cl.command == CommandLine::Command::merge) return static_cast<int>(run_merge(cl.merge, ci));
    cl.check.in_ci = ci.in_ci();
    return static_cast<int>(run_check(cl.check, ci));
  } catch (const UsageError& e) {
    std::cerr << util::filter_output(std::string("codegate: error: ") + e.what()) << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const ToolError& e) {
    std::cerr << util::filter_output(std::string("codegate: error: ") + e.what()) << "\n";
    return static_cast<int>(ExitCode::tool_failure);
  } catch (const util::SystemError& e) { // the machine's, not codegate's: no pipe, process or temporary directory
    std::cerr << util::filter_output(std::string("codegate: error: ") + e.what()) << "\n";
    return static_cast<int>(ExitCode::tool_failure);
  } catch (const std::exception& e) {
    std::cerr << util::filter_output(std::string("codegate: internal error: ") + e.what()) << "\n";
    return static_cast<int>(ExitCode::tool_failure);
  }
}
