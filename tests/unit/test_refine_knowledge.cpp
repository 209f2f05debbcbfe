#include <doctest/doctest.h>

#include <filesystem>

#include "refine/knowledge.h"
#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;
using namespace codegate::refine;

namespace {

KnowledgeEntry entry(const std::string& rule, const std::string& before, const std::string& after) {
  return KnowledgeEntry{rule, before, after, "explanation of " + rule, "", "", ""};
}

} // namespace

TEST_CASE("token similarity is the Jaccard index of identifier and symbol tokens") {
  CHECK(token_similarity("subprocess.call(cmd, shell=True)", "subprocess.call(cmd, shell=True)") ==
        doctest::Approx(1.0));
  CHECK(token_similarity("", "") == 0);
  double close = token_similarity("subprocess.call(command, shell=True)", "subprocess.run(cmd, shell=True)");
  double far = token_similarity("subprocess.call(command, shell=True)", "yaml.load(stream)");
  CHECK(close > far);
  CHECK(far < 0.3);
}

TEST_CASE("the knowledge base returns the most similar fixes of the same rule") {
  util::TempDir dir;
  KnowledgeBase kb(dir.path() + "/k.jsonl", 10);
  kb.load();
  CHECK(kb.entries().empty()); // a missing file is an empty base
  CHECK(kb.add(entry("bandit/B602", "subprocess.call(cmd, shell=True)\n", "subprocess.call(shlex.split(cmd))\n")));
  CHECK(kb.add(entry("bandit/B602", "os.popen(name)\n", "subprocess.run([name])\n")));
  CHECK(kb.add(entry("pylint/E0602", "return undefined_name\n", "return 0\n")));

  auto found = kb.similar("bandit/B602", "subprocess.check_output(command, shell=True)", 2);
  REQUIRE(found.size() == 2);
  CHECK(found[0].before == "subprocess.call(cmd, shell=True)\n");
  CHECK(kb.similar("bandit/B999", "anything", 2).empty());
  CHECK(kb.similar("pylint/E0602", "zzz", 2).empty()); // nothing in common: no example
}

TEST_CASE("the knowledge base deduplicates, keeps the newest entries, survives damage and round-trips") {
  util::TempDir dir;
  std::string path = dir.path() + "/sub/k.jsonl";
  {
    KnowledgeBase kb(path, 2);
    kb.load();
    CHECK(kb.add(entry("bandit/B602", "a(shell=True)\n", "a()\n")));
    CHECK_FALSE(kb.add(entry("bandit/B602", "a(shell=True)", "a()   "))); // the same fix, other whitespace
    CHECK(kb.add(entry("bandit/B602", "b(shell=True)\n", "b()\n")));
    CHECK(kb.add(entry("bandit/B602", "c(shell=True)\n", "c()\n")));
    REQUIRE(kb.entries().size() == 2);
    CHECK(kb.entries()[0].before == "b(shell=True)\n");
    REQUIRE(kb.save());
  }
  auto text = util::read_file(path);
  REQUIRE(text);
  REQUIRE(util::write_file(path, *text + "not json\n{\"rule\": \"x\"}\n\n"));
  KnowledgeBase again(path, 2);
  again.load();
  CHECK(again.entries().size() == 2);
  CHECK(again.skipped() == 2);
  CHECK(again.entries()[1].before == "c(shell=True)\n");
  CHECK(again.entries()[1].explanation == "explanation of bandit/B602");

  std::filesystem::remove(path); // safe to delete
  KnowledgeBase gone(path, 2);
  gone.load();
  CHECK(gone.entries().empty());
}

TEST_CASE("long snippets are cut and a disabled base does nothing") {
  util::TempDir dir;
  KnowledgeBase kb(dir.path() + "/k.jsonl", 5);
  CHECK(kb.add(entry("bandit/B602", std::string(5000, 'x'), "y\n")));
  CHECK(kb.entries()[0].before.size() < 1600);

  KnowledgeBase off(dir.path() + "/off.jsonl", 0);
  CHECK_FALSE(off.enabled());
  CHECK_FALSE(off.add(entry("bandit/B602", "a\n", "b\n")));
  REQUIRE(off.save());
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/off.jsonl"));
}
