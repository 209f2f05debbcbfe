#include "report/json_reader.h"

#include <string>

#include "util/json.h"

namespace codegate {
namespace {

// The report nests five levels deep (findings[].filter.matched_lines[]); anything deeper is not one.
constexpr int k_max_depth = 8;

// Reading stops at the first field that is missing or of the wrong type: the thrown message names it.
struct BadField {
  std::string message;
};

class Reader {
public:
  Reader(const rapidjson::Value& value, std::string where) : value_(value), where_(std::move(where)) {}

  const rapidjson::Value& field(const char* name) const {
    auto it = value_.FindMember(name);
    if (it == value_.MemberEnd()) throw BadField{path(name) + ": missing"};
    return it->value;
  }
  bool has(const char* name) const { return value_.HasMember(name) && !value_[name].IsNull(); }

  std::string string(const char* name) const {
    const auto& v = field(name);
    if (!v.IsString()) throw BadField{path(name) + ": not a string"};
    return {v.GetString(), v.GetStringLength()};
  }
  std::string string_or_null(const char* name) const { return has(name) ? string(name) : std::string(); }
  int integer(const char* name) const {
    const auto& v = field(name);
    if (!v.IsInt()) throw BadField{path(name) + ": not an integer"};
    return v.GetInt();
  }
  bool boolean(const char* name) const {
    const auto& v = field(name);
    if (!v.IsBool()) throw BadField{path(name) + ": not true or false"};
    return v.GetBool();
  }
  std::vector<std::string> strings(const char* name) const {
    std::vector<std::string> out;
    each(name, [&](const Reader& item) { out.push_back(item.as_string()); });
    return out;
  }
  std::vector<int> integers(const char* name) const {
    std::vector<int> out;
    each(name, [&](const Reader& item) { out.push_back(item.as_integer()); });
    return out;
  }
  Reader object(const char* name) const {
    const auto& v = field(name);
    if (!v.IsObject()) throw BadField{path(name) + ": not an object"};
    return Reader(v, path(name));
  }
  template <typename Each>
  void each(const char* name, Each&& each_item) const {
    const auto& v = field(name);
    if (!v.IsArray()) throw BadField{path(name) + ": not an array"};
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      each_item(Reader(v[i], path(name) + "[" + std::to_string(i) + "]"));
  }
  template <typename Enum, typename Parse>
  Enum named(const char* name, Parse&& parse) const {
    std::string text = string(name);
    auto value = parse(text);
    if (!value) throw BadField{path(name) + ": unknown value '" + text + "'"};
    return *value;
  }

  std::string as_string() const {
    if (!value_.IsString()) throw BadField{where_ + ": not a string"};
    return {value_.GetString(), value_.GetStringLength()};
  }
  int as_integer() const {
    if (!value_.IsInt()) throw BadField{where_ + ": not an integer"};
    return value_.GetInt();
  }
  void require_object() const {
    if (!value_.IsObject()) throw BadField{where_ + ": not an object"};
  }

private:
  std::string path(const char* name) const { return where_.empty() ? name : where_ + "." + name; }

  const rapidjson::Value& value_;
  std::string where_;
};

Finding read_finding(const Reader& r) {
  r.require_object();
  Finding f;
  f.tool = r.string("tool");
  f.rule_id = r.string("rule_id");
  f.rule_name = r.string("rule_name");
  if (r.has("cwe")) f.cwe = r.integer("cwe");
  f.level = r.named<Level>("level", parse_level);
  f.tool_severity = r.string("tool_severity");
  f.confidence = r.string("confidence");
  f.path = r.string("path");
  f.line = r.integer("line");
  f.column = r.integer("column");
  f.end_line = r.integer("end_line");
  if (r.has("end_column")) f.end_column = r.integer("end_column");
  f.message = r.string("message");
  f.snippet = r.string("snippet");
  f.help_uri = r.string("help_uri");
  f.fingerprint = r.string("fingerprint");
  f.unit = r.string("unit");
  Reader filter = r.object("filter");
  f.filter.in_changed_file = filter.boolean("in_changed_file");
  f.filter.in_diff_context = filter.boolean("in_diff_context");
  f.filter.on_added_line = filter.boolean("on_added_line");
  f.filter.selected = filter.boolean("selected");
  f.filter.reported = filter.boolean("reported");
  f.filter.matched_lines = filter.integers("matched_lines");
  f.filter.in_base = r.string_or_null("baseline") == "existing";
  f.filter.caused_by_change = filter.has("caused_by_change") && filter.boolean("caused_by_change");
  if (r.has("new_because")) f.filter.new_because = r.string("new_because");
  if (r.has("suppression")) {
    Reader s = r.object("suppression");
    Suppression suppression;
    suppression.line = s.integer("line");
    suppression.comment = s.string("comment");
    suppression.by = s.string("by") == "change" ? SuppressedBy::change : SuppressedBy::base;
    suppression.honoured = s.boolean("honoured");
    f.suppression = std::move(suppression);
  }
  if (r.has("advisory")) f.advisory = r.string("advisory");
  if (r.has("role")) f.role = r.string("role");
  f.fails_gate = r.boolean("fails_gate");
  if (r.has("fix_status")) f.fix_status = r.string("fix_status");
  return f;
}

ShardInfo read_shard(const Reader& r) {
  ShardInfo shard;
  shard.index = r.integer("index");
  shard.count = r.integer("count");
  shard.change_files = r.integer("change_files");
  if (r.has("comment_level")) {
    std::string level = r.string("comment_level");
    auto parsed = parse_inline_level(level);
    if (!parsed) throw BadField{"shard.comment_level: '" + level + "'"};
    shard.comment_level = *parsed;
  }
  r.each("changes", [&](const Reader& c) {
    c.require_object();
    ChangedFile file;
    file.path = c.string("path");
    file.old_path = c.string("old_path");
    file.status = c.named<ChangeStatus>("status", change_status_named);
    file.removed_lines = c.integer("removed_lines");
    for (int line : c.integers("added_lines")) file.added_lines.insert(line);
    for (int line : c.integers("context_lines")) file.context_lines.insert(line);
    shard.changes.push_back(std::move(file));
  });
  return shard;
}

CheckResult read_result(const Reader& r) {
  if (r.integer("version") != 1) throw BadField{"version: not 1 (written by another codegate version)"};
  CheckResult result;
  result.base_sha = r.string("base");
  result.head_sha = r.string_or_null("head");
  result.filter_mode = r.named<FilterMode>("filter_mode", filter_mode_named);
  result.baseline_applied = r.string("baseline") == "base";
  result.failed = r.boolean("failed");
  r.each("tools", [&](const Reader& t) {
    t.require_object();
    result.tools.push_back({t.string("name"), t.string("version"), t.named<ToolStatus>("status", parse_tool_status),
                            t.string("note"), t.integer("cached_files")});
  });
  result.notes = r.strings("notes");
  result.checked_files = r.strings("checked_files");
  result.missing_docstrings = r.strings("missing_docstrings");
  if (r.has("docstrings_required")) result.docstrings_required = r.boolean("docstrings_required");
  if (!r.string("fix_mode").empty()) result.fix_mode = r.named<FixMode>("fix_mode", parse_fix_mode);
  r.each("fixes",
         [](const Reader& fix) { throw BadField{fix.string("path") + ": a refined file (a shard never refines)"}; });
  if (r.has("shard")) result.shard = read_shard(r.object("shard"));
  r.each("findings", [&](const Reader& f) { result.findings.push_back(read_finding(f)); });
  return result;
}

} // namespace

util::Result<CheckResult> parse_json_report(std::string_view text) {
  rapidjson::Document doc = util::parse_json(text);
  if (doc.HasParseError()) return util::Failure{"not JSON (at byte " + std::to_string(doc.GetErrorOffset()) + ")"};
  if (!doc.IsObject() || util::nests_deeper_than(doc, k_max_depth)) return util::Failure{"not a codegate JSON report"};
  try {
    return read_result(Reader(doc, ""));
  } catch (const BadField& bad) {
    return util::Failure{bad.message};
  }
}

} // namespace codegate
