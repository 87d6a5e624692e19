package dev.linden.backend;

import static dev.linden.backend.Mesh.SCHEMA;
import static dev.linden.backend.Mesh.SUFFIX;
import static dev.linden.backend.Mesh.dn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three servers write at random (adds, deletes, value adds and deletes, replaces, renames, moves of
 * entries and of whole OUs, group edits) while replicating only now and then and in random
 * directions; at the end of every round, after replicating everywhere, all three hold the same
 * entries. A failing seed is in the test's name: run it alone with {@code -Dmesh.seeds=<seed>}.
 */
class MeshRandomTest {
    static List<Long> seeds() {
        String given = System.getProperty("mesh.seeds");
        if (given != null && !given.isBlank()) {
            return java.util.Arrays.stream(given.split(","))
                    .map(String::trim)
                    .map(Long::parseLong)
                    .toList();
        }
        List<Long> out = new ArrayList<>();
        for (long s = 1; s <= Long.getLong("mesh.seedCount", 40); s++) {
            out.add(s);
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void threeServersConvergeWhateverTheOrder(long seed) throws Exception {
        Random random = new Random(seed);
        Mesh mesh = new Mesh(3);
        Backend first = mesh.get(0);
        first.add(MeshConflictsTest.entry("dn: " + SUFFIX + "\nobjectClass: domain\ndc: example\n"));
        for (String ou : List.of("a", "b", "c")) {
            first.add(MeshConflictsTest.entry(
                    "dn: ou=" + ou + "," + SUFFIX + "\nobjectClass: organizationalUnit\nou: " + ou + "\n"));
        }
        first.add(MeshConflictsTest.entry(
                "dn: cn=g," + SUFFIX + "\nobjectClass: groupOfNames\ncn: g\nmember: " + SUFFIX + "\n"));
        mesh.settle();
        for (int round = 0; round < 5; round++) {
            for (int step = 0; step < 40; step++) {
                if (random.nextInt(6) == 0) {
                    int from = random.nextInt(3);
                    int to = (from + 1 + random.nextInt(2)) % 3;
                    mesh.pass(from, to);
                } else {
                    write(mesh.get(random.nextInt(3)), random);
                }
            }
            mesh.settle();
            var expected = Mesh.export(mesh.get(0));
            for (int i = 1; i < 3; i++) {
                var actual = Mesh.export(mesh.get(i));
                assertThat(Mesh.differences(expected, actual))
                        .as("seed %d round %d: server 1 against %d", seed, round, i + 1)
                        .isEmpty();
                assertThat(mesh.get(i).digest(dn(SUFFIX)))
                        .as("seed %d round %d: digest of %d", seed, round, i + 1)
                        .isEqualTo(mesh.get(0).digest(dn(SUFFIX)));
            }
        }
    }

    /** One random write on {@code b}; refusals (a name taken, an entry already gone here) are part of the game. */
    private static void write(Backend b, Random random) throws Exception {
        List<Entry> entries = new ArrayList<>();
        b.forEach((id, e, stored, view) -> {
            if (e.dn().size() > 2 && !e.dn().toString().contains("lost")) {
                entries.add(Mesh.plain(e));
            }
            return true;
        });
        String ou = "ou=" + "abc".charAt(random.nextInt(3));
        try {
            switch (random.nextInt(10)) {
                case 0, 1 -> {
                    String parent = entries.isEmpty() || random.nextBoolean()
                            ? ou + "," + SUFFIX
                            : ous(entries, random, ou + "," + SUFFIX);
                    String uid = "u" + random.nextInt(30);
                    b.add(MeshConflictsTest.entry(
                            "dn: uid=" + uid + "," + parent + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: "
                                    + uid + "\nsn: s\nmail: " + uid + "@x\n"));
                }
                case 2 -> {
                    String parent = ous(entries, random, SUFFIX);
                    String name = "o" + random.nextInt(6);
                    b.add(MeshConflictsTest.entry("dn: ou=" + name + "," + parent
                            + "\nobjectClass: organizationalUnit\n" + "ou: " + name + "\n"));
                }
                case 3 -> b.delete(pick(entries, random).dn());
                case 4 ->
                    values(
                            b,
                            pick(entries, random).dn(),
                            random.nextBoolean() ? "description" : "mail",
                            "v" + random.nextInt(5),
                            random.nextBoolean());
                case 5 -> {
                    Entry e = pick(entries, random);
                    b.modify(e.dn(), x -> {
                        x.put(
                                SCHEMA.attributeType(random.nextBoolean() ? "description" : "title"),
                                "r" + random.nextInt(5));
                        return x;
                    });
                }
                case 6 -> {
                    Entry e = pick(entries, random);
                    if (e.dn().rdn().avas().get(0).type().equalsIgnoreCase("uid")) {
                        String uid = "u" + random.nextInt(30);
                        Dn to = dn(
                                random.nextBoolean()
                                        ? "uid=" + uid + "," + e.dn().parent()
                                        : "uid=" + uid + "," + ous(entries, random, ou + "," + SUFFIX));
                        b.rename(e.dn(), to, x -> {
                            x.put(SCHEMA.attributeType("uid"), uid);
                            return x;
                        });
                    } else {
                        b.rename(e.dn(), dn(e.dn().rdn() + "," + ous(entries, random, SUFFIX)), x -> x);
                    }
                }
                case 7 ->
                    values(
                            b,
                            dn("cn=g," + SUFFIX),
                            "member",
                            pick(entries, random).dn().toString(),
                            random.nextBoolean());
                case 8 -> values(b, pick(entries, random).dn(), "displayName", "d" + random.nextInt(4), true);
                default -> {
                    Entry e = pick(entries, random);
                    b.modify(e.dn(), x -> {
                        x.remove(AttributeDescription.parse("description", SCHEMA));
                        return x;
                    });
                }
            }
        } catch (LdapException | IndexOutOfBoundsException | IllegalArgumentException expected) {
            // refused here (exists, gone, not a leaf, below itself...), or nothing to pick
        }
    }

    private static Entry pick(List<Entry> entries, Random random) {
        return entries.get(random.nextInt(entries.size()));
    }

    private static String ous(List<Entry> entries, Random random, String otherwise) {
        List<Entry> ous = entries.stream()
                .filter(e -> e.dn().rdn().avas().get(0).type().equalsIgnoreCase("ou"))
                .toList();
        return ous.isEmpty() || random.nextBoolean()
                ? otherwise
                : pick(ous, random).dn().toString();
    }

    /** Adds ({@code add}) or deletes one value; a single-valued type is replaced instead of added to. */
    private static void values(Backend b, Dn dn, String type, String value, boolean add) throws LdapException {
        b.modify(dn, x -> {
            Attribute a = x.get(type, SCHEMA);
            List<byte[]> vs = new ArrayList<>();
            boolean single = SCHEMA.attributeType(type).isSingleValue();
            if (a != null && !single) {
                for (byte[] v : a.values()) {
                    if (!new String(v, StandardCharsets.UTF_8).equalsIgnoreCase(value)) {
                        vs.add(v);
                    }
                }
            }
            if (add) {
                vs.add(value.getBytes(StandardCharsets.UTF_8));
            }
            if (vs.isEmpty()) {
                if (a != null) {
                    x.remove(a.description());
                }
            } else {
                x.put(new Attribute(AttributeDescription.parse(type, SCHEMA), vs));
            }
            return x;
        });
    }
}
