import Foundation
import Testing
@testable import OnsetCore

/// A batch goes from the producer to the consumer and back, so that what the producer allocated
/// is freed by the producer (`BatchChannel.giveBack`).
@Suite struct BatchChannelTests {
    /// Counts the `Tracked` values freed.
    final class FreeCount: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    final class Tracked: Sendable {
        let count: FreeCount
        let index: Int
        init(_ count: FreeCount, _ index: Int = 0) { self.count = count; self.index = index }
        deinit { count.add() }
    }

    @Test func aBatchGivenBackIsFreedWhenTheProducerDropsIt() throws {
        let freed = FreeCount()
        let channel = BatchChannel<Tracked>(capacity: 4)
        try channel.put((0..<3).map { _ in Tracked(freed) })
        var batch = try #require(try channel.take())
        #expect(batch.count == 3)
        channel.giveBack(&batch)
        // The consumer holds nothing any more; the channel keeps the batch for the producer.
        #expect(batch.isEmpty)
        #expect(freed.value == 0)
        var scratch: [[Tracked]] = []
        channel.dropSpent(using: &scratch)
        #expect(freed.value == 3)
        #expect(scratch.isEmpty)
        // Nothing is given back twice.
        channel.dropSpent(using: &scratch)
        #expect(freed.value == 3)
        channel.finish(error: nil)
        #expect(try channel.take() == nil)
    }

    /// Across threads, as an import uses it: every item arrives once, in order, and is freed.
    @Test func everyItemArrivesInOrderAndIsFreed() throws {
        let freed = FreeCount()
        let channel = BatchChannel<Tracked>(capacity: 2)
        let batches = 50, size = 16
        let done = DispatchSemaphore(value: 0)
        let producer = Thread {
            do {
                var spent: [[Tracked]] = []
                for b in 0..<batches {
                    try channel.put((0..<size).map { Tracked(freed, b * size + $0) })
                    channel.dropSpent(using: &spent)
                }
                channel.finish(error: nil)
            } catch {
                channel.finish(error: error)
            }
            done.signal()
        }
        producer.start()
        var received: [Int] = []
        while var batch = try channel.take() {
            received += batch.map(\.index)
            channel.giveBack(&batch)
        }
        done.wait()
        #expect(received == Array(0..<(batches * size)))
        // What the producer had not dropped yet goes with the channel.
        var rest: [[Tracked]] = []
        channel.dropSpent(using: &rest)
        rest.removeAll()
        #expect(freed.value == batches * size)
    }
}
