#pragma once
// What `codegate check` was asked to do, after the command line is parsed.

#include <optional>
#include <string>
#include <vector>

#include "core/check_result.h"
#include "core/policies.h"
#include "pipeline/shard.h"
#include "platform/publish_options.h"

namespace codegate {

struct CheckOptions {
  std::string repo = ".";
  std::string base;         // empty: the branch's upstream, origin/HEAD, main or master
  std::string head;         // empty: HEAD
  bool staged = false;      // the index against HEAD (pre-commit)
  bool whole_files = false; // every line of the checked files counts as changed; paths are checked even unchanged
  std::string config_file;  // empty: .codegate.yml (or .codegate.yaml) at the root
  std::string trusted_config_from; // a revision to read configuration from; set by CI detection too
  std::optional<FilterMode> filter_mode;
  std::optional<std::string> fail_level; // none | note | warning | error (config's apply_fail_level reads it)
  std::optional<BaselineMode> baseline;
  std::string sarif_file;
  std::string json_file;
  std::string markdown_file;
  std::string junit_file;
  std::string rdjson_file;
  ReportFormat format = ReportFormat::text; // what goes to stdout
  std::optional<int> jobs;
  std::vector<std::string> paths; // restrict the check to these files
  std::string llm_model;
  std::string llm_base_url;
  bool no_llm = false;
  bool no_cache = false; // Pylint's and Bandit's results are not read from or written to the result cache
  std::string log_dir;
  std::optional<FixMode> fix;     // refine; nullopt: refine.fix of the configuration
  std::optional<int> max_rounds;  // refine rounds, 1..10
  std::optional<ShardSpec> shard; // analyse this part of the change only, publish nothing (codegate merge does)
  bool in_ci = false;             // configuration comes from the base revision
  PublishOptions publish;         // PR/MR comments and GitLab reports (platform/publish.h)
};

} // namespace codegate
