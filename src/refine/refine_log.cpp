#include "refine/refine_log.h"

#include <chrono>
#include <ctime>
#include <exception>

#include "llm/exchange_json.h"
#include "util/files.h"
#include "util/strings.h"
#include "util/timestamp.h"

namespace codegate::refine {
namespace {

using Writer = util::JsonWriter;

void findings(Writer& w, const char* key, const std::vector<Finding>& list) {
  w.key(key);
  w.start_array();
  for (const auto& f : list) {
    w.start_object();
    w.member("tool", f.tool);
    w.member("rule_id", f.rule_id);
    w.member("rule_name", f.rule_name);
    w.key("line");
    w.integer(f.line);
    w.member("message", f.message);
    w.member("fingerprint", f.fingerprint);
    w.end_object();
  }
  w.end_array();
}

} // namespace

std::string round_record_json(const RoundRecord& r) {
  Writer w;
  w.start_object();
  w.member("stage", "refine");
  w.member("time", util::utc_now());
  w.member("path", r.path);
  w.key("round");
  w.integer(r.round);
  w.member("provider", r.provider);
  w.member("model", r.model);
  w.member("endpoint", r.endpoint);
  w.member("system", r.system);
  w.key("messages");
  w.start_array();
  for (const auto& m : r.messages) {
    w.start_object();
    w.member("role", m.role);
    w.member("content", m.content);
    w.end_object();
  }
  w.end_array();
  if (r.response) {
    w.key("response");
    w.start_object();
    w.member("text", r.response->text);
    w.member("model", r.response->model);
    w.key("input_tokens");
    w.integer(r.response->input_tokens);
    w.key("output_tokens");
    w.integer(r.response->output_tokens);
    w.key("truncated");
    w.boolean(r.response->truncated);
    w.key("wire");
    llm::write_wire_exchange(w, r.response->wire);
    w.end_object();
  }
  if (r.failed_wire) {
    w.key("failed_wire");
    llm::write_wire_exchange(w, *r.failed_wire);
  }
  if (!r.error.empty()) w.member("error", r.error);
  w.member("outcome", r.outcome);
  w.member("reason", r.reason);
  findings(w, "removed", r.removed);
  findings(w, "introduced", r.introduced);
  findings(w, "still_open", r.still_open);
  w.member("candidate_diff", r.candidate_diff);
  w.end_object();
  return w.finish();
}

util::Result<std::string> write_round_record(const std::string& directory, const RoundRecord& record,
                                             const std::function<std::string(std::string)>& redact) {
  std::string file = directory + "/refine-" + util::file_name_part(record.path, 100) + "-round" +
                     std::to_string(record.round) + ".json";
  std::string text = round_record_json(record);
  if (auto written = util::write_file(file, redact ? redact(std::move(text)) : text); !written)
    return util::Failure{written.error()};
  return file;
}

} // namespace codegate::refine
