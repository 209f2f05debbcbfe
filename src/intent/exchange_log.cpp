#include "intent/exchange_log.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "llm/exchange_json.h"
#include "util/files.h"
#include "util/strings.h"
#include "util/timestamp.h"

namespace codegate::intent {
namespace {

using Writer = llm::JsonLogWriter;

void write_verdict(Writer& w, const ModelVerdict& verdict) {
  w.StartObject();
  w.Key("verdict");
  llm::write_json_text(w, std::string(to_string(verdict.verdict)));
  w.Key("confidence");
  w.Double(verdict.confidence);
  w.Key("issues");
  w.StartArray();
  for (const auto& issue : verdict.issues) {
    w.StartObject();
    w.Key("line");
    w.Int(issue.line);
    w.Key("explanation");
    llm::write_json_text(w, issue.explanation);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

} // namespace

ExchangeLog::ExchangeLog(std::string directory, std::function<std::string(std::string)> redact)
    : directory_(std::move(directory)), redact_(std::move(redact)) {}

std::string ExchangeLog::to_json(const ExchangeRecord& record) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("time");
  llm::write_json_text(w, util::utc_now());
  w.Key("codegate_version");
  w.String(CODEGATE_VERSION);
  w.Key("provider");
  llm::write_json_text(w, record.provider);
  w.Key("model");
  llm::write_json_text(w, record.model);
  w.Key("endpoint");
  llm::write_json_text(w, record.endpoint);
  w.Key("path");
  llm::write_json_text(w, record.path);
  w.Key("unit");
  llm::write_json_text(w, record.unit);
  w.Key("lines");
  w.StartArray();
  w.Int(record.first_line);
  w.Int(record.last_line);
  w.EndArray();
  w.Key("cached");
  w.Bool(record.cached);
  w.Key("system");
  llm::write_json_text(w, record.system);
  w.Key("turns");
  w.StartArray();
  for (const auto& turn : record.turns) {
    w.StartObject();
    w.Key("messages");
    w.StartArray();
    for (const auto& message : turn.messages) {
      w.StartObject();
      w.Key("role");
      llm::write_json_text(w, message.role);
      w.Key("content");
      llm::write_json_text(w, message.content);
      w.EndObject();
    }
    w.EndArray();
    if (turn.response) {
      w.Key("response");
      w.StartObject();
      w.Key("text");
      llm::write_json_text(w, turn.response->text);
      w.Key("model");
      llm::write_json_text(w, turn.response->model);
      w.Key("input_tokens");
      w.Int64(turn.response->input_tokens);
      w.Key("output_tokens");
      w.Int64(turn.response->output_tokens);
      w.Key("truncated");
      w.Bool(turn.response->truncated);
      w.EndObject();
      w.Key("http");
      llm::write_wire_exchange(w, turn.response->wire);
    } else if (turn.failed_wire) {
      w.Key("http");
      llm::write_wire_exchange(w, *turn.failed_wire);
    }
    if (!turn.error.empty()) {
      w.Key("error");
      llm::write_json_text(w, turn.error);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("verdict");
  if (record.verdict)
    write_verdict(w, *record.verdict);
  else
    w.Null();
  w.Key("outcome");
  llm::write_json_text(w, record.outcome);
  w.EndObject();
  return std::string(buffer.GetString()) + "\n";
}

std::optional<std::string> ExchangeLog::write(const ExchangeRecord& record, std::string* error) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", ++sequence_);
  std::string unit = record.unit.substr(record.unit.find(' ') == std::string::npos ? 0 : record.unit.find(' ') + 1);
  std::string path = directory_ + "/" + number + "-" + util::file_name_part(record.path, 80) + "-" +
                     util::file_name_part(unit, 80) + ".json";
  std::string text = to_json(record);
  if (redact_) text = redact_(std::move(text));
  try {
    util::write_file(path, text);
    return path;
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
}

} // namespace codegate::intent
