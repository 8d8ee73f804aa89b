#pragma once

// Saving a file so that a failed save loses nothing and a save never changes what kind of
// thing the path names. Every save in Awaitscope goes through saveFile: traces, scripts,
// pictures.
#include "awaitscope/io/ByteSink.h"

#include <functional>
#include <string>

namespace awaitscope {

struct SaveResult {
    bool ok = false;
    std::string error;  // "out.json: cannot save: No space left on device"
};

// Hands `produce` a sink and stores what it writes at `path`. By what `path` names:
// - nothing, or a regular file: the bytes go to a temporary file in the same directory
//   (anonymous where the file system allows, so that even a killed process leaves nothing
//   behind), are flushed to disk, and the file is renamed over `path`; the directory is then
//   flushed too. A replaced file keeps its permission bits (and its owner and group, where
//   the user may set them); a new file gets 0666 less the umask. On any failure the
//   temporary file is removed and `path` is untouched.
// - a symbolic link: followed (as editors do); its target is saved as above, the link stays.
// - a FIFO or a character device (a pipe, /dev/stdout, /dev/null): written through, never
//   replaced. A FIFO that no process reads is an error, not a wait. A write error (/dev/full)
//   is reported.
// - a directory, block device or socket: refused.
// `produce` returns false when it could not write everything (its sink said false, or it
// gave up); the save then fails. If it throws, the temporary file is removed and the
// exception goes on.
SaveResult saveFile(const std::string& path, const std::function<bool(const ByteSink&)>& produce);

// The same for bytes already in memory.
SaveResult saveFile(const std::string& path, std::string_view bytes);

} // namespace awaitscope
