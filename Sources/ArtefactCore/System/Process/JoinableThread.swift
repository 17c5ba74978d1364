import Glibc

/// One POSIX thread (`pthread_create(3)`) running one closure, until `join()`
/// (`pthread_join(3)`). For work that runs beside the caller, such as a progress line.
public final class JoinableThread: @unchecked Sendable {
    // Written once by `start`, and read by `join` on the thread that started it.
    private var handle = pthread_t()
    private var joined = false

    private init() {}

    /// Starts `body` on a new thread, or returns nil if no thread could be made.
    public static func start(_ body: @escaping @Sendable () -> Void) -> JoinableThread? {
        let thread = JoinableThread()
        let box = Unmanaged.passRetained(ThreadStart(body))
        let status = pthread_create(&thread.handle, nil, { argument in
            Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            return nil
        }
        return thread
    }

    /// Waits for the thread to finish; later calls return at once.
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(handle, nil)
    }
}

/// A closure handed to a new thread.
final class ThreadStart: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
