package dev.linden.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoded-entry cache: within its budget of bytes, the entries read most kept, never a stale one served. */
class EntryCacheTest {
    private static final Schema SCHEMA = Schema.standard();

    private static byte[] record(long id, String description) throws Exception {
        Entry e = new Entry(DnSyntax.parse("uid=user." + id + ",ou=people,dc=example,dc=com", SCHEMA));
        e.put(attribute("objectClass", "inetOrgPerson"));
        e.put(attribute("uid", "user." + id));
        e.put(attribute("cn", "User " + id));
        e.put(attribute("sn", "User"));
        e.put(attribute("description", description));
        return EntryCodec.encode(e);
    }

    private static Attribute attribute(String type, String value) throws Exception {
        return new Attribute(AttributeDescription.parse(type, SCHEMA), List.of(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void staysWithinItsBudgetWhateverIsRead() throws Exception {
        long budget = 64 * 1024;
        EntryCache cache = new EntryCache(SCHEMA, budget);
        Random random = new Random(7);
        byte[][] records = new byte[2000][];
        for (int i = 0; i < records.length; i++) {
            records[i] = record(i + 1, "the description of " + i);
        }
        for (int n = 0; n < 50_000; n++) {
            int i = random.nextInt(records.length);
            cache.get(i + 1, records[i]);
            assertThat(cache.stats().bytes()).isLessThanOrEqualTo(budget);
        }
        EntryCacheStats stats = cache.stats();
        assertThat(stats.entries()).as("it does hold entries").isGreaterThan(10);
        assertThat(stats.hits() + stats.misses()).isEqualTo(50_000);
        long one = new EntryCache.Cached(1, records[0], EntryCodec.decodeAll(records[0], SCHEMA)).bytes();
        assertThat(one)
                .as("an entry's estimate covers its record twice and its decoded values")
                .isGreaterThan(2L * records[0].length);
    }

    @Test
    void theEntriesReadMostAreKeptWhileTheRestPassThrough() throws Exception {
        EntryCache cache = new EntryCache(SCHEMA, 48 * 1024); // room for a few dozen of these entries
        byte[][] records = new byte[5000][];
        for (int i = 0; i < records.length; i++) {
            records[i] = record(i + 1, "d" + i);
        }
        Random random = new Random(11);
        for (int n = 0; n < 100_000; n++) {
            int i = n % 2 == 0 ? random.nextInt(5) : 5 + random.nextInt(records.length - 5); // five hot entries
            cache.get(i + 1, records[i]);
        }
        long hitsBefore = cache.stats().hits();
        for (int i = 0; i < 5; i++) {
            cache.get(i + 1, records[i]);
        }
        assertThat(cache.stats().hits() - hitsBefore)
                .as("the five hot entries are all held")
                .isEqualTo(5);
    }

    /** Find a user, then bind as them: the second read of an entry turned away is not decoded again. */
    @Test
    void anEntryTurnedAwayIsReadAgainByTheSameThreadWithoutDecoding() throws Exception {
        EntryCache cache = new EntryCache(SCHEMA, 48 * 1024);
        byte[][] records = new byte[5000][];
        for (int i = 0; i < records.length; i++) {
            records[i] = record(i + 1, "d" + i);
        }
        for (int n = 0; n < 20_000; n++) { // every slot taken by an entry read several times
            int i = n % 500;
            cache.get(i + 1, records[i]);
        }
        int newcomer = 4000; // read once so far: not kept
        EntryCache.Cached first = cache.get(newcomer + 1, records[newcomer]);
        long hits = cache.stats().hits();
        EntryCache.Cached again = cache.get(newcomer + 1, records[newcomer]);
        assertThat(again).as("the same decoded entry").isSameAs(first);
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
        // another thread decodes it itself; a changed record is decoded afresh
        EntryCache.Cached[] elsewhere = new EntryCache.Cached[1];
        Thread other = new Thread(() -> elsewhere[0] = cache.get(newcomer + 1, records[newcomer]));
        other.start();
        other.join();
        assertThat(elsewhere[0]).isNotSameAs(first);
        byte[] changed = record(newcomer + 1, "changed");
        assertThat(cache.get(newcomer + 1, changed).decoded.entry().firstString(SCHEMA.attributeType("description")))
                .isEqualTo("changed");

        // other clients' reads come in between a search and its bind: the thread keeps its last few
        EntryCache.Cached searched = cache.get(4100 + 1, records[4100]);
        for (int between = 4200; between < 4210; between++) {
            cache.get(between + 1, records[between]);
        }
        assertThat(cache.get(4100 + 1, records[4100])).as("ten reads later").isSameAs(searched);
        for (int between = 4300; between < 4320; between++) {
            cache.get(between + 1, records[between]);
        }
        assertThat(cache.get(4100 + 1, records[4100]))
                .as("twenty reads later, decoded again")
                .isNotSameAs(searched);
    }

    @Test
    void aChangedRecordIsDecodedAfreshAndNoBudgetMeansNoCache() throws Exception {
        EntryCache cache = new EntryCache(SCHEMA, 1 << 20);
        byte[] before = record(1, "before");
        byte[] after = record(1, "after");
        cache.get(1, before);
        cache.get(1, before);
        EntryCache.Cached read = cache.get(1, after);
        assertThat(read.decoded.entry().firstString(SCHEMA.attributeType("description")))
                .isEqualTo("after");
        assertThat(read.stored()).isNotNull();

        EntryCache none = new EntryCache(SCHEMA, 0);
        none.get(1, before);
        none.get(1, before);
        assertThat(none.stats()).isEqualTo(new EntryCacheStats(0, 0, 0, 0, 2));
    }
}
