import Glibc

/// Runs another program to its end, for the one job artefact hands to a tool it trusts
/// rather than a primitive it would have to write (ssh-keygen decrypting an OpenSSH key).
/// `posix_spawn` of an absolute path, no shell: standard input and output are /dev/null,
/// standard error is kept (bounded), signals are reset so the child stops on Ctrl-C like
/// any other, and a child still running at the deadline is killed.
struct ChildProcess {
    /// How the child ended.
    struct Outcome {
        /// The exit code, or nil when a signal (or the deadline) ended it.
        let exitCode: Int32?
        /// The first `errorLimit` bytes it wrote to standard error.
        let standardError: [UInt8]
    }

    /// Whether `path` is a file this process may execute.
    static func isExecutable(_ path: String) -> Bool {
        FileSystem.statusIfPresent(path).map { FileKind.isRegular($0.st_mode) } == true && access(path, X_OK) == 0
    }

    /// Runs `executable` with `arguments` (argv[1...]) and exactly `environment` (NAME=VALUE
    /// bytes, which may hold a secret: the copies made for the child are wiped once it has
    /// started; the caller wipes its own).
    static func run(_ executable: String, arguments: [String], environment: [[UInt8]], deadlineSeconds: Int,
                    errorLimit: Int = 4096) throws -> Outcome {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw SystemCallError("pipe", path: executable).asArtefactError }
        // Neither end may leak into another child; the child's standard error is a dup2.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let reader = FileDescriptor(rawValue: pipeEnds[0], path: "\(executable) standard error")
        var writerEnd: Int32? = pipeEnds[1]
        defer { if let end = writerEnd { _ = close(end) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { entry in
            let copy = malloc(entry.count + 1)!.assumingMemoryBound(to: CChar.self)
            entry.withUnsafeBytes { UnsafeMutableRawPointer(copy).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            copy[entry.count] = 0
            return copy
        } + [nil]
        defer {
            for string in argv { free(string) }
            for string in envp {
                if let string { explicit_bzero(string, strlen(string)) }
                free(string)
            }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ArtefactError.operational("could not run \(executable): \(String(cString: strerror(status)))")
        }
        _ = close(pipeEnds[1])
        writerEnd = nil
        let (errorOutput, finished) = drain(reader, limit: errorLimit, deadlineSeconds: deadlineSeconds)
        if !finished { _ = kill(pid, SIGKILL) }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        let exited = waitStatus & 0x7f == 0
        return Outcome(exitCode: finished && exited ? (waitStatus >> 8) & 0xff : nil, standardError: errorOutput)
    }

    /// Reads the pipe to its end (the child closed it, usually by exiting), keeping at
    /// most `limit` bytes; false when the deadline came first.
    private static func drain(_ reader: borrowing FileDescriptor, limit: Int, deadlineSeconds: Int) -> ([UInt8], Bool) {
        var kept: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        while true {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let left = deadlineSeconds * 1000 - (now.tv_sec - start.tv_sec) * 1000 - (now.tv_nsec - start.tv_nsec) / 1_000_000
            guard left > 0 else { return (kept, false) }
            var poller = pollfd(fd: reader.rawValue, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 1000)))
            if ready < 0 && errno != EINTR { return (kept, false) }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(reader.rawValue, $0.baseAddress, $0.count) }
            if count == 0 { return (kept, true) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return (kept, true)
            }
            kept.append(contentsOf: buffer[0..<min(count, max(0, limit - kept.count))])
        }
    }
}
