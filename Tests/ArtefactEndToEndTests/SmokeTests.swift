import Foundation
import Testing

@Suite struct SmokeTests {
    @Test func signThenVerifyAccepts() throws {
        let fixture = try SignedFixture.make()
        let result = try fixture.verify()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("verified model"))
    }
}
