#include "git/push.h"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <string_view>

#include "git/handles.h"
#include "util/strings.h"

// libgit2 1.8 moved git_error_clear to the sys headers (Debian 13 ships 1.9, Debian 12 1.5).
#if LIBGIT2_VER_MAJOR > 1 || (LIBGIT2_VER_MAJOR == 1 && LIBGIT2_VER_MINOR >= 8)
#include <git2/sys/errors.h>
#endif

namespace codegate::git {
namespace {

// What the callbacks share with push_commit.
struct PushSession {
  const PushRequest* request = nullptr;
  int credential_requests = 0;
  bool credentials_missing = false;
  git_oid expected{};
  std::string negotiated_remote; // the remote's oid of the branch as the push saw it
  bool moved_at_push = false;
  std::string refused;         // the remote's reason for refusing the update
  std::string insecure_remote; // set: credentials were withheld from this http:// URL
  std::string callback_reason; // why a callback stopped the operation, when it did
};

bool is_https(std::string_view url) {
  constexpr std::string_view k_scheme = "https://";
  return url.size() >= k_scheme.size() && std::equal(k_scheme.begin(), k_scheme.end(), url.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

int provide_credentials(git_credential** out, const char* url, const char* /*username_from_url*/,
                        unsigned int allowed_types, void* payload) {
  auto* session = static_cast<PushSession*>(payload);
  const auto& credentials = session->request->credentials;
  if (!credentials || (allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT) == 0) {
    session->credentials_missing = true;
    return GIT_EUSER;
  }
  if (!is_https(url != nullptr ? url : "") && !credentials->allow_plain_http) {
    session->insecure_remote = url != nullptr ? url : "";
    return GIT_EUSER;
  }
  // libgit2 asks again after the server refused the first answer; asking forever would loop.
  if (++session->credential_requests > 1) {
    session->callback_reason = "the remote asked for credentials again after refusing them";
    return GIT_EUSER;
  }
  return git_credential_userpass_plaintext_new(out, credentials->username.c_str(), credentials->token.c_str());
}

// The push's own view of the remote branch, on the connection that sends the update: the check
// of the remote tip and the update cannot be separated by another push.
int negotiate(const git_push_update** updates, std::size_t count, void* payload) {
  auto* session = static_cast<PushSession*>(payload);
  for (std::size_t i = 0; i < count; ++i) {
    session->negotiated_remote = oid_to_string(updates[i]->src);
    if (!git_oid_equal(&updates[i]->src, &session->expected)) {
      session->moved_at_push = true;
      return GIT_EUSER;
    }
  }
  return 0;
}

int record_update(const char* refname, const char* status, void* payload) {
  auto* session = static_cast<PushSession*>(payload);
  if (status != nullptr) session->refused = std::string(refname) + ": " + status;
  return 0;
}

git_remote_callbacks callbacks_for(PushSession& session) {
  git_remote_callbacks callbacks;
  git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION);
  callbacks.credentials = provide_credentials;
  callbacks.push_negotiation = negotiate;
  callbacks.push_update_reference = record_update;
  callbacks.payload = &session;
  return callbacks;
}

std::string short_sha(const std::string& sha) { return sha.substr(0, 7); }

// refs/codegate/push-<pid>-<n> at a commit for the life of the object.
class TemporaryRef {
public:
  TemporaryRef(const Repository& repo, const std::string& sha) {
    static std::atomic<int> counter{0};
    name_ = "refs/codegate/push-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    git_oid oid;
    check(git_oid_fromstr(&oid, sha.c_str()), "bad commit id '" + sha + "'");
    git_reference* raw = nullptr;
    check(git_reference_create(&raw, repo.raw(), name_.c_str(), &oid, 1, "codegate: push"), "cannot create " + name_);
    ref_.reset(raw);
  }
  ~TemporaryRef() {
    if (ref_) git_reference_delete(ref_.get());
  }
  TemporaryRef(const TemporaryRef&) = delete;
  TemporaryRef& operator=(const TemporaryRef&) = delete;
  const std::string& name() const { return name_; }

private:
  std::string name_;
  ReferenceHandle ref_;
};

bool looks_like_auth_failure(const std::string& message) {
  std::string lower = util::to_lower(message);
  for (const char* word : {"401", "403", "authentication", "unauthorized", "permission", "forbidden", "denied"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

// `connecting`: the failure came while connecting, where a refused token shows.
PushOutcome auth_or_failure(const PushSession& session, const std::string& where, const std::string& what,
                            bool connecting) {
  // The callbacks' own reasons first: libgit2 reports a callback's GIT_EUSER with whatever error
  // it last recorded, which may be stale (a config lookup that found nothing).
  if (!session.insecure_remote.empty()) {
    std::string url = display_url(session.insecure_remote);
    auto path = url.find('/', url.find("://") + 3);
    return {PushStatus::auth_failed, "refusing to send credentials to " + url.substr(0, path) + ": use an https remote",
            ""};
  }
  std::string error = session.callback_reason.empty() ? last_error() : session.callback_reason;
  const auto& credentials = session.request->credentials;
  if (session.credentials_missing)
    return {PushStatus::auth_failed,
            where + " asks for credentials and none are set (CODEGATE_PUSH_TOKEN, GITHUB_TOKEN or GITLAB_TOKEN)", ""};
  // Credentials were handed over and the exchange still failed: the server refused them or
  // what they allow (a read-only token), whatever words the transport found for it.
  if ((connecting && session.credential_requests > 0) || session.credential_requests > 1 ||
      looks_like_auth_failure(error))
    return {PushStatus::auth_failed,
            where + " refused the credentials" + (credentials ? " from " + credentials->source : std::string()) +
                " (read-only token or no access): " + error,
            ""};
  return {PushStatus::failed, "cannot " + what + " " + where + ": " + error, ""};
}

} // namespace

std::string display_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto host_start = scheme + 3;
  auto slash = url.find('/', host_start);
  auto at = url.rfind('@', slash == std::string::npos ? std::string::npos : slash);
  if (at == std::string::npos || at < host_start) return url;
  return url.substr(0, host_start) + url.substr(at + 1);
}

PushOutcome push_commit(const Repository& repo, const PushRequest& request) {
  std::string refname = "refs/heads/" + request.branch;
  int valid = 0;
  if (request.branch.empty() || git_reference_name_is_valid(&valid, refname.c_str()) < 0 || !valid)
    return {PushStatus::failed, "'" + request.branch + "' is not a valid branch name", ""};

  git_remote* raw = nullptr;
  if (git_remote_lookup(&raw, repo.raw(), request.remote.c_str()) != 0 &&
      git_remote_create_anonymous(&raw, repo.raw(), request.remote.c_str()) != 0)
    return {PushStatus::failed, "no remote '" + request.remote + "': " + last_error(), ""};
  RemoteHandle remote(raw);
  const char* url = git_remote_url(remote.get());
  std::string where = request.remote + " (" + display_url(url != nullptr ? url : "") + ")";

  PushSession session;
  session.request = &request;
  if (git_oid_fromstr(&session.expected, request.expected_sha.c_str()) != 0)
    return {PushStatus::failed, "bad commit id '" + request.expected_sha + "'", ""};
  git_remote_callbacks callbacks = callbacks_for(session);

  // Read the branch tip first, on a push connection: a moved branch is the common case worth a
  // clear message, and it costs no upload.
  git_error_clear(); // what last_error() says after a failure must come from this push
  if (git_remote_connect(remote.get(), GIT_DIRECTION_PUSH, &callbacks, nullptr, nullptr) != 0)
    return auth_or_failure(session, where, "connect to", true);
  const RemoteConnection connection(remote.get());
  const git_remote_head** heads = nullptr;
  std::size_t count = 0;
  std::string remote_sha;
  if (git_remote_ls(&heads, &count, remote.get()) != 0) {
    return auth_or_failure(session, where, "list the branches of", true);
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (refname == heads[i]->name) remote_sha = oid_to_string(heads[i]->oid);
  }
  if (remote_sha.empty()) {
    return {PushStatus::remote_moved,
            "the branch '" + request.branch + "' does not exist on " + where + "; nothing was pushed", ""};
  }
  if (remote_sha != request.expected_sha) {
    return {PushStatus::remote_moved,
            request.remote + "/" + request.branch + " points at " + short_sha(remote_sha) +
                ", not at the analysed commit " + short_sha(request.expected_sha) +
                ": the branch has moved since the analysis; nothing was pushed (codegate never force-pushes)",
            remote_sha};
  }

  // libgit2 pushes from a reference, not a bare commit id: a private one stands in for the
  // commit while the push runs.
  std::optional<TemporaryRef> source;
  try {
    source.emplace(repo, request.commit_sha);
  } catch (const std::exception& e) {
    return {PushStatus::failed, e.what(), remote_sha};
  }
  std::string spec = source->name() + ":" + refname; // no '+': never a forced update
  char* specs[] = {spec.data()};
  git_strarray refspecs{specs, 1};
  git_push_options options;
  git_push_options_init(&options, GIT_PUSH_OPTIONS_VERSION);
  options.callbacks = callbacks;
  git_error_clear();
  int rc = git_remote_push(remote.get(), &refspecs, &options);
  if (session.moved_at_push || rc == GIT_ENONFASTFORWARD) {
    std::string now = session.negotiated_remote.empty() ? remote_sha : session.negotiated_remote;
    return {PushStatus::remote_moved,
            request.remote + "/" + request.branch + " moved to " + short_sha(now) +
                " while codegate was pushing; nothing was pushed (codegate never force-pushes)",
            now};
  }
  if (rc != 0) {
    PushOutcome outcome = auth_or_failure(session, where, "push to", false);
    outcome.remote_sha = remote_sha;
    return outcome;
  }
  if (!session.refused.empty())
    return {PushStatus::rejected, where + " refused the update of " + session.refused, remote_sha};
  return {PushStatus::pushed,
          "pushed " + short_sha(request.commit_sha) + " to " + request.remote + "/" + request.branch, remote_sha};
}

} // namespace codegate::git
