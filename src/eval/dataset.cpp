#include "eval/dataset.h"

#include <csv.h>

#include <map>
#include <optional>
#include <set>

#include "core/error.h"
#include "util/files.h"
#include "util/json.h"
#include "util/strings.h"

namespace codegate::eval {
namespace {

constexpr const char* k_kinds =
    "CodeEnhancer's dataset.json ([{\"id\", \"prompt\"}]), LLMSecEval's JSON or CSV (\"Prompt ID\", "
    "\"LLM-generated NL Prompt\"), SecurityEval's JSONL (\"ID\", \"Prompt\") or labelled pairs JSONL "
    "(\"id\", \"label\", \"source\" or \"code\" and \"docstring\")";

[[noreturn]] void fail(const std::string& path, const std::string& what) { throw UsageError(path + ": " + what); }

[[noreturn]] void missing(const std::string& path, std::size_t row, const std::string& field) {
  fail(path, "row " + std::to_string(row) + ": no \"" + field + "\" (every row of this data set needs one)");
}

// A member as text: strings as they are, integers written out (CodeEnhancer ids may be numbers).
std::optional<std::string> text_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::nullopt;
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  return std::nullopt;
}

std::string required(const rapidjson::Value& object, const char* name, const std::string& path, std::size_t row) {
  auto value = text_member(object, name);
  if (!value || util::trim(*value).empty()) missing(path, row, name);
  return *value;
}

// "CWE-119_BOF-1a" -> "CWE-119"; SecurityEval's "CWE-020_author_1.py" -> "CWE-20".
std::string cwe_of_id(const std::string& id) {
  if (!util::starts_with(util::to_lower(id), "cwe-")) return "";
  std::size_t end = 4;
  while (end < id.size() && id[end] >= '0' && id[end] <= '9') ++end;
  std::string digits = id.substr(4, end - 4);
  while (digits.size() > 1 && digits.front() == '0') digits.erase(0, 1);
  return digits.empty() ? "" : "CWE-" + digits;
}

// LLMSecEval: the manually fixed prompt when there is one (the authors' corrected wording),
// else the generated one; `<language>` names the language asked for.
void add_llmseceval_row(Dataset& dataset, const std::map<std::string, std::string>& row, std::size_t number,
                        const std::string& language, RowLanguages rows) {
  auto field = [&](const char* name) {
    auto it = row.find(name);
    return it == row.end() ? std::string() : std::string(util::trim(it->second));
  };
  std::string id = field("Prompt ID");
  if (id.empty()) missing(dataset.path, number, "Prompt ID");
  std::string row_language = field("Language");
  if (rows == RowLanguages::target_only && !row_language.empty() &&
      util::to_lower(row_language) != util::to_lower(language)) {
    ++dataset.skipped_other_language;
    return;
  }
  std::string prompt = field("Manually-fixed NL Prompt");
  if (prompt.empty()) prompt = field("LLM-generated NL Prompt");
  if (prompt.empty()) missing(dataset.path, number, "LLM-generated NL Prompt");
  prompt = util::replace_all(prompt, "<language>", language);
  dataset.samples.push_back(Sample{id, prompt, false, cwe_of_id(id), field("CWE Name"), row_language});
}

std::map<std::string, std::string> string_members(const rapidjson::Value& object) {
  std::map<std::string, std::string> out;
  for (const auto& member : object.GetObject()) {
    if (member.value.IsString()) out[member.name.GetString()] = member.value.GetString();
  }
  return out;
}

void read_json_array(Dataset& dataset, const std::string& text, const std::string& language, RowLanguages rows) {
  rapidjson::Document doc = util::parse_json(text);
  if (doc.HasParseError() || !doc.IsArray())
    fail(dataset.path, "not a JSON array; a data set is one of " + std::string(k_kinds));
  if (doc.Empty()) fail(dataset.path, "the data set has no rows");
  const auto& first = doc[0];
  if (!first.IsObject()) fail(dataset.path, "row 1: not a JSON object");
  bool llmseceval = first.HasMember("Prompt ID");
  if (!llmseceval && !first.HasMember("prompt") && !first.HasMember("id"))
    fail(dataset.path, "matches no data set kind codegate reads: " + std::string(k_kinds));
  dataset.kind = llmseceval ? DatasetKind::llmseceval : DatasetKind::codeenhancer;
  std::size_t row = 0;
  for (const auto& item : doc.GetArray()) {
    ++row;
    if (!item.IsObject()) fail(dataset.path, "row " + std::to_string(row) + ": not a JSON object");
    if (llmseceval) {
      add_llmseceval_row(dataset, string_members(item), row, language, rows);
    } else {
      std::string id = required(item, "id", dataset.path, row);
      std::string prompt = required(item, "prompt", dataset.path, row);
      dataset.samples.push_back(Sample{id, prompt, false, "", "", ""});
    }
  }
}

void read_json_lines(Dataset& dataset, const std::string& text) {
  std::size_t row = 0;
  bool decided = false;
  for (std::string_view line : util::split_lines(text)) {
    ++row;
    if (util::trim(line).empty()) continue;
    rapidjson::Document doc = util::parse_json(line);
    if (doc.HasParseError() || !doc.IsObject())
      fail(dataset.path, "line " + std::to_string(row) + ": not a JSON object");
    if (!decided) {
      if (doc.HasMember("label")) {
        dataset.kind = DatasetKind::labelled_pairs;
      } else if (doc.HasMember("ID") || doc.HasMember("Prompt")) {
        dataset.kind = DatasetKind::securityeval;
      } else {
        fail(dataset.path, "matches no data set kind codegate reads: " + std::string(k_kinds));
      }
      decided = true;
    }
    if (dataset.kind == DatasetKind::securityeval) {
      std::string id = required(doc, "ID", dataset.path, row);
      std::string prompt = required(doc, "Prompt", dataset.path, row);
      dataset.samples.push_back(Sample{id, prompt, true, cwe_of_id(id), "", "Python"});
      continue;
    }
    LabelledPair pair;
    pair.id = required(doc, "id", dataset.path, row);
    std::string label = util::to_lower(required(doc, "label", dataset.path, row));
    auto verdict = intent::parse_verdict_name(label);
    if (verdict != intent::Verdict::consistent && verdict != intent::Verdict::inconsistent)
      fail(dataset.path, "line " + std::to_string(row) + ": \"label\" is \"" + label +
                             "\"; it must be \"consistent\" or \"inconsistent\"");
    pair.label = *verdict;
    pair.source = text_member(doc, "source").value_or("");
    pair.code = text_member(doc, "code").value_or("");
    pair.docstring = text_member(doc, "docstring").value_or("");
    pair.base_source = text_member(doc, "base_source").value_or("");
    if (pair.source.empty() && (pair.code.empty() || pair.docstring.empty()))
      missing(dataset.path, row, pair.code.empty() ? "source" : "docstring");
    dataset.pairs.push_back(std::move(pair));
  }
  if (!decided) fail(dataset.path, "the data set has no rows");
}

// libcsv (RFC 4180: quoted fields may hold commas, quotes and newlines) calls back per field and
// per record.
struct CsvRecords {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> current;
};

void csv_field(void* data, size_t size, void* out) {
  static_cast<CsvRecords*>(out)->current.emplace_back(static_cast<const char*>(data), size);
}
void csv_record(int, void* out) {
  auto* records = static_cast<CsvRecords*>(out);
  records->records.push_back(std::move(records->current));
  records->current.clear();
}

void read_csv(Dataset& dataset, const std::string& text, const std::string& language, RowLanguages rows) {
  csv_parser parser;
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) throw ToolError("libcsv: cannot initialise a parser");
  CsvRecords out;
  std::size_t parsed = csv_parse(&parser, text.data(), text.size(), csv_field, csv_record, &out);
  bool ok = parsed == text.size() && csv_fini(&parser, csv_field, csv_record, &out) == 0;
  std::string error = csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!ok) fail(dataset.path, "not readable as CSV (" + error + ")");
  if (out.records.empty()) fail(dataset.path, "the data set has no rows");
  const auto& header = out.records.front();
  bool has_id = false;
  for (const auto& name : header) has_id = has_id || util::trim(name) == "Prompt ID";
  if (!has_id) fail(dataset.path, "matches no data set kind codegate reads: " + std::string(k_kinds));
  dataset.kind = DatasetKind::llmseceval;
  for (std::size_t r = 1; r < out.records.size(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < header.size() && c < out.records[r].size(); ++c)
      row[std::string(util::trim(header[c]))] = out.records[r][c];
    add_llmseceval_row(dataset, row, r, language, rows);
  }
}

// Every sample its own id: a repeated id gets the first free "-2", "-3", ... suffix.
void rename_repeated_ids(Dataset& dataset) {
  std::set<std::string> taken;
  for (const auto& s : dataset.samples) taken.insert(s.id);
  std::set<std::string> seen;
  for (auto& s : dataset.samples) {
    if (seen.insert(s.id).second) continue;
    std::string renamed;
    for (int n = 2; renamed.empty() || taken.count(renamed) != 0; ++n) renamed = s.id + "-" + std::to_string(n);
    dataset.renamed.push_back(s.id + " -> " + renamed);
    taken.insert(renamed);
    seen.insert(renamed);
    s.id = renamed;
  }
}

} // namespace

std::string to_string(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::codeenhancer: return "codeenhancer";
    case DatasetKind::llmseceval: return "llmseceval";
    case DatasetKind::securityeval: return "securityeval";
    case DatasetKind::labelled_pairs: return "labelled-pairs";
  }
  return "codeenhancer";
}

Dataset read_dataset(const std::string& path, const std::string& language, RowLanguages rows) {
  auto text = util::read_file(path);
  if (!text) throw UsageError(path + ": cannot read the data set (check --dataset)");
  std::string_view body = *text;
  if (util::starts_with(body, "\xEF\xBB\xBF")) body.remove_prefix(3); // a byte order mark
  std::string_view start = util::trim(body);
  Dataset dataset;
  dataset.path = path;
  if (start.empty()) fail(path, "the data set is empty");
  if (start.front() == '[') {
    read_json_array(dataset, std::string(body), language, rows);
  } else if (start.front() == '{') {
    read_json_lines(dataset, std::string(body));
  } else {
    read_csv(dataset, std::string(body), language, rows);
  }
  rename_repeated_ids(dataset);
  return dataset;
}

} // namespace codegate::eval
