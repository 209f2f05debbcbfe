#pragma once
// The Pylint messages that check what one of Pyflakes' rules checks, and so what Ruff's F rule of
// that name checks: a project that writes `import socket  # noqa: F401` (requests' adapters.py,
// an import kept for its users) or ignores F401 for `__init__.py` in its Ruff configuration has
// decided about Pylint's unused-import there too. The pairs are the ones Ruff's tracking issue for
// Pylint (astral-sh/ruff#970) marks as covered by a Pyflakes rule, limited to those that report
// the same fact on the same line; a Pylint message without a pair is untouched.

#include <string_view>

#include "analyzers/ruff_rules.h"

namespace codegate {

// The F rule that mirrors Pylint's message `message_id` ("W0611": F401 unused-import); nullptr
// when none does.
const RuffRule* ruff_rule_for_pylint(std::string_view message_id);

} // namespace codegate
