#include "refine/delivery.h"

#include <algorithm>
#include <exception>
#include <set>
#include "core/error.h"
#include "git/buffer_diff.h"
#include "git/commit.h"
#include "git/push.h"
#include "util/files.h"
#include "util/log.h"

namespace codegate::refine {
namespace {

std::string short_sha(const std::string& sha) { return sha.substr(0, 7); }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::vector<const FileFix*> sorted(const std::vector<FileFix>& fixes) {
  std::vector<const FileFix*> out;
  out.reserve(fixes.size());
  for (const auto& fix : fixes) out.push_back(&fix);
  std::sort(out.begin(), out.end(), [](const FileFix* a, const FileFix* b) { return a->path < b->path; });
  return out;
}

std::size_t fixed_total(const std::vector<FileFix>& fixes) {
  std::size_t total = 0;
  for (const auto& fix : fixes) total += fix.fixed_fingerprints.size();
  return total;
}

void write_patch(const std::vector<FileFix>& fixes, const DeliveryInput& input, DeliveryOutcome& out) {
  require(util::write_file_guarded(input.patch_file, patch_text(fixes), input.repo.workdir()),
          "cannot write the refine patch");
  out.mode = FixMode::patch;
  out.notes.push_back("refine: patch for " + plural(fixes.size(), "file", "files") + " written to " + input.patch_file +
                      "; apply it with: git apply " + input.patch_file);
}

void apply_to_worktree(const std::vector<FileFix>& fixes, const DeliveryInput& input, DeliveryOutcome& out) {
  out.mode = FixMode::apply;
  std::vector<std::string> paths;
  paths.reserve(fixes.size());
  for (const auto& fix : fixes) paths.push_back(fix.path);
  // In a pre-commit hook the analysed revision is the index, which differs from HEAD by design;
  // there only the working-tree bytes must match what was analysed.
  std::set<std::string> uncommitted;
  if (!input.changes.staged) {
    for (const auto& path : git::uncommitted_paths(input.repo, paths)) uncommitted.insert(path);
  }
  for (const FileFix* fix : sorted(fixes)) {
    std::string full = input.repo.workdir() + fix->path;
    auto current = util::read_file(full);
    std::string reason;
    if (uncommitted.count(fix->path) != 0) {
      reason = "it has uncommitted changes";
    } else if (!current || *current != fix->original) {
      reason = input.changes.staged ? "the working-tree file differs from the staged one that was analysed"
                                    : "the working-tree file differs from the analysed revision";
    }
    if (!reason.empty()) {
      std::string message =
          fix->path + " not changed: " + reason + "; commit or stash your changes and run again, or use --fix patch";
      util::warn("refine: " + message);
      out.refused.push_back(fix->path + ": " + reason);
      out.notes.push_back("refine: " + message);
      continue;
    }
    if (auto written = util::write_file(full, fix->revised); !written) {
      // The other files may still be written; this one is left as it was, and said so.
      util::warn("refine: " + fix->path + " not changed: " + written.error());
      out.refused.push_back(fix->path + ": " + written.error());
      out.notes.push_back("refine: " + fix->path + " not changed: " + written.error() + "; use --fix patch");
      continue;
    }
    out.applied.push_back(fix->path);
  }
  if (!out.applied.empty())
    out.notes.push_back("refine: wrote the revised " + plural(out.applied.size(), "file", "files") +
                        " into the working tree: " + [&] {
                          std::string list;
                          for (const auto& path : out.applied) list += (list.empty() ? "" : ", ") + path;
                          return list;
                        }());
}

struct CommitAttempt {
  bool ok = false;
  std::string sha;
  std::string problem; // why there is no commit
};

// Builds the fix commit on the analysed head and moves whatever points there: the checked-out
// branch (its working tree and index follow), a detached HEAD, or the branch `push_branch` names.
CommitAttempt make_commit(const std::vector<FileFix>& fixes, const DeliveryInput& input, const std::string& push_branch,
                          DeliveryOutcome& out) {
  CommitAttempt attempt;
  const std::string& head_sha = input.changes.head_sha;
  if (head_sha.empty()) {
    attempt.problem = "--staged analyses the index, and a fix commit needs the analysed commit to build on";
    return attempt;
  }
  git::HeadState head = git::head_state(input.repo);
  std::string ref;
  bool checked_out = false;
  if (!head.branch.empty() && head.sha == head_sha) {
    ref = head.branch;
    checked_out = true;
  } else if (head.detached && head.sha == head_sha) {
    ref = "HEAD";
    checked_out = true;
  } else if (!push_branch.empty() && input.repo.resolve_commit("refs/heads/" + push_branch) == head_sha) {
    ref = "refs/heads/" + push_branch;
  }

  std::vector<git::FileContent> files;
  std::vector<std::string> paths;
  for (const FileFix* fix : sorted(fixes)) {
    files.push_back({fix->path, fix->revised});
    paths.push_back(fix->path);
  }
  if (checked_out) {
    auto dirty = git::uncommitted_paths(input.repo, paths);
    if (!dirty.empty()) {
      attempt.problem = dirty.front() + " has uncommitted changes; commit or stash them first";
      return attempt;
    }
  }

  git::CommitSpec spec{head_sha, files, input.config.author_name, input.config.author_email,
                       fix_commit_message(fixes, input.findings)};
  try {
    attempt.sha = git::create_commit(input.repo, spec);
    std::string log_message = "codegate: refine fixes on top of " + short_sha(head_sha);
    if (ref == "HEAD") {
      git::detach_head(input.repo, attempt.sha);
    } else if (!ref.empty() && !git::move_reference(input.repo, ref, head_sha, attempt.sha, log_message)) {
      attempt.problem = ref + " moved while codegate was running";
      return attempt;
    }
    if (checked_out) git::checkout_files(input.repo, files);
  } catch (const ToolError& e) {
    attempt.problem = e.what();
    return attempt;
  }
  attempt.ok = true;
  std::string where = ref.empty()     ? "no branch (none points at the analysed commit " + short_sha(head_sha) + ")"
                      : ref == "HEAD" ? std::string("the detached HEAD")
                                      : "branch " + ref.substr(std::string_view("refs/heads/").size());
  out.commit_sha = attempt.sha;
  out.notes.push_back("refine: committed " + short_sha(attempt.sha) + " on top of " + short_sha(head_sha) + " (" +
                      plural(fixed_total(fixes), "finding", "findings") + " fixed); moved " + where);
  return attempt;
}

} // namespace

std::string patch_text(const std::vector<FileFix>& fixes) {
  std::string text;
  for (const FileFix* fix : sorted(fixes)) text += git::unified_patch(fix->path, fix->original, fix->revised);
  return text;
}

std::string fix_commit_message(const std::vector<FileFix>& fixes, const std::vector<Finding>& findings) {
  std::size_t total = fixed_total(fixes);
  std::string subject = "codegate: fix " + plural(total, "finding", "findings") + " in " +
                        (fixes.size() == 1 ? fixes.front().path : plural(fixes.size(), "file", "files"));
  std::string body =
      "Revised by the codegate refine loop and verified with the same Pylint, Bandit and\n"
      "intent checks; every revision removes failing findings and adds none.\n\n";
  for (const FileFix* fix : sorted(fixes)) {
    std::set<std::string> fixed(fix->fixed_fingerprints.begin(), fix->fixed_fingerprints.end());
    for (const auto& f : findings) {
      if (f.path != fix->path || fixed.count(f.fingerprint) == 0) continue;
      body += "- " + f.path + ":" + std::to_string(f.line) + " " + f.tool + " " + f.rule_id;
      if (!f.rule_name.empty() && f.rule_name != f.rule_id) body += " " + f.rule_name;
      if (!f.fix_status.empty()) body += " (" + f.fix_status + ")";
      body += "\n";
    }
  }
  return subject + "\n\n" + body + "\n" + std::string(k_refined_trailer) + ": true\n";
}

DeliveryOutcome deliver(const std::vector<FileFix>& fixes, FixMode mode, const DeliveryInput& input) {
  DeliveryOutcome out;
  out.mode = mode;
  if (fixes.empty()) return out;
  if (mode == FixMode::patch) {
    write_patch(fixes, input, out);
  } else if (mode == FixMode::apply) {
    apply_to_worktree(fixes, input, out);
  } else if (mode == FixMode::commit) {
    CommitAttempt attempt = make_commit(fixes, input, "", out);
    if (!attempt.ok) {
      out.notes.push_back("refine: no commit made: " + attempt.problem + "; writing a patch instead");
      util::warn("refine: no commit made: " + attempt.problem);
      write_patch(fixes, input, out);
    } else {
      out.mode = FixMode::commit;
    }
  } else if (mode == FixMode::push) {
    auto fall_back = [&](const std::string& why) {
      out.notes.push_back("refine: not pushed: " + why + "; the fixes are offered as suggestions instead");
      util::warn("refine: not pushed: " + why);
      out.mode = FixMode::suggest;
    };
    if (!input.push_target) {
      fall_back("no push target was given");
      return out;
    }
    const git::PushTarget& target = *input.push_target;
    if (!target.impossible.empty()) {
      fall_back(target.impossible);
      return out;
    }
    CommitAttempt attempt = make_commit(fixes, input, target.branch, out);
    if (!attempt.ok) {
      fall_back("no commit made: " + attempt.problem);
      return out;
    }
    git::PushRequest request{target.remote, attempt.sha, target.branch, input.changes.head_sha, target.credentials};
    git::PushOutcome pushed = git::push_commit(input.repo, request);
    if (pushed.status != git::PushStatus::pushed) {
      fall_back(pushed.message + " (commit " + short_sha(attempt.sha) + " stays in the local repository)");
      return out;
    }
    out.mode = FixMode::push;
    out.notes.push_back("refine: " + pushed.message + " (branch from " + target.branch_source + ")");
  } else if (mode == FixMode::suggest) {
    out.notes.push_back("refine: " + plural(fixes.size(), "revised file is", "revised files are") +
                        " offered as suggestions");
  }
  return out;
}

} // namespace codegate::refine
