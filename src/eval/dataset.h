#pragma once
// The data sets `codegate eval` runs, recognised by their content, not their file name:
// CodeEnhancer's dataset.json, LLMSecEval's JSON or CSV, SecurityEval's JSONL, and labelled
// (code, docstring) pairs that measure the intent check.

#include <string>
#include <vector>

#include "intent/verdict.h"

namespace codegate::eval {

enum class DatasetKind { codeenhancer, llmseceval, securityeval, labelled_pairs };
std::string to_string(DatasetKind kind);

// One prompt to generate code for.
struct Sample {
  std::string id;
  std::string prompt;          // natural language, or (completion) the code prefix to complete
  bool completion = false;     // SecurityEval: the prompt is the start of the file
  std::string cwe;             // "CWE-119" when the data set says; empty otherwise
  std::string cwe_name;        // LLMSecEval's "CWE Name"
  std::string source_language; // LLMSecEval's "Language": the language the row was written for
};

// A unit of code with the documentation it should match, labelled by a person.
struct LabelledPair {
  std::string id;
  std::string source;      // the whole unit (def/class with its docstring)
  std::string code;        // or the code ...
  std::string docstring;   // ... and its docstring apart
  intent::Verdict label = intent::Verdict::inconsistent; // consistent or inconsistent
  std::string base_source; // the unit before the change, for the just-in-time setting; may be empty
};

struct Dataset {
  std::string path;
  DatasetKind kind = DatasetKind::codeenhancer;
  std::vector<Sample> samples;     // every kind but labelled_pairs
  std::vector<LabelledPair> pairs; // labelled_pairs
  int skipped_other_language = 0;  // LLMSecEval rows for languages other than the one asked for
  // Rows whose id an earlier row already has (LLMSecEval repeats two), renamed "<id>-2", "<id>-3"
  // so that every sample has its own files: "old -> new".
  std::vector<std::string> renamed;
};

// Which LLMSecEval rows are read: all of them, code asked for in the target language whatever
// language the row was written for (the thesis's 150 samples), or only the target language's.
enum class RowLanguages { every, target_only };

// Reads and recognises `path`. `language` is the target: LLMSecEval's `<language>` placeholder
// becomes it, and with RowLanguages::target_only it selects the rows. Throws UsageError naming the file, the row
// (1-based: the element, line or CSV record) and the missing field for a data set that matches none of the kinds or a
// row without what its kind needs.
Dataset read_dataset(const std::string& path, const std::string& language = "Python",
                     RowLanguages rows = RowLanguages::every);

} // namespace codegate::eval
