#pragma once
// The comments that silence a Bandit test in the source. Bandit runs with `--ignore-nosec`, and
// codegate finds the comment itself, so every suppressed finding stays in the model with the
// comment that hid it (the gate decides what a suppression may do: core/policies.h).

#include <optional>
#include <string>
#include <string_view>

namespace codegate {

// The `# nosec` comment on `line` when it covers the Bandit test: a bare `# nosec` covers every
// test (Bandit 1.6 and 1.7); `# nosec B602, B603` (Bandit 1.7's form) covers only the tests it
// names, by id or by name. nullopt when the line has no covering comment.
std::optional<std::string> covering_nosec(std::string_view line, const std::string& test_id,
                                          const std::string& test_name);

// The `# noqa: S<nnn>` comment on `line` when it names the Bandit test B<nnn>: Ruff's and
// flake8-bandit's codes for Bandit's tests keep Bandit's numbers (S307 is B307, S602 is B602).
// A bare `# noqa` is not a Bandit suppression: it names no test.
std::optional<std::string> covering_noqa(std::string_view line, const std::string& test_id);

} // namespace codegate
