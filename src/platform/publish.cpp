#include "platform/publish.h"

namespace codegate {

// Placeholder until the CI integrations land: publishing nothing outside of the reports.
void publish(const CheckResult& /*result*/, const ChangeSet& /*changes*/, const CheckOptions& /*options*/) {}

} // namespace codegate
