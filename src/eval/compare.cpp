#include "eval/compare.h"

#include <cstdio>
#include <vector>

#include "core/error.h"
#include "eval/results.h"
#include "util/files.h"
#include "util/json.h"

namespace codegate::eval {
namespace {

// The settings that tell two experiments apart, in the order they are named.
constexpr const char* k_settings[] = {"model",   "profile", "prompt_style", "knowledge",
                                      "reflect", "rounds",  "temperature"};

struct Experiment {
  std::string dir;
  rapidjson::Document doc;
  const rapidjson::Value* summary = nullptr;
};

Experiment load(const std::string& dir) {
  Experiment e;
  e.dir = dir;
  auto text = util::read_file(dir + "/results.json");
  if (!text) throw UsageError("--compare: " + dir + " has no results.json (run codegate eval --out " + dir + " first)");
  e.doc = util::parse_json(*text);
  if (e.doc.HasParseError() || !e.doc.IsObject() || util::nests_deeper_than(e.doc, 16))
    throw UsageError("--compare: " + dir + "/results.json is not readable JSON");
  auto summary = e.doc.FindMember("summary");
  if (summary == e.doc.MemberEnd() || !summary->value.IsObject() || !summary->value.HasMember("vulnerable_initial"))
    throw UsageError("--compare: " + dir +
                     "/results.json is not a generation experiment's (labelled pairs cannot be compared)");
  e.summary = &summary->value;
  return e;
}

std::string setting(const Experiment& e, const char* name) {
  auto it = e.doc.FindMember(name);
  if (it == e.doc.MemberEnd()) return "";
  const auto& v = it->value;
  if (v.IsString()) return v.GetString();
  if (v.IsBool()) return v.GetBool() ? "on" : "off";
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsNumber()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v.GetDouble());
    return buffer;
  }
  return "";
}

// "prompt_style secure, knowledge off": what this experiment was run with that the other was not.
std::string label(const Experiment& e, const Experiment& other) {
  std::string text;
  for (const char* name : k_settings) {
    std::string mine = setting(e, name);
    if (mine == setting(other, name)) continue;
    text += (text.empty() ? "" : ", ") + std::string(name) + " " + mine;
  }
  return text.empty() ? e.dir : text;
}

// A number at a path of members; nullopt when absent.
std::optional<double> number(const rapidjson::Value& object, std::initializer_list<const char*> path) {
  const rapidjson::Value* v = &object;
  for (const char* name : path) {
    if (!v->IsObject()) return std::nullopt;
    auto it = v->FindMember(name);
    if (it == v->MemberEnd()) return std::nullopt;
    v = &it->value;
  }
  return v->IsNumber() ? std::optional<double>(v->GetDouble()) : std::nullopt;
}

std::string fixed(double value, const char* format) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// "+1.0", "-2.5", "±0.0".
std::string difference(double a, double b) {
  double d = b - a;
  return (d > 0 ? "+" : d < 0 ? "" : "±") + fixed(d == 0 ? 0.0 : d, "%.1f");
}

std::string signed_points(double a, double b) { return difference(a, b) + " points"; }

} // namespace

std::string compare_results(const std::string& dir_a, const std::string& dir_b) {
  Experiment a = load(dir_a), b = load(dir_b);
  std::string label_a = label(a, b), label_b = label(b, a);
  std::string out = "| figure | A: " + label_a + " | B: " + label_b + " | B - A |\n|---|---|---|---|\n";
  auto cell = [](const Experiment& e, const char* key) {
    auto count = number(*e.summary, {key, "count", "mean"});
    auto pct = number(*e.summary, {key, "pct", "mean"});
    return count && pct ? count_text(*count, *pct) : std::string("-");
  };
  for (const auto& figure : paper_figures()) {
    auto pa = number(*a.summary, {figure.key, "pct", "mean"}), pb = number(*b.summary, {figure.key, "pct", "mean"});
    out += std::string("| ") + figure.label + " | " + cell(a, figure.key) + " | " + cell(b, figure.key) + " | " +
           (pa && pb ? signed_points(*pa, *pb) : "-") + " |\n";
  }
  struct Column {
    const char* key;
    const char* label;
    bool rate;
  };
  for (const Column& c :
       {Column{"sec_rate", "RefleXGen Sec. Rate (%)", true}, Column{"pass_rate", "RefleXGen Pass Rate (%)", true},
        Column{"eff_total", "RefleXGen Eff. Total", false}, Column{"sec_count", "RefleXGen Sec. Count", false},
        Column{"unres_count", "RefleXGen Unres. Count", false}}) {
    auto va = number(*a.summary, {"reflexgen", c.key, "mean"}), vb = number(*b.summary, {"reflexgen", c.key, "mean"});
    std::string diff = "-";
    if (va && vb) diff = c.rate ? signed_points(*va, *vb) : difference(*va, *vb);
    out += std::string("| ") + c.label + " | " + (va ? fixed(*va, "%.1f") : "-") + " | " +
           (vb ? fixed(*vb, "%.1f") : "-") + " | " + diff + " |\n";
  }
  return out;
}

} // namespace codegate::eval
