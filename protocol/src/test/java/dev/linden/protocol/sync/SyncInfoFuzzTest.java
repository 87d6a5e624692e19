package dev.linden.protocol.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes as a Sync Info message value (RFC 4533); {@link SyncFuzzing} says what is checked. Under
 * plain {@code mvn test} this replays the seeds in {@code SyncInfoFuzzTestInputs/decode}; see
 * protocol/FUZZING.md for fuzzing mode.
 */
class SyncInfoFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] value) {
        SyncFuzzing.check(value, SyncInfo::decodeValue, SyncInfo::encodeValue);
    }
}
