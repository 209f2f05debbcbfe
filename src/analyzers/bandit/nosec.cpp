#include "analyzers/bandit/nosec.h"

#include <algorithm>
#include <cctype>

#include "analyzers/noqa_comment.h"
#include "util/strings.h"

namespace codegate {
namespace {

bool is_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

} // namespace

std::optional<std::string> covering_nosec(std::string_view line, const std::string& test_id,
                                          const std::string& test_name) {
  // Bandit looks for "#nosec" or "# nosec" in the line's comment; so does this.
  for (std::string_view marker : {"#nosec", "# nosec"}) {
    std::size_t at = line.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.substr(at + marker.size());
    if (!rest.empty() && is_id_char(rest.front())) continue; // "# nosecurity" is not a nosec
    auto tests = listed_codes(rest);
    bool covers = tests.empty() || std::find(tests.begin(), tests.end(), test_id) != tests.end() ||
                  std::find(tests.begin(), tests.end(), test_name) != tests.end();
    if (!covers) return std::nullopt;
    return std::string(util::trim(line.substr(at)));
  }
  return std::nullopt;
}

std::optional<std::string> covering_noqa(std::string_view line, const std::string& test_id) {
  if (test_id.size() < 2 || test_id.front() != 'B') return std::nullopt;
  return covering_noqa_code(line, "S" + test_id.substr(1), false); // a bare noqa names no test
}

} // namespace codegate
