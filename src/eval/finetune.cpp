#include "eval/finetune.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "eval/generation.h"
#include "python/source_index.h"
#include "util/files.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace codegate::eval {
namespace {

// A fenced block of Python; the fence is longer than any backtick run in the code.
std::string python_block(const std::string& code) {
  std::string fence = util::fence_for(code);
  return fence + "python\n" + code + (code.empty() || code.back() == '\n' ? "" : "\n") + fence;
}

} // namespace

std::string finetune_line(const std::string& system, const std::string& user, const std::string& assistant) {
  util::JsonWriter json(util::JsonStyle::compact);
  json.start_object().start_array("messages");
  json.start_object().member("role", "system").member("content", system).end_object();
  json.start_object().member("role", "user").member("content", user).end_object();
  json.start_object().member("role", "assistant").member("content", assistant).end_object();
  json.end_array().end_object();
  return json.str();
}

std::string finetune_sample_line(const std::string& prompt, const std::string& code, PromptStyle style) {
  return finetune_line(generation_system_prompt(style), prompt, python_block(code));
}

std::string strip_docstrings(const std::string& path, const std::string& code) {
  auto indexes = python::index_python_sources({{path, code}});
  if (indexes.empty() || !indexes.front().ok) return code;
  std::vector<std::string> lines;
  for (auto line : util::split_lines(code)) lines.emplace_back(line);
  std::vector<bool> drop(lines.size() + 1, false);
  std::map<int, std::string> pass_at; // line -> its indentation, for a body that was only a docstring
  for (const auto& unit : indexes.front().units) {
    if (!unit.docstring) continue;
    // `def f(): """doc"""` keeps its docstring: removing the line would remove the def.
    bool own_line = unit.kind == python::UnitKind::module || unit.docstring_line > unit.line;
    if (!own_line) return code;
    if (unit.docstring_line < 1 || unit.docstring_end_line > static_cast<int>(lines.size())) return code;
    const std::string& first = lines[static_cast<std::size_t>(unit.docstring_line - 1)];
    std::string_view start = util::trim(first);
    // Only a docstring that opens its line: `x = 1; """doc"""` and the like stay.
    if (start.empty() || std::string_view("\"'rRuUbBfF").find(start.front()) == std::string_view::npos) return code;
    for (int l = unit.docstring_line; l <= unit.docstring_end_line; ++l) drop[static_cast<std::size_t>(l)] = true;
    if (unit.kind != python::UnitKind::module && unit.end_line == unit.docstring_end_line)
      pass_at[unit.docstring_line] = first.substr(0, first.find_first_not_of(" \t"));
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i + 1);
    if (auto pass = pass_at.find(number); pass != pass_at.end()) out += pass->second + "pass\n";
    if (!drop[i + 1]) out += lines[i] + "\n";
  }
  if (!code.empty() && code.back() != '\n' && !out.empty()) out.pop_back();
  auto check = python::index_python_sources({{path, out}});
  return !check.empty() && check.front().ok ? out : code;
}

ExpertSamples expert_sample_lines(const std::string& directory, const std::map<std::string, std::string>& prompts,
                                  PromptStyle style, bool strip) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".py") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end()); // the data set's order does not depend on the file system's
  ExpertSamples out;
  for (const auto& file : files) {
    auto prompt = prompts.find(file.stem().string());
    auto code = util::read_file(file.string());
    if (prompt == prompts.end() || !code) {
      out.unmatched.push_back(file.string());
      continue;
    }
    std::string path = file.filename().string();
    out.lines.push_back(finetune_sample_line(prompt->second, strip ? strip_docstrings(path, *code) : *code, style));
  }
  return out;
}

std::string knowledge_line(const refine::KnowledgeEntry& entry) {
  return finetune_line(
      "You repair Python code so that the finding no longer applies, changing nothing else.",
      "Fix this finding (" + entry.rule + "): " + entry.explanation + "\n" + python_block(entry.before),
      python_block(entry.after));
}

} // namespace codegate::eval
