#pragma once
// The GitHub Actions event that started a run (the webhook payload at GITHUB_EVENT_PATH): which
// pull request, and which commits the change spans.

#include <optional>
#include <string>
#include <string_view>

#include "ci/ci_environment.h"

namespace codegate::ci {

struct GithubEvent {
  std::string name;                // GITHUB_EVENT_NAME: pull_request, pull_request_target, push...
  std::optional<int> pull_request; // the pull request's number, for events about one
  std::string base_sha;            // pull_request.base.sha (merge_group.base_sha)
  std::string head_sha;            // pull_request.head.sha (merge_group.head_sha)
  std::string before;              // push: the branch tip before the push (all zeros: new branch)
  std::string after;               // push: the branch tip after the push
  std::string base_repository;     // "owner/name" the pull request targets
  std::string head_repository;     // "owner/name" the pull request comes from

  // A pull request from a fork: the pull_request event's token is read-only there.
  bool from_fork() const { return !head_repository.empty() && head_repository != base_repository; }
};

// Parses a payload; nullopt with `error` set when it is not a JSON object. Missing members stay
// empty (GitHub sends null for many of them, a pull request's body among them).
std::optional<GithubEvent> parse_github_event(std::string_view event_name, std::string_view json, std::string& error);

// The event of this run from GITHUB_EVENT_NAME and GITHUB_EVENT_PATH; nullopt outside GitHub
// Actions, and with a warning when the file cannot be read or parsed.
std::optional<GithubEvent> load_github_event(const EnvLookup& env);

// True for a 40-hex commit id made of zeros: GitHub's and GitLab's "no commit" (a new branch).
bool is_null_sha(std::string_view sha);

} // namespace codegate::ci
