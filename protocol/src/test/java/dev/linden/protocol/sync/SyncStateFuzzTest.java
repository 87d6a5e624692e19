package dev.linden.protocol.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes as a Sync State control value (RFC 4533); {@link SyncFuzzing} says what is checked. Under
 * plain {@code mvn test} this replays the seeds in {@code SyncStateFuzzTestInputs/decode}; see
 * protocol/FUZZING.md for fuzzing mode.
 */
class SyncStateFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] value) {
        SyncFuzzing.check(value, SyncStateControl::decodeValue, SyncStateControl::encodeValue);
    }
}
