#pragma once
// Pylint's inference errors on an expression that a guard around it narrows. Pylint does not
// narrow: under `if self.hook is not None and self.hook(error)` it still infers `self.hook` from its
// `None` default and reports E1102 not-callable (flask #5899), and under `if attrs.has(foo):`, a
// TypeGuard, it still infers `foo` without the attributes attrs adds and reports E1101 no-member
// (attrs c5baf90d). Such a finding stays, as an advisory note with the guard's line, and cannot
// fail the gate. The same finding without a guard keeps failing: a member or a function that does
// not exist is what written code gets wrong.
//
// Which guard explains which error (the guards themselves: analyzers/narrowing.h):
// - E1101 no-member `x.a`: a type guard on `x` or a dotted prefix of it, or hasattr(x, "a"). A
//   test that `x` is not None does not: Pylint never reports a member missing from None.
// - E1102 not-callable `x`, E1133, E1135, E1136, E1137, E1138 (the value Pylint names): a test that
//   `x` is not None, or a type guard on `x` or a prefix of it.
// - E1120, E1121, E1123, E1124, E1125 (a call's arguments against the callee's signature): a type
//   guard on the callee or a prefix of it (`isinstance(shape, Circle)`, then `shape.area(2)`).
// The expression comes from Pylint's message where it names one, else from the source at the
// finding's span; one that is not a dotted name (`f().a`) is never guarded.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzers/narrowing.h"
#include "core/finding.h"

namespace codegate {

// The rule ids this applies to.
bool is_guardable_inference_error(const Finding& finding);

// E1120, E1121, E1123, E1124, E1125: a call's arguments judged against the callee's signature.
bool is_call_argument_error(const Finding& finding);

// The callee of such a finding's call as written ("asyncio_run", "self.run"); empty when the
// finding is not one or the callee is not a dotted name.
std::string judged_callee(const Finding& finding, const std::string& source);

// The narrowing that explains `finding` in its file's `source` (with the file's `narrowings`);
// nullopt: none does, or the finding is not a guardable inference error.
std::optional<Narrowing> explaining_narrowing(const Finding& finding, const std::string& source,
                                              const std::vector<Narrowing>& narrowings);

// Sets Finding::advisory (and the note level) on the guarded inference errors. `narrowings` asks
// for the narrowings of the files that have a candidate (AnalyzedTree::narrowings).
void mark_guarded_inference(
    std::vector<Finding>& findings, const std::map<std::string, std::string>& sources,
    const std::function<std::map<std::string, std::vector<Narrowing>>(const std::set<std::string>&)>& narrowings);

} // namespace codegate
