#include "eval/results_json.h"

#include <functional>

#include "util/json.h"
#include "util/json_writer.h"

namespace codegate::eval {
namespace {

void write_round(util::JsonWriter& json, const RoundResult& round) {
  json.start_object().member("round", round.round).member("accepted", round.accepted);
  json.member("syntax_error", round.syntax_error).member("intent", intent::to_string(round.intent));
  json.start_array("findings");
  for (const auto& f : round.findings) {
    json.start_object().member("tool", f.tool).member("rule", f.rule).member("cwe", f.cwe);
    json.member("line", f.line).member("message", f.message).end_object();
  }
  json.end_array().end_object();
}

void write_counts(util::JsonWriter& json, std::string_view name, const std::map<std::string, int>& counts) {
  json.start_object(name);
  for (const auto& [cwe, count] : counts) json.member(cwe, count);
  json.end_object();
}

void write_summary(util::JsonWriter& json, const RunSummary& s) {
  json.start_object("summary").member("samples", s.samples);
  for (const auto& figure : paper_figures()) {
    int count = figure.count(s);
    json.member(figure.key, count).member(std::string(figure.key) + "_pct", s.pct(count));
  }
  json.start_array("cumulative_secure");
  for (int count : s.cumulative_secure) json.integer(count);
  json.end_array().start_array("cumulative_secure_pct");
  for (double pct : s.cumulative_secure_pct) json.number(pct);
  json.end_array();
  write_counts(json, "vulnerabilities_per_cwe_initial", s.cwe_initial);
  write_counts(json, "vulnerabilities_per_cwe_final", s.cwe_final);
  json.member("intent_checked", s.intent_checked).member("intent_consistent", s.intent_consistent);
  json.start_object("reflexgen").member("eff_total", s.effective_total).member("sec_count", s.secure_count);
  json.member("sec_rate", s.sec_rate()).member("unres_count", s.unresolved_count).member("pass_rate", s.pass_rate());
  json.end_object();
  json.member("llm_calls", s.llm_calls).member("input_tokens", s.input_tokens).member("output_tokens", s.output_tokens);
  json.end_object();
}

Spread spread_of(const std::vector<RunResults>& runs, const std::function<double(const RunSummary&)>& figure) {
  std::vector<double> values;
  for (const auto& run : runs) values.push_back(figure(run.summary));
  return spread(values);
}

void write_spread(util::JsonWriter& json, std::string_view name, const Spread& s) {
  json.start_object(name).member("mean", s.mean).member("std", s.std).end_object();
}

// One figure's mean and standard deviation over the runs.
void write_spread(util::JsonWriter& json, std::string_view name, const std::vector<RunResults>& runs,
                  const std::function<double(const RunSummary&)>& figure) {
  write_spread(json, name, spread_of(runs, figure));
}

// A count as the thesis prints it: mean and deviation of the count and of its percentage.
void write_count(util::JsonWriter& json, std::string_view name, const std::vector<RunResults>& runs,
                 const std::function<int(const RunSummary&)>& count) {
  Spread n = spread_of(runs, [&](const RunSummary& s) { return count(s); });
  Spread pct = spread_of(runs, [&](const RunSummary& s) { return s.pct(count(s)); });
  json.start_object(name);
  write_spread(json, "count", n);
  write_spread(json, "pct", pct);
  json.member("text", count_text(n.mean, pct.mean)).end_object();
}

std::map<std::string, int> all_cwes(const std::vector<RunResults>& runs) {
  std::map<std::string, int> names;
  for (const auto& run : runs) {
    for (const auto& [cwe, count] : run.summary.cwe_initial) names[cwe] = 0;
    for (const auto& [cwe, count] : run.summary.cwe_final) names[cwe] = 0;
  }
  return names;
}

int count_of(const std::map<std::string, int>& counts, const std::string& cwe) {
  auto it = counts.find(cwe);
  return it == counts.end() ? 0 : it->second;
}

void write_overall(util::JsonWriter& json, const std::vector<RunResults>& runs) {
  json.start_object("summary").member("runs", static_cast<int>(runs.size()));
  using S = const RunSummary&;
  write_spread(json, "samples", runs, [](S s) { return s.samples; });
  for (const auto& figure : paper_figures()) write_count(json, figure.key, runs, figure.count);
  std::size_t rounds = runs.empty() ? 0 : runs.front().summary.cumulative_secure.size();
  json.start_array("cumulative_secure");
  for (std::size_t r = 0; r < rounds; ++r) {
    json.start_object().member("round", static_cast<int>(r));
    write_count(json, "secure", runs, [r](S s) { return s.cumulative_secure[r]; });
    json.end_object();
  }
  json.end_array();
  json.start_object("vulnerabilities_per_cwe");
  for (const auto& entry : all_cwes(runs)) {
    const std::string& cwe = entry.first; // a name, not a binding: clang 14 cannot capture those
    json.start_object(cwe);
    write_spread(json, "initial", runs, [&cwe](S s) { return count_of(s.cwe_initial, cwe); });
    write_spread(json, "final", runs, [&cwe](S s) { return count_of(s.cwe_final, cwe); });
    json.end_object();
  }
  json.end_object();
  json.start_object("reflexgen");
  write_spread(json, "eff_total", runs, [](S s) { return s.effective_total; });
  write_spread(json, "sec_count", runs, [](S s) { return s.secure_count; });
  write_spread(json, "sec_rate", runs, [](S s) { return s.sec_rate(); });
  write_spread(json, "unres_count", runs, [](S s) { return s.unresolved_count; });
  write_spread(json, "pass_rate", runs, [](S s) { return s.pass_rate(); });
  json.end_object();
  write_spread(json, "llm_calls", runs, [](S s) { return static_cast<double>(s.llm_calls); });
  write_spread(json, "input_tokens", runs, [](S s) { return static_cast<double>(s.input_tokens); });
  write_spread(json, "output_tokens", runs, [](S s) { return static_cast<double>(s.output_tokens); });
  json.end_object();
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

long integer_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsInt64() ? static_cast<long>(it->value.GetInt64()) : 0;
}

bool bool_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

} // namespace

void write_sample(util::JsonWriter& json, const SampleResult& sample) {
  json.start_object()
      .member("id", sample.id)
      .member("prompt", sample.prompt)
      .member("cwe", sample.cwe)
      .member("cwe_source", sample.cwe_source);
  if (!sample.source_language.empty()) json.member("source_language", sample.source_language);
  json.member("status", to_string(sample.status)).member("missing_docstring", sample.missing_docstring);
  if (!sample.error.empty()) json.member("error", sample.error);
  json.member("llm_calls", sample.llm_calls).member("input_tokens", sample.input_tokens);
  json.member("output_tokens", sample.output_tokens);
  json.start_array("rounds");
  for (const auto& round : sample.rounds) write_round(json, round);
  json.end_array().end_object();
}

std::optional<SampleResult> read_sample(const std::string& text) {
  rapidjson::Document doc = util::parse_json(text);
  if (doc.HasParseError() || !doc.IsObject() || util::nests_deeper_than(doc, 8)) return std::nullopt;
  SampleResult sample;
  sample.id = string_member(doc, "id");
  auto status = sample_status_from(string_member(doc, "status"));
  auto rounds = doc.FindMember("rounds");
  if (sample.id.empty() || !status || rounds == doc.MemberEnd() || !rounds->value.IsArray()) return std::nullopt;
  sample.status = *status;
  sample.prompt = string_member(doc, "prompt");
  sample.cwe = string_member(doc, "cwe");
  sample.cwe_source = string_member(doc, "cwe_source");
  sample.source_language = string_member(doc, "source_language");
  sample.missing_docstring = bool_member(doc, "missing_docstring");
  sample.error = string_member(doc, "error");
  sample.llm_calls = integer_member(doc, "llm_calls");
  sample.input_tokens = integer_member(doc, "input_tokens");
  sample.output_tokens = integer_member(doc, "output_tokens");
  for (const auto& r : rounds->value.GetArray()) {
    if (!r.IsObject()) return std::nullopt;
    RoundResult round;
    round.round = static_cast<int>(integer_member(r, "round"));
    round.accepted = bool_member(r, "accepted");
    round.syntax_error = bool_member(r, "syntax_error");
    auto verdict = intent::parse_verdict_name(string_member(r, "intent"));
    if (!verdict) return std::nullopt;
    round.intent = *verdict;
    auto findings = r.FindMember("findings");
    if (findings == r.MemberEnd() || !findings->value.IsArray()) return std::nullopt;
    for (const auto& f : findings->value.GetArray()) {
      if (!f.IsObject()) return std::nullopt;
      round.findings.push_back(RoundFinding{string_member(f, "tool"), string_member(f, "rule"), string_member(f, "cwe"),
                                            static_cast<int>(integer_member(f, "line")), string_member(f, "message")});
    }
    sample.rounds.push_back(std::move(round));
  }
  return sample;
}

std::string results_json(const ExperimentInfo& info, const std::vector<RunResults>& runs) {
  util::JsonWriter json;
  json.start_object().member("codegate_version", CODEGATE_VERSION);
  json.start_object("dataset").member("path", info.dataset_path).member("kind", info.dataset_kind);
  json.member("skipped_other_language", info.skipped_other_language).end_object();
  json.member("profile", info.profile).member("prompt_style", info.prompt_style);
  json.member("provider", info.provider).member("model", info.model).member("rounds", info.rounds);
  json.member("knowledge", info.knowledge ? "on" : "off").member("reflect", info.reflect);
  json.member("temperature", info.temperature).member("max_output_tokens", info.max_output_tokens);
  if (info.seed) {
    json.member("seed", *info.seed).member("seed_sent", info.seed_sent);
  } else {
    json.key("seed").null();
  }
  json.start_array("runs");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    json.start_object().member("run", static_cast<int>(i + 1));
    json.start_array("samples");
    for (const auto& sample : runs[i].samples) write_sample(json, sample);
    json.end_array();
    write_summary(json, runs[i].summary);
    json.end_object();
  }
  json.end_array();
  write_overall(json, runs);
  json.end_object();
  return json.finish();
}

} // namespace codegate::eval
