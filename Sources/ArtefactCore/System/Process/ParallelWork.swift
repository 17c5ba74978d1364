import Synchronization

/// Runs `count` independent work items on `workers` threads. Each thread builds its own
/// state once (a read buffer, a hasher) and reuses it for every item it takes. Items are
/// taken in index order, so callers put the largest first. The first error stops the
/// hand-out and is thrown once every thread has finished.
public enum ParallelWork {
    public static func run<State, Result: Sendable>(
        count: Int, workers: Int, makeState: @escaping @Sendable () -> State,
        _ body: @escaping @Sendable (Int, State) throws -> Result
    ) throws -> [Result] {
        let shared = Hand<Result>(count: count)
        runOnThreads(count: min(max(1, workers), max(1, count))) { _ in
            let state = makeState()
            while let index = shared.next() {
                do { shared.store(try body(index, state), at: index) } catch { shared.fail(error) }
            }
        }
        if let failure = shared.failure { throw failure }
        return shared.results.map { $0! }
    }
}

private final class Hand<Result: Sendable>: Sendable {
    private let counter = Atomic<Int>(0)
    private let count: Int
    private let stopped = Atomic<Bool>(false)
    private let slots: Mutex<[Result?]>
    private let firstFailure = Mutex<(any Error)?>(nil)

    init(count: Int) {
        self.count = count
        slots = Mutex([Result?](repeating: nil, count: count))
    }

    func next() -> Int? {
        guard !stopped.load(ordering: .relaxed) else { return nil }
        let index = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    func store(_ result: Result, at index: Int) { slots.withLock { $0[index] = result } }

    func fail(_ error: any Error) {
        firstFailure.withLock { if $0 == nil { $0 = error } }
        stopped.store(true, ordering: .relaxed)
    }

    var failure: (any Error)? { firstFailure.withLock { $0 } }
    var results: [Result?] { slots.withLock { $0 } }
}
