#include "analyzers/pylint/pylint_pragmas.h"

#include <array>
#include <limits>
#include <set>

#include "util/strings.h"

namespace codegate {
namespace {

// Pylint's pragma keywords, longest first as its regular expression tries them.
constexpr std::array<std::string_view, 7> k_keywords = {"disable-next", "disable-all", "disable-msg", "enable-msg",
                                                        "skip-file",    "disable",     "enable"};

// What a disable may name that switches off codegate's view of suppressions: every message
// (`all`, which Pylint never reports as suppressed), I0020 itself by id or name, its category and
// the checker that holds it. Compared in lower case: blanking one Pylint would not honour costs
// nothing.
const std::set<std::string, std::less<>> k_blinding_messages = {"all", "i0020", "suppressed-message", "main", "i"};

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_message_char(char c) { return is_word(c) || c == '-'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }

struct Token {
  enum class Kind { keyword, message, assign } kind;
  std::size_t at; // offset in the line
  std::size_t size;
  std::string_view text;
};

// Pylint's TOK_REGEX over one pragma's text (`text` starts at `offset` in its line): at each
// position a keyword (whole word), else a message string of two or more characters, else `=`,
// else a category letter with optional digits; anything else is skipped.
std::vector<Token> tokenize(std::string_view text, std::size_t offset) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    bool boundary_before = i == 0 || !is_word(text[i - 1]);
    bool matched = false;
    if (boundary_before) {
      for (std::string_view keyword : k_keywords) {
        if (text.compare(i, keyword.size(), keyword) != 0) continue;
        std::size_t end = i + keyword.size();
        if (end < text.size() && is_word(text[end])) continue;
        tokens.push_back({Token::Kind::keyword, offset + i, keyword.size(), text.substr(i, keyword.size())});
        i = end;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    std::size_t end = i;
    while (end < text.size() && is_message_char(text[end])) ++end;
    if (end - i >= 2) {
      tokens.push_back({Token::Kind::message, offset + i, end - i, text.substr(i, end - i)});
      i = end;
    } else if (text[i] == '=') {
      tokens.push_back({Token::Kind::assign, offset + i, 1, text.substr(i, 1)});
      ++i;
    } else if (std::string_view("CREIWF").find(text[i]) != std::string_view::npos) {
      end = i + 1;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) != 0) ++end;
      tokens.push_back({Token::Kind::message, offset + i, end - i, text.substr(i, end - i)});
      i = end;
    } else {
      ++i;
    }
  }
  return tokens;
}

// One keyword with the messages after it, as parse_pragma groups them.
struct Action {
  const Token* keyword;
  std::vector<const Token*> assigns;
  std::vector<const Token*> messages;
};

std::vector<Action> group(const std::vector<Token>& tokens) {
  std::vector<Action> actions;
  for (const auto& token : tokens) {
    if (token.kind == Token::Kind::keyword) {
      actions.push_back({&token, {}, {}});
    } else if (!actions.empty()) {
      (token.kind == Token::Kind::assign ? actions.back().assigns : actions.back().messages).push_back(&token);
    }
  }
  return actions;
}

bool atomic(std::string_view action) { return action == "skip-file" || action == "disable-all"; }
bool disables(std::string_view action) {
  return action == "disable" || action == "disable-next" || action == "disable-msg";
}
bool blinding_message(std::string_view message) { return k_blinding_messages.count(util::to_lower(message)) != 0; }

// Each `pylint:` pragma on a line: the offset of the text after "pylint:" and its blanks, and the
// text up to the next ';', '#' or the line's end. Pylint wants a '#' before it on the line and no
// word character right before "pylint".
struct PragmaText {
  std::size_t colon;
  std::size_t at;
  std::string_view text;
};

std::vector<PragmaText> pragmas_on(std::string_view line) {
  std::vector<PragmaText> out;
  std::size_t hash = line.find('#');
  if (hash == std::string_view::npos) return out;
  constexpr std::string_view marker = "pylint:";
  for (std::size_t at = line.find(marker, hash); at != std::string_view::npos; at = line.find(marker, at + 1)) {
    if (at > 0 && is_word(line[at - 1])) continue;
    std::size_t start = at + marker.size();
    while (start < line.size() && is_blank(line[start])) ++start;
    std::size_t end = start;
    while (end < line.size() && line[end] != ';' && line[end] != '#' && line[end] != '\n') ++end;
    out.push_back({at + marker.size() - 1, start, line.substr(start, end - start)});
  }
  return out;
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

bool blank_or_comment(std::string_view line) {
  auto text = util::trim(line);
  return text.empty() || text.front() == '#';
}

} // namespace

std::vector<BlindingPragma> find_blinding_pragmas(std::string_view source) {
  std::vector<BlindingPragma> found;
  auto lines = util::split_lines(source);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    for (const auto& pragma : pragmas_on(line)) {
      auto tokens = tokenize(pragma.text, pragma.at);
      for (const auto& action : group(tokens)) {
        std::string_view keyword = action.keyword->text;
        BlindingPragma blinding;
        bool all = false, blinds = atomic(keyword);
        for (const Token* message : action.messages) {
          blinding.messages.push_back(util::to_lower(message->text));
          if (disables(keyword) && blinding_message(message->text)) {
            blinds = true;
            all = all || util::to_lower(message->text) == "all";
          }
        }
        if (!blinds) continue;
        std::string_view code = line.substr(0, line.find('#'));
        blinding.line = static_cast<int>(n + 1);
        blinding.action = std::string(keyword);
        blinding.everything = atomic(keyword) || all;
        blinding.own_line = util::trim(code).empty();
        blinding.indent = indent_of(line);
        auto trimmed = util::trim(code);
        blinding.opens_block = !trimmed.empty() && trimmed.back() == ':';
        blinding.whole_file =
            atomic(keyword) || (all && keyword != "disable-next" && blinding.own_line && blinding.indent == 0);
        found.push_back(std::move(blinding));
      }
    }
  }
  return found;
}

std::optional<std::string> neutralize_blinding_pragmas(std::string_view source) {
  // Cheap test first: almost no file has a pragma at all.
  if (source.find("pylint:") == std::string_view::npos) return std::nullopt;
  std::string out(source);
  bool changed = false;
  for (auto line : util::split_lines(source)) {
    const auto line_start = static_cast<std::size_t>(line.data() - source.data());
    auto blank = [&](std::size_t at, std::size_t size) {
      for (std::size_t i = 0; i < size; ++i) out[line_start + at + i] = ' ';
      changed = true;
    };
    for (const auto& pragma : pragmas_on(line)) {
      auto tokens = tokenize(pragma.text, pragma.at);
      auto actions = group(tokens);
      std::size_t kept = 0;
      for (const auto& action : actions) {
        std::string_view keyword = action.keyword->text;
        if (atomic(keyword)) {
          blank(action.keyword->at, action.keyword->size);
          continue;
        }
        std::size_t messages = action.messages.size();
        if (disables(keyword)) {
          for (const Token* message : action.messages) {
            if (!blinding_message(message->text)) continue;
            blank(message->at, message->size);
            --messages;
          }
        }
        if (messages == 0 && !action.messages.empty()) {
          // Nothing left to disable: the keyword goes too (a keyword without messages is a bad pragma).
          blank(action.keyword->at, action.keyword->size);
          for (const Token* assign : action.assigns) blank(assign->at, assign->size);
          continue;
        }
        ++kept;
      }
      // A pragma left with no keyword would be an unrecognized one (an error of Pylint's own):
      // "pylint " instead of "pylint:" makes it an ordinary comment.
      if (kept == 0 && !actions.empty() && changed) out[line_start + pragma.colon] = ' ';
    }
  }
  if (!changed) return std::nullopt;
  return out;
}

LineRange covered_lines(const BlindingPragma& pragma, std::string_view source) {
  constexpr int k_end = std::numeric_limits<int>::max();
  if (pragma.action == "skip-file" || pragma.action == "disable-all") return {1, k_end};
  if (pragma.action == "disable-next") return {pragma.line + 1, pragma.line + 1};
  if (pragma.own_line && pragma.indent == 0) return {pragma.line, k_end};
  if (!pragma.own_line && !pragma.opens_block) return {pragma.line, pragma.line};
  // The block: an own-line pragma's to where the code dedents below it, or the block a trailing
  // pragma's line opens, to where the code dedents back to that line.
  auto lines = util::split_lines(source);
  std::size_t line_indent = pragma.indent;
  int last = pragma.line;
  for (std::size_t n = static_cast<std::size_t>(pragma.line); n < lines.size(); ++n) {
    if (blank_or_comment(lines[n])) continue;
    std::size_t indent = indent_of(lines[n]);
    if (pragma.own_line ? indent < line_indent : indent <= line_indent) break;
    last = static_cast<int>(n + 1);
  }
  return {pragma.line, last};
}

} // namespace codegate
