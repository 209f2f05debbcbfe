#include "python/source_index.h"

#include <rapidjson/document.h>

#include <chrono>
#include <mutex>

#include "core/error.h"
#include "python/index_helper.h"
#include "python/interpreter.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/subprocess.h"

namespace codegate::python {
namespace {

constexpr std::chrono::seconds k_helper_timeout{120};

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

int int_member(const rapidjson::Value& object, const char* name, int fallback = 0) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsInt() ? it->value.GetInt() : fallback;
}

bool bool_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

UnitKind parse_kind(const std::string& kind) {
  if (kind == "module") return UnitKind::module;
  if (kind == "class") return UnitKind::class_type;
  if (kind == "method") return UnitKind::method;
  if (kind == "function") return UnitKind::function;
  throw ToolError("the Python source index named an unknown unit kind '" + kind + "'");
}

SourceUnit parse_unit(const rapidjson::Value& value) {
  if (!value.IsObject()) throw ToolError("the Python source index printed a unit that is not an object");
  SourceUnit unit;
  unit.kind = parse_kind(string_member(value, "kind"));
  unit.is_async = bool_member(value, "async");
  unit.name = string_member(value, "name");
  unit.qualified_name = string_member(value, "qualname");
  unit.line = int_member(value, "line", 1);
  unit.start_line = int_member(value, "start_line", unit.line);
  unit.end_line = int_member(value, "end_line", unit.line);
  unit.body_line = int_member(value, "body_line", unit.line);
  auto doc = value.FindMember("docstring");
  if (doc != value.MemberEnd() && doc->value.IsString()) unit.docstring = doc->value.GetString();
  unit.docstring_line = int_member(value, "doc_line");
  unit.docstring_end_line = int_member(value, "doc_end_line");
  auto decorators = value.FindMember("decorators");
  if (decorators != value.MemberEnd() && decorators->value.IsArray()) {
    for (const auto& d : decorators->value.GetArray()) {
      if (d.IsString()) unit.decorators.emplace_back(d.GetString());
    }
  }
  unit.parent = int_member(value, "parent", -1);
  unit.nested_in_function = bool_member(value, "in_function");
  unit.is_public = bool_member(value, "public");
  return unit;
}

// [name, kind, guard_line, line, column, end_line, end_column]
Narrowing parse_narrowing(const rapidjson::Value& value) {
  auto bad = [] {
    return ToolError("the Python source index printed a narrowing that is not [name, kind, 5 numbers]");
  };
  if (!value.IsArray() || value.Size() != 7 || !value[0].IsString() || !value[1].IsString()) throw bad();
  Narrowing n;
  n.name.assign(value[0].GetString(), value[0].GetStringLength());
  std::string kind = value[1].GetString();
  if (kind != "value" && kind != "type") throw bad();
  n.kind = kind == "type" ? Narrowing::Kind::type : Narrowing::Kind::value;
  int* fields[] = {&n.guard_line, &n.line, &n.column, &n.end_line, &n.end_column};
  for (rapidjson::SizeType i = 0; i < 5; ++i) {
    if (!value[i + 2].IsInt()) throw bad();
    *fields[i] = value[i + 2].GetInt();
  }
  return n;
}

} // namespace

std::string_view to_string(UnitKind kind) {
  switch (kind) {
    case UnitKind::module: return "module";
    case UnitKind::class_type: return "class";
    case UnitKind::function: return "function";
    case UnitKind::method: return "method";
  }
  return "unit";
}

std::string SourceIndex::describe(const SourceUnit& unit) const {
  if (unit.kind == UnitKind::module) return "module " + path;
  std::string kind(to_string(unit.kind));
  if (unit.is_async) kind = "async " + kind;
  return kind + " " + unit.qualified_name;
}

std::string frame_sources(const std::map<std::string, std::string>& sources) {
  std::string framed;
  for (const auto& [path, content] : sources) {
    framed += std::to_string(path.size()) + " " + std::to_string(content.size()) + "\n";
    framed += path;
    framed += content;
  }
  return framed;
}

std::vector<SourceIndex> parse_index_json(const std::string& json) {
  rapidjson::Document doc = util::parse_json(json);
  if (doc.HasParseError() || !doc.IsObject())
    throw ToolError("the Python source index printed output that is not JSON");
  auto files = doc.FindMember("files");
  if (files == doc.MemberEnd() || !files->value.IsArray())
    throw ToolError("the Python source index printed no file list");
  std::vector<SourceIndex> out;
  for (const auto& file : files->value.GetArray()) {
    if (!file.IsObject()) throw ToolError("the Python source index printed a file that is not an object");
    SourceIndex index;
    index.path = string_member(file, "path");
    index.ok = bool_member(file, "ok");
    index.error = string_member(file, "error");
    index.error_line = int_member(file, "line");
    auto units = file.FindMember("units");
    if (index.ok) {
      if (units == file.MemberEnd() || !units->value.IsArray() || units->value.Empty()) {
        throw ToolError("the Python source index printed no units for " + index.path);
      }
      for (const auto& unit : units->value.GetArray()) index.units.push_back(parse_unit(unit));
      int count = static_cast<int>(index.units.size());
      for (const auto& unit : index.units) {
        if (unit.parent >= count) throw ToolError("the Python source index printed a unit with an unknown parent");
      }
      auto strings = [&](const char* member, std::vector<std::string>& names) {
        auto list = file.FindMember(member);
        if (list == file.MemberEnd() || !list->value.IsArray()) return;
        for (const auto& name : list->value.GetArray())
          if (name.IsString()) names.emplace_back(name.GetString(), name.GetStringLength());
      };
      strings("imports", index.imports);
      strings("dynamic_imports", index.dynamic_imports);
      strings("loaded_paths", index.loaded_paths);
      if (auto list = file.FindMember("narrowings"); list != file.MemberEnd() && list->value.IsArray())
        for (const auto& entry : list->value.GetArray()) index.narrowings.push_back(parse_narrowing(entry));
      if (auto list = file.FindMember("fixed_scheme_urls"); list != file.MemberEnd() && list->value.IsArray())
        for (const auto& line : list->value.GetArray())
          if (line.IsInt() && line.GetInt() > 0) index.fixed_scheme_url_lines.push_back(line.GetInt());
      strings("alternative_definitions", index.definitions.alternatives);
      if (auto list = file.FindMember("from_imports"); list != file.MemberEnd() && list->value.IsArray())
        for (const auto& entry : list->value.GetArray()) {
          if (!entry.IsArray() || entry.Size() != 3 || !entry[0].IsString() || !entry[1].IsString() ||
              !entry[2].IsString())
            throw ToolError("the Python source index printed an import that is not [alias, module, name]");
          index.definitions.from_imports.push_back({entry[0].GetString(), entry[1].GetString(), entry[2].GetString()});
        }
    }
    out.push_back(std::move(index));
  }
  return out;
}

namespace {

std::vector<SourceIndex> run_index_helper(const std::map<std::string, std::string>& sources) {
  util::ProcessOptions options;
  options.stdin_data = frame_sources(sources);
  options.timeout = k_helper_timeout;
  // Isolated mode (-I): no PYTHON* variables, no user site, and neither the working directory
  // nor a script directory on sys.path, so nothing in the analysed tree can shadow `ast`.
  // Running from / keeps the analysed tree out of reach entirely.
  options.cwd = "/";
  const std::string& python = interpreter();
  auto result = util::run_process({python, "-I", "-S", "-B", "-c", std::string(index_helper_source())}, options);
  if (!result) throw ToolError(python + " is not installed; the intent check needs it to read Python sources");
  if (result->timed_out) throw ToolError("the Python source index did not finish within 120 s");
  if (result->exit_code != 0) {
    throw ToolError("the Python source index failed (exit " + std::to_string(result->exit_code) +
                    "): " + util::tail_lines(result->err, 5));
  }
  return parse_index_json(result->out);
}

} // namespace

std::vector<SourceIndex> index_python_sources(const std::map<std::string, std::string>& sources) {
  if (sources.empty()) return {};
  // One run asks about the same file more than once (the result cache for its imports, the intent
  // check for its units, the baseline for the units of findings): each content is parsed once.
  static std::mutex mutex;
  static std::map<std::string, SourceIndex> parsed; // by hash of path and content
  auto key = [](const std::string& path, const std::string& content) { return util::hash_parts({path, content}); };
  std::map<std::string, std::string> missing;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [path, content] : sources)
      if (parsed.count(key(path, content)) == 0) missing.emplace(path, content);
  }
  if (!missing.empty()) {
    std::vector<SourceIndex> fresh = run_index_helper(missing);
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& index : fresh) {
      auto content = missing.find(index.path);
      if (content != missing.end()) parsed[key(index.path, content->second)] = std::move(index);
    }
  }
  std::vector<SourceIndex> out;
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto& [path, content] : sources)
    if (auto it = parsed.find(key(path, content)); it != parsed.end()) out.push_back(it->second);
  return out;
}

} // namespace codegate::python
