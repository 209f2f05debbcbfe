#include "pipeline/line_agreement.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "util/strings.h"

namespace codegate {
namespace {

// Encodings under which every byte below 0x80 is the ASCII character and every byte from 0x80 up
// is part of a character that is neither a line end nor ASCII, so Python's lines and comments are
// git's (names as Python normalises them: lower case, '-' for '_').
bool keeps_lines(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '_' || c == ' ' ? '-' : static_cast<char>(std::tolower(c));
  });
  for (std::string_view exact : {"utf-8", "utf8", "u8", "utf-8-sig", "ascii", "us-ascii", "646", "latin-1", "latin1",
                                 "l1", "iso-latin-1", "cp819"})
    if (name == exact) return true;
  for (std::string_view family : {"iso-8859-", "iso8859-", "cp125", "windows-125"}) {
    if (name.size() <= family.size() || name.compare(0, family.size(), family) != 0) continue;
    std::string_view rest = std::string_view(name).substr(family.size());
    if (std::all_of(rest.begin(), rest.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) return true;
  }
  return false;
}

// Python's PEP 263 rule (tokenize.detect_encoding): `coding[:=]NAME` in a comment on the first
// line, or on the second when the first is blank or a comment.
std::optional<std::string> declared_encoding(std::string_view content) {
  auto lines = util::split_lines(content.substr(0, 4096));
  auto blank_or_comment = [](std::string_view line) {
    auto start = line.find_first_not_of(" \t\f");
    return start == std::string_view::npos || line[start] == '#';
  };
  for (std::size_t n = 0; n < std::min<std::size_t>(lines.size(), 2); ++n) {
    std::string_view line = lines[n];
    if (n == 0 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    auto start = line.find_first_not_of(" \t\f");
    if (start != std::string_view::npos && line[start] == '#') {
      for (auto at = line.find("coding", start); at != std::string_view::npos; at = line.find("coding", at + 1)) {
        std::size_t i = at + 6;
        if (i >= line.size() || (line[i] != ':' && line[i] != '=')) continue;
        ++i;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t end = i;
        while (end < line.size() &&
               (std::isalnum(static_cast<unsigned char>(line[end])) != 0 || line[end] == '-' || line[end] == '_' ||
                line[end] == '.'))
          ++end;
        if (end > i) return std::string(line.substr(i, end - i));
      }
    }
    if (!blank_or_comment(line)) break;
  }
  return std::nullopt;
}

int line_of(std::string_view content, std::size_t offset) {
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

} // namespace

std::optional<std::string> line_disagreement(std::string_view path, std::string_view content) {
  if (util::to_valid_utf8(path) != path) {
    return "its name is not valid UTF-8, so the paths Pylint and Bandit print for it (with U+FFFD for the bad "
           "bytes) would name no changed file. Rename it to a UTF-8 name.";
  }
  if (auto nul = content.find('\0'); nul != std::string_view::npos) {
    return "line " + std::to_string(line_of(content, nul)) +
           " holds a NUL byte: git calls the file binary and Python will not compile it, so the gate cannot "
           "check it. Save it as UTF-8 text.";
  }
  for (auto cr = content.find('\r'); cr != std::string_view::npos; cr = content.find('\r', cr + 1)) {
    if (cr + 1 < content.size() && content[cr + 1] == '\n') continue;
    return "line " + std::to_string(line_of(content, cr)) +
           " holds a carriage return that no line feed follows: Python ends a line there and git does not, so "
           "the tools' line numbers would not be the diff's. Save it with \\n (or \\r\\n) line endings.";
  }
  if (auto encoding = declared_encoding(content); encoding && !keeps_lines(*encoding)) {
    return "it declares the source encoding '" + util::to_valid_utf8(*encoding) +
           "', under which Python's lines are not the ones git diffs, so the tools' line numbers could not be "
           "matched to the change. Save it as UTF-8 (and drop the coding line).";
  }
  return std::nullopt;
}

} // namespace codegate
