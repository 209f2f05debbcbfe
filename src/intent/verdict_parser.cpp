#include "intent/verdict_parser.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "util/json.h"
#include "util/strings.h"

namespace codegate::intent {
namespace {

constexpr unsigned k_parse_flags = rapidjson::kParseTrailingCommasFlag | rapidjson::kParseCommentsFlag;
constexpr int k_max_candidates = 32; // '{' positions tried as the start of the answer object

// Reasoning models served through OpenAI-compatible servers put their deliberation in <think>
// blocks, which may hold draft JSON.
std::string drop_think_blocks(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto open = text.find("<think>", pos);
    if (open == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    auto close = text.find("</think>", open);
    if (close == std::string_view::npos) return out; // an unfinished block: nothing after it is an answer
    pos = close + 8;
  }
  out.append(text.substr(pos));
  return out;
}

// The end of the JSON object starting at `open` (a '{'), skipping braces inside strings.
std::optional<std::size_t> object_end(std::string_view text, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{')
      ++depth;
    else if (c == '}' && --depth == 0)
      return i;
  }
  return std::nullopt;
}

std::optional<double> number_of(const rapidjson::Value& value) {
  if (value.IsNumber()) return value.GetDouble();
  if (value.IsString()) {
    std::string text(util::trim(value.GetString()));
    bool percent = !text.empty() && text.back() == '%';
    if (percent) text.pop_back();
    try {
      std::size_t used = 0;
      double number = std::stod(text, &used);
      if (used != text.size()) return std::nullopt;
      return percent ? number / 100 : number;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string string_of(const rapidjson::Value& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && it->value.IsString()) {
      std::string text(util::trim(it->value.GetString()));
      if (!text.empty()) return text;
    }
  }
  return "";
}

VerdictParse read_object(const rapidjson::Value& object) {
  VerdictParse parse;
  auto verdict_member = object.FindMember("verdict");
  std::optional<Verdict> verdict;
  if (verdict_member->value.IsString()) verdict = parse_model_verdict(verdict_member->value.GetString());
  if (!verdict) {
    parse.problem = "\"verdict\" must be \"consistent\", \"inconsistent\" or \"unclear\"";
    return parse;
  }
  ModelVerdict result;
  result.verdict = *verdict;

  auto confidence = object.FindMember("confidence");
  if (confidence != object.MemberEnd() && !confidence->value.IsNull()) {
    auto value = number_of(confidence->value);
    if (!value || !std::isfinite(*value)) {
      parse.problem = "\"confidence\" must be a number from 0.0 to 1.0";
      return parse;
    }
    double c = *value > 1 && *value <= 100 ? *value / 100 : *value; // a percentage
    result.confidence = std::clamp(c, 0.0, 1.0);
  }

  auto issues = object.FindMember("issues");
  if (issues != object.MemberEnd() && !issues->value.IsNull()) {
    if (!issues->value.IsArray()) {
      parse.problem = "\"issues\" must be an array of {\"line\": ..., \"explanation\": ...} objects";
      return parse;
    }
    for (const auto& item : issues->value.GetArray()) {
      VerdictIssue issue;
      if (item.IsString()) {
        issue.explanation = std::string(util::trim(item.GetString()));
      } else if (item.IsObject()) {
        issue.explanation = string_of(item, {"explanation", "message", "description", "reason"});
        auto line = item.FindMember("line");
        if (line != item.MemberEnd()) {
          if (auto number = number_of(line->value); number && std::isfinite(*number) && *number >= 1 && *number < 1e9) {
            issue.line = static_cast<int>(std::lround(*number));
          }
        }
      }
      if (!issue.explanation.empty()) result.issues.push_back(std::move(issue));
    }
  }
  if (result.verdict == Verdict::inconsistent && result.issues.empty()) {
    // Some models explain at the top level instead of in "issues".
    std::string explanation = string_of(object, {"explanation", "reason", "message"});
    if (!explanation.empty()) result.issues.push_back({0, explanation});
  }
  if (result.verdict != Verdict::inconsistent) result.issues.clear();
  parse.verdict = std::move(result);
  return parse;
}

} // namespace

std::optional<Verdict> parse_model_verdict(std::string_view text) {
  auto verdict = parse_verdict_name(util::to_lower(util::trim(text)));
  if (verdict == Verdict::unchecked) return std::nullopt;
  return verdict;
}

VerdictParse parse_verdict(std::string_view answer) {
  std::string text = drop_think_blocks(answer);
  if (util::trim(text).empty()) return {std::nullopt, "the answer was empty"};
  std::string problem = "the answer held no JSON object";
  bool found_object = false;
  // Each candidate costs a scan to its closing brace and a parse: a few cover any honest answer,
  // and the cap keeps an answer of a million braces from costing quadratic time.
  int candidates = 0;
  for (std::size_t open = text.find('{'); open != std::string::npos && candidates++ < k_max_candidates;
       open = text.find('{', open + 1)) {
    auto close = object_end(text, open);
    if (!close) continue;
    rapidjson::Document doc = util::parse_json<k_parse_flags>(std::string_view(text).substr(open, *close - open + 1));
    if (doc.HasParseError() || !doc.IsObject()) {
      if (!found_object) problem = "the answer held no valid JSON object";
      continue;
    }
    found_object = true;
    if (!doc.HasMember("verdict")) {
      problem = "the JSON object has no \"verdict\" member";
      continue;
    }
    // The object meant as the answer: if it is wrong, say why rather than look further.
    return read_object(doc);
  }
  return {std::nullopt, problem};
}

} // namespace codegate::intent
