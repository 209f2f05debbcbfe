#include "intent/docstring.h"

#include <algorithm>
#include <regex>
#include <vector>

#include "util/strings.h"

namespace codegate::intent {
namespace {

enum class Field { none, input_prompt, intention, functionality };

// Group 1: the field name; group 2: text on the same line. The separator is required unless the
// line holds nothing but the name, so prose such as "Functionality is limited" stays prose.
const std::regex& header_pattern() {
  static const std::regex pattern(
      R"(^\s*(?:[-*+#>]+\s*)?(?:\*\*|__)?\s*(input[ _-]?prompt|intention|functionality)\s*(?:\*\*|__)?\s*(?:(?:[:\-]|\xE2\x80\x93|\xE2\x80\x94)\s*(?:\*\*|__)?\s*(.*)|$))",
      std::regex::icase | std::regex::ECMAScript);
  return pattern;
}

Field field_of(std::string name) {
  name = util::to_lower(name);
  if (name.rfind("input", 0) == 0) return Field::input_prompt;
  if (name == "intention") return Field::intention;
  return Field::functionality;
}

// Drops the indentation all non-blank lines share, and blank lines at either end.
std::string dedent(const std::vector<std::string>& lines) {
  std::size_t common = std::string::npos;
  for (const auto& line : lines) {
    if (util::trim(line).empty()) continue;
    common = std::min(common, line.find_first_not_of(" \t"));
  }
  std::size_t first = 0;
  std::size_t last = lines.size();
  while (first < last && util::trim(lines[first]).empty()) ++first;
  while (last > first && util::trim(lines[last - 1]).empty()) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += '\n';
    const std::string& line = lines[i];
    if (util::trim(line).empty()) continue;
    out += line.substr(common);
  }
  return out;
}

// One field: the text on its header line, then the lines below it.
struct FieldText {
  std::vector<std::string> parts; // one per occurrence of the field
  std::string head;
  std::vector<std::string> body;

  void start(std::string text) {
    finish();
    head = std::move(text);
  }
  void finish() {
    std::string body_text = dedent(body);
    std::string joined = head.empty() ? body_text : body_text.empty() ? head : head + "\n" + body_text;
    if (!joined.empty()) parts.push_back(joined);
    head.clear();
    body.clear();
  }
  std::string text() {
    finish();
    return util::join(parts, "\n\n");
  }
};

std::string strip_trailing_emphasis(std::string text) {
  text = std::string(util::trim(text));
  for (const char* mark : {"**", "__"}) {
    if (text.size() >= 2 && text.compare(text.size() - 2, 2, mark) == 0)
      text = std::string(util::trim(text.substr(0, text.size() - 2)));
  }
  return text;
}

} // namespace

StructuredDocstring parse_docstring(std::string_view docstring) {
  StructuredDocstring result;
  std::vector<std::string> other;
  FieldText fields[4];
  Field current = Field::none;
  for (auto view : util::split_lines(docstring)) {
    std::string line(view);
    std::smatch match;
    if (std::regex_match(line, match, header_pattern())) {
      current = field_of(match[1].str());
      result.structured = true;
      fields[static_cast<int>(current)].start(match[2].matched ? strip_trailing_emphasis(match[2].str()) : "");
      continue;
    }
    if (current == Field::none)
      other.push_back(line);
    else
      fields[static_cast<int>(current)].body.push_back(line);
  }
  if (!result.structured) {
    result.other = std::string(util::trim(docstring));
    return result;
  }
  result.other = dedent(other);
  result.input_prompt = fields[static_cast<int>(Field::input_prompt)].text();
  result.intention = fields[static_cast<int>(Field::intention)].text();
  result.functionality = fields[static_cast<int>(Field::functionality)].text();
  return result;
}

} // namespace codegate::intent
