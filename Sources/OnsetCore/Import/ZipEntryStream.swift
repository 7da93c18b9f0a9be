import Foundation
import ZIPFoundation

/// Streams one member of a ZIP archive without extracting it to disk.
///
/// ZIPFoundation only pushes an entry's bytes into a closure, but a merge join needs to pull from
/// several members at once, so each stream inflates its member on its own thread and hands the
/// chunks over through a small bounded queue (at most `capacity` chunks wait, so memory stays
/// bounded whatever the member's size). Inflating on other threads also lets decompression run
/// beside parsing on a second core.
final class ZipEntryStream: ChunkSource, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Data] = []
    private var finished = false
    private var failure: String?
    private var cancelled = false
    private let capacity = 4
    let archivePath: String
    let entryPath: String

    private struct Cancelled: Error {}

    init(archive: URL, entry: String) {
        archivePath = archive.path
        entryPath = entry
        let thread = Thread { [self] in self.produce(archive: archive) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func produce(archive url: URL) {
        do {
            let archive = try Archive(url: url, accessMode: .read)
            guard let entry = archive[entryPath] else { throw ImportError(file: url.path, place: entryPath, message: "no such member in the archive") }
            _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { data in
                condition.lock()
                defer { condition.unlock() }
                while queue.count >= capacity && !cancelled { condition.wait() }
                if cancelled { throw Cancelled() }
                if !data.isEmpty { queue.append(data) }
                condition.broadcast()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        } catch is Cancelled {
            condition.lock(); finished = true; condition.broadcast(); condition.unlock()
        } catch {
            condition.lock()
            failure = (error as? ImportError)?.message ?? "cannot be inflated: \(error)"
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }

    func nextChunk() throws -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished && !cancelled { condition.wait() }
        if !queue.isEmpty {
            let d = queue.removeFirst()
            condition.broadcast()
            return d
        }
        if let failure { throw ImportError(file: archivePath, place: entryPath, message: failure) }
        return nil
    }

    func close() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    deinit { close() }
}

/// The member names of a ZIP archive, for finding a regulator's tables whatever their case.
enum ZipListing {
    static func entries(of url: URL) throws -> [String] {
        do {
            let archive = try Archive(url: url, accessMode: .read)
            return archive.filter { $0.type == .file }.map(\.path)
        } catch {
            throw ImportError(file: url.path, message: "not a readable ZIP archive (\(error))")
        }
    }
}
