#include "eval/functional_check.h"

#include "filter/fingerprint.h"
#include "intent/docstring.h"
#include "intent/prompt.h"
#include "llm/budgeted_call.h"
#include "python/source_index.h"
#include "util/strings.h"

namespace codegate::eval {
namespace {

// Every line of the file, numbered as the intent prompt numbers a unit's lines.
std::string numbered(const std::vector<std::string>& lines) {
  std::size_t width = std::to_string(std::max<std::size_t>(1, lines.size())).size();
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string number = std::to_string(i + 1);
    out += std::string(width - number.size(), ' ') + number + " | " + lines[i] + "\n";
  }
  return out;
}

Finding mismatch(const std::string& path, const std::vector<std::string>& lines, const intent::VerdictIssue& issue) {
  Finding f;
  f.tool = k_own_tool;
  f.rule_id = "intent-mismatch";
  f.rule_name = "code-contradicts-docstring";
  f.level = Level::warning;
  f.tool_severity = intent::to_string(intent::Verdict::inconsistent);
  f.path = path;
  bool in_file = issue.line > 0 && issue.line <= static_cast<int>(lines.size());
  f.line = in_file ? issue.line : 1;
  f.message = issue.explanation.empty() ? "The file does not do what its module docstring says." : issue.explanation;
  f.snippet = in_file ? lines[static_cast<std::size_t>(issue.line - 1)] : "";
  f.fails_gate = true;
  return f;
}

} // namespace

FunctionalVerdict check_functionality(const std::string& path, const std::string& code, llm::LlmClient& client,
                                      llm::Budget& budget, int max_tokens, double temperature) {
  FunctionalVerdict out;
  auto index = python::index_python_sources({{path, code}});
  if (index.empty() || !index.front().ok || index.front().units.empty() || !index.front().units.front().docstring) {
    out.note = "the file has no module docstring to check it against";
    return out;
  }
  std::vector<std::string> lines;
  for (auto line : util::split_lines(code)) lines.emplace_back(line);
  intent::PromptUnit unit;
  unit.path = path;
  unit.description = "module";
  unit.first_line = 1;
  unit.last_line = std::max(1, static_cast<int>(lines.size()));
  unit.docstring = intent::parse_docstring(*index.front().units.front().docstring);
  unit.numbered_code = numbered(lines);
  llm::ChatRequest request = intent::intent_request(unit, max_tokens, temperature);
  for (int turn = 0; turn < 2; ++turn) {
    std::optional<llm::ChatResponse> response;
    try {
      response = llm::chat_within(budget, client, request);
    } catch (const llm::LlmError& e) {
      out.note = std::string("the LLM failed: ") + e.what();
      return out;
    }
    if (!response) {
      out.note = "the LLM budget is spent: " + budget.limit_description() + " reached";
      return out;
    }
    intent::VerdictParse parse = intent::parse_verdict(response->text);
    if (!parse.verdict) {
      request.messages.push_back({"assistant", response->text});
      request.messages.push_back({"user", intent::corrective_prompt(parse.problem)});
      out.note = "the model's answer was not the requested JSON object (" + parse.problem + ")";
      continue;
    }
    out.note.clear();
    out.verdict = parse.verdict->verdict;
    if (parse.verdict->verdict == intent::Verdict::inconsistent) {
      if (parse.verdict->issues.empty()) out.findings.push_back(mismatch(path, lines, {}));
      for (const auto& issue : parse.verdict->issues) out.findings.push_back(mismatch(path, lines, issue));
      assign_fingerprints(out.findings);
    }
    return out;
  }
  return out;
}

} // namespace codegate::eval
