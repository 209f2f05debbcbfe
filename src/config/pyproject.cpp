// The TOML table becomes the YAML text .codegate.yml is read from, so both files go through the
// one validation in config.cpp (the same keys, ranges and messages). The YAML is written one
// value to a line, and every token's TOML position is recorded, so an error yaml-cpp places in
// the generated text is reported at the line and column of pyproject.toml that holds the value.

#include "config/pyproject.h"

#include <toml++/toml.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "core/error.h"

namespace codegate {
namespace {

struct Anchor {
  int yaml_column; // 0-based column in the generated line where the token starts
  int line;        // 1-based position in pyproject.toml
  int column;
};

class YamlText {
public:
  void token(const std::string& text, const toml::source_region& where, const toml::source_region& fallback) {
    const auto& region = where.begin.line > 0 ? where : fallback;
    lines_.back().push_back({static_cast<int>(current_.size()), static_cast<int>(region.begin.line),
                             static_cast<int>(region.begin.column)});
    current_ += text;
  }
  void punctuation(const std::string& text) { current_ += text; }
  void newline() {
    text_ += current_ + "\n";
    current_.clear();
    lines_.emplace_back();
  }
  std::string finish() {
    newline();
    return text_;
  }

  // The TOML position of YAML position (line, column), both 0-based as yaml-cpp marks are.
  std::pair<int, int> position(int line, int column) const {
    if (line < 0 || static_cast<std::size_t>(line) >= lines_.size()) return {0, 0};
    const Anchor* best = nullptr;
    for (const auto& anchor : lines_[static_cast<std::size_t>(line)])
      if (best == nullptr || anchor.yaml_column <= column) best = &anchor;
    return best ? std::pair{best->line, best->column} : std::pair{0, 0};
  }

private:
  std::string text_;
  std::string current_;
  std::vector<std::vector<Anchor>> lines_{1};
};

// A YAML double-quoted scalar: every character that is not printable ASCII escaped (TOML text is
// valid UTF-8, which YAML takes as it is above 0x7F).
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02X", byte);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string scalar(const toml::node& node) {
  if (auto s = node.as_string()) return quoted(s->get());
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
  if (auto f = node.as_floating_point()) {
    double value = f->get();
    if (std::isnan(value)) return ".nan";
    if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
  }
  // Dates and times: no codegate key takes one, so they arrive as text the validation rejects
  // where a number or a choice is expected.
  std::ostringstream text;
  node.visit([&text](const auto& value) { text << value; });
  return quoted(text.str());
}

void write(YamlText& yaml, const toml::node& node, const toml::source_region& fallback) {
  if (auto table = node.as_table()) {
    yaml.token("{", node.source(), fallback);
    bool first = true;
    for (auto&& [key, value] : *table) {
      yaml.punctuation(first ? "" : ",");
      first = false;
      yaml.newline();
      yaml.token(quoted(key.str()), key.source(), fallback);
      yaml.punctuation(": ");
      write(yaml, value, key.source());
    }
    yaml.newline();
    yaml.punctuation("}");
  } else if (auto array = node.as_array()) {
    yaml.token("[", node.source(), fallback);
    bool first = true;
    for (const auto& item : *array) {
      yaml.punctuation(first ? "" : ",");
      first = false;
      yaml.newline();
      write(yaml, item, node.source().begin.line > 0 ? node.source() : fallback);
    }
    yaml.newline();
    yaml.punctuation("]");
  } else {
    yaml.token(scalar(node), node.source(), fallback);
  }
}

std::string at(const std::string& name, int line, int column) {
  return line > 0 ? name + ":" + std::to_string(line) + ":" + std::to_string(column) : name;
}

// Deeper than any configuration needs, and far inside what toml++ (whose parser and tables
// recurse), the converter above and yaml-cpp can take on any stack.
constexpr int k_max_nesting = 64;

// Rejects, before toml++ sees the text, a key of more parts (`a.b.c`, in a header or before `=`)
// or arrays and inline tables nested deeper than k_max_nesting: a 15,000-part dotted key or a
// 100,000-deep table overflows the stack. Values cannot look like long keys: a run of unquoted
// words joined by dots outside strings and comments is at most two parts in any TOML value (a
// float, a date), so counting every such run bounds the keys without parsing them.
} // namespace

void check_toml_nesting(std::string_view text, const std::string& name) {
  int line = 1, column = 1;
  int token_line = 1, token_column = 1; // where the token being read starts
  int depth = 0, parts = 0;
  bool after_dot = false;
  auto fail = [&](const std::string& what) {
    throw UsageError(at(name, token_line, token_column) + ": " + what + " (codegate reads at most " +
                     std::to_string(k_max_nesting) + " levels)");
  };
  auto advance = [&](std::size_t& i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  };
  auto word = [&]() {
    parts = after_dot ? parts + 1 : 1;
    after_dot = false;
    if (parts > k_max_nesting) fail("a dotted key of more than " + std::to_string(k_max_nesting) + " parts");
  };
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    token_line = line;
    token_column = column;
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') advance(i);
      continue;
    }
    if (c == '"' || c == '\'') {
      bool multi = text.substr(i, 3) == std::string(3, c);
      std::size_t quote = multi ? 3 : 1;
      for (std::size_t k = 0; k < quote; ++k) advance(i);
      while (i < text.size()) {
        if (c == '"' && text[i] == '\\' && i + 1 < text.size()) {
          advance(i);
          advance(i);
          continue;
        }
        if (text.substr(i, quote) == std::string(quote, c)) break;
        if (!multi && text[i] == '\n') break; // unterminated: toml++ says so
        advance(i);
      }
      for (std::size_t k = 0; k < quote && i < text.size() && text[i] == c; ++k) advance(i);
      word();
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-') {
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_' ||
                                 text[i] == '-' || text[i] == '+' || text[i] == ':'))
        advance(i);
      word();
      continue;
    }
    if (c == '.') {
      after_dot = true;
    } else if (c != ' ' && c != '\t') {
      parts = 0;
      after_dot = false;
      if (c == '[' || c == '{') {
        if (++depth > k_max_nesting) fail("arrays or tables nested deeper than " + std::to_string(k_max_nesting));
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      }
    }
    advance(i);
  }
}

bool mentions_codegate_table(const std::string& text) { return text.find("codegate") != std::string::npos; }

std::optional<Config> parse_pyproject_config(const std::string& text, const std::string& name) {
  check_toml_nesting(text, name);
  toml::table document;
  try {
    document = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw UsageError(at(name, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)) +
                     ": invalid TOML: " + std::string(e.description()));
  }
  const toml::node* tool = document.get("tool");
  const toml::node* table = tool && tool->is_table() ? tool->as_table()->get("codegate") : nullptr;
  if (table == nullptr) return std::nullopt;
  if (!table->is_table()) {
    throw UsageError(at(name, static_cast<int>(table->source().begin.line),
                        static_cast<int>(table->source().begin.column)) +
                     ": 'tool.codegate' must be a table");
  }
  YamlText yaml;
  write(yaml, *table, table->source());
  std::string converted = yaml.finish();
  Config config = parse_config(converted, name, [&yaml, &name](int line, int column) {
    auto [toml_line, toml_column] = yaml.position(line, column);
    return at(name, toml_line, toml_column);
  });
  config.source = name;
  return config;
}

} // namespace codegate
