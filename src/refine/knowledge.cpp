#include "refine/knowledge.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "util/files.h"
#include "util/hash.h"
#include "util/json_writer.h"
#include "util/json.h"
#include "util/strings.h"

namespace codegate::refine {
namespace {

// A prompt shows a few examples; entries longer than this teach nothing a shorter one would not
// and would crowd out the file itself.
constexpr std::size_t k_max_snippet_chars = 1500;
constexpr std::size_t k_max_explanation_chars = 400;

std::set<std::string> tokens(const std::string& text) {
  std::set<std::string> out;
  std::string current;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '_') {
      current += static_cast<char>(c);
    } else {
      if (!current.empty()) out.insert(current);
      current.clear();
      // Operators and punctuation carry meaning too ("=", "("); single characters are enough.
      if (!std::isspace(c)) out.insert(std::string(1, static_cast<char>(c)));
    }
  }
  if (!current.empty()) out.insert(current);
  return out;
}

std::string cut(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  text.resize(limit);
  // Never leave half a UTF-8 sequence behind.
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80) != 0) text.pop_back();
  return text + "\n...";
}

std::string member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

} // namespace

double token_similarity(const std::string& a, const std::string& b) {
  auto left = tokens(a), right = tokens(b);
  if (left.empty() && right.empty()) return 0;
  std::size_t shared = 0;
  for (const auto& token : left) shared += right.count(token);
  std::size_t all = left.size() + right.size() - shared;
  return all == 0 ? 0 : static_cast<double>(shared) / static_cast<double>(all);
}

std::string knowledge_id(const std::string& rule, const std::string& before, const std::string& after) {
  return util::hash_parts({rule, util::squeeze_whitespace(before), util::squeeze_whitespace(after)});
}

KnowledgeBase::KnowledgeBase(std::string path, int max_entries) : path_(std::move(path)), max_entries_(max_entries) {}

std::string KnowledgeBase::to_json_line(const KnowledgeEntry& entry) {
  util::JsonWriter w(util::JsonStyle::compact);
  w.start_object()
      .member("id", entry.id)
      .member("rule", entry.rule)
      .member("before", entry.before)
      .member("after", entry.after)
      .member("explanation", entry.explanation);
  if (!entry.task.empty()) w.member("task", entry.task);
  if (!entry.reflection.empty()) w.member("reflection", entry.reflection);
  w.end_object();
  return w.str();
}

bool KnowledgeBase::from_json_line(const std::string& line, KnowledgeEntry& entry) {
  rapidjson::Document doc = util::parse_json(line);
  if (doc.HasParseError() || !doc.IsObject()) return false;
  entry.rule = member(doc, "rule");
  entry.before = member(doc, "before");
  entry.after = member(doc, "after");
  entry.explanation = member(doc, "explanation");
  entry.task = member(doc, "task");
  entry.reflection = member(doc, "reflection");
  if (entry.rule.empty() || entry.before.empty() || entry.after.empty()) return false;
  // The id is recomputed rather than trusted, so a hand-edited line cannot shadow another fix.
  entry.id = knowledge_id(entry.rule, entry.before, entry.after);
  return true;
}

void KnowledgeBase::load() {
  entries_.clear();
  skipped_ = 0;
  if (!enabled()) return;
  auto text = util::read_file(path_);
  if (!text) return;
  std::set<std::string> seen;
  for (auto line : util::split_lines(*text)) {
    if (util::trim(line).empty()) continue;
    KnowledgeEntry entry;
    if (!from_json_line(std::string(line), entry)) {
      ++skipped_;
      continue;
    }
    if (!seen.insert(entry.id).second) continue;
    entries_.push_back(std::move(entry));
  }
  if (entries_.size() > static_cast<std::size_t>(max_entries_))
    entries_.erase(entries_.begin(), entries_.end() - max_entries_);
}

std::vector<KnowledgeEntry> KnowledgeBase::similar(const std::string& rule, const std::string& snippet, int limit,
                                                   const std::string& task) const {
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].rule != rule) continue;
    double score = token_similarity(snippet, entries_[i].before);
    if (!task.empty()) score += token_similarity(task, entries_[i].task);
    if (score > 0) scored.emplace_back(score, i);
  }
  // The most similar first; among equals, the newest.
  std::sort(scored.begin(), scored.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second > b.second; });
  std::vector<KnowledgeEntry> out;
  for (const auto& [score, index] : scored) {
    if (static_cast<int>(out.size()) >= limit) break;
    out.push_back(entries_[index]);
  }
  return out;
}

bool KnowledgeBase::add(KnowledgeEntry entry) {
  if (!enabled()) return false;
  entry.before = cut(std::move(entry.before), k_max_snippet_chars);
  entry.after = cut(std::move(entry.after), k_max_snippet_chars);
  entry.explanation = cut(std::move(entry.explanation), k_max_explanation_chars);
  entry.task = cut(std::move(entry.task), k_max_snippet_chars);
  entry.reflection = cut(std::move(entry.reflection), k_max_snippet_chars);
  entry.id = knowledge_id(entry.rule, entry.before, entry.after);
  for (const auto& existing : entries_) {
    if (existing.id == entry.id) return false;
  }
  entries_.push_back(std::move(entry));
  if (entries_.size() > static_cast<std::size_t>(max_entries_))
    entries_.erase(entries_.begin(), entries_.end() - max_entries_);
  return true;
}

util::Result<void> KnowledgeBase::save() const {
  if (!enabled()) return {};
  std::string text;
  for (const auto& entry : entries_) text += to_json_line(entry) + "\n";
  return util::write_file_atomic(path_, text);
}

} // namespace codegate::refine
