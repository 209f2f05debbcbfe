#include "util/cleanup.h"

#include <signal.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace codegate::util {
namespace {

std::mutex g_mutex;
std::set<pid_t> g_groups;
std::set<std::string> g_dirs;

bool any_group_alive() {
  for (pid_t group : g_groups)
    if (kill(-group, 0) == 0) return true;
  return false;
}

} // namespace

pid_t spawn_registered(const std::function<pid_t()>& spawn) {
  std::lock_guard lock(g_mutex);
  pid_t pid = spawn();
  if (pid > 0) g_groups.insert(pid);
  return pid;
}

void unregister_process_group(pid_t group) {
  std::lock_guard lock(g_mutex);
  g_groups.erase(group);
}

void register_temp_dir(const std::string& path) {
  std::lock_guard lock(g_mutex);
  g_dirs.insert(path);
}

void remove_temp_dir(const std::string& path) {
  std::lock_guard lock(g_mutex);
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
  g_dirs.erase(path);
}

void clean_up_for_exit(std::chrono::milliseconds grace) {
  g_mutex.lock(); // never unlocked: the process exits next
  for (pid_t group : g_groups) kill(-group, SIGTERM);
  // A tool that exits on SIGTERM gets to remove its own files; one that does not is killed.
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (any_group_alive() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  for (pid_t group : g_groups) kill(-group, SIGKILL);
  for (const auto& dir : g_dirs) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
}

} // namespace codegate::util
