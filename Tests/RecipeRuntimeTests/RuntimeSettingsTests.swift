import RecipeRuntime
import RecipeStore
import Testing

@Suite struct RuntimeSettingsTests {
    @Test func leaseRenewalDefaultsToAThirdOfTheLease() {
        #expect(RuntimeSettings(lease: 30_000).leaseRenewal == 10_000)
        #expect(RuntimeSettings(lease: 2).leaseRenewal == 1)
        #expect(RuntimeSettings.default.lease == StoreDefaults.lease)
    }
}
