import LinuxSupport
import Testing

@Suite struct BlockingQueueTests {
    @Test func popWaitsForPushFromAnotherThread_andNilAfterClose() async {
        let queue = BlockingQueue<Int>()
        // What the consumer saw comes back to the test's task to be checked there: an
        // #expect on the consumer's thread is recorded for no test.
        let seenByConsumer = BlockingQueue<[Int]>()
        let consumer = DedicatedThread(name: "test-consumer") {
            var seen: [Int] = []
            while let value = queue.pop() { seen.append(value) }
            seenByConsumer.push(seen)
        }
        for value in 0..<1000 { queue.push(value) }
        queue.close()
        await consumer.join()
        #expect(seenByConsumer.pop() == Array(0..<1000))
    }

    @Test func closeDiscardingPending_dropsWhatIsQueued() {
        let queue = BlockingQueue<Int>()
        queue.push(1)
        queue.push(2)
        queue.close(discardingPending: true)
        #expect(queue.pop() == nil)
        queue.push(3)
        #expect(queue.count == 0)
    }
}
