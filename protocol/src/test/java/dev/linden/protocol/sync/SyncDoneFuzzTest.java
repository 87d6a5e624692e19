package dev.linden.protocol.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes as a Sync Done control value (RFC 4533); {@link SyncFuzzing} says what is checked. Under
 * plain {@code mvn test} this replays the seeds in {@code SyncDoneFuzzTestInputs/decode}; see
 * protocol/FUZZING.md for fuzzing mode.
 */
class SyncDoneFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] value) {
        SyncFuzzing.check(value, SyncDoneControl::decodeValue, SyncDoneControl::encodeValue);
    }
}
