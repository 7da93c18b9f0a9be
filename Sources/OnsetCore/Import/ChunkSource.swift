import Foundation

/// A source of raw bytes read in large chunks: a file, a ZIP entry or memory.
protocol ChunkSource: AnyObject {
    /// The next chunk (never empty), or nil at the end.
    func nextChunk() throws -> Data?
    /// Releases the file or thread behind the source; reading after it returns nil.
    func close()
}

/// Reads a file in 1 MiB chunks so that a table of any size takes bounded memory.
final class FileChunkSource: ChunkSource {
    private var handle: FileHandle?
    private let chunkSize: Int
    let path: String

    init(url: URL, chunkSize: Int = 1 << 20) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else {
            throw ImportError(file: url.path, message: "cannot be opened for reading")
        }
        handle = h
        path = url.path
        self.chunkSize = chunkSize
    }

    func nextChunk() throws -> Data? {
        guard let handle else { return nil }
        do {
            guard let d = try handle.read(upToCount: chunkSize), !d.isEmpty else { return nil }
            return d
        } catch {
            throw ImportError(file: path, message: "read failed: \(error.localizedDescription)")
        }
    }

    func close() {
        try? handle?.close()
        handle = nil
    }

    deinit { close() }
}

/// Bytes already in memory, handed out in one chunk (tests, small pre-cleaned files).
final class DataChunkSource: ChunkSource {
    private var data: Data?
    init(_ data: Data) { self.data = data.isEmpty ? nil : data }
    func nextChunk() throws -> Data? { defer { data = nil }; return data }
    func close() { data = nil }
}
