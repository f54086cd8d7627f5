import LinuxSupport
import Testing

@Suite struct BlockingQueueTests {
    @Test func popWaitsForPushFromAnotherThread_andNilAfterClose() async {
        let queue = BlockingQueue<Int>()
        let consumer = DedicatedThread(name: "test-consumer") {
            var seen: [Int] = []
            while let value = queue.pop() { seen.append(value) }
            #expect(seen == Array(0..<1000))
        }
        for value in 0..<1000 { queue.push(value) }
        queue.close()
        await consumer.join()
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
