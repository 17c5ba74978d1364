import ArtefactCore
import Testing

/// A blob's request deadline grows with its signed size at the minimum rate, so a real
/// 1 GiB download has time, and stays finite however large a size is claimed.
@Suite struct NetworkDeadlineTests {
    let settings = TLSSettings(caFile: "ca.pem", certificateFile: nil, keyFile: nil)

    @Test func aBlobGetsItsSizeAtTheMinimumRateOnTopOfTheTimeout() {
        #expect(settings.deadlineSeconds(streaming: 0) == 300)
        #expect(settings.deadlineSeconds(streaming: 1 << 30) == 300 + 4096)
        let fast = TLSSettings(caFile: "ca.pem", certificateFile: nil, keyFile: nil, requestTimeout: 5, minimumRate: 1 << 20)
        #expect(fast.deadlineSeconds(streaming: 10 << 20) == 15)
    }

    @Test(arguments: [Int64.max, Int64.max - 1, 1 << 62])
    func hugeClaimedSizesStayBoundedWithoutOverflow(bytes: Int64) {
        let slowest = TLSSettings(caFile: "ca.pem", certificateFile: nil, keyFile: nil, requestTimeout: TLSSettings.maximumRequestTimeout,
                                  minimumRate: 1)
        #expect(slowest.deadlineSeconds(streaming: bytes) == TLSSettings.maximumRequestTimeout)
        #expect(settings.deadlineSeconds(streaming: bytes) == TLSSettings.maximumRequestTimeout)
    }
}
