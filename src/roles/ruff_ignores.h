#pragma once
// The rules a project's Ruff configuration ignores: `lint.ignore` everywhere, `lint.per-file-ignores`
// and `lint.extend-per-file-ignores` for the files a pattern matches (and Ruff's older top-level
// forms of each). These are the maintainers' decisions about their files; the pipeline applies
// them to the findings of the tools Ruff mirrors (pipeline/ruff_ignores.h). Read from the trusted
// source only (roles/project_settings.h), never from the change.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate::roles {

// A rule selector, as Ruff reads one: a code ("S603"), a prefix of codes ("S6", "S"), a rule's
// name ("subprocess-without-shell-equals-true"), or "ALL".
struct RuffPerFileIgnore {
  std::string setting; // "lint.per-file-ignores", as written in the file
  std::string pattern; // "scripts/**"; a leading '!' matches the files the rest does not
  std::vector<std::string> selectors;
};

struct RuffIgnores {
  std::string source;              // "pyproject.toml [tool.ruff]", "ruff.toml"
  std::vector<std::string> ignore; // lint.ignore and lint.extend-ignore
  std::vector<std::string> select; // lint.select and lint.extend-select: a more specific one wins over ignore
  std::vector<RuffPerFileIgnore> per_file;
};

// How specifically `selector` selects the rule `code` (`name`): 0 when it does not select it, else
// greater the more specific it is ("ALL" < "S" < "S6" < "S603" = the rule's name), as Ruff decides
// between `select` and `ignore`.
int ruff_selector_specificity(std::string_view selector, std::string_view code, std::string_view name);

// Whether Ruff's per-file-ignores `pattern` (a glob whose `*` crosses '/', with `{a,b}`, matched
// against the path and against the file name; "!" negates) matches `path`.
bool ruff_pattern_matches(std::string_view pattern, std::string_view path);

// The setting that ignores the rule `code` (`name`) in `path` ("lint.ignore", or
// `lint.per-file-ignores "scripts/**"`); nullopt when Ruff would report it there.
std::optional<std::string> ruff_ignoring_setting(const RuffIgnores& ignores, const std::string& path,
                                                 std::string_view code, std::string_view name);

} // namespace codegate::roles
