#pragma once
// How an experiment is run. `thesis` (the default) follows the CodeEnhancer thesis as written:
// every row of a data set (its `<language>` is the target, Python), every Bandit finding is a
// vulnerability and is fed back, the functional check reads the whole file against its module
// docstring, syntax errors are refined, the repair prompt carries the task. `gate` measures the
// gate as a team runs it: its thresholds, its per-unit intent check, rows of other languages
// skipped, a file that does not parse ends its sample.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate::eval {

enum class EvalProfile { thesis, gate };
// The generation prompt of the thesis's preliminary experiment: the task as written (`plain`), or
// the same with an explicit request for secure code (`secure`).
enum class PromptStyle { plain, secure };

std::string_view to_string(EvalProfile profile);
std::optional<EvalProfile> parse_eval_profile(std::string_view text);
std::vector<std::string> eval_profile_names();

std::string_view to_string(PromptStyle style);
std::optional<PromptStyle> parse_prompt_style(std::string_view text);
std::vector<std::string> prompt_style_names();

} // namespace codegate::eval
