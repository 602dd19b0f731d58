// One app and one Chromium for the whole assembly; tests run one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(StaffVoice.BrowserTests.Infrastructure.BrowserApp))]
