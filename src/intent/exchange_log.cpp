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
  w.key("verdict");
  w.string(std::string(to_string(verdict.verdict)));
  w.key("confidence");
  w.number(verdict.confidence);
  w.key("issues");
  w.start_array();
  for (const auto& issue : verdict.issues) {
    w.start_object();
    w.key("line");
    w.integer(issue.line);
    w.key("explanation");
    w.string(issue.explanation);
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
  w.key("time");
  w.string(util::utc_now());
  w.key("codegate_version");
  w.string(CODEGATE_VERSION);
  w.key("provider");
  w.string(record.provider);
  w.key("model");
  w.string(record.model);
  w.key("endpoint");
  w.string(record.endpoint);
  w.key("path");
  w.string(record.path);
  w.key("unit");
  w.string(record.unit);
  w.key("lines");
  w.start_array();
  w.integer(record.first_line);
  w.integer(record.last_line);
  w.end_array();
  w.key("cached");
  w.boolean(record.cached);
  w.key("system");
  w.string(record.system);
  w.key("turns");
  w.start_array();
  for (const auto& turn : record.turns) {
    w.start_object();
    w.key("messages");
    w.start_array();
    for (const auto& message : turn.messages) {
      w.start_object();
      w.key("role");
      w.string(message.role);
      w.key("content");
      w.string(message.content);
      w.end_object();
    }
    w.end_array();
    if (turn.response) {
      w.key("response");
      w.start_object();
      w.key("text");
      w.string(turn.response->text);
      w.key("model");
      w.string(turn.response->model);
      w.key("input_tokens");
      w.integer(turn.response->input_tokens);
      w.key("output_tokens");
      w.integer(turn.response->output_tokens);
      w.key("truncated");
      w.boolean(turn.response->truncated);
      w.end_object();
      w.key("http");
      llm::write_wire_exchange(w, turn.response->wire);
    } else if (turn.failed_wire) {
      w.key("http");
      llm::write_wire_exchange(w, *turn.failed_wire);
    }
    if (!turn.error.empty()) {
      w.key("error");
      w.string(turn.error);
    }
    w.end_object();
  }
  w.end_array();
  w.key("verdict");
  if (record.verdict)
    write_verdict(w, *record.verdict);
  else
    w.null();
  w.key("outcome");
  w.string(record.outcome);
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
