#include "pipeline/cached_analysis.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <set>

#include "analyzers/tool_process.h"
#include "cache/import_graph.h"
#include "cache/result_cache.h"
#include "intent/cache.h"
#include "python/source_index.h"
#include "util/files.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/process_runner.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Which program runs: its path and bytes (a fake or another installation is another tool) go
// into the key; what it says it is, its whole `--version` text (Pylint's names astroid and
// Python), is stored in each entry and compared on a hit. So a cold run need not wait for the
// version query (Pylint's start-up, about 0.3 s) before the tool starts.
struct Program {
  std::string path;
  std::string hash;
};

std::optional<Program> find_tool(const std::string& name, util::ProcessRunner& processes) {
  std::string program = processes.find_program(name);
  if (program.empty()) return std::nullopt;
  auto bytes = util::read_file(program);
  if (!bytes) return std::nullopt;
  return Program{program, util::hash_parts({program, *bytes})};
}

// The whole `--version` text; empty when the tool would not say.
std::string version_text(const std::string& program, double timeout_seconds, util::ProcessRunner& processes) {
  util::ProcessOptions options;
  options.timeout = std::chrono::milliseconds(static_cast<long long>(std::min(timeout_seconds, 120.0) * 1000));
  auto result = processes.run({program, "--version"}, options);
  if (!result || result->exit_code != 0 || result->timed_out || util::split_lines(result->out).empty()) return "";
  return result->out;
}

// A file a key needs that cannot be read: the run is not cached (a key without the file's bytes
// could match an entry of other bytes).
struct Unreadable {
  std::string reason;
};

std::string read_for_key(const std::string& path) {
  auto bytes = util::read_file(path);
  if (!bytes) throw Unreadable{bytes.error()};
  return std::move(*bytes);
}

std::string config_hash(const Analyzer& analyzer, const AnalyzerJob& job, const CachePolicy& policy) {
  std::string file;
  if (!job.config_file.empty()) file = read_for_key(job.config_file);
  std::vector<std::string> parts = {std::string(analyzer.name()), file};
  parts.insert(parts.end(), policy.configuration.begin(), policy.configuration.end());
  parts.push_back(util::join(job.only_rules, ","));
  return util::hash_parts(parts);
}

// Every file's content, read once: the checked ones as analysed, the rest from the workspace.
class Contents {
public:
  Contents(const AnalyzerJob& job) : job_(job) {}
  const std::string& operator()(const std::string& path) {
    auto source = job_.sources.find(path);
    if (source != job_.sources.end()) return source->second;
    auto [it, inserted] = read_.try_emplace(path);
    if (inserted) it->second = read_for_key(job_.root + "/" + path);
    return it->second;
  }

private:
  const AnalyzerJob& job_;
  std::map<std::string, std::string> read_;
};

// The hash of every repository module each checked file depends on. The source index reads the
// imports of the checked files, then of what they import, and so on: only the reachable part
// of the repository is parsed.
std::map<std::string, std::string> dependency_hashes(const AnalyzerJob& job,
                                                     const std::vector<std::string>& python_files, Contents& contents) {
  cache::ImportGraph graph(python_files);
  std::set<std::string> known(python_files.begin(), python_files.end());
  std::set<std::string> indexed;
  std::vector<std::string> frontier = job.files;
  while (!frontier.empty()) {
    std::map<std::string, std::string> sources;
    for (const auto& path : frontier)
      if (indexed.insert(path).second) sources[path] = contents(path);
    if (sources.empty()) break;
    for (const auto& index : python::index_python_sources(sources)) graph.add_imports(index.path, index.imports);
    frontier.clear();
    for (const auto& [path, source] : sources)
      for (const auto& dependency : graph.direct(path))
        if (known.count(dependency) != 0 && indexed.count(dependency) == 0) frontier.push_back(dependency);
  }
  std::map<std::string, std::string> out;
  for (const auto& path : job.files) {
    std::string parts;
    for (const auto& dependency : graph.dependencies(path))
      parts += util::hash_parts({dependency, contents(dependency)});
    out[path] = util::hash_parts({parts});
  }
  return out;
}

std::string files_text(std::size_t count) { return std::to_string(count) + (count == 1 ? " file" : " files"); }

// A cache that cannot be written costs every later run the full time: said once a run, whatever
// the verbosity, so that a CI cache misconfiguration does not go unnoticed.
void warn_cache_unwritable(const std::string& why) {
  static std::atomic<bool> warned{false};
  if (warned.exchange(true)) {
    util::debug("result cache: " + why);
    return;
  }
  util::warn("result cache: " + why + "; this run's results are not cached (cache.directory, or --no-cache)");
}

} // namespace

std::optional<CachePolicy> cache_policy(const Analyzer& analyzer, const AnalyzerJob& job) {
  if (job.config.cache.directory.empty() || !job.config.cache.enabled) return std::nullopt;
  return analyzer.cache_policy(job);
}

int analyzer_jobs(std::size_t files, int jobs) {
  if (files <= 2) return 1;
  return std::max(1, std::min(jobs, static_cast<int>(files)));
}

AnalyzerOutput run_cached(const Analyzer& analyzer, const CachePolicy& policy, const AnalyzerJob& job,
                          const std::vector<std::string>& python_files) {
  double timeout = policy.timeout_seconds;
  auto program = find_tool(policy.program, job.processes);
  if (!program) return analyzer.run(job); // the tool's own run says what is wrong with it
  // Asked once, beside the import index and the tool's run; the run reports the version from it.
  std::shared_future<std::string> identity =
      std::async(std::launch::async, version_text, program->path, timeout, std::ref(job.processes)).share();
  std::shared_future<std::string> version =
      std::async(std::launch::deferred, [identity] { return version_in(identity.get()); }).share();
  auto tool_hash = [&identity] { return util::hash_parts({identity.get()}); };

  cache::ResultCache cache(job.config.cache.directory);
  std::map<std::string, std::string> keys;
  try {
    Contents contents(job);
    std::map<std::string, std::string> dependencies;
    if (policy.imports_matter)
      dependencies = dependency_hashes(job, python_files, contents); // on a throw, ~future waits
    const std::string configuration = config_hash(analyzer, job, policy);
    for (const auto& path : job.files)
      keys[path] = std::string(analyzer.name()) + "/" + program->hash + "/" + configuration + "/" +
                   util::hash_parts({path, contents(path)}) + "/" + dependencies[path];
  } catch (const Unreadable& unreadable) {
    util::debug(std::string(analyzer.name()) + ": results not cached: " + unreadable.reason);
    return analyzer.run(job);
  }

  std::map<std::string, std::vector<Finding>> by_path;
  std::vector<std::string> misses;
  std::map<std::string, cache::CachedEntry> stored;
  for (const auto& path : job.files)
    if (auto hit = cache.load(keys[path], path)) stored.emplace(path, std::move(*hit));
  // Entries from another version of the tool are misses; with no entry at all there is nothing
  // to compare, and the tool starts at once.
  const std::string tool = stored.empty() ? "" : tool_hash();
  for (const auto& path : job.files) {
    auto entry = stored.find(path);
    if (entry != stored.end() && !tool.empty() && entry->second.tool == tool)
      by_path[path] = std::move(entry->second.findings);
    else
      misses.push_back(path);
  }

  AnalyzerOutput output{{}, {std::string(analyzer.name()), "", ToolStatus::ok, ""}, {}, {}};
  if (!misses.empty()) {
    AnalyzerJob fresh{.root = job.root,
                      .files = misses,
                      .sources = job.sources,
                      .changes = job.changes,
                      .config = job.config,
                      .processes = job.processes,
                      .config_file = job.config_file,
                      .only_rules = job.only_rules,
                      .jobs = analyzer_jobs(misses.size(), job.jobs),
                      .services = job.services,
                      .tool_version = version};
    output = analyzer.run(fresh);
    std::set<std::string> missed(misses.begin(), misses.end());
    // Stored only when every finding is about a file of the run and nothing was worth a note (a
    // file Bandit could not scan), and the tool said what it is: what is stored is then exactly
    // what a run gives for the file.
    bool storable = output.run.status == ToolStatus::ok && output.notes.empty() && !identity.get().empty() &&
                    std::all_of(output.findings.begin(), output.findings.end(),
                                [&](const Finding& f) { return missed.count(f.path) != 0; });
    std::vector<Finding> others;
    for (auto& f : output.findings) {
      if (missed.count(f.path) != 0)
        by_path[f.path].push_back(std::move(f));
      else
        others.push_back(std::move(f));
    }
    output.findings = std::move(others);
    if (storable)
      for (const auto& path : misses)
        if (auto written = cache.store(keys[path], path, {tool_hash(), by_path[path]}); !written)
          warn_cache_unwritable(written.error());
  }
  output.run.version = version.get();
  // The job's file order, each file's findings in the tool's order: the same for any mix of hits.
  std::vector<Finding> findings;
  for (const auto& path : job.files) {
    auto& found = by_path[path];
    findings.insert(findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  findings.insert(findings.end(), std::make_move_iterator(output.findings.begin()),
                  std::make_move_iterator(output.findings.end()));
  output.findings = std::move(findings);
  std::size_t hits = job.files.size() - misses.size();
  util::debug(std::string(analyzer.name()) + ": " + std::to_string(hits) + " of " + files_text(job.files.size()) +
              " from the result cache");
  output.run.cached_files = static_cast<int>(hits);
  return output;
}

} // namespace codegate
