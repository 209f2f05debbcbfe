#include "platform/log_commands.h"

#include <array>
#include <cctype>

namespace codegate::platform {
namespace {

// "##vso[" in any case: the agent does not insist on lower case.
bool azure_prefix_at(std::string_view text, std::size_t i) {
  constexpr std::string_view k_prefix = "##vso[";
  if (text.size() - i < k_prefix.size()) return false;
  for (std::size_t k = 0; k < k_prefix.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(text[i + k])) != k_prefix[k]) return false;
  return true;
}

// The length of the white space .NET's String.TrimStart() removes at `i` (ASCII's and, in UTF-8,
// Unicode's White_Space characters), 0 when there is none.
std::size_t white_space_at(std::string_view text, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f) return 1;
  static constexpr std::array<std::string_view, 18> k_unicode = {
      "\xc2\x85",     "\xc2\xa0",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82",
      "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88",
      "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f"};
  for (std::string_view space : k_unicode)
    if (text.compare(i, space.size(), space) == 0) return space.size();
  if (text.compare(i, 3, "\xe3\x80\x80") == 0) return 3; // U+3000
  return 0;
}

std::string neutralize(std::string_view text, bool lines) {
  std::string out;
  out.reserve(text.size());
  bool line_start = lines; // and only white space since
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (azure_prefix_at(text, i)) {
      out.append(text.substr(i, 5)).append(" [");
      i += 5;
      line_start = false;
      continue;
    }
    if (text.compare(i, 3, "##[") == 0) {
      out += "## [";
      i += 2;
      line_start = false;
      continue;
    }
    if (line_start && text.compare(i, 2, "::") == 0) {
      out += ": :";
      i += 1;
      line_start = false;
      continue;
    }
    if (text[i] == '\n' || text[i] == '\r') {
      out += text[i];
      line_start = lines;
      continue;
    }
    if (std::size_t space = line_start ? white_space_at(text, i) : 0; space > 0) {
      out.append(text.substr(i, space));
      i += space - 1;
      continue;
    }
    out += text[i];
    line_start = false;
  }
  return out;
}

} // namespace

std::string neutralize_log_commands(std::string_view text) { return neutralize(text, true); }

std::string neutralize_inline_commands(std::string_view text) { return neutralize(text, false); }

} // namespace codegate::platform
