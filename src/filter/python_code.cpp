#include "filter/python_code.h"

#include "util/strings.h"

namespace codegate {

std::string python_code(std::string_view text) {
  std::string code;
  code.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '#') {
      // To the line's end as Python reads it: a lone \r ends a line too, so code after it stays code.
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
      continue;
    }
    if (c != '"' && c != '\'') {
      code += c;
      ++i;
      continue;
    }
    bool triple = text.substr(i, 3) == std::string(3, c);
    std::size_t quote_size = triple ? 3 : 1;
    code.append(text.substr(i, quote_size));
    i += quote_size;
    while (i < text.size()) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        code.append(text.substr(i, 2));
        i += 2;
        continue;
      }
      if (!triple && (text[i] == '\n' || text[i] == '\r')) break; // not closed on its line: code again from here
      if (text[i] == c && (!triple || text.substr(i, 3) == std::string(3, c))) {
        code.append(text.substr(i, quote_size));
        i += quote_size;
        break;
      }
      code += text[i++];
    }
  }
  return util::squeeze_whitespace(code);
}

} // namespace codegate
