// What test code is held to by default (pipeline/roles_step.h, config TestCodeConfig): pytest's
// idioms and requests without a timeout are left out and counted; the rest stays reported.
#include <doctest/doctest.h>

#include "config/config.h"
#include "pipeline/roles_step.h"

using namespace codegate;

namespace {

Finding pylint_warning(const std::string& rule, const std::string& path, int line) {
  Finding f;
  f.tool = "pylint";
  f.rule_id = rule;
  f.level = Level::warning;
  f.path = path;
  f.line = line;
  return f;
}

} // namespace

TEST_CASE("a request without a timeout in a test is counted, not reported; in product code it stays") {
  // requests #7502 and #7505: requests.post(...) against the test's own server.
  RoleAssignment assignment;
  assignment.test_files["tests/test_requests.py"] = {FileRole::test, "the common layout (a tests/ directory)"};
  std::vector<Finding> findings = {pylint_warning("W3101", "tests/test_requests.py", 1094),
                                   pylint_warning("W0612", "tests/test_requests.py", 1100),
                                   pylint_warning("W3101", "src/requests/sessions.py", 10)};
  std::vector<std::string> docstrings;
  std::vector<std::string> notes;
  apply_test_policy(findings, docstrings, assignment, TestCodeConfig{}, notes);
  REQUIRE(findings.size() == 2);
  CHECK((findings[0].rule_id == "W0612" && findings[0].role == "test"));
  CHECK((findings[1].rule_id == "W3101" && findings[1].path == "src/requests/sessions.py"));
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "1 file is test code; not reported there (test_code.skip, require_docstrings): 1 pylint/W3101");
}

TEST_CASE("an unbalanced unpacking in a test is advisory: the test run fails on a real one") {
  // click #3777: `(process,) = processes`, a list the test's fake Popen fills; Pylint sees it empty.
  RoleAssignment assignment;
  assignment.test_files["tests/test_termui.py"] = {FileRole::test, "the common layout (a tests/ directory)"};
  std::vector<Finding> findings = {pylint_warning("W0632", "tests/test_termui.py", 908),
                                   pylint_warning("W0632", "src/click/termui.py", 5)};
  std::vector<std::string> docstrings;
  std::vector<std::string> notes;
  apply_test_policy(findings, docstrings, assignment, TestCodeConfig{}, notes);
  REQUIRE(findings.size() == 2);
  CHECK_FALSE(findings[0].advisory.empty());
  CHECK(findings[1].advisory.empty());
}
