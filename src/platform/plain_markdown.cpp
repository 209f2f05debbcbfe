#include "platform/plain_markdown.h"

#include <array>
#include <utility>

#include "util/strings.h"

namespace codegate::platform {
namespace {

constexpr std::string_view k_comment_open = "<!-- ";
constexpr std::string_view k_comment_close = " -->";
constexpr std::string_view k_reference_open = "[//]: # (";

// codegate's own tags and what they become.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_tags = {{
    {"<details><summary>", "**"},
    {"</summary>", "**"},
    {"</details>", ""},
    {"<sub>", ""},
    {"</sub>", ""},
    {"<br>", " · "},
}};

// A run of three or more backticks that opens or closes a fence; 0 when the line is none.
std::size_t fence_length(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '`') ++n;
  return n >= 3 ? n : 0;
}

// An odd number of backslashes right before `at` escapes the character there.
bool escaped(std::string_view line, std::size_t at) {
  std::size_t slashes = 0;
  while (at > slashes && line[at - slashes - 1] == '\\') ++slashes;
  return slashes % 2 == 1;
}

std::string plain_line(std::string_view line) {
  if (util::starts_with(line, k_comment_open) && line.size() >= k_comment_open.size() + k_comment_close.size() &&
      line.substr(line.size() - k_comment_close.size()) == k_comment_close) {
    std::string_view inner =
        line.substr(k_comment_open.size(), line.size() - k_comment_open.size() - k_comment_close.size());
    if (inner.find_first_of("()") == std::string_view::npos)
      return std::string(k_reference_open) + std::string(inner) + ")";
  }
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    bool replaced = false;
    if (line[i] == '<' && !escaped(line, i)) {
      for (const auto& [tag, plain] : k_tags) {
        if (line.substr(i, tag.size()) == tag) {
          out += plain;
          i += tag.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += line[i++];
  }
  return out;
}

} // namespace

std::string plain_markdown(std::string_view body) {
  std::string out;
  std::size_t open_fence = 0;
  for (const auto& line : util::split_lines(body)) {
    if (std::size_t fence = fence_length(line)) {
      if (open_fence == 0)
        open_fence = fence;
      else if (fence >= open_fence && util::trim(line).size() == fence)
        open_fence = 0;
      out += line;
    } else {
      out += open_fence != 0 ? std::string(line) : plain_line(line);
    }
    out += '\n';
  }
  if (!body.empty() && body.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

std::string restore_markers(std::string_view body) {
  std::string out;
  for (const auto& line : util::split_lines(body)) {
    std::string_view view = line;
    if (util::starts_with(view, k_reference_open) && !view.empty() && view.back() == ')')
      out += std::string(k_comment_open) +
             std::string(view.substr(k_reference_open.size(), view.size() - k_reference_open.size() - 1)) +
             std::string(k_comment_close);
    else
      out += line;
    out += '\n';
  }
  if (!body.empty() && body.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

} // namespace codegate::platform
