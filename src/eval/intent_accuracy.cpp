#include "eval/intent_accuracy.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "core/change_set.h"
#include "core/error.h"
#include "eval/html_report.h"
#include "eval/recording_client.h"
#include "eval/runner.h"
#include "intent/intent_check.h"
#include "llm/budget.h"
#include "llm/client.h"
#include "util/files.h"
#include "util/json_writer.h"
#include "util/log.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace codegate::eval {

using intent::Verdict;

namespace {

namespace fs = std::filesystem;

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

bool blank(std::string_view line) {
  std::string_view rest = line.substr(indent_of(line));
  return rest.empty() || rest.front() == '#';
}

bool starts_definition(std::string_view line) {
  std::string_view rest = line.substr(indent_of(line));
  if (util::starts_with(rest, "async ")) rest = util::trim(rest.substr(6));
  return util::starts_with(rest, "def ") || util::starts_with(rest, "class ");
}

// The line index where the header that starts at `first` ends: brackets closed and the line's
// code ends with ':'. Strings in a signature are rare enough to be skipped over by their quotes.
std::size_t header_end(const std::vector<std::string>& lines, std::size_t first) {
  int depth = 0;
  for (std::size_t i = first; i < lines.size(); ++i) {
    char quote = 0;
    std::size_t code_end = lines[i].size();
    for (std::size_t k = 0; k < lines[i].size(); ++k) {
      char ch = lines[i][k];
      if (quote != 0) {
        if (ch == '\\')
          ++k;
        else if (ch == quote)
          quote = 0;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '#') {
        code_end = k;
        break;
      } else if (ch == '(' || ch == '[' || ch == '{') {
        ++depth;
      } else if (ch == ')' || ch == ']' || ch == '}') {
        --depth;
      }
    }
    std::string_view code = util::trim(std::string_view(lines[i]).substr(0, code_end));
    if (depth <= 0 && !code.empty() && code.back() == ':') return i;
    if (depth <= 0 && !code.empty()) return std::string::npos; // `def f(): return 1`
  }
  return std::string::npos;
}

bool opens_string(std::string_view line) {
  std::string_view rest = line.substr(indent_of(line));
  while (!rest.empty() && std::string_view("rRbBuUfF").find(rest.front()) != std::string_view::npos)
    rest.remove_prefix(1);
  return !rest.empty() && (rest.front() == '"' || rest.front() == '\'');
}

// The docstring as a triple-quoted literal whose value is `docstring`, each line indented by `indent`.
std::string docstring_literal(const std::string& docstring, const std::string& indent) {
  std::string escaped = util::replace_all(docstring, "\\", "\\\\");
  escaped = util::replace_all(escaped, "\"\"\"", "\\\"\\\"\\\"");
  while (!escaped.empty() && (escaped.back() == '\n' || escaped.back() == ' ')) escaped.pop_back();
  if (!escaped.empty() && escaped.back() == '"') {
    std::size_t slashes = 0; // an odd number escapes the quote already
    while (slashes + 1 < escaped.size() && escaped[escaped.size() - 2 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) escaped.insert(escaped.size() - 1, "\\");
  }
  std::vector<std::string_view> lines = util::split_lines(escaped);
  if (lines.size() <= 1) return indent + "\"\"\"" + escaped + "\"\"\"\n";
  std::string text = indent + "\"\"\"" + std::string(lines.front()) + "\n";
  for (std::size_t i = 1; i < lines.size(); ++i)
    text += (util::trim(lines[i]).empty() ? "" : indent + std::string(lines[i])) + "\n";
  return text + indent + "\"\"\"\n";
}

// `code` with `docstring` in its first def/class (or at the top: the module's); `allow_existing`:
// code that has a docstring there already is returned unchanged instead of refused.
std::string with_docstring(const std::string& id, const std::string& code, const std::string& docstring,
                           bool allow_existing) {
  std::vector<std::string> lines;
  for (auto line : util::split_lines(code)) lines.emplace_back(line);
  std::size_t def = 0;
  while (def < lines.size() && !starts_definition(lines[def])) ++def;
  if (def == lines.size()) return docstring_literal(docstring, "") + code;
  std::size_t end = header_end(lines, def);
  if (end == std::string::npos)
    throw UsageError("labelled pair \"" + id + "\": the body of its first def/class must start on a line of its own");
  std::size_t body = end + 1;
  while (body < lines.size() && blank(lines[body])) ++body;
  std::string indent;
  if (body < lines.size() && indent_of(lines[body]) > indent_of(lines[def])) {
    indent = lines[body].substr(0, indent_of(lines[body]));
    if (opens_string(lines[body])) {
      if (allow_existing) return code;
      throw UsageError("labelled pair \"" + id + "\": its code has a docstring already; give it as \"source\"");
    }
  } else {
    indent = lines[def].substr(0, indent_of(lines[def])) + "    ";
  }
  std::string text;
  for (std::size_t i = 0; i <= end; ++i) text += lines[i] + "\n";
  text += docstring_literal(docstring, indent);
  for (std::size_t i = end + 1; i < lines.size(); ++i) text += lines[i] + "\n";
  return text;
}

std::string fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

double ratio(int numerator, int denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / denominator;
}

// The pair's file: its id made a module name, under pairs/ so no id can name another path.
std::string pair_path(const std::string& id) { return "pairs/" + util::file_name_part(id, 80) + ".py"; }

// The verdict of the pair's unit: its first def/class, else the module.
PairResult pair_result(const LabelledPair& pair, const IntentOutput& out) {
  PairResult result;
  result.id = pair.id;
  result.label = pair.label;
  const IntentUnitResult* unit = nullptr;
  for (const auto& u : out.units) {
    if (unit == nullptr || (unit->unit == "module" && u.unit != "module")) unit = &u;
    if (u.unit != "module") break;
  }
  if (unit == nullptr) {
    result.note = out.run.note.empty() ? "no unit with a docstring" : out.run.note;
    return result;
  }
  result.verdict = unit->verdict;
  result.confidence = unit->confidence;
  result.note = unit->note;
  result.base_shown = unit->base_shown;
  return result;
}

void write_summary(util::JsonWriter& json, const AccuracySummary& s) {
  json.start_object("summary").member("pairs", s.pairs);
  json.start_object("confusion_matrix")
      .member("true_positive", s.true_positive)
      .member("false_negative", s.false_negative)
      .member("false_positive", s.false_positive)
      .member("true_negative", s.true_negative)
      .end_object();
  json.member("unclear", s.unclear).member("unchecked", s.unchecked);
  json.member("precision", s.precision()).member("recall", s.recall()).member("f1", s.f1());
  json.member("flag_rate_consistent", s.flag_rate_consistent()).member("llm_calls", s.llm_calls);
  json.end_object();
}

template <typename F>
void write_spread(util::JsonWriter& json, const char* name, const std::vector<AccuracyRun>& runs, F figure) {
  std::vector<double> values;
  for (const auto& run : runs) values.push_back(static_cast<double>(figure(run.summary)));
  Spread s = spread(values);
  json.start_object(name).member("mean", s.mean).member("std", s.std).end_object();
}

} // namespace

std::string pair_source(const LabelledPair& pair) {
  if (!pair.source.empty()) return pair.source;
  return with_docstring(pair.id, pair.code, pair.docstring, false);
}

std::string pair_base_source(const LabelledPair& pair) {
  if (pair.base_source.empty() || !pair.source.empty()) return pair.base_source;
  return with_docstring(pair.id, pair.base_source, pair.docstring, true);
}

double AccuracySummary::precision() const { return ratio(true_positive, true_positive + false_positive); }
double AccuracySummary::recall() const { return ratio(true_positive, true_positive + false_negative); }
double AccuracySummary::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
double AccuracySummary::flag_rate_consistent() const { return ratio(false_positive, false_positive + true_negative); }

AccuracySummary summarise_pairs(const std::vector<PairResult>& results) {
  AccuracySummary s;
  for (const auto& r : results) {
    ++s.pairs;
    s.llm_calls += r.llm_calls;
    bool flagged = r.verdict == Verdict::inconsistent;
    if (r.verdict == Verdict::unclear) ++s.unclear;
    if (r.verdict == Verdict::unchecked) ++s.unchecked;
    if (r.label == Verdict::inconsistent)
      ++(flagged ? s.true_positive : s.false_negative);
    else
      ++(flagged ? s.false_positive : s.true_negative);
  }
  return s;
}

std::string accuracy_json(const AccuracyInfo& info, const std::vector<AccuracyRun>& runs) {
  util::JsonWriter json;
  json.start_object().member("codegate_version", CODEGATE_VERSION);
  json.start_object("dataset").member("path", info.dataset_path).member("kind", "labelled-pairs").end_object();
  json.member("provider", info.provider).member("model", info.model).member("intent_context", info.context);
  json.member("positive_class", to_string(Verdict::inconsistent));
  json.start_array("runs");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    json.start_object().member("run", static_cast<int>(i + 1));
    json.start_array("pairs");
    for (const auto& p : runs[i].pairs) {
      json.start_object().member("id", p.id).member("label", to_string(p.label));
      json.member("verdict", to_string(p.verdict))
          .member("confidence", p.confidence)
          .member("base_shown", p.base_shown);
      if (!p.note.empty()) json.member("note", p.note);
      json.member("llm_calls", p.llm_calls).end_object();
    }
    json.end_array();
    write_summary(json, runs[i].summary);
    json.end_object();
  }
  json.end_array();
  json.start_object("summary").member("runs", static_cast<int>(runs.size()));
  using S = const AccuracySummary&;
  write_spread(json, "precision", runs, [](S s) { return s.precision(); });
  write_spread(json, "recall", runs, [](S s) { return s.recall(); });
  write_spread(json, "f1", runs, [](S s) { return s.f1(); });
  write_spread(json, "flag_rate_consistent", runs, [](S s) { return s.flag_rate_consistent(); });
  write_spread(json, "true_positive", runs, [](S s) { return s.true_positive; });
  write_spread(json, "false_negative", runs, [](S s) { return s.false_negative; });
  write_spread(json, "false_positive", runs, [](S s) { return s.false_positive; });
  write_spread(json, "true_negative", runs, [](S s) { return s.true_negative; });
  write_spread(json, "unclear", runs, [](S s) { return s.unclear; });
  write_spread(json, "unchecked", runs, [](S s) { return s.unchecked; });
  write_spread(json, "llm_calls", runs, [](S s) { return static_cast<double>(s.llm_calls); });
  json.end_object().end_object();
  return json.finish();
}

int run_intent_accuracy(const EvalOptions& options, const Dataset& dataset, Config config, const util::EnvLookup& env) {
  if (options.runs < 1) throw UsageError("--runs must be 1 or more");
  if (!options.intent_context.empty()) config.intent.context = *parse_intent_context(options.intent_context);
  config.intent.enabled = true;
  config.intent.require_docstrings = DocstringPolicy::none; // a pair is about its docstring, not about others'
  config.llm.concurrency = 1;                               // the pairs are what runs in parallel
  llm::LlmClientSetup setup = llm::make_llm_client(config.llm, env);
  for (const auto& w : setup.warnings) util::warn(w);
  if (!setup.client) throw UsageError("codegate eval needs an LLM: " + setup.reason);

  std::vector<LabelledPair> pairs;
  std::set<std::string> ids(options.ids.begin(), options.ids.end());
  for (const auto& pair : dataset.pairs) {
    if (!ids.empty() && ids.count(pair.id) == 0) continue;
    pairs.push_back(pair);
    if (options.limit > 0 && static_cast<int>(pairs.size()) == options.limit) break;
  }
  for (const auto& id : options.ids) {
    bool found = false;
    for (const auto& pair : pairs) found = found || pair.id == id;
    if (!found) throw UsageError("--ids: " + dataset.path + " has no labelled pair \"" + id + "\"");
  }

  // Composed once, so a pair that cannot be composed stops the run before any request.
  std::vector<std::map<std::string, std::string>> sources, bases;
  std::set<std::string> paths;
  for (const auto& pair : pairs) {
    std::string path = pair_path(pair.id);
    if (!paths.insert(path).second)
      throw UsageError(dataset.path + ": two labelled pairs share the id \"" + pair.id + "\"");
    sources.push_back({{path, pair_source(pair)}});
    std::string base = pair_base_source(pair);
    bases.push_back(base.empty() ? std::map<std::string, std::string>{}
                                 : std::map<std::string, std::string>{{path, base}});
  }

  AccuracyInfo info{dataset.path, setup.client->provider(), setup.client->model(),
                    std::string(to_string(config.intent.context))};
  std::vector<AccuracyRun> runs;
  for (int number = 1; number <= options.runs; ++number) {
    Config run_config = config;
    // Each run asks afresh: a verdict cached by an earlier run would hide the model's spread.
    run_config.cache.directory =
        options.out_dir + (options.runs == 1 ? "" : "/run-" + std::to_string(number)) + "/intent-cache";
    std::error_code ignored;
    fs::remove_all(run_config.cache.directory, ignored);
    llm::Budget budget(config.llm.budget_calls, config.llm.budget_input_tokens);
    AccuracyRun run;
    run.pairs.resize(pairs.size());
    std::atomic<std::size_t> done{0};
    std::string prefix = options.runs > 1 ? "run " + std::to_string(number) + ": " : "";
    util::parallel_for(pairs.size(), std::max(1, options.workers), [&](std::size_t i) {
      const LabelledPair& pair = pairs[i];
      RecordingClient client(*setup.client);
      ChangeSet whole_file; // a path it does not list is checked as a whole
      IntentInput input{whole_file, sources[i], run_config, "", bases[i].empty() ? nullptr : &bases[i]};
      IntentOutput out = run_intent_check(input, IntentServices{llm::given_client(client), &budget});
      PairResult result = pair_result(pair, out);
      result.llm_calls = client.calls();
      run.pairs[i] = std::move(result);
      util::progress("[" + std::to_string(++done) + "/" + std::to_string(pairs.size()) + "] " + prefix + pair.id +
                     ": " + std::string(to_string(run.pairs[i].verdict)) + " (labelled " +
                     std::string(to_string(pair.label)) + ")");
    });
    run.summary = summarise_pairs(run.pairs);
    runs.push_back(std::move(run));
  }

  require(util::write_file(options.out_dir + "/results.json", accuracy_json(info, runs)),
          "cannot write the experiment's output (check --out)");
  require(util::write_file(options.out_dir + "/report.html", accuracy_html(info, runs)),
          "cannot write the experiment's output (check --out)");
  const AccuracySummary& first = runs.front().summary;
  util::progress("eval: " + std::to_string(first.pairs) + " labelled pairs, intent.context " + info.context +
                 ": precision " + fixed(first.precision()) + ", recall " + fixed(first.recall()) + ", F1 " +
                 fixed(first.f1()) + ", flag rate on consistent pairs " + fixed(first.flag_rate_consistent()) +
                 "; results in " + options.out_dir + "/results.json");
  return 0;
}

} // namespace codegate::eval
