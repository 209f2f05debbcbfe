#include "config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/error.h"
#include "util/strings.h"

namespace codegate {
namespace {

// 1, 0.5, 86400: a bound as people write it (std::to_string gives "86400.000000").
std::string shortest(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// A value the parser refused; the message already says where (file:line:col).
struct Refused {
  std::string message;
};

// Reads the configuration's YAML nodes into a Config. A refused value is recorded and the parse
// goes on with the next key, so one run reports every error in the file (finish() throws them all).
class Parser {
public:
  explicit Parser(std::string name, LocateInSource locate = {}) : name_(std::move(name)), locate_(std::move(locate)) {}

  // "file:line:col" of a node; the file alone when the node has no place.
  std::string place(const YAML::Node& node) const {
    const auto mark = node.Mark();
    if (mark.is_null()) return name_;
    if (locate_) return locate_(mark.line, mark.column);
    return name_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw Refused{place(node) + ": " + message};
  }

  // Runs `parse`, recording what it refuses instead of stopping.
  template <typename F>
  void attempt(F&& parse) const {
    try {
      parse();
    } catch (const Refused& refused) {
      errors_.push_back(refused.message);
    }
  }

  // Every recorded error, one a line, as the UsageError the command line reports (exit 2).
  void finish() const {
    if (!errors_.empty()) throw UsageError(util::join(errors_, "\n"));
  }

  // Calls `handlers[key]` for each key of a mapping; an unknown key is an error listing the known ones.
  void mapping(const YAML::Node& node, const std::string& where,
               const std::map<std::string, std::function<void(const YAML::Node&)>>& handlers) const {
    if (node.IsNull()) return;
    if (!node.IsMap()) fail(node, where + " must be a mapping");
    for (const auto& entry : node) {
      attempt([&] {
        // YAML allows any node as a key ("? [a, b]"); as<std::string>() would throw yaml-cpp's own
        // exception for those, without the file name.
        if (!entry.first.IsScalar()) fail(entry.first, where + " has a key that is not a name");
        const std::string key = entry.first.Scalar();
        auto handler = handlers.find(key);
        if (handler == handlers.end()) {
          std::vector<std::string> known;
          for (const auto& [k, unused] : handlers) known.push_back(k);
          fail(entry.first, "unknown key '" + key + "' in " + where + " (known keys: " + util::join(known, ", ") + ")");
        }
        handler->second(entry.second);
      });
    }
  }

  // Records every key given twice in one mapping, anywhere in the document: yaml-cpp keeps both,
  // and which one the author meant (`fail_level: error`, then `fail_level: none`) is not the
  // parser's to guess.
  void refuse_repeated_keys(const YAML::Node& root) const {
    std::vector<std::tuple<int, int, std::string>> repeated; // in file order
    std::vector<YAML::Node> pending = {root};
    while (!pending.empty()) {
      YAML::Node node = pending.back();
      pending.pop_back();
      if (node.IsSequence()) {
        for (const auto& item : node) pending.push_back(item);
      } else if (node.IsMap()) {
        std::map<std::string, YAML::Node> seen;
        for (const auto& entry : node) {
          pending.push_back(entry.second);
          if (!entry.first.IsScalar()) continue;
          auto [first, inserted] = seen.emplace(entry.first.Scalar(), entry.first);
          if (!inserted)
            repeated.emplace_back(entry.first.Mark().line, entry.first.Mark().column,
                                  place(entry.first) + ": '" + entry.first.Scalar() + "' is given twice, here and at " +
                                      place(first->second) + "; keep one");
        }
      }
    }
    std::sort(repeated.begin(), repeated.end());
    for (auto& [line, column, message] : repeated) errors_.push_back(std::move(message));
  }

  std::string string(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a string");
    return node.Scalar();
  }

  std::string choice(const YAML::Node& node, const std::string& key, const std::set<std::string>& choices) const {
    std::string value = string(node, key);
    if (choices.count(value) == 0) {
      fail(node, "'" + key + "' must be one of " + util::join({choices.begin(), choices.end()}, ", ") + ", not '" +
                     value + "'");
    }
    return value;
  }

  bool boolean(const YAML::Node& node, const std::string& key) const {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
      fail(node, "'" + key + "' must be true or false");
    return value;
  }

  long integer(const YAML::Node& node, const std::string& key, long min, long max) const {
    long value = 0;
    if (!node.IsScalar() || !YAML::convert<long>::decode(node, value))
      fail(node, "'" + key + "' must be a whole number");
    if (value < min || value > max)
      fail(node, "'" + key + "' must be between " + std::to_string(min) + " and " + std::to_string(max));
    return value;
  }

  double number(const YAML::Node& node, const std::string& key, double min, double max) const {
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value)) fail(node, "'" + key + "' must be a number");
    if (!(value >= min && value <= max)) // written so that .nan, which compares false, is out of range
      fail(node, "'" + key + "' must be between " + shortest(min) + " and " + shortest(max));
    return value;
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const {
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) fail(node, "'" + key + "' must be a list of strings");
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(string(item, key));
    return out;
  }

private:
  std::string name_;
  LocateInSource locate_; // set: the YAML was converted from another file (config/pyproject.cpp)
  mutable std::vector<std::string> errors_;
};

std::set<std::string> names(const std::vector<std::string>& list) { return {list.begin(), list.end()}; }

const std::set<std::string> k_pylint_types = {"fatal", "error", "warning", "refactor", "convention", "info"};
const std::set<std::string> k_bandit_levels = {"low", "medium", "high"};

} // namespace

FilterMode parse_filter_mode(const std::string& text) {
  if (auto mode = filter_mode_named(text)) return *mode;
  throw UsageError("filter mode must be one of added, diff_context, file, nofilter, not '" + text + "'");
}

void apply_fail_level(Config& config, const std::string& text) {
  if (text == "none") {
    config.fail_level_none = true;
    config.fail_level.reset();
    return;
  }
  auto level = parse_level(text);
  if (!level)
    throw UsageError("fail level must be one of " + util::join(fail_level_names(), ", ") + ", not '" + text + "'");
  config.fail_level = level;
  config.fail_level_none = false;
}

Config parse_config(const std::string& text, const std::string& name) { return parse_config(text, name, {}); }

Config parse_config(const std::string& text, const std::string& name, const LocateInSource& locate) {
  Config config;
  config.source = name;
  Parser p(name, locate);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw UsageError(name + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                     ": invalid YAML: " + e.msg);
  }
  if (!root || root.IsNull()) return config;
  p.refuse_repeated_keys(root);

  // One table of every key, nested as the file is; clang-format would spread it out of that shape.
  // clang-format off
  p.attempt([&] { p.mapping(root, "the top level", {
    {"include", [&](const YAML::Node& n) { config.include = p.strings(n, "include"); }},
    {"exclude", [&](const YAML::Node& n) { config.exclude = p.strings(n, "exclude"); }},
    {"jobs", [&](const YAML::Node& n) { config.jobs = static_cast<int>(p.integer(n, "jobs", 0, 256)); }},
    {"filter_mode", [&](const YAML::Node& n) {
       config.filter_mode = parse_filter_mode(p.choice(n, "filter_mode", names(filter_mode_names())));
     }},
    {"fail_level", [&](const YAML::Node& n) {
       apply_fail_level(config, p.choice(n, "fail_level", names(fail_level_names())));
     }},
    {"baseline", [&](const YAML::Node& n) {
       config.baseline = *parse_baseline_mode(p.choice(n, "baseline", names(baseline_mode_names())));
     }},
    {"suppressions", [&](const YAML::Node& n) {
       config.suppressions =
           *parse_suppression_policy(p.choice(n, "suppressions", names(suppression_policy_names())));
     }},
    {"pylint", [&](const YAML::Node& n) {
       auto& c = config.pylint;
       p.mapping(n, "'pylint'", {
         {"enabled", [&](const YAML::Node& v) { c.enabled = p.boolean(v, "pylint.enabled"); }},
         {"fail_on", [&](const YAML::Node& v) {
            c.fail_on = p.strings(v, "pylint.fail_on");
            for (const auto& type : c.fail_on)
              if (k_pylint_types.count(type) == 0)
                p.fail(v, "'pylint.fail_on' takes Pylint message types (fatal, error, warning, refactor, convention, "
                          "info), not '" + type + "'");
          }},
         {"rcfile", [&](const YAML::Node& v) { c.rcfile = p.string(v, "pylint.rcfile"); }},
         {"args", [&](const YAML::Node& v) { c.args = p.strings(v, "pylint.args"); }},
         {"disable", [&](const YAML::Node& v) { c.disable = p.strings(v, "pylint.disable"); }},
         {"conventions", [&](const YAML::Node& v) {
            if (v.IsScalar() && v.Scalar() == "auto") {
              c.conventions.reset();
            } else {
              c.conventions = p.boolean(v, "pylint.conventions");
            }
          }},
         {"timeout", [&](const YAML::Node& v) { c.timeout_seconds = p.number(v, "pylint.timeout", 1, 86400); }},
       });
     }},
    {"bandit", [&](const YAML::Node& n) {
       auto& c = config.bandit;
       p.mapping(n, "'bandit'", {
         {"enabled", [&](const YAML::Node& v) { c.enabled = p.boolean(v, "bandit.enabled"); }},
         {"severity", [&](const YAML::Node& v) { c.severity = p.choice(v, "bandit.severity", k_bandit_levels); }},
         {"confidence", [&](const YAML::Node& v) { c.confidence = p.choice(v, "bandit.confidence", k_bandit_levels); }},
         {"config", [&](const YAML::Node& v) { c.config = p.string(v, "bandit.config"); }},
         {"args", [&](const YAML::Node& v) { c.args = p.strings(v, "bandit.args"); }},
         {"timeout", [&](const YAML::Node& v) { c.timeout_seconds = p.number(v, "bandit.timeout", 1, 86400); }},
         {"accept_scan_errors",
          [&](const YAML::Node& v) { c.accept_scan_errors = p.boolean(v, "bandit.accept_scan_errors"); }},
       });
     }},
    {"analyzers", [&](const YAML::Node& n) {
       if (n.IsNull()) return;
       if (!n.IsMap()) p.fail(n, "'analyzers' must be a mapping from analyzer names to their settings");
       for (const auto& entry : n) {
         p.attempt([&] {
           if (!entry.first.IsScalar()) p.fail(entry.first, "'analyzers' has a key that is not a name");
           const std::string analyzer = entry.first.Scalar();
           const std::string key = "analyzers." + analyzer;
           auto& c = config.analyzers[analyzer];
           c.where = p.place(entry.first);
           p.mapping(entry.second, "'" + key + "'", {
             {"enabled", [&](const YAML::Node& v) { c.enabled = p.boolean(v, key + ".enabled"); }},
             {"args", [&](const YAML::Node& v) { c.args = p.strings(v, key + ".args"); }},
             {"fail_on", [&](const YAML::Node& v) { c.fail_on = p.strings(v, key + ".fail_on"); }},
             {"timeout", [&](const YAML::Node& v) { c.timeout_seconds = p.number(v, key + ".timeout", 1, 86400); }},
           });
         });
       }
     }},
    {"llm", [&](const YAML::Node& n) {
       auto& c = config.llm;
       p.mapping(n, "'llm'", {
         {"provider", [&](const YAML::Node& v) { c.provider = *parse_llm_provider(p.choice(v, "llm.provider", names(llm_provider_names()))); }},
         {"model", [&](const YAML::Node& v) { c.model = p.string(v, "llm.model"); }},
         {"base_url", [&](const YAML::Node& v) { c.base_url = p.string(v, "llm.base_url"); }},
         {"api_key_env", [&](const YAML::Node& v) { c.api_key_env = p.string(v, "llm.api_key_env"); }},
         {"timeout", [&](const YAML::Node& v) { c.timeout_seconds = p.number(v, "llm.timeout", 0.1, 3600); }},
         {"retries", [&](const YAML::Node& v) { c.retries = static_cast<int>(p.integer(v, "llm.retries", 0, 10)); }},
         {"concurrency", [&](const YAML::Node& v) {
            c.concurrency = static_cast<int>(p.integer(v, "llm.concurrency", 1, 64));
          }},
         {"temperature", [&](const YAML::Node& v) { c.temperature = p.number(v, "llm.temperature", 0, 2); }},
         {"max_output_tokens", [&](const YAML::Node& v) {
            c.max_output_tokens = static_cast<int>(p.integer(v, "llm.max_output_tokens", 16, 200000));
          }},
         {"budget", [&](const YAML::Node& v) {
            p.mapping(v, "'llm.budget'", {
              {"calls", [&](const YAML::Node& b) {
                 c.budget_calls = static_cast<int>(p.integer(b, "llm.budget.calls", 0, 1000000));
               }},
              {"input_tokens", [&](const YAML::Node& b) {
                 c.budget_input_tokens = p.integer(b, "llm.budget.input_tokens", 0, 1000000000);
               }},
            });
          }},
         {"strict", [&](const YAML::Node& v) { c.strict = p.boolean(v, "llm.strict"); }},
       });
     }},
    {"intent", [&](const YAML::Node& n) {
       auto& c = config.intent;
       p.mapping(n, "'intent'", {
         {"enabled", [&](const YAML::Node& v) { c.enabled = p.boolean(v, "intent.enabled"); }},
         {"require_docstrings", [&](const YAML::Node& v) {
            auto choices = names(docstring_policy_names());
            choices.insert("auto");
            std::string value = p.choice(v, "intent.require_docstrings", choices);
            if (value == "auto") {
              c.require_docstrings = IntentConfig{}.require_docstrings;
              c.docstring_findings.reset();
            } else {
              c.require_docstrings = *parse_docstring_policy(value);
              c.docstring_findings = true;
            }
          }},
         {"fail_on", [&](const YAML::Node& v) {
            c.fail_on = *parse_intent_fail_on(p.choice(v, "intent.fail_on", names(intent_fail_on_names())));
          }},
         {"max_unit_chars", [&](const YAML::Node& v) {
            c.max_unit_chars = static_cast<int>(p.integer(v, "intent.max_unit_chars", 200, 1000000));
          }},
         {"cache_dir", [&](const YAML::Node& v) { c.cache_dir = p.string(v, "intent.cache_dir"); }},
         {"context", [&](const YAML::Node& v) {
            c.context = *parse_intent_context(p.choice(v, "intent.context", names(intent_context_names())));
          }},
       });
     }},
    {"refine", [&](const YAML::Node& n) {
       auto& c = config.refine;
       p.mapping(n, "'refine'", {
         {"fix", [&](const YAML::Node& v) {
            c.fix = *parse_fix_mode(p.choice(v, "refine.fix", names(fix_mode_names())));
          }},
         {"max_rounds", [&](const YAML::Node& v) {
            c.max_rounds = static_cast<int>(p.integer(v, "refine.max_rounds", 1, 10));
          }},
         {"tools", [&](const YAML::Node& v) { c.tools = p.strings(v, "refine.tools"); }},
         {"knowledge", [&](const YAML::Node& v) { c.knowledge = p.string(v, "refine.knowledge"); }},
         {"knowledge_max_entries", [&](const YAML::Node& v) {
            c.knowledge_max_entries = static_cast<int>(p.integer(v, "refine.knowledge_max_entries", 0, 100000));
          }},
         {"max_growth", [&](const YAML::Node& v) { c.max_growth = p.number(v, "refine.max_growth", 1, 100); }},
         {"author_name", [&](const YAML::Node& v) { c.author_name = p.string(v, "refine.author_name"); }},
         {"author_email", [&](const YAML::Node& v) { c.author_email = p.string(v, "refine.author_email"); }},
         {"patch_file", [&](const YAML::Node& v) { c.patch_file = p.string(v, "refine.patch_file"); }},
       });
     }},
    {"comment_level", [&](const YAML::Node& n) {
       config.comment_level = *parse_inline_level(p.choice(n, "comment_level", names(inline_level_names())));
     }},
    {"roles", [&](const YAML::Node& n) {
       std::map<std::string, std::function<void(const YAML::Node&)>> keys;
       for (const auto& role : file_role_names()) {
         keys[role] = [&, role](const YAML::Node& v) {
           config.roles.globs[*parse_file_role(role)] = p.strings(v, "roles." + role);
         };
       }
       p.mapping(n, "'roles'", keys);
     }},
    {"test_code", [&](const YAML::Node& n) {
       auto& c = config.test_code;
       p.mapping(n, "'test_code'", {
         {"skip", [&](const YAML::Node& v) { c.skip = p.strings(v, "test_code.skip"); }},
         {"advisory", [&](const YAML::Node& v) { c.advisory = p.strings(v, "test_code.advisory"); }},
         {"skip_low_severity", [&](const YAML::Node& v) {
            c.skip_low_severity = p.boolean(v, "test_code.skip_low_severity");
          }},
         {"require_docstrings", [&](const YAML::Node& v) {
            c.require_docstrings =
                *parse_docstring_policy(p.choice(v, "test_code.require_docstrings", names(docstring_policy_names())));
          }},
       });
     }},
    {"cache", [&](const YAML::Node& n) {
       p.mapping(n, "'cache'", {
         {"enabled", [&](const YAML::Node& v) { config.cache.enabled = p.boolean(v, "cache.enabled"); }},
       });
     }},
    {"http", [&](const YAML::Node& n) {
       p.mapping(n, "'http'", {
         {"max_response_bytes", [&](const YAML::Node& v) {
            config.http.max_response_bytes =
                static_cast<std::size_t>(p.integer(v, "http.max_response_bytes", 1024, 1024L * 1024 * 1024));
          }},
       });
     }},
  }); });
  // clang-format on
  p.finish();
  return config;
}

} // namespace codegate
