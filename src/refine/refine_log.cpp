#include "refine/refine_log.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <chrono>
#include <ctime>
#include <exception>

#include "llm/exchange_json.h"
#include "util/files.h"
#include "util/strings.h"
#include "util/timestamp.h"

namespace codegate::refine {
namespace {

using Writer = llm::JsonLogWriter;

void member(Writer& w, const char* key, const std::string& text) {
  w.Key(key);
  llm::write_json_text(w, text);
}

void findings(Writer& w, const char* key, const std::vector<Finding>& list) {
  w.Key(key);
  w.StartArray();
  for (const auto& f : list) {
    w.StartObject();
    member(w, "tool", f.tool);
    member(w, "rule_id", f.rule_id);
    member(w, "rule_name", f.rule_name);
    w.Key("line");
    w.Int(f.line);
    member(w, "message", f.message);
    member(w, "fingerprint", f.fingerprint);
    w.EndObject();
  }
  w.EndArray();
}

} // namespace

std::string round_record_json(const RoundRecord& r) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  member(w, "stage", "refine");
  member(w, "time", util::utc_now());
  member(w, "path", r.path);
  w.Key("round");
  w.Int(r.round);
  member(w, "provider", r.provider);
  member(w, "model", r.model);
  member(w, "endpoint", r.endpoint);
  member(w, "system", r.system);
  w.Key("messages");
  w.StartArray();
  for (const auto& m : r.messages) {
    w.StartObject();
    member(w, "role", m.role);
    member(w, "content", m.content);
    w.EndObject();
  }
  w.EndArray();
  if (r.response) {
    w.Key("response");
    w.StartObject();
    member(w, "text", r.response->text);
    member(w, "model", r.response->model);
    w.Key("input_tokens");
    w.Int64(r.response->input_tokens);
    w.Key("output_tokens");
    w.Int64(r.response->output_tokens);
    w.Key("truncated");
    w.Bool(r.response->truncated);
    w.Key("wire");
    llm::write_wire_exchange(w, r.response->wire);
    w.EndObject();
  }
  if (r.failed_wire) {
    w.Key("failed_wire");
    llm::write_wire_exchange(w, *r.failed_wire);
  }
  if (!r.error.empty()) member(w, "error", r.error);
  member(w, "outcome", r.outcome);
  member(w, "reason", r.reason);
  findings(w, "removed", r.removed);
  findings(w, "introduced", r.introduced);
  findings(w, "still_open", r.still_open);
  member(w, "candidate_diff", r.candidate_diff);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::optional<std::string> write_round_record(const std::string& directory, const RoundRecord& record,
                                              const std::function<std::string(std::string)>& redact,
                                              std::string* error) {
  std::string file = directory + "/refine-" + util::file_name_part(record.path, 100) + "-round" +
                     std::to_string(record.round) + ".json";
  try {
    std::string text = round_record_json(record);
    util::write_file(file, redact ? redact(std::move(text)) : text);
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
  return file;
}

} // namespace codegate::refine
