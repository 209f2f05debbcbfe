#pragma once
// Bandit's B310 ("Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is
// often unexpected.") on a urlopen, urlretrieve or Request whose URL has a fixed http(s) scheme:
// a literal ("https://..."), an f-string or concatenation that starts with one, or a name the
// file binds once, by such an assignment (pipx: `urlopen(GITHUB_API_URL)` with
// `GITHUB_API_URL: Final[str] = "https://api.github.com/..."`). The scheme the test asks about
// cannot vary there, and Ruff's S310, which mirrors B310, reads such a URL the same way and
// does not report it: a project that selects Ruff's S rules has been told so. Such a finding
// is left out and counted in a note with its places, never silently. The lines come from the
// Python source index (python/source_index.h), which resolves no name in a file that can rebind
// one behind the parser (globals(), setattr, exec).

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/finding.h"

namespace codegate {

// Removes the B310 findings on the lines `fixed_lines` gives for their files (asked only for the
// files that have one, and only when there is one) and adds one note naming them.
void leave_out_fixed_scheme_url_opens(
    std::vector<Finding>& findings,
    const std::function<std::map<std::string, std::vector<int>>(const std::set<std::string>&)>& fixed_lines,
    std::vector<std::string>& notes);

} // namespace codegate
