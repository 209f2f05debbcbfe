#include "pipeline/revisions_from_ci.h"

#include "core/error.h"
#include "util/log.h"

namespace codegate {

CheckOptions with_ci_revisions(CheckOptions options, const git::Repository& repo, const ci::CiRevisions& ci) {
  if (options.staged || (!options.base.empty() && !options.head.empty())) return options;
  if (ci.base.empty() && ci.head.empty()) return options;

  bool took = false;
  if (options.head.empty() && !ci.head.empty()) {
    if (repo.resolve_commit(ci.head)) {
      options.head = ci.head;
      took = true;
    } else {
      util::warn("the head commit " + ci.head.substr(0, 12) + " of " + ci.origin +
                 " is not in this clone; checking HEAD instead (actions/checkout: fetch-depth: 0)");
    }
  }
  if (options.base.empty() && !ci.base.empty()) {
    if (!ci.base_may_be_gone && !ci.fetch_hint.empty() && !repo.resolve_commit(ci.base)) {
      throw UsageError("the base " + ci.base + " named by " + ci.origin + " is not in this clone; " + ci.fetch_hint +
                       ", or pass --base REV");
    }
    if (ci.base_may_be_gone && !repo.resolve_commit(ci.base)) {
      util::warn("the previous tip " + ci.base.substr(0, 12) + " named by " + ci.origin +
                 " is not in this clone (a force push, or a shallow clone); comparing against the default base");
    } else {
      options.base = ci.base;
      took = true;
    }
  }
  if (took) util::progress("revisions from " + ci.origin);
  return options;
}

} // namespace codegate
