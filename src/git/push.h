#pragma once
// Pushes one commit to one branch of a remote with libgit2: never a force push, and only when the
// remote branch still points where the caller expects (the commit the gate analysed).

#include <optional>
#include <string>

#include "git/repository.h"

namespace codegate::git {

// HTTPS basic credentials: a CI token with the user name its host expects.
struct PushCredentials {
  std::string username; // "x-access-token" (GitHub), "oauth2" (GitLab)
  std::string token;
  std::string source; // the environment variable it came from, for messages (never the token)
  // Credentials go only to https:// remotes: over http:// Basic auth carries the token in clear.
  // Only the integration tests' local git server sets this (ci/push_target.h).
  bool allow_plain_http = false;
};

struct PushTarget {
  std::string remote = "origin"; // CODEGATE_PUSH_REMOTE, else origin
  std::string branch;            // empty: no branch could be told
  std::string branch_source;     // where the branch name came from, for messages
  std::optional<git::PushCredentials> credentials;
  std::string impossible; // set: why a push cannot work here (the fallback's reason)
};

struct PushRequest {
  std::string remote = "origin";              // a configured remote's name, or a URL or path
  std::string commit_sha;                     // what to push
  std::string branch;                         // the remote branch, without refs/heads/
  std::string expected_sha;                   // the remote branch must point here; anything else: nothing is pushed
  std::optional<PushCredentials> credentials; // asked for only when the remote wants them
};

enum class PushStatus {
  pushed,
  remote_moved, // the branch points elsewhere (or is gone): somebody pushed since the analysis
  rejected,     // the remote refused the update (protected branch, hook)
  auth_failed,  // no credentials, or they were refused or lack write access
  failed,       // anything else: network, bad remote name
};

struct PushOutcome {
  PushStatus status = PushStatus::failed;
  std::string message;    // one line for the report; never holds a token
  std::string remote_sha; // where the remote branch pointed when it was read (empty: unknown or absent)
};

// Reports every problem in the outcome; throws nothing for network, auth or remote trouble.
PushOutcome push_commit(const Repository& repo, const PushRequest& request);

// A remote URL fit for a message: any user:password@ part removed.
std::string display_url(const std::string& url);

} // namespace codegate::git
