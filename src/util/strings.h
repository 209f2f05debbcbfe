#pragma once
// Small string helpers with no codegate knowledge.

#include <string>
#include <string_view>
#include <vector>

namespace codegate::util {

std::vector<std::string_view> split_lines(std::string_view text); // "\n" or "\r\n"; no trailing empty line
std::string_view trim(std::string_view text);
// The parts between `separator`s, empty ones left out ("a..b." -> {"a", "b"}).
std::vector<std::string> split_nonempty(std::string_view text, char separator);
bool starts_with(std::string_view text, std::string_view prefix);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// "1 unit", "3 units": the count and the word for it.
std::string plural(std::size_t count, std::string_view one, std::string_view many);
// ASCII lower case (names and keywords, not prose).
std::string to_lower(std::string_view text);
// `text` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);
// Collapses every run of white space to one space and drops it at both ends.
std::string squeeze_whitespace(std::string_view text);
// `text` with every byte but [A-Za-z0-9._-] replaced by '_', cut to `max_length`: a portable file name part.
std::string file_name_part(std::string_view text, std::size_t max_length);
// A Markdown code fence longer than any backtick run in `text`, so the content cannot close it.
std::string fence_for(std::string_view text);
// Replaces bytes that are not valid UTF-8 with U+FFFD so JSON and SARIF stay valid.
std::string to_valid_utf8(std::string_view text);
// At most `bytes` bytes of `text` that hold `around` (a byte offset), starting up to a third of
// `bytes` before it, neither end inside a UTF-8 sequence; `text` itself when it fits.
std::string_view window_utf8(std::string_view text, std::size_t around, std::size_t bytes);

} // namespace codegate::util
