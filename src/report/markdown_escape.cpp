#include "report/markdown_escape.h"

#include "util/strings.h"

namespace codegate {

std::string escape_markdown(std::string_view text, std::string_view line_separator) {
  std::string valid = util::to_valid_utf8(text);
  std::string out;
  auto lines = util::split_lines(valid);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out += line_separator;
    for (char c : lines[i]) {
      switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
        case '!':
        case '#':
        case '&':
        case '@':
          out += '\\';
          out += c;
          break;
        case '\t': out += ' '; break;
        default:
          if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
      }
    }
  }
  return out;
}

} // namespace codegate
