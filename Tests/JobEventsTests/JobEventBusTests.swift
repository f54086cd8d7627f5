import APIWire
import JobEvents
import Testing

@Suite struct JobEventBusTests {
    @Test func subscribers_receiveEventsInOrder_withIncreasingIds() async {
        let bus = JobEventBus()
        let stream = bus.subscribe()
        bus.publish(.queued, jobId: "a", filename: "a.png")
        bus.publish(.progress, jobId: "a", filename: "a.png", progress: 50)
        bus.publish(.done, jobId: "a", filename: "a.png", progress: 100, invoiceId: 7)
        bus.finishAll()
        var events: [JobEvent] = []
        for await event in stream { events.append(event) }
        #expect(events.map(\.kind) == [.queued, .progress, .done])
        #expect(events.map(\.id) == [1, 2, 3])
        #expect(events.last?.data.invoiceId == 7)
        #expect(events.last?.data.type == "job.done")
    }

    @Test func resume_afterLastEventId_replaysOnlyWhatWasMissed() async {
        let bus = JobEventBus(backlogSize: 3)
        for index in 1...5 { bus.publish(.queued, jobId: "\(index)", filename: "f") }
        let stream = bus.subscribe(after: 3)
        bus.finishAll()
        var ids: [UInt64] = []
        for await event in stream { ids.append(event.id) }
        #expect(ids == [4, 5])
        // Older than the backlog: what is kept, not an error.
        let old = bus.subscribe(after: 0)
        bus.finishAll()
        var replayed: [UInt64] = []
        for await event in old { replayed.append(event.id) }
        #expect(replayed == [3, 4, 5])
    }

    @Test func endedSubscription_isRemoved() async {
        let bus = JobEventBus()
        do {
            let stream = bus.subscribe()
            #expect(bus.subscriberCount == 1)
            bus.finishAll()
            for await _ in stream {}
        }
        #expect(bus.subscriberCount == 0)
    }
}
