#include "analyzers/pylint/pyflakes_mirrors.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace codegate {
namespace {

constexpr std::pair<std::string_view, std::string_view> k_mirrors[] = {
    {"E0102", "F811"}, // function-redefined: redefined-while-unused
    {"E0104", "F706"}, // return-outside-function
    {"E0105", "F704"}, // yield-outside-function
    {"E0602", "F821"}, // undefined-variable: undefined-name
    {"E0603", "F822"}, // undefined-all-variable: undefined-export
    {"W0401", "F403"}, // wildcard-import: undefined-local-with-import-star
    {"W0404", "F811"}, // reimported: redefined-while-unused
    {"W0611", "F401"}, // unused-import
    {"W0612", "F841"}, // unused-variable
    {"W1309", "F541"}, // f-string-without-interpolation: f-string-missing-placeholders
};

} // namespace

const RuffRule* ruff_rule_for_pylint(std::string_view message_id) {
  auto mirror = std::find_if(std::begin(k_mirrors), std::end(k_mirrors),
                             [&](const auto& pair) { return pair.first == message_id; });
  return mirror == std::end(k_mirrors) ? nullptr : ruff_rule_named(mirror->second);
}

} // namespace codegate
