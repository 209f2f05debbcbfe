#include "roles/settings_files.h"

#include <cctype>

#include "util/strings.h"

namespace codegate::roles {

std::optional<std::string> read_settings_file(const git::Snapshot& source, const std::string& path) {
  auto content = source.read(path);
  if (!content || content->size() > k_max_settings_bytes) return std::nullopt;
  return content;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    std::size_t start = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

std::vector<std::string> toml_words(const toml::node* node) {
  std::vector<std::string> out;
  if (node == nullptr) return out;
  if (auto text = node->value<std::string>()) return words(*text);
  if (auto array = node->as_array()) {
    for (const auto& item : *array)
      if (auto text = item.value<std::string>()) out.push_back(*text);
  }
  return out;
}

std::optional<std::map<std::string, std::string>> ini_section(const std::string& text, const std::string& section) {
  std::optional<std::map<std::string, std::string>> out;
  bool inside = false;
  std::string key;
  for (auto raw : util::split_lines(text)) {
    std::string_view line = raw;
    auto trimmed = util::trim(line);
    if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == ';') continue;
    if (trimmed.front() == '[') {
      inside = trimmed == "[" + section + "]";
      if (inside && !out) out.emplace();
      key.clear();
      continue;
    }
    if (!inside) continue;
    if (std::isspace(static_cast<unsigned char>(line.front())) != 0 && !key.empty()) {
      (*out)[key] += " " + std::string(trimmed);
      continue;
    }
    auto equals = trimmed.find_first_of("=:");
    if (equals == std::string_view::npos) continue;
    key = std::string(util::trim(trimmed.substr(0, equals)));
    (*out)[key] = std::string(util::trim(trimmed.substr(equals + 1)));
  }
  return out;
}

} // namespace codegate::roles
