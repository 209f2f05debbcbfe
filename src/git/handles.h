#pragma once
// RAII owners for libgit2 handles, and the one place libgit2 errors become exceptions.

#include <git2.h>

#include <memory>
#include <string>

namespace codegate::git {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};

template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryHandle = Handle<git_repository, git_repository_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using TreeEntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using IndexHandle = Handle<git_index, git_index_free>;
using DiffHandle = Handle<git_diff, git_diff_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using SignatureHandle = Handle<git_signature, git_signature_free>;
using RemoteHandle = Handle<git_remote, git_remote_free>;

// A remote's open connection (git_remote_connect succeeded): disconnected when it goes out of
// scope, on every return path. The remote itself stays with its RemoteHandle.
class RemoteConnection {
public:
  explicit RemoteConnection(git_remote* remote) : remote_(remote) {}
  ~RemoteConnection() { git_remote_disconnect(remote_); }
  RemoteConnection(const RemoteConnection&) = delete;
  RemoteConnection& operator=(const RemoteConnection&) = delete;

private:
  git_remote* remote_;
};

// libgit2's last error message, or "unknown error".
std::string last_error();
// Throws ToolError("<what>: <libgit2 message>") when rc < 0.
void check(int rc, const std::string& what);

// Initialises libgit2 for the life of the process (main owns one).
class Library {
public:
  Library();
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

} // namespace codegate::git
