#pragma once
// Whole-file reads and writes with errors that name the file.

#include <optional>
#include <string>

#include "util/result.h"

namespace codegate::util {

// The file's bytes, or why not: "cannot read PATH: No such file or directory".
Result<std::string> read_file(const std::string& path);
// Creates missing parent directories. A failure says "cannot write PATH: why"; the caller decides
// what it means (a report that cannot be written fails the run, a log that cannot is a warning).
Result<void> write_file(const std::string& path, const std::string& content);
// How a symbolic link at the path itself is treated by write_file_atomic.
enum class FinalLink {
  follow,  // its target is replaced (a device or pipe it points to is written in place)
  replace, // the link itself is replaced by the file: nothing is written where it points
};
// Writes a temporary file beside `path` (created anew, never through an existing name) and renames
// it over `path`: a concurrent reader (another run) sees the old content or the new, never half of
// it, and a write that fails (a full disk) leaves no part behind. A device or a pipe is written in
// place.
Result<void> write_file_atomic(const std::string& path, const std::string& content,
                               FinalLink final_link = FinalLink::follow);

// Where `path` may be written without following a symbolic link that lies inside `guarded` (a
// directory whose links someone else chose: the checkout of a pull request). Links outside it
// (`/dev/stdout`) are followed as the system would. The result says how to treat a link at the
// path itself (one inside `guarded` is replaced, not followed); a link inside `guarded` among
// the directories on the way is a Failure that names it.
Result<FinalLink> guarded_write(const std::string& path, const std::string& guarded);
// write_file_atomic where guarded_write allows it: never through a symbolic link inside `guarded`.
Result<void> write_file_guarded(const std::string& path, const std::string& content, const std::string& guarded);

} // namespace codegate::util
