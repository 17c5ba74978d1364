import Glibc
import Synchronization

/// One POSIX thread that runs beside the caller until it is joined: for work that must
/// go on while the caller blocks in a synchronous call (progress shown while hashing).
public final class BackgroundThread: Sendable {
    private let handle: Mutex<pthread_t?>

    private init(handle: pthread_t) { self.handle = Mutex(handle) }

    /// `pthread_create(3)` running `body`; nil when no thread could be made.
    public static func start(_ body: @escaping @Sendable () -> Void) -> BackgroundThread? {
        let box = Unmanaged.passRetained(Start(body))
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { argument in
            Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            return nil
        }
        return BackgroundThread(handle: handle)
    }

    /// `pthread_join(3)`: waits for the thread to finish. Joining twice does nothing.
    public func join() {
        if let thread = handle.withLock({ value -> pthread_t? in defer { value = nil }; return value }) {
            pthread_join(thread, nil)
        }
    }

    /// `nanosleep(2)` for `milliseconds`, on whatever thread calls it.
    public static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }

    private final class Start: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
