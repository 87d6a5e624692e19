package dev.linden.model.ldif;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.PartialAttribute;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 2849 content records: reading, errors that name the line, and writer output read back. */
class LdifTest {

    private static List<String> strings(PartialAttribute a) {
        return a.values().stream().map(v -> new String(v, UTF_8)).toList();
    }

    private static PartialAttribute attribute(LdifRecord record, String type) {
        return record.attributes().stream()
                .filter(a -> a.type().equalsIgnoreCase(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + record.dn()));
    }

    @Test
    void readsRecordsWithVersionCommentsAndFolding() throws LdifException {
        String ldif = """
                version: 1
                # the organisation
                dn: dc=example,dc=com
                objectClass: top
                objectClass: dcObject
                objectClass: organization
                dc: example
                o: Example

                # a person, with a folded line
                dn: uid=alice,ou=People,
                 dc=example,dc=com
                objectClass: inetOrgPerson
                cn: Alice
                  Andersen
                sn: Andersen
                description: a long description that goes on and on and on and on and o
                 n past the seventy-sixth column
                # a comment between attributes
                mail: alice@example.com
                """;
        List<LdifRecord> records = LdifReader.parse(ldif);

        assertThat(records).hasSize(2);
        LdifRecord org = records.get(0);
        assertThat(org.dn()).isEqualTo("dc=example,dc=com");
        assertThat(org.line()).isEqualTo(3);
        assertThat(strings(attribute(org, "objectClass"))).containsExactly("top", "dcObject", "organization");
        assertThat(org.attributes()).extracting(PartialAttribute::type).containsExactly("objectClass", "dc", "o");

        LdifRecord alice = records.get(1);
        assertThat(alice.dn()).isEqualTo("uid=alice,ou=People,dc=example,dc=com");
        assertThat(alice.line()).isEqualTo(11);
        // one space of the continuation is removed, the second is kept
        assertThat(strings(attribute(alice, "cn"))).containsExactly("Alice Andersen");
        assertThat(strings(attribute(alice, "description")))
                .containsExactly(
                        "a long description that goes on and on and on and on and on past the seventy-sixth column");
        assertThat(strings(attribute(alice, "mail"))).containsExactly("alice@example.com");
    }

    @Test
    void versionLineMayBeFollowedDirectlyByARecord() throws LdifException {
        List<LdifRecord> records = LdifReader.parse("version: 1\ndn: dc=com\ndc: com\n");
        assertThat(records).singleElement().satisfies(r -> assertThat(r.dn()).isEqualTo("dc=com"));
    }

    @Test
    void foldedCommentsAreComments() throws LdifException {
        String ldif = """
                # a comment that is
                 folded over two lines
                dn: dc=com
                # another one, inside the record,
                 also folded
                dc: com

                """;
        List<LdifRecord> records = LdifReader.parse(ldif);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.dn()).isEqualTo("dc=com");
            assertThat(strings(attribute(r, "dc"))).containsExactly("com");
        });
    }

    @Test
    void base64Values() throws LdifException {
        String ldif = """
                dn:: dWlkPcOFc2EsZGM9Y29t
                uid:: w4VzYQ==
                description::IGxlYWRpbmcgc3BhY2U=
                jpegPhoto:: /9j/4AAQ
                """;
        LdifRecord r = LdifReader.parse(ldif).get(0);

        assertThat(r.dn()).isEqualTo("uid=Åsa,dc=com");
        assertThat(strings(attribute(r, "uid"))).containsExactly("Åsa");
        assertThat(strings(attribute(r, "description"))).containsExactly(" leading space");
        assertThat(attribute(r, "jpegPhoto").values().get(0)).containsExactly(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10);
    }

    @Test
    void crlfLineEndingsAndEmptyValues() throws LdifException {
        LdifRecord r = LdifReader.parse("dn: dc=com\r\ndc: com\r\ndescription:\r\n\r\n")
                .get(0);

        assertThat(strings(attribute(r, "dc"))).containsExactly("com");
        assertThat(strings(attribute(r, "description"))).containsExactly("");
    }

    @Test
    void attributeNamesGroupIgnoringCaseAndKeepTheFirstSpelling() throws LdifException {
        LdifRecord r = LdifReader.parse("dn: dc=com\nobjectClass: top\nOBJECTCLASS: domain\ndc: com\n")
                .get(0);

        assertThat(r.attributes()).hasSize(2);
        assertThat(r.attributes().get(0).type()).isEqualTo("objectClass");
        assertThat(strings(r.attributes().get(0))).containsExactly("top", "domain");
    }

    @Test
    void changetypeAddIsAContentRecord() throws LdifException {
        LdifRecord r =
                LdifReader.parse("dn: dc=com\nchangetype: add\ndc: com\n").get(0);
        assertThat(r.attributes()).extracting(PartialAttribute::type).containsExactly("dc");
    }

    @Test
    void fileUrls(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("photo.bin");
        Files.write(photo, new byte[] {1, 2, 3});
        LdifRecord r = LdifReader.parse("dn: dc=com\njpegPhoto:< " + photo.toUri() + "\n")
                .get(0);

        assertThat(attribute(r, "jpegPhoto").values().get(0)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> LdifReader.parse("dn: dc=com\njpegPhoto:< http://example.com/x\n"))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:2:");
    }

    @Test
    void missingDnNamesTheLine() {
        String ldif = "dn: dc=com\ndc: com\n\n# next\ncn: nobody\nsn: x\n";
        assertThatThrownBy(() -> LdifReader.parse(ldif))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:5:")
                .hasMessageContaining("dn:");
    }

    @Test
    void badBase64NamesTheLine() {
        String ldif = "dn: dc=com\ndc: com\ndescription:: not*base64!\n";
        assertThatThrownBy(() -> LdifReader.parse(ldif))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:3:")
                .hasMessageContaining("base64");
    }

    @Test
    void changeRecordsNameTheLine() {
        String ldif = """
                dn: dc=com
                dc: com

                dn: uid=alice,dc=com
                changetype: modify
                replace: mail
                mail: new@example.com
                -
                """;
        assertThatThrownBy(() -> LdifReader.parse(ldif))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:5:")
                .hasMessageContaining("modify");
    }

    @Test
    void errorsAfterFoldedLinesAndCommentsNameThePhysicalLine() {
        String ldif = """
                dn: uid=alice,
                 dc=com
                # a comment
                cn: Alice
                  Andersen
                description:: not*base64!
                """;
        assertThatThrownBy(() -> LdifReader.parse(ldif))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:6:");
    }

    @Test
    void otherMalformedLinesNameTheLine() {
        assertThatThrownBy(() -> LdifReader.parse("dn: dc=com\nno colon here\n"))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:2:");
        assertThatThrownBy(() -> LdifReader.parse(" continuation first\ndn: dc=com\n"))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:1:");
        assertThatThrownBy(() -> LdifReader.parse("dn: dc=com\ndc: com\n-\n"))
                .isInstanceOf(LdifException.class)
                .hasMessageStartingWith("<text>:3:");
    }

    @Test
    void readerNamesItsSource() throws IOException {
        try (LdifReader reader = new LdifReader(new StringReader("cn: x\n"), "people.ldif")) {
            assertThatThrownBy(reader::next).isInstanceOf(LdifException.class).hasMessageStartingWith("people.ldif:1:");
        }
    }

    // ---- the writer ----

    private static Map.Entry<String, List<byte[]>> attr(String name, String... values) {
        List<byte[]> bytes = new ArrayList<>();
        for (String v : values) {
            bytes.add(v.getBytes(UTF_8));
        }
        return Map.entry(name, bytes);
    }

    private static String write(String dn, List<Map.Entry<String, List<byte[]>>> attributes) throws IOException {
        StringWriter out = new StringWriter();
        LdifWriter writer = new LdifWriter(out);
        writer.writeVersion();
        writer.writeEntry(dn, attributes);
        return out.toString();
    }

    @Test
    void writerUsesBase64OnlyWhereNeeded() throws IOException {
        String text = write(
                "uid=alice,dc=com",
                List.of(
                        attr("cn", "Alice"),
                        attr(
                                "description",
                                " leading space",
                                "trailing space ",
                                ":colon",
                                "<angle",
                                "Åsa",
                                "line\nbreak",
                                "plain, with: punctuation"),
                        attr("sn", "")));

        assertThat(text).startsWith("version: 1\n\ndn: uid=alice,dc=com\n");
        assertThat(text).contains("\ncn: Alice\n");
        assertThat(text).contains("\ndescription:: " + b64(" leading space") + "\n");
        assertThat(text).contains("\ndescription:: " + b64("trailing space ") + "\n");
        assertThat(text).contains("\ndescription:: " + b64(":colon") + "\n");
        assertThat(text).contains("\ndescription:: " + b64("<angle") + "\n");
        assertThat(text).contains("\ndescription:: " + b64("Åsa") + "\n");
        assertThat(text).contains("\ndescription:: " + b64("line\nbreak") + "\n");
        assertThat(text).contains("\ndescription: plain, with: punctuation\n");
        assertThat(text).endsWith("\n\n");
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }

    @Test
    void writerFoldsAtSeventySixColumns() throws IOException {
        String text =
                write("dc=com", List.of(attr("description", "x".repeat(300)), attr("jpegPhoto", "y".repeat(200))));

        for (String line : text.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
        }
        assertThat(text.lines().filter(l -> l.startsWith(" ")).count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void writerOutputReadsBackAsTheSameRecords() throws Exception {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        List<Map.Entry<String, List<byte[]>>> attributes = List.of(
                attr("objectClass", "top", "inetOrgPerson"),
                attr("cn", "Åsa Öberg", " leading", "trailing ", "  both  ", "x".repeat(200)),
                attr("description", "Ünïcödé " + "ü".repeat(100), "line\r\nbreaks", "#hash", ":colon", "<angle", ""),
                attr("sn", "Öberg"),
                Map.entry("jpegPhoto", List.of(binary)),
                Map.entry("userPassword", List.of(new byte[] {0, 'a', 0})));
        String dn = "cn=Åsa Öberg,ou=Människor,dc=example,dc=com";
        StringWriter out = new StringWriter();
        LdifWriter writer = new LdifWriter(out);
        writer.writeVersion();
        writer.writeEntry(dn, attributes);
        writer.writeEntry("dc=example,dc=com", List.of(attr("dc", "example")));

        List<LdifRecord> records = LdifReader.parse(out.toString());

        assertThat(records).hasSize(2);
        LdifRecord r = records.get(0);
        assertThat(r.dn()).isEqualTo(dn);
        Map<String, List<byte[]>> read = new LinkedHashMap<>();
        r.attributes().forEach(a -> read.put(a.type(), a.values()));
        assertThat(read.keySet())
                .containsExactly("objectClass", "cn", "description", "sn", "jpegPhoto", "userPassword");
        for (var e : attributes) {
            List<byte[]> got = read.get(e.getKey());
            assertThat(got).as(e.getKey()).hasSameSizeAs(e.getValue());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i))
                        .as(e.getKey() + " #" + i)
                        .isEqualTo(e.getValue().get(i));
            }
        }
        assertThat(records.get(1).dn()).isEqualTo("dc=example,dc=com");
    }
}
