#include "eval/finetune.h"

#include <algorithm>
#include <filesystem>

#include "eval/generation.h"
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

std::string finetune_sample_line(const std::string& prompt, const std::string& code) {
  return finetune_line(generation_system_prompt(), prompt, python_block(code));
}

ExpertSamples expert_sample_lines(const std::string& directory, const std::map<std::string, std::string>& prompts) {
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
    out.lines.push_back(finetune_sample_line(prompt->second, *code));
  }
  return out;
}

std::string knowledge_line(const refine::KnowledgeEntry& entry) {
  return finetune_line("You repair Python code so that the finding no longer applies, changing nothing else.",
                       "Fix this finding (" + entry.rule + "): " + entry.explanation + "\n" + python_block(entry.before),
                       python_block(entry.after));
}

} // namespace codegate::eval
