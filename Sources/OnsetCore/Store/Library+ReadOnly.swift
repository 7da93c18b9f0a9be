import Foundation
import GRDB

/// Why a library that exists could not be opened for reading.
public struct LibraryOpenError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

extension Library {
    /// Opens a library the user cannot write. A WAL database needs its `-shm` index, which SQLite
    /// creates beside the file: in a folder the user cannot write (a shared library on a server)
    /// and with no writer holding the index, a plain read-only open fails. Then, if no changes
    /// are pending in the `-wal` file, the main file alone is the whole library and is opened as
    /// immutable; with pending changes it is refused, since reading without them would show an
    /// older library as if it were current.
    static func openReadOnly(path: String, configuration: Configuration) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let e as DatabaseError where e.resultCode == .SQLITE_READONLY || e.resultCode == .SQLITE_CANTOPEN {
            let pending = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
            guard pending == 0 else {
                throw LibraryOpenError(path: path, message: "the library has changes in \(path)-wal that were never folded into it, and this folder cannot be written, so they cannot be read; ask whoever can write the folder to open the library once (`onset list --db \(path)`)")
            }
            // `immutable=1` (a URI; Debian's SQLite accepts URIs in file names) tells SQLite that
            // nobody writes the file, so it needs no index and takes no locks.
            let uri = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
            let queue = try DatabaseQueue(path: uri, configuration: configuration)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        }
    }
}

extension Library {
    /// True when `error` is SQLite saying that another connection held the library past the busy
    /// timeout (another import writing): callers say so in words instead of "database is locked".
    public static func isBusy(_ error: Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        return e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED
    }

    /// Whether `error` is SQLite finding no room left on the disk (its message would otherwise
    /// quote the statement that was running, which says nothing to the user).
    public static func isDiskFull(_ error: Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_FULL
    }
}
