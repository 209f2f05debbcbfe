#include "refine/answer.h"

#include <algorithm>
#include <cctype>

#include "util/strings.h"

namespace codegate::refine {
namespace {

std::string lower(std::string_view text) { return util::to_lower(text); }

// An opening or closing fence: up to three spaces, then three or more of one fence character.
struct Fence {
  char mark = 0;
  std::size_t length = 0;
  std::string rest; // what follows the fence characters, trimmed
};

std::optional<Fence> parse_fence(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3 || indent >= line.size()) return std::nullopt;
  char mark = line[indent];
  if (mark != '`' && mark != '~') return std::nullopt;
  std::size_t end = indent;
  while (end < line.size() && line[end] == mark) ++end;
  std::size_t length = end - indent;
  if (length < 3) return std::nullopt;
  std::string rest(util::trim(line.substr(end)));
  // CommonMark: a backtick fence's info string cannot contain a backtick.
  if (mark == '`' && rest.find('`') != std::string::npos) return std::nullopt;
  return Fence{mark, length, rest};
}

bool is_python_language(const std::string& word) {
  return word.empty() || word == "python" || word == "py" || word == "python3" || word == "py3";
}

std::string first_word(const std::string& text) {
  auto space = text.find_first_of(" \t");
  return space == std::string::npos ? text : text.substr(0, space);
}

bool looks_like_path(std::string_view text) {
  if (text.empty() || text.find(' ') != std::string_view::npos) return false;
  auto ends_with = [&](std::string_view suffix) {
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
  };
  return ends_with(".py") || ends_with(".pyi");
}

// `named` refers to `path` when it is the path, ends with "/" + the path's tail, or is its file name.
bool names_path(std::string_view named, const std::string& path) {
  std::string clean(named);
  while (util::starts_with(clean, "./")) clean.erase(0, 2);
  for (const char* prefix : {"a/", "b/"}) {
    if (util::starts_with(clean, prefix) && clean.substr(2) == path) return true;
  }
  if (clean == path) return true;
  auto slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (clean == base) return true;
  return clean.size() > path.size() && clean.compare(clean.size() - path.size(), path.size(), path) == 0 &&
         clean[clean.size() - path.size() - 1] == '/';
}

// A path the block announces for itself, if any: after the language in the info string, or on a
// leading comment line.
std::optional<std::string> announced_path(const FencedBlock& block) {
  std::string info(util::trim(block.info));
  auto space = info.find_first_of(" \t");
  if (space != std::string::npos) {
    std::string rest(util::trim(std::string_view(info).substr(space)));
    for (const char* key : {"title=", "file=", "filename=", "path="}) {
      if (util::starts_with(rest, key)) rest = rest.substr(std::string_view(key).size());
    }
    if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front())
      rest = rest.substr(1, rest.size() - 2);
    if (looks_like_path(rest)) return rest;
  }
  auto lines = util::split_lines(block.code);
  if (lines.empty()) return std::nullopt;
  std::string_view first = util::trim(lines.front());
  if (!util::starts_with(first, "#") || util::starts_with(first, "#!")) return std::nullopt;
  std::string comment(util::trim(first.substr(1)));
  std::string lowered = lower(comment);
  for (const char* key : {"file:", "filename:", "path:"}) {
    if (util::starts_with(lowered, key))
      comment = std::string(util::trim(std::string_view(comment).substr(std::string_view(key).size())));
  }
  if (looks_like_path(comment)) return comment;
  return std::nullopt;
}

} // namespace

std::vector<FencedBlock> fenced_blocks(std::string_view text) {
  std::vector<FencedBlock> blocks;
  std::optional<Fence> open; // set while inside blocks.back()
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto fence = parse_fence(line);
    if (!open) {
      if (fence) {
        open = fence;
        blocks.push_back(FencedBlock{fence->rest, "", false});
      }
      continue;
    }
    if (fence && fence->mark == open->mark && fence->length >= open->length && fence->rest.empty()) {
      blocks.back().closed = true;
      open.reset();
      continue;
    }
    blocks.back().code.append(line);
    blocks.back().code += '\n';
  }
  return blocks;
}

ExtractedRevision extract_revision(std::string_view answer, const std::string& path) {
  std::vector<const FencedBlock*> python;
  auto blocks = fenced_blocks(answer);
  for (const auto& block : blocks) {
    if (is_python_language(lower(first_word(block.info)))) python.push_back(&block);
  }
  ExtractedRevision out;
  if (python.empty()) {
    out.problem = "the answer has no ```python block";
    return out;
  }
  if (python.size() > 1) {
    out.problem = "the answer has " + std::to_string(python.size()) +
                  " Python code blocks; only the one revised file " + path + " may change";
    out.other_file = true;
    return out;
  }
  const FencedBlock& block = *python.front();
  if (auto named = announced_path(block); named && !names_path(*named, path)) {
    out.problem = "the answer's code block is for " + *named + ", not " + path + "; only " + path + " may change";
    out.other_file = true;
    return out;
  }
  if (!block.closed) {
    out.problem = "the answer's code block is not closed (the answer was cut off)";
    return out;
  }
  if (util::trim(block.code).empty()) {
    out.problem = "the answer's code block is empty";
    return out;
  }
  out.code = block.code;
  return out;
}

} // namespace codegate::refine
