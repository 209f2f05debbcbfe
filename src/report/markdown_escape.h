#pragma once
// Escaping for text from tools, files and the LLM that goes into Markdown the pull request's
// author can influence (comments, summaries).

#include <string>
#include <string_view>

namespace codegate {

// Backslash-escapes markup characters (so no message or file name becomes a link, image, HTML,
// emphasis or an @-mention), drops control characters, repairs invalid UTF-8, and joins lines with
// `line_separator` ("<br>" inside a table cell, "\n" in running text).
std::string escape_markdown(std::string_view text, std::string_view line_separator = "\n");

} // namespace codegate
