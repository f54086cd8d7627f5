import Foundation
import LinuxSupport
import Testing

@Suite struct ThreadPriorityTests {
    @Test func setNice_changesOnlyTheCallingThread() async throws {
        let before = ThreadPriority.nice
        let seen = BlockingQueue<Int32>()
        let thread = DedicatedThread(name: "nice-test") {
            try? ThreadPriority.setNice(before + 5 > 19 ? 19 : before + 5)
            seen.push(ThreadPriority.nice)
        }
        await thread.join()
        #expect(seen.pop() == min(19, before + 5))
        #expect(ThreadPriority.nice == before, "the caller's thread keeps its nice value")
    }
}
