#include "refine/candidate_checks.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace codegate::refine {
namespace {

std::string unit_name(const python::SourceIndex& index, const python::SourceUnit& unit) { return index.describe(unit); }

} // namespace

std::string normalise_candidate(const std::string& candidate, const std::string& original) {
  std::string text;
  text.reserve(candidate.size());
  for (std::size_t i = 0; i < candidate.size(); ++i) {
    if (candidate[i] == '\r' && i + 1 < candidate.size() && candidate[i + 1] == '\n') continue;
    text += candidate[i];
  }
  bool crlf = original.find("\r\n") != std::string::npos;
  bool final_newline = !original.empty() && original.back() == '\n';
  if (final_newline && !text.empty() && text.back() != '\n') text += '\n';
  if (!crlf) return text;
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::size_t size_limit(std::size_t original_size, double max_growth) {
  auto scaled = static_cast<std::size_t>(static_cast<double>(original_size) * max_growth);
  return std::max(scaled, original_size + 512);
}

std::string size_problem(std::size_t original_size, std::size_t candidate_size, double max_growth) {
  std::size_t limit = size_limit(original_size, max_growth);
  if (candidate_size <= limit) return "";
  return "it has " + std::to_string(candidate_size) + " bytes, more than the limit of " + std::to_string(limit) +
         " (refine.max_growth " + std::to_string(max_growth).substr(0, 4) + " times the original's " +
         std::to_string(original_size) + ")";
}

std::string docstring_problem(const python::SourceIndex& original, const python::SourceIndex& candidate) {
  for (const auto& unit : original.units) {
    if (!unit.docstring) continue;
    const python::SourceUnit* match = nullptr;
    for (const auto& other : candidate.units) {
      if (other.kind == unit.kind && other.qualified_name == unit.qualified_name) {
        match = &other;
        break;
      }
    }
    std::string name = unit_name(original, unit);
    if (match == nullptr) return "it removes or renames the " + name + ", whose docstring is part of the contract";
    if (!match->docstring) return "it removes the docstring of the " + name;
    if (util::squeeze_whitespace(*match->docstring) != util::squeeze_whitespace(*unit.docstring))
      return "it rewrites the docstring of the " + name;
  }
  return "";
}

} // namespace codegate::refine
