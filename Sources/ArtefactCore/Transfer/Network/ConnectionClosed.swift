/// A request that failed because the server had closed (or reset) the connection under
/// it: on a kept-alive connection, most often the server's idle timeout. It is a type of
/// its own so that a client decides to resend an idempotent request on a new connection by
/// the error, never by its words; `error` is what the client reports when it does not.
struct ConnectionClosed: Error {
    let error: ArtefactError
}
