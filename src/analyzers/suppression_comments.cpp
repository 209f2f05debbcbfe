#include "analyzers/suppression_comments.h"

#include <algorithm>
#include <cctype>

#include "analyzers/bandit_analyzer.h"
#include "analyzers/pylint_analyzer.h"
#include "util/strings.h"

namespace codegate {
namespace {

bool is_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The words after "nosec" (test ids or names) or "noqa:" (codes), separated by commas, colons or
// spaces; stops at the next comment (`# nosec B602 # why`), which is the justification.
std::vector<std::string> listed_codes(std::string_view rest) {
  std::vector<std::string> tests;
  std::size_t i = 0;
  while (i < rest.size() && rest[i] != '#') {
    if (!is_id_char(rest[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < rest.size() && is_id_char(rest[i])) ++i;
    tests.emplace_back(rest.substr(start, i - start));
  }
  return tests;
}

std::string_view line_of(const std::vector<std::string_view>& lines, int number) {
  if (number < 1 || number > static_cast<int>(lines.size())) return {};
  return lines[static_cast<std::size_t>(number - 1)];
}

} // namespace

std::optional<std::string> covering_nosec(std::string_view line, const std::string& test_id,
                                          const std::string& test_name) {
  // Bandit looks for "#nosec" or "# nosec" in the line's comment; so does this.
  for (std::string_view marker : {"#nosec", "# nosec"}) {
    std::size_t at = line.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.substr(at + marker.size());
    if (!rest.empty() && is_id_char(rest.front())) continue; // "# nosecurity" is not a nosec
    auto tests = listed_codes(rest);
    bool covers = tests.empty() || std::find(tests.begin(), tests.end(), test_id) != tests.end() ||
                  std::find(tests.begin(), tests.end(), test_name) != tests.end();
    if (!covers) return std::nullopt;
    return std::string(util::trim(line.substr(at)));
  }
  return std::nullopt;
}

std::optional<std::string> covering_noqa(std::string_view line, const std::string& test_id) {
  if (test_id.size() < 2 || test_id.front() != 'B') return std::nullopt;
  std::string ruff_code = "S" + test_id.substr(1);
  std::string folded = util::to_lower(line);
  for (auto at = folded.find("noqa"); at != std::string::npos; at = folded.find("noqa", at + 4)) {
    auto hash = folded.rfind('#', at);
    if (hash == std::string::npos || util::trim(std::string_view(folded).substr(hash + 1, at - hash - 1)) != "")
      continue; // "# noqa" only, as Ruff and flake8 read it
    std::string_view rest = std::string_view(line).substr(at + 4);
    auto start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos || rest[start] != ':') continue; // a bare noqa names no test
    auto codes = listed_codes(rest.substr(start + 1));
    if (std::find(codes.begin(), codes.end(), ruff_code) == codes.end()) continue;
    return std::string(util::trim(line.substr(hash)));
  }
  return std::nullopt;
}

std::optional<std::string> covering_codegate_ignore(std::string_view line, const std::string& rule) {
  for (std::string_view marker : {"# codegate: ignore[", "#codegate: ignore[", "# codegate:ignore["}) {
    auto at = line.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.substr(at + marker.size());
    auto close = rest.find(']');
    if (close == std::string_view::npos) continue;
    for (const auto& part : util::split_nonempty(rest.substr(0, close), ',')) {
      if (util::trim(part) == rule) return std::string(util::trim(line.substr(at)));
    }
  }
  return std::nullopt;
}

std::string pylint_pragma(std::string_view line) {
  for (std::string_view marker : {"# pylint:", "#pylint:", "# pylint :"}) {
    std::size_t at = line.find(marker);
    if (at != std::string_view::npos) return std::string(util::trim(line.substr(at)));
  }
  return "";
}

void attach_suppressions(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::vector<std::string_view>> lines_by_path;
  for (auto& f : findings) {
    bool bandit = f.tool == k_bandit_tool;
    bool own = f.tool == "codegate" && !is_not_analysed(f) && !f.suppression;
    if (!bandit && !own && !(f.tool == k_pylint_tool && f.suppression)) continue;
    auto source = sources.find(f.path);
    if (source == sources.end()) continue;
    auto [entry, inserted] = lines_by_path.try_emplace(f.path);
    if (inserted) entry->second = util::split_lines(source->second);
    std::string_view line = line_of(entry->second, f.line);
    if (bandit) {
      auto comment = covering_nosec(line, f.rule_id, f.rule_name);
      if (!comment) comment = covering_noqa(line, f.rule_id);
      if (comment) f.suppression = Suppression{f.line, *comment};
    } else if (own) {
      if (auto comment = covering_codegate_ignore(line, f.rule_id)) f.suppression = Suppression{f.line, *comment};
    } else {
      f.suppression->comment = pylint_pragma(line_of(entry->second, f.suppression->line));
    }
  }
}

} // namespace codegate
