#pragma once
// results.json: the experiment's settings, every sample's rounds, each run's summary and the
// mean and standard deviation over runs. A sample's record is also written on its own as soon as
// it is finished (`--resume` reads those back instead of asking the model again).

#include <optional>
#include <string>
#include <vector>

#include "eval/results.h"

namespace codegate::util {
class JsonWriter;
}

namespace codegate::eval {

struct ExperimentInfo {
  std::string dataset_path;
  std::string dataset_kind;
  int skipped_other_language = 0;
  std::string provider;
  std::string model;
  int rounds = 5;
  bool knowledge = true;
  std::string profile = "thesis";
  std::string prompt_style = "plain";
  bool reflect = false;
  double temperature = 0;
  int max_output_tokens = 1024;
  std::optional<long> seed;
  bool seed_sent = false; // the provider takes a seed (OpenAI does, Anthropic does not)
};

struct RunResults {
  std::vector<SampleResult> samples; // in the data set's order
  RunSummary summary;
};

void write_sample(util::JsonWriter& json, const SampleResult& sample);
// A sample record as written by write_sample; nullopt when `text` is not one (a torn or foreign
// file: the sample is run again).
std::optional<SampleResult> read_sample(const std::string& text);

std::string results_json(const ExperimentInfo& info, const std::vector<RunResults>& runs);

} // namespace codegate::eval
