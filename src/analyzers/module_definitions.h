#pragma once
// What a module defines at its top level that a call's inference depends on: the names it defines
// more than once, one of them under a condition (`if sys.version_info >= (3, 12): run = asyncio.run`
// `else: def run(main, *, loop_factory=None)`), and the names it imports from other modules. The
// Python source index reads them (python/source_index.h); Pylint, which judges a call against one
// of the definitions it infers, makes its argument errors on such a callee advisory
// (analyzers/pylint/alternative_callees.h).

#include <string>
#include <vector>

namespace codegate {

struct ModuleDefinitions {
  struct FromImport {
    std::string alias;  // the name bound here
    std::string module; // as written, relative ones with their dots: "uvicorn._compat", "._compat"
    std::string name;   // the name in that module
  };
  std::vector<std::string> alternatives; // sorted
  std::vector<FromImport> from_imports;
};

} // namespace codegate
