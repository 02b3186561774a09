//! Inputs the fuzz targets (`fuzz/`, see README "Fuzzing") once found to misbehave, kept as
//! ordinary tests so that the bug stays fixed without running the fuzzer.
