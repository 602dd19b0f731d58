#if STRYKER_SERIAL_TESTS
// Under mutation testing (./mutation.sh) the tests run one at a time. Stryker.NET's MTP runner records which tests
// reach a mutant while the tests run, and with test classes running in parallel it credits code to the wrong tests: a
// mutant is then run against tests that never reach it and reported as surviving tests that kill it (session 10: sweep
// mutants reported as survivors, then killed by the existing tests when applied by hand). See docs/testing.md.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
#endif
