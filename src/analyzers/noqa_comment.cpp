#include "analyzers/noqa_comment.h"

#include <algorithm>
#include <cctype>

#include "util/strings.h"

namespace codegate {
namespace {

bool is_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

} // namespace

std::vector<std::string> listed_codes(std::string_view rest) {
  std::vector<std::string> codes;
  std::size_t i = 0;
  while (i < rest.size() && rest[i] != '#') {
    if (!is_id_char(rest[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < rest.size() && is_id_char(rest[i])) ++i;
    codes.emplace_back(rest.substr(start, i - start));
  }
  return codes;
}

std::optional<std::string> covering_noqa_code(std::string_view line, std::string_view code, bool bare_covers_all) {
  std::string folded = util::to_lower(line);
  for (auto at = folded.find("noqa"); at != std::string::npos; at = folded.find("noqa", at + 4)) {
    auto hash = folded.rfind('#', at);
    if (hash == std::string::npos || util::trim(std::string_view(folded).substr(hash + 1, at - hash - 1)) != "")
      continue; // "# noqa" only, as Ruff and flake8 read it
    std::string_view rest = line.substr(at + 4);
    auto start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos || rest[start] != ':') {
      if (!bare_covers_all) continue; // a bare noqa names no code
      return std::string(util::trim(line.substr(hash)));
    }
    auto codes = listed_codes(rest.substr(start + 1));
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) continue;
    return std::string(util::trim(line.substr(hash)));
  }
  return std::nullopt;
}

} // namespace codegate
