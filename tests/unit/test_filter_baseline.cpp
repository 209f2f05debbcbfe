// The baseline's two questions (filter/baseline.h): which selected findings the base already had,
// at the same or a higher level and where they could fail; and which findings off the change's
// lines the change caused. Also the head line -> base line map they rest on (core/change_set.h).
#include <doctest/doctest.h>

#include "filter/baseline.h"
#include "filter/diff_filter.h"

using namespace codegate;

namespace {

Finding finding(const std::string& rule, const std::string& path, int line, const std::string& snippet) {
  Finding f;
  f.tool = "bandit";
  f.rule_id = rule;
  f.tool_severity = "HIGH";
  f.confidence = "HIGH";
  f.level = Level::error;
  f.path = path;
  f.line = line;
  f.snippet = snippet;
  f.unit = "run";
  f.message = "subprocess call with shell=True identified, security issue.";
  return f;
}

ChangedFile changed(const std::string& path, std::set<int> added, std::set<int> deleted,
                    const std::string& old_path = "") {
  ChangedFile file;
  file.path = path;
  file.old_path = old_path.empty() ? path : old_path;
  file.status = old_path.empty() || old_path == path ? ChangeStatus::modified : ChangeStatus::renamed;
  file.added_lines = added;
  file.context_lines = added;
  file.deleted_lines = deleted;
  file.removed_lines = static_cast<int>(deleted.size());
  return file;
}

ChangeSet change_of(std::vector<ChangedFile> files) {
  ChangeSet changes;
  changes.files = std::move(files);
  std::sort(changes.files.begin(), changes.files.end(),
            [](const ChangedFile& a, const ChangedFile& b) { return a.path < b.path; });
  return changes;
}

bool always(const Finding&) { return true; }

const std::string k_shell = "subprocess.call(cmd, shell=True)\n";

} // namespace

TEST_CASE("a kept head line maps to the base line it was") {
  // base: 1 a, 2 b (deleted), 3 c, 4 d, 5 e (deleted), 6 f; head: 1 a, 2 NEW, 3 c, 4 d, 5 NEW, 6 NEW, 7 f
  ChangedFile file = changed("x.py", {2, 5, 6}, {2, 5});
  CHECK(base_line_of(file, 1) == 1);
  CHECK_FALSE(base_line_of(file, 2));
  CHECK(base_line_of(file, 3) == 3);
  CHECK(base_line_of(file, 4) == 4);
  CHECK(base_line_of(file, 7) == 6);
  // Only deletions: head 1..3 were base 1, 3, 4 (line 2 deleted).
  ChangedFile deletion = changed("y.py", {}, {2});
  CHECK(base_line_of(deletion, 1) == 1);
  CHECK(base_line_of(deletion, 2) == 3);
  CHECK(base_line_of(deletion, 3) == 4);
  // Deletions at the top: head 1 was base 4.
  CHECK(base_line_of(changed("z.py", {}, {1, 2, 3}), 1) == 4);
  // A pure rename: the same lines.
  CHECK(base_line_of(changed("new.py", {}, {}, "old.py"), 9) == 9);
}

TEST_CASE("a failing finding off the added lines that the base did not have is caused by the change") {
  // `import os` deleted from line 1: the undefined name on the kept line 4 (base line 5) is new.
  Baseline baseline({finding("B101", "app.py", 9, "assert x\n")});
  ChangeSet changes = change_of({changed("app.py", {}, {1})});
  std::vector<Finding> head = {finding("E0602", "app.py", 4, "os.getcwd()\n")};
  annotate(head, changes, FilterMode::added);
  REQUIRE_FALSE(head[0].filter.selected);
  CHECK(baseline.mark(head, changes, always) == 0);
  CHECK(head[0].filter.selected);
  CHECK(head[0].filter.reported);
  CHECK(head[0].filter.caused_by_change);
  CHECK(head[0].filter.new_because == "caused by the change: the base had no such finding (line 5 of app.py)");

  // Not one that would fail (the predicate says so): left alone.
  std::vector<Finding> quiet = {finding("E0602", "app.py", 4, "os.getcwd()\n")};
  annotate(quiet, changes, FilterMode::added);
  baseline.mark(quiet, changes, [](const Finding&) { return false; });
  CHECK_FALSE(quiet[0].filter.selected);
  CHECK(quiet[0].filter.new_because.empty());
}

TEST_CASE("a finding off the added lines that the base had on the same line stays old") {
  // Two lines added above: head line 7 was base line 5, where the base had the same finding.
  Finding old = finding("B602", "app.py", 5, k_shell);
  old.unit = "renamed_since"; // the key differs (the function was renamed); the line still says it is old
  Baseline baseline({old});
  ChangeSet changes = change_of({changed("app.py", {1, 2}, {})});
  std::vector<Finding> head = {finding("B602", "app.py", 7, k_shell)};
  annotate(head, changes, FilterMode::added);
  baseline.mark(head, changes, always);
  CHECK_FALSE(head[0].filter.selected);
  CHECK_FALSE(head[0].filter.caused_by_change);

  // On another line of the base, with another key: not the same finding.
  Finding elsewhere = old;
  elsewhere.line = 6;
  Baseline other({elsewhere});
  std::vector<Finding> again = {finding("B602", "app.py", 7, k_shell)};
  annotate(again, changes, FilterMode::added);
  other.mark(again, changes, always);
  CHECK(again[0].filter.caused_by_change);
}

TEST_CASE("a finding off the added lines whose code the base had elsewhere (moved) is old") {
  Baseline baseline({finding("B602", "other.py", 30, k_shell)});
  ChangeSet changes = change_of({changed("app.py", {}, {3})});
  std::vector<Finding> head = {finding("B602", "app.py", 7, k_shell)};
  annotate(head, changes, FilterMode::added);
  baseline.mark(head, changes, always);
  CHECK_FALSE(head[0].filter.selected);
}

TEST_CASE("one base finding stands for one head finding on its line") {
  Finding old = finding("E0602", "app.py", 4, "x = a + b\n");
  old.message = "Undefined variable 'a'";
  Baseline baseline({old});
  ChangeSet changes = change_of({changed("app.py", {}, {1})});
  Finding a = finding("E0602", "app.py", 3, "x = a + b\n");
  a.message = "Undefined variable 'a'";
  Finding b = a;
  b.message = "Undefined variable 'b'";
  b.column = 9;
  std::vector<Finding> head = {b, a};
  annotate(head, changes, FilterMode::added);
  baseline.mark(head, changes, always);
  CHECK(head[0].filter.caused_by_change); // b: the base's one finding there was about a
  CHECK_FALSE(head[1].filter.caused_by_change);
}

TEST_CASE("a base finding at a lower level covers nothing above it") {
  Finding low = finding("B602", "app.py", 6, k_shell);
  low.tool_severity = "LOW";
  low.level = Level::note;
  Baseline baseline({low});
  ChangeSet changes = change_of({changed("app.py", {4}, {4})});
  // Off the added lines: the severity rose, so the change caused it.
  std::vector<Finding> head = {finding("B602", "app.py", 6, k_shell)};
  annotate(head, changes, FilterMode::added);
  baseline.mark(head, changes, always);
  CHECK(head[0].filter.caused_by_change);
  CHECK(head[0].filter.new_because ==
        "caused by the change: the base had it only at a lower level (note, severity LOW, confidence HIGH; now "
        "error, severity HIGH, confidence HIGH)");
  // On an added line: the key matches, the level does not; new, and says why.
  std::vector<Finding> added = {finding("B602", "app.py", 4, k_shell)};
  annotate(added, changes, FilterMode::added);
  CHECK(baseline.mark(added, changes, always) == 0);
  CHECK_FALSE(added[0].filter.in_base);
  CHECK(added[0].filter.reported);
  CHECK(added[0].filter.new_because.rfind("the base had it only at a lower level", 0) == 0);
  // Lower confidence alone is lower too.
  Finding unsure = finding("B602", "app.py", 6, k_shell);
  unsure.confidence = "MEDIUM";
  CHECK_FALSE(shortfall(unsure, finding("B602", "b.py", 1, k_shell)).empty());
  CHECK(shortfall(finding("B602", "b.py", 1, k_shell), unsure).empty());
}

TEST_CASE("a base finding that could not fail covers no head finding that can") {
  Finding advisory = finding("B602", "tests/helpers.py", 7, k_shell);
  advisory.advisory = "test code (the common layout (a tests/ directory)): advisory under test_code.advisory";
  Baseline baseline({advisory});
  // Moved with git mv to product code: no added line, the line maps, the base's could not fail.
  ChangeSet renamed = change_of({changed("app/shell.py", {}, {}, "tests/helpers.py")});
  std::vector<Finding> head = {finding("B602", "app/shell.py", 7, k_shell)};
  annotate(head, renamed, FilterMode::added);
  baseline.mark(head, renamed, always);
  CHECK(head[0].filter.caused_by_change);
  CHECK(head[0].filter.new_because.find("the base had it only where it could not fail: test code") !=
        std::string::npos);
  // Deleted and added anew: selected, the key matches, still new.
  ChangeSet added = change_of({changed("app/shell.py", {7}, {})});
  std::vector<Finding> copy = {finding("B602", "app/shell.py", 7, k_shell)};
  annotate(copy, added, FilterMode::added);
  CHECK(baseline.mark(copy, added, always) == 0);
  CHECK(copy[0].filter.reported);
  // An advisory head finding is covered by an advisory base one: nothing more is reported.
  std::vector<Finding> test_copy = {finding("B602", "tests/other.py", 7, k_shell)};
  test_copy[0].advisory = advisory.advisory;
  annotate(test_copy, change_of({changed("tests/other.py", {7}, {})}), FilterMode::added);
  CHECK(baseline.mark(test_copy, added, always) == 1);
  // A base finding an honoured comment suppressed could not fail either.
  Finding suppressed = finding("B602", "a.py", 1, k_shell);
  suppressed.suppression = Suppression{1, "# nosec", SuppressedBy::base, true};
  CHECK(shortfall(suppressed, finding("B602", "b.py", 1, k_shell)) == "the base had it suppressed by `# nosec`");
}

TEST_CASE("a base file the baseline did not analyse had no finding") {
  Baseline baseline({}, {{"vendor/lib.py", "vendored code (.gitattributes linguist-vendored)"}});
  ChangeSet renamed = change_of({changed("app/lib.py", {}, {}, "vendor/lib.py")});
  std::vector<Finding> head = {finding("B602", "app/lib.py", 3, k_shell)};
  annotate(head, renamed, FilterMode::added);
  baseline.mark(head, renamed, always);
  CHECK(head[0].filter.caused_by_change);
  CHECK(head[0].filter.new_because ==
        "caused by the change: the base never analysed vendor/lib.py (vendored code (.gitattributes "
        "linguist-vendored))");
}

TEST_CASE("codegate/not-analysed is never the base's, even when the base could not analyse the file either") {
  Finding base = not_analysed_finding("old.py", "pylint could not parse it", 3);
  base.snippet = "x = (\n";
  Finding head = base;
  Baseline baseline({base});
  ChangeSet changes = change_of({changed("old.py", {3}, {})});
  std::vector<Finding> findings = {head};
  annotate(findings, changes, FilterMode::added);
  CHECK(baseline.mark(findings, changes, always) == 0);
  CHECK_FALSE(findings[0].filter.in_base);
  CHECK(findings[0].filter.reported);
}

TEST_CASE("a line whose only edit is its comment keeps its findings old") {
  // requests #7497 dropped pyright's `# type: ignore[reportPrivateUsage]` from lines Pylint's
  // W0212 was already reported on at the base.
  Finding base = finding("B602", "app.py", 4, "subprocess.call(cmd, shell=True)  # type: ignore[misc]\n");
  Baseline baseline({base});
  ChangeSet changes = change_of({changed("app.py", {4}, {4})});
  std::vector<Finding> head = {finding("B602", "app.py", 4, k_shell)};
  annotate(head, changes, FilterMode::added);
  CHECK(baseline.mark(head, changes, always) == 1);
  CHECK(head[0].filter.in_base);
  CHECK_FALSE(head[0].filter.reported);
  // The code itself changed: new.
  std::vector<Finding> edited = {finding("B602", "app.py", 4, "subprocess.call(other, shell=True)\n")};
  annotate(edited, changes, FilterMode::added);
  CHECK(baseline.mark(edited, changes, always) == 0);
  CHECK(edited[0].filter.reported);
}

TEST_CASE("a suppression the change added is shown even when the base had the finding") {
  Baseline baseline({finding("B602", "app.py", 4, k_shell)});
  ChangeSet changes = change_of({changed("app.py", {4}, {4})});
  auto suppressed_head = [] {
    Finding f = finding("B602", "app.py", 4, "subprocess.call(cmd, shell=True)  # nosec\n");
    f.suppression = Suppression{4, "# nosec", SuppressedBy::change, true};
    return std::vector<Finding>{f};
  };
  // The comment is new: reported as the change's suppression, with no "new:" remark.
  std::vector<Finding> head = suppressed_head();
  annotate(head, changes, FilterMode::added);
  CHECK(baseline.mark(head, changes, always) == 0);
  CHECK(head[0].filter.reported);
  CHECK(head[0].filter.new_because.empty());
  // Refused under deny-new: new, so it fails as before.
  head = suppressed_head();
  annotate(head, changes, FilterMode::added, SuppressionPolicy::deny_new);
  CHECK(baseline.mark(head, changes, always) == 0);
  CHECK(head[0].filter.reported);
  // The base had it suppressed too (the line was rewritten around its comment): old.
  Finding base_suppressed = finding("B602", "app.py", 4, "subprocess.call(cmd, shell=True)  # nosec  # old\n");
  base_suppressed.suppression = Suppression{4, "# nosec", SuppressedBy::base, true};
  Baseline suppressed_baseline({base_suppressed});
  head = suppressed_head();
  annotate(head, changes, FilterMode::added);
  CHECK(suppressed_baseline.mark(head, changes, always) == 1);
  CHECK_FALSE(head[0].filter.reported);
}
