#include "platform/comment_text.h"

#include <algorithm>

#include "git/buffer_diff.h"
#include "report/markdown_escape.h"
#include "report/reports.h"
#include "report/summary.h"
#include "util/hash.h"
#include "util/strings.h"

namespace codegate::platform {
namespace {

constexpr std::string_view k_key_prefix = "<!-- codegate:key ";
constexpr std::string_view k_key_suffix = " -->";
constexpr std::string_view k_resolved_prefix = "<!-- codegate:resolved ";

std::string marker(const std::string& key) { return std::string(k_key_prefix) + key + std::string(k_key_suffix); }

std::string rule_line(const Finding& f) {
  std::string rule = "**" + escape_markdown(f.tool + " " + f.rule_id) + "**";
  if (!f.rule_name.empty() && f.rule_name != f.rule_id) rule.append(" ").append(escape_markdown(f.rule_name));
  if (f.cwe) rule += " · CWE-" + std::to_string(*f.cwe);
  rule += " · " + std::string(to_string(f.level));
  return rule;
}

std::string short_sha(std::string_view sha) { return std::string(sha.substr(0, 7)); }

} // namespace

std::string finding_key(const Finding& finding) {
  // The fingerprint survives line shifts, so a push that moves code keeps the comment.
  std::string id = finding.fingerprint.empty() ? util::hash_parts({finding.tool, finding.rule_id, finding.path,
                                                                   std::to_string(finding.line), finding.message})
                                               : finding.fingerprint;
  return "finding:" + id;
}

std::string suggestion_key(const Suggestion& s) {
  std::string replacement = util::join(s.replacement, "\n");
  return "suggestion:" +
         util::hash_parts({s.path, std::to_string(s.start_line), std::to_string(s.end_line), replacement});
}

std::optional<std::string> comment_key(std::string_view body) {
  auto start = body.find(k_key_prefix);
  if (start == std::string_view::npos) return std::nullopt;
  start += k_key_prefix.size();
  auto end = body.find(k_key_suffix, start);
  if (end == std::string_view::npos) return std::nullopt;
  std::string key(body.substr(start, end - start));
  if (key.empty() || key.find_first_of(" \n\r\t") != std::string::npos) return std::nullopt;
  return key;
}

bool is_summary(std::string_view body) { return util::starts_with(util::trim(body), k_summary_marker); }

std::string finding_comment(const Finding& f, FilterMode mode) {
  std::string body = marker(finding_key(f)) + "\n";
  body += std::string(f.fails_gate             ? ":x: "
                      : f.level == Level::note ? ":information_source: "
                                               : ":warning: ") +
          rule_line(f);
  if (f.fails_gate) body += " · **fails the gate**";
  body += "\n\n" + escape_markdown(f.message) + "\n";
  for (const auto& remark : finding_remarks(f, mode)) body += "\n_" + escape_markdown(remark) + "_\n";
  if (!f.fix_status.empty()) body += "\n_refine: " + escape_markdown(f.fix_status) + "_\n";
  // Only links codegate itself made (rule documentation), never one from a tool's message.
  if (util::starts_with(f.help_uri, "https://")) body += "\n[Rule documentation](" + f.help_uri + ")\n";
  return body;
}

std::string suggestion_comment(const Suggestion& s, SuggestionSyntax syntax) {
  std::string body = marker(suggestion_key(s)) + "\n";
  body += ":bulb: **codegate refine** proposes this change (round " + std::to_string(s.round) +
          "); the revised file passed the same checks with fewer findings";
  if (!s.fixed_fingerprints.empty()) body += " (" + std::to_string(s.fixed_fingerprints.size()) + " fixed)";
  body += ". Review it before you apply it: it was written by an LLM.\n\n";
  std::string fence = util::fence_for(util::join(s.replacement, "\n"));
  body += fence + "suggestion";
  if (syntax == SuggestionSyntax::gitlab) body += ":-0+" + std::to_string(s.end_line - s.start_line);
  body += "\n";
  for (const auto& line : s.replacement) body += line + "\n";
  body += fence + "\n";
  return body;
}

std::string resolved_comment(std::string_view body, std::string_view head_sha) {
  std::string out(body);
  auto start = out.find(k_key_prefix);
  if (start != std::string::npos) out.replace(start, k_key_prefix.size(), k_resolved_prefix);
  return "**Resolved:** codegate no longer reports this" +
         (head_sha.empty() ? std::string() : " at " + short_sha(head_sha)) + ".\n\n" + out;
}

std::string summary_body(const CheckResult& result, const std::vector<std::string>& unplaced_fix_paths,
                         const std::string& run_url, std::size_t max_chars) {
  std::string body = render_markdown(result);
  std::string footer = "\n<sub>codegate " CODEGATE_VERSION;
  if (!result.head_sha.empty()) footer += " · commit " + short_sha(result.head_sha);
  if (!run_url.empty()) footer += " · [workflow run](" + run_url + ")";
  footer += "</sub>\n";

  std::string fixes;
  if (result.fix_mode == FixMode::suggest && !result.fixes.empty()) {
    fixes += "\n### :bulb: Proposed fixes\n\n";
    fixes += "The refine loop proposes revisions of " + std::to_string(result.fixes.size()) + " file" +
             (result.fixes.size() == 1 ? "" : "s") + "; they passed the same checks with fewer findings.";
    fixes += unplaced_fix_paths.size() < result.fixes.size()
                 ? " The parts on the changed lines are review suggestions you can apply.\n"
                 : "\n";
    for (const auto& fix : result.fixes) {
      if (std::find(unplaced_fix_paths.begin(), unplaced_fix_paths.end(), fix.path) == unplaced_fix_paths.end())
        continue;
      std::string diff = git::unified_patch(fix.path, fix.original, fix.revised);
      std::string fence = util::fence_for(diff);
      std::string section = "\n<details><summary>" + escape_markdown(fix.path) + " (round " +
                            std::to_string(fix.round) + ")</summary>\n\n" + fence + "diff\n" + diff +
                            (diff.empty() || diff.back() == '\n' ? "" : "\n") + fence + "\n\n</details>\n";
      if (body.size() + fixes.size() + section.size() + footer.size() > max_chars) {
        fixes += "\n(More proposals do not fit in this comment; run with `--fix patch` to get them as a patch.)\n";
        break;
      }
      fixes += section;
    }
  }
  body += fixes;
  if (body.size() + footer.size() > max_chars) {
    std::string cut = "\n\n…(cut to fit the comment size limit)\n";
    std::size_t keep = max_chars > footer.size() + cut.size() ? max_chars - footer.size() - cut.size() : 0;
    // Back up to a UTF-8 character boundary.
    while (keep > 0 && keep < body.size() && (static_cast<unsigned char>(body[keep]) & 0xC0) == 0x80) --keep;
    body = body.substr(0, keep) + cut;
  }
  return body + footer;
}

} // namespace codegate::platform
