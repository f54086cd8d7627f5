import Foundation

/// A FIFO that dedicated threads block on. Closing it lets consumers drain what is left and
/// then see `nil`.
///
/// `@unchecked Sendable`: every access to `items` and `closed` holds `condition`'s lock.
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false

    /// An empty, open queue.
    public init() {}

    /// Appends `element`; ignored once closed.
    public func push(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        items.append(element)
        condition.signal()
    }

    /// The next element, waiting for one; nil once the queue is closed and empty.
    public func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let element = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Elements waiting.
    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    /// No more pushes; waiting consumers wake. With `discardingPending`, what is still
    /// queued is dropped too.
    public func close(discardingPending: Bool = false) {
        condition.lock()
        closed = true
        if discardingPending {
            items.removeAll()
            head = 0
        }
        condition.broadcast()
        condition.unlock()
    }
}
