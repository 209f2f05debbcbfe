#include "llm/client.h"

namespace codegate::llm {
namespace {

constexpr const char* k_generic_key_env = "CODEGATE_LLM_API_KEY";

std::string provider_key_env(LlmProvider provider) {
  return provider == LlmProvider::anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
}

std::optional<std::string> non_empty(const EnvLookup& env, const std::string& name) {
  auto value = env(name);
  if (value && !value->empty()) return value;
  return std::nullopt;
}

} // namespace

std::string default_model(LlmProvider provider) {
  // Small, inexpensive models: the check runs on every pull request, once per changed unit.
  return provider == LlmProvider::anthropic ? "claude-haiku-4-5" : "gpt-4o-mini";
}

LlmClientSetup make_llm_client(const LlmConfig& config, const EnvLookup& env, std::shared_ptr<http::HttpClient> http,
                               http::RetryHooks hooks) {
  LlmClientSetup setup;
  ProviderSettings settings;
  settings.model = config.model.empty() ? default_model(config.provider) : config.model;
  settings.base_url = config.base_url;
  settings.timeout_seconds = config.timeout_seconds;
  settings.retry.retries = config.retries;
  settings.hooks = std::move(hooks);

  if (!config.api_key_env.empty()) {
    settings.key_env = config.api_key_env;
    if (auto key = non_empty(env, config.api_key_env)) {
      settings.api_key = *key;
    } else if (config.base_url.empty()) {
      setup.reason = "intent check skipped: no LLM configured (llm.api_key_env names " + config.api_key_env +
                     ", which is not set)";
      return setup;
    } else {
      setup.warnings.push_back("llm.api_key_env names " + config.api_key_env +
                               ", which is not set; sending requests to " + config.base_url + " without a key");
    }
  } else {
    for (const std::string& name : {std::string(k_generic_key_env), provider_key_env(config.provider)}) {
      if (auto key = non_empty(env, name)) {
        settings.api_key = *key;
        settings.key_env = name;
        break;
      }
    }
    if (settings.api_key.empty()) {
      if (config.base_url.empty()) {
        setup.reason = std::string("intent check skipped: no LLM configured (set ") + k_generic_key_env + " or " +
                       provider_key_env(config.provider) + ", or llm.base_url)";
        return setup;
      }
      settings.key_env = k_generic_key_env; // named in the error if the server wants a key after all
    }
  }

  if (!http) http = http::make_curl_http_client();
  setup.client = config.provider == LlmProvider::anthropic ? make_anthropic_client(std::move(settings), std::move(http))
                                                           : make_openai_client(std::move(settings), std::move(http));
  return setup;
}

LlmClientSetup make_llm_client(const Config& config, const EnvLookup& env) {
  return make_llm_client(config.llm, env, http::make_curl_http_client(config.http.max_response_bytes));
}

} // namespace codegate::llm
