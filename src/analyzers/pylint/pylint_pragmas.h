#pragma once
// The `# pylint:` pragmas that would blind the gate, and the bytes Pylint reads instead.
//
// codegate sees what a pragma hides because Pylint, run with `suppressed-message`, reports each
// hidden message as I0020. Some pragmas switch that observation off: `skip-file` and
// `disable-all` (the whole file is skipped), `all` (Pylint reports nothing it hides under it), and
// a disable of `suppressed-message`, `I0020`, the `I` category or the `main` checker that holds
// them. Pylint therefore reads each checked file with those keywords and messages blanked out of
// its pragmas (same length, same lines: every finding keeps its line and column), and codegate
// itself gives the findings that `all` or `skip-file` would have hidden their suppression, so they
// are counted and, when the change added the pragma, reported as its suppression. A pragma that
// takes a whole file out of Pylint (`skip-file`, `disable-all`, a `disable=all` at module level)
// is also a finding of its own (Pylint's I0013 file-ignored), which fails the gate when the change
// adds it: the change cannot make the gate skip a file.
//
// Pragmas are found as Pylint finds them (pylint/utils/pragma_parser.py: "pylint:" after a "#" up to
// the next ";", "#" or end of line, its keywords and messages), on every line: a "#" inside a string
// counts too, which only ever blanks more than Pylint would honour, never less.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate {

// One keyword of a pragma that blinds the gate, with what it covers.
struct BlindingPragma {
  int line = 0;                      // 1-based
  std::string action;                // "skip-file", "disable-all", "disable", "disable-next", "disable-msg"
  bool everything = false;           // skip-file, disable-all, or `all` among its messages
  bool own_line = false;             // nothing but blanks before the comment
  std::size_t indent = 0;            // blanks before the line's first character
  bool opens_block = false;          // the code before the comment ends with ':'
  bool whole_file = false;           // skip-file, disable-all, or `disable=all` on its own line at module level
  std::vector<std::string> messages; // the messages it names (lower case)
};

// Every pragma keyword in `source` that blinds the gate, in line order.
std::vector<BlindingPragma> find_blinding_pragmas(std::string_view source);

// `source` with the blinding keywords and messages blanked out of its pragmas, or nullopt when it
// has none. Lines and their lengths are kept.
std::optional<std::string> neutralize_blinding_pragmas(std::string_view source);

// The lines (1-based, first to last inclusive) a blinding pragma covers in `source`, as Pylint
// scopes it: the whole file (from the pragma on, for a module-level disable), the block an own-line
// pragma stands in, its own line (and the block it opens) for a trailing one, the next line for
// disable-next. Lines between the block's end and the next statement may be included: what it
// covers is counted as suppressed, never hidden unseen.
struct LineRange {
  int first = 0;
  int last = 0;
};
LineRange covered_lines(const BlindingPragma& pragma, std::string_view source);

} // namespace codegate
