#include "analyzers/bandit/cwe_table.h"

#include <utility>

namespace codegate {
namespace {

// Taken from the CWE assignments of Bandit's own later releases (bandit/core/issue.py, >= 1.7.5):
// every test id of Bandit 1.6.2 and 1.7.10 (B309, B322 and B325 are 1.6's only; B415, B508,
// B509 and B612-B614 1.7's). Bandit >= 1.7.5 prints its own (`issue_cwe`), which the parser
// prefers; tests/unit/test_analyzers_cwe.cpp checks the two agree.
constexpr std::pair<std::string_view, int> k_bandit_cwe[] = {
    {"B101", 703}, {"B102", 78},  {"B103", 732}, {"B104", 605}, {"B105", 259}, {"B106", 259}, {"B107", 259},
    {"B108", 377}, {"B110", 703}, {"B112", 703}, {"B113", 400}, {"B201", 94},  {"B202", 22},  {"B301", 502},
    {"B302", 502}, {"B303", 327}, {"B304", 327}, {"B305", 327}, {"B306", 377}, {"B307", 78},  {"B308", 79},
    {"B309", 295}, {"B310", 22},  {"B311", 330}, {"B312", 319}, {"B313", 20},  {"B314", 20},  {"B315", 20},
    {"B316", 20},  {"B317", 20},  {"B318", 20},  {"B319", 20},  {"B320", 20},  {"B321", 319}, {"B322", 78},
    {"B323", 295}, {"B324", 327}, {"B325", 377}, {"B401", 319}, {"B402", 319}, {"B403", 502}, {"B404", 78},
    {"B405", 20},  {"B406", 20},  {"B407", 20},  {"B408", 20},  {"B409", 20},  {"B410", 20},  {"B411", 20},
    {"B412", 284}, {"B413", 327}, {"B415", 319}, {"B501", 295}, {"B502", 327}, {"B503", 327}, {"B504", 327}, {"B505", 326},
    {"B506", 20},  {"B507", 295}, {"B508", 319}, {"B509", 319}, {"B601", 78},  {"B602", 78},  {"B603", 78},  {"B604", 78},  {"B605", 78},
    {"B606", 78},  {"B607", 78},  {"B608", 89},  {"B609", 155}, {"B610", 89},  {"B611", 89},  {"B612", 94},  {"B613", 838}, {"B614", 502}, {"B701", 94},
    {"B702", 80},  {"B703", 80},
};

} // namespace

std::optional<int> bandit_cwe(std::string_view test_id) {
  for (const auto& [id, cwe] : k_bandit_cwe)
    if (id == test_id) return cwe;
  return std::nullopt;
}

} // namespace codegate
