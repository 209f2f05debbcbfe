#include "git/handles.h"

#include "core/error.h"

namespace codegate::git {

std::string last_error() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown error";
}

void check(int rc, const std::string& what) {
  if (rc < 0) throw ToolError(what + ": " + last_error());
}

Library::Library() {
  git_libgit2_init();
  // The gate reads repositories it did not create (a CI workspace owned by another user). It never
  // runs hooks or filters from them, so git's safe.directory ownership check protects nothing here.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

Library::~Library() { git_libgit2_shutdown(); }

} // namespace codegate::git
