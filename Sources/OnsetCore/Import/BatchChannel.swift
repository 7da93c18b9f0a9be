import Foundation

/// Hands batches of work from one producer thread to one consumer, at most `capacity` batches
/// waiting (so memory stays bounded whatever the input's size). An importer parses and prepares
/// cases on the producer thread while the library's writer inserts them, using both cores.
final class BatchChannel<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    /// Batches the consumer has finished with, waiting for the producer to free them.
    private var spent: [[Item]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    /// What the producer's `put` throws once the consumer has stopped listening.
    struct Cancelled: Error {}

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Producer: waits while the channel is full; throws `Cancelled` when the consumer gave up.
    func put(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    /// How many batches are waiting for the consumer: near `capacity` the consumer is the slower
    /// side, near zero the producer.
    var backlog: Int {
        condition.lock()
        defer { condition.unlock() }
        return batches.count
    }

    /// The most batches that wait before `put` blocks.
    var limit: Int { capacity }

    /// Producer: no more batches; `error` is rethrown to the consumer after the last batch.
    func finish(error: (any Error)?) {
        condition.lock()
        finished = true
        if let error, !(error is Cancelled) { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next batch, nil once the producer finished; rethrows the producer's error.
    func take() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let b = batches.removeFirst()
            condition.broadcast()
            return b
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: hands back a batch it has finished with, leaving `batch` empty, so the producer
    /// frees it (`dropSpent`).
    ///
    /// Why: glibc frees a block under the lock of the arena it came from, so blocks the producer
    /// allocated and the consumer freed made the two threads contend for the producer's arena
    /// (~100,000 futex calls in a 400k-case FAERS import, every one from freeing prepared cases
    /// on the inserting thread; strace -k). The batch is emptied under the lock, so the last
    /// reference to its cases is always the producer's.
    func giveBack(_ batch: inout [Item]) {
        condition.lock()
        defer { condition.unlock() }
        spent.append(batch)
        batch.removeAll()
    }

    /// Producer: frees, on its own thread, the batches the consumer handed back; `scratch` is
    /// storage this reuses from call to call.
    func dropSpent(using scratch: inout [[Item]]) {
        condition.lock()
        swap(&spent, &scratch)
        condition.unlock()
        scratch.removeAll(keepingCapacity: true)
    }

    /// Consumer: stops the producer (its next `put` throws) and waits until it has finished, so
    /// nothing it owns is still in use when the consumer returns.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
