import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file a new library is written to, beside the path it will take.
struct NewLibraryFile {
    let destination: String
    let temporaryPath: String

    /// What SQLite may keep beside a database: any of these beside a missing library would be
    /// read as part of the new one (a stale WAL replayed into it, a hot journal rolled "back").
    static let companions = ["-wal", "-shm", "-journal"]

    /// Reserves a temporary file for a library at `destination`, or nil when `destination` or a
    /// companion file exists (or its folder cannot be made: the usual path says why). Removes
    /// temporary files that killed imports left in the folder.
    init?(destination: String) {
        guard !NewLibraryFile.anyExists(destination) else { return nil }
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return nil }
        let prefix = NewLibraryFile.prefix(of: url.lastPathComponent)
        NewLibraryFile.removeAbandoned(in: folder, prefix: prefix)
        // Hidden, named after the library and this process (so a later import can tell whether
        // its writer is still alive), and unique within the process.
        let unique = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        self.destination = destination
        self.temporaryPath = folder + "/" + prefix + "\(getpid())-\(unique)"
    }

    static func prefix(of name: String) -> String { ".\(name).importing-" }

    /// True when `path` or a companion exists, or cannot be looked up (then it may exist).
    static func anyExists(_ path: String) -> Bool {
        ([""] + companions).contains { access(path + $0, F_OK) == 0 || errno != ENOENT }
    }

    /// Deletes `prefix<pid>-…` files (and their journals) whose process no longer runs.
    static func removeAbandoned(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
            guard let pid = pid_t(digits), pid > 0, pid != getpid() else { continue }
            // ESRCH: no such process. EPERM means it exists (another user's): leave its file.
            // A wrong guess (a live writer in another pid namespace sharing the folder) can only
            // make that import fail: its file is gone, so nothing reaches the library's path.
            if kill(pid, 0) == -1 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Syncs the finished file and links it at the destination unless something is there by
    /// now. Returns false, leaving the destination alone, when it is taken.
    func publish() throws -> Bool {
        try NewLibraryFile.sync(temporaryPath)
        // A companion that appeared meanwhile would be applied to the new file: leave it to the
        // usual path, which opens whatever is there.
        guard !NewLibraryFile.anyExists(destination) else { return false }
        // link() fails with EEXIST instead of replacing, atomically (Glibc does not export
        // renameat2's RENAME_NOREPLACE to Swift). Until the temporary name is unlinked the file
        // has two names; a kill in between leaves the extra name for `removeAbandoned`.
        // Any other failure (a file system without hard links) also leaves it to the usual path.
        guard link(temporaryPath, destination) == 0 else { return false }
        unlink(temporaryPath)
        try? NewLibraryFile.sync(URL(fileURLWithPath: destination).deletingLastPathComponent().path)
        return true
    }

    /// Removes the temporary file and anything SQLite left beside it.
    func discard() {
        for suffix in [""] + NewLibraryFile.companions { unlink(temporaryPath + suffix) }
    }

    /// fsync of a file or folder: the contents must be on disk before a name points at them.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LibraryOpenError(path: path, message: "cannot open to sync: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LibraryOpenError(path: path, message: "fsync failed: \(String(cString: strerror(errno)))") }
    }
}
