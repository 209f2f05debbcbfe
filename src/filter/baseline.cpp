#include "filter/baseline.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "filter/python_code.h"
#include "util/hash.h"

namespace codegate {
namespace {

// "Parser.parse" -> "parse": a method moved out of its class is still the same code.
std::string innermost_name(const std::string& unit) {
  auto dot = unit.rfind('.');
  return dot == std::string::npos ? unit : unit.substr(dot + 1);
}

// Bandit's words for severity and confidence; 0 for any other (Pylint has one type per rule).
int rank(const std::string& word) {
  std::string upper;
  for (char c : word) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "LOW") return 1;
  if (upper == "MEDIUM") return 2;
  if (upper == "HIGH") return 3;
  return 0;
}

bool lower(const std::string& base, const std::string& head) {
  return rank(base) != 0 && rank(head) != 0 && rank(base) < rank(head);
}

bool can_fail(const Finding& f) { return f.advisory.empty() && !(f.suppression && f.suppression->honoured); }

// A suppression the change added is the change's to show: only a base finding that was suppressed
// too stands for its finding (the comment was there already, on the line the change rewrote).
bool hides_added_suppression(const Finding& base, const Finding& head) {
  return head.suppression && head.suppression->by == SuppressedBy::change && !base.suppression;
}

// How strong a finding is, for taking the weakest base finding that still covers a head one.
auto strength(const Finding& f) {
  return std::make_tuple(can_fail(f), f.level, rank(f.tool_severity), rank(f.confidence));
}

std::string level_words(const Finding& f) {
  std::string out(to_string(f.level));
  if (!f.tool_severity.empty() && f.tool_severity != out) out += ", severity " + f.tool_severity;
  if (!f.confidence.empty()) out += ", confidence " + f.confidence;
  return out;
}

// The message with its numbers left out: "already defined line 5" is the same message when lines
// above moved.
std::string without_numbers(const std::string& message) {
  std::string out;
  for (char c : message)
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) out += c;
  return out;
}

} // namespace

std::string baseline_key(const Finding& f) {
  return util::hash_parts({f.tool, f.rule_id, python_code(f.snippet), innermost_name(f.unit)});
}

std::string shortfall(const Finding& base, const Finding& head) {
  if (can_fail(head) && !can_fail(base)) {
    if (!base.advisory.empty()) return "the base had it only where it could not fail: " + base.advisory;
    std::string comment = base.suppression->comment.empty() ? "a comment" : "`" + base.suppression->comment + "`";
    return "the base had it suppressed by " + comment;
  }
  if (base.level < head.level || lower(base.tool_severity, head.tool_severity) ||
      lower(base.confidence, head.confidence))
    return "the base had it only at a lower level (" + level_words(base) + "; now " + level_words(head) + ")";
  return "";
}

Baseline::Baseline(std::vector<Finding> base_findings, std::map<std::string, std::string> unanalysed)
    : findings_(std::move(base_findings)), unanalysed_(std::move(unanalysed)) {
  for (std::size_t i = 0; i < findings_.size(); ++i) {
    keys_[baseline_key(findings_[i])].push_back(i);
    paths_[findings_[i].path].push_back(i);
  }
}

// The weakest unspent base finding with the head's key that covers it; when none does, `why`
// says what the strongest one lacked.
std::optional<std::size_t> Baseline::by_key(const Finding& head, const std::vector<bool>& spent,
                                            std::string& why) const {
  auto entry = keys_.find(baseline_key(head));
  if (entry == keys_.end()) return std::nullopt;
  std::optional<std::size_t> best;
  std::optional<std::size_t> strongest;
  for (std::size_t i : entry->second) {
    if (spent[i]) continue;
    if (!strongest || strength(findings_[*strongest]) < strength(findings_[i])) strongest = i;
    if (!shortfall(findings_[i], head).empty() || hides_added_suppression(findings_[i], head)) continue;
    if (!best || strength(findings_[i]) < strength(findings_[*best])) best = i;
  }
  if (!best && strongest) why = shortfall(findings_[*strongest], head);
  return best;
}

// The unspent base finding of the head's tool and rule on the base line the head's line was,
// preferring the same message; when none covers it, `why` says what the base had there.
std::optional<std::size_t> Baseline::by_line(const Finding& head, const ChangedFile& file,
                                             const std::vector<bool>& spent, std::string& why) const {
  std::optional<int> line = base_line_of(file, head.line);
  if (!line) return std::nullopt;
  auto unanalysed = unanalysed_.find(file.old_path);
  if (unanalysed != unanalysed_.end()) {
    why = "the base never analysed " + file.old_path + " (" + unanalysed->second + ")";
    return std::nullopt;
  }
  why = "the base had no such finding (line " + std::to_string(*line) + " of " + file.old_path + ")";
  auto entry = paths_.find(file.old_path);
  if (entry == paths_.end()) return std::nullopt;
  const std::string message = without_numbers(head.message);
  std::optional<std::size_t> best;
  for (std::size_t i : entry->second) {
    const Finding& base = findings_[i];
    if (spent[i] || base.line != *line || base.tool != head.tool || base.rule_id != head.rule_id) continue;
    if (std::string lacks = shortfall(base, head); !lacks.empty()) {
      why = lacks;
      continue;
    }
    bool same_message = without_numbers(base.message) == message;
    if (!best || (same_message && without_numbers(findings_[*best].message) != message)) best = i;
  }
  return best;
}

int Baseline::mark(std::vector<Finding>& head, const ChangeSet& changes,
                   const std::function<bool(const Finding&)>& fails) const {
  // The base's copies of a key are spent first on the head's copies that the change did not add
  // (no line of theirs is an added line: they are the old ones, selected or not), then in path
  // and line order on the rest. A change that copies an old finding elsewhere and touches the old
  // file so that its copy is selected too gets the new copy reported, not the old one.
  std::vector<Finding*> order;
  for (auto& f : head) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->filter.on_added_line, a->path, a->line, a->column) <
           std::tie(b->filter.on_added_line, b->path, b->line, b->column);
  });
  std::vector<bool> spent(findings_.size(), false);
  int marked = 0;
  for (Finding* f : order) {
    // Unchecked code is never the base's: it fails wherever it is, and reports show it as new.
    if (is_not_analysed(*f)) continue;
    std::string why;
    if (f->filter.selected) {
      auto copy = by_key(*f, spent, why);
      if (!copy) {
        if (!why.empty()) f->filter.new_because = why;
        continue;
      }
      spent[*copy] = true;
      f->filter.in_base = true;
      f->filter.reported = false;
      ++marked;
      continue;
    }
    const ChangedFile* file = changes.find(f->path);
    if (file == nullptr || !fails || !fails(*f)) {
      // Not one the change can have caused: it spends a copy of its key all the same.
      std::string unused;
      if (auto copy = by_key(*f, spent, unused)) spent[*copy] = true;
      continue;
    }
    std::string why_key;
    auto copy = by_line(*f, *file, spent, why);
    if (!copy) copy = by_key(*f, spent, why_key);
    if (copy) {
      spent[*copy] = true;
      continue;
    }
    f->filter.selected = true;
    f->filter.reported = true;
    f->filter.caused_by_change = true;
    f->filter.new_because = "caused by the change: " + why;
  }
  return marked;
}

} // namespace codegate
