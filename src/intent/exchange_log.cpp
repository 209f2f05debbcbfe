#include "intent/exchange_log.h"


#include <chrono>
#include <cstdio>
#include <ctime>

#include "llm/exchange_json.h"
#include "util/files.h"
#include "util/strings.h"
#include "util/timestamp.h"

namespace codegate::intent {
namespace {

using Writer = util::JsonWriter;

void write_verdict(Writer& w, const ModelVerdict& verdict) {
  w.start_object();
  w.member("verdict", std::string(to_string(verdict.verdict)));
  w.member("confidence", verdict.confidence);
  w.key("issues");
  w.start_array();
  for (const auto& issue : verdict.issues) {
    w.start_object();
    w.member("line", issue.line);
    w.member("explanation", issue.explanation);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

} // namespace

ExchangeLog::ExchangeLog(std::string directory, std::function<std::string(std::string)> redact)
    : directory_(std::move(directory)), redact_(std::move(redact)) {}

std::string ExchangeLog::to_json(const ExchangeRecord& record) {
  util::JsonWriter w;
  w.start_object();
  w.member("time", util::utc_now());
  w.member("codegate_version", CODEGATE_VERSION);
  w.member("provider", record.provider);
  w.member("model", record.model);
  w.member("endpoint", record.endpoint);
  w.member("path", record.path);
  w.member("unit", record.unit);
  w.key("lines");
  w.start_array();
  w.integer(record.first_line);
  w.integer(record.last_line);
  w.end_array();
  w.member("cached", record.cached);
  w.member("system", record.system);
  w.key("turns");
  w.start_array();
  for (const auto& turn : record.turns) {
    w.start_object();
    w.key("messages");
    w.start_array();
    for (const auto& message : turn.messages) {
      w.start_object();
      w.member("role", message.role);
      w.member("content", message.content);
      w.end_object();
    }
    w.end_array();
    if (turn.response) {
      w.key("response");
      w.start_object();
      w.member("text", turn.response->text);
      w.member("model", turn.response->model);
      w.member("input_tokens", turn.response->input_tokens);
      w.member("output_tokens", turn.response->output_tokens);
      w.member("truncated", turn.response->truncated);
      w.end_object();
      w.key("http");
      llm::write_wire_exchange(w, turn.response->wire);
    } else if (turn.failed_wire) {
      w.key("http");
      llm::write_wire_exchange(w, *turn.failed_wire);
    }
    if (!turn.error.empty()) {
      w.member("error", turn.error);
    }
    w.end_object();
  }
  w.end_array();
  w.key("verdict");
  if (record.verdict)
    write_verdict(w, *record.verdict);
  else
    w.null();
  w.member("outcome", record.outcome);
  w.end_object();
  return w.finish();
}

util::Result<std::string> ExchangeLog::write(const ExchangeRecord& record) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", ++sequence_);
  std::string unit = record.unit.substr(record.unit.find(' ') == std::string::npos ? 0 : record.unit.find(' ') + 1);
  std::string path = directory_ + "/" + number + "-" + util::file_name_part(record.path, 80) + "-" +
                     util::file_name_part(unit, 80) + ".json";
  std::string text = to_json(record);
  if (redact_) text = redact_(std::move(text));
  if (auto written = util::write_file(path, text); !written) return util::Failure{written.error()};
  return path;
}

} // namespace codegate::intent
