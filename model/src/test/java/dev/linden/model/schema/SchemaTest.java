package dev.linden.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled schema, the two file forms, inheritance, and errors that name their file and line. */
class SchemaTest {
    private static final Schema SCHEMA = Schema.standard();
    private static final Path SLAPD_SCHEMA = Path.of("/etc/ldap/schema");

    private static SchemaBuilder standardBuilder() throws IOException, SchemaException {
        SchemaBuilder builder = new SchemaBuilder();
        SchemaLoader.addBundled(builder);
        return builder;
    }

    private static List<String> names(java.util.Collection<AttributeType> types) {
        return types.stream().map(AttributeType::name).toList();
    }

    @Test
    void bundledSchemaLoads() {
        assertThat(SCHEMA.attributeTypes()).hasSizeGreaterThan(150);
        assertThat(SCHEMA.objectClasses()).hasSizeGreaterThan(40);
        assertThat(SCHEMA.syntaxes()).isNotEmpty();
        assertThat(SCHEMA.matchingRuleDefinitions()).isNotEmpty();
        assertThat(Schema.standard()).isSameAs(SCHEMA);
        for (String name : List.of(
                "cn",
                "sn",
                "uid",
                "mail",
                "member",
                "userPassword",
                "objectClass",
                "entryUUID",
                "createTimestamp",
                "memberOf",
                "uidNumber",
                "pwdChangedTime")) {
            assertThat(SCHEMA.attributeType(name)).as(name).isNotNull();
        }
        for (String name : List.of(
                "top",
                "person",
                "inetOrgPerson",
                "groupOfNames",
                "posixAccount",
                "pwdPolicy",
                "extensibleObject",
                "dcObject",
                "organizationalUnit")) {
            assertThat(SCHEMA.objectClass(name)).as(name).isNotNull();
        }
    }

    @Test
    void attributeTypesResolveByAnyNameOrOidIgnoringCase() {
        AttributeType cn = SCHEMA.attributeType("cn");

        assertThat(SCHEMA.attributeType("CN")).isSameAs(cn);
        assertThat(SCHEMA.attributeType("commonName")).isSameAs(cn);
        assertThat(SCHEMA.attributeType("2.5.4.3")).isSameAs(cn);
        assertThat(cn.oid()).isEqualTo("2.5.4.3");
        assertThat(cn.name()).isEqualTo("cn");
        assertThat(cn.displayName()).isEqualTo("cn");
        assertThat(cn.names()).containsExactly("cn", "commonName");
        assertThat(SCHEMA.attributeType("noSuchType")).isNull();
    }

    @Test
    void cnInheritsItsRulesAndSyntaxFromName() {
        AttributeType cn = SCHEMA.attributeType("cn");
        AttributeType name = SCHEMA.attributeType("name");

        assertThat(cn.superior()).isSameAs(name);
        assertThat(cn.isSubtypeOf(name)).isTrue();
        assertThat(name.isSubtypeOf(cn)).isFalse();
        assertThat(cn.equality().name()).isEqualTo("caseIgnoreMatch");
        assertThat(cn.substring().name()).isEqualTo("caseIgnoreSubstringsMatch");
        assertThat(cn.syntaxOid()).isEqualTo(name.syntaxOid()).isEqualTo("1.3.6.1.4.1.1466.115.121.1.15");
        assertThat(cn.isOperational()).isFalse();
        assertThat(cn.isSingleValue()).isFalse();
    }

    @Test
    void operationalAttributesHaveTheirUsage() {
        AttributeType created = SCHEMA.attributeType("createTimestamp");

        assertThat(created.usage()).isEqualTo(AttributeUsage.DIRECTORY_OPERATION);
        assertThat(created.isOperational()).isTrue();
        assertThat(created.isNoUserModification()).isTrue();
        assertThat(created.isSingleValue()).isTrue();
        assertThat(created.equality().name()).isEqualTo("generalizedTimeMatch");
        assertThat(created.ordering().name()).isEqualTo("generalizedTimeOrderingMatch");
    }

    @Test
    void inetOrgPersonInheritsPersonAttributes() {
        ObjectClass inetOrgPerson = SCHEMA.objectClass("inetOrgPerson");
        ObjectClass person = SCHEMA.objectClass("person");

        assertThat(inetOrgPerson.kind()).isEqualTo(ObjectClassKind.STRUCTURAL);
        assertThat(inetOrgPerson.superiors()).extracting(ObjectClass::name).containsExactly("organizationalperson");
        assertThat(inetOrgPerson.isSubclassOf(person)).isTrue();
        assertThat(inetOrgPerson.isSubclassOf(SCHEMA.objectClass("top"))).isTrue();
        assertThat(person.isSubclassOf(inetOrgPerson)).isFalse();
        assertThat(names(inetOrgPerson.must())).contains("cn", "sn", "objectclass");
        assertThat(names(inetOrgPerson.may()))
                .contains(
                        "userpassword",
                        "telephonenumber",
                        "description", // person
                        "title",
                        "ou",
                        "postaladdress", // organizationalPerson
                        "mail",
                        "uid",
                        "givenname",
                        "displayname"); // its own
        assertThat(names(inetOrgPerson.may())).doesNotContain("cn", "sn");
        assertThat(SCHEMA.objectClass("top").kind()).isEqualTo(ObjectClassKind.ABSTRACT);
        assertThat(SCHEMA.objectClass("posixAccount").kind()).isEqualTo(ObjectClassKind.AUXILIARY);
    }

    @Test
    void objectClassNamesResolveToOids() {
        assertThat(SCHEMA.resolveOid("person")).isEqualTo("2.5.6.6");
        assertThat(SCHEMA.resolveOid("inetorgperson")).isEqualTo("2.16.840.1.113730.3.2.2");
        assertThat(SCHEMA.resolveOid("top")).isEqualTo("2.5.6.0");
        assertThat(SCHEMA.resolveOid("cn")).isEqualTo("2.5.4.3");
        assertThat(SCHEMA.resolveOid("nosuchclass")).isNull();
        assertThat(SCHEMA.objectClass("2.5.6.6")).isSameAs(SCHEMA.objectClass("PERSON"));
    }

    @Test
    void matchingRulesByNameOrOid() {
        assertThat(SCHEMA.matchingRule("caseIgnoreMatch")).isSameAs(SCHEMA.matchingRule("2.5.13.2"));
        assertThat(SCHEMA.matchingRule("CASEIGNOREMATCH")).isNotNull();
        assertThat(SCHEMA.matchingRule("noSuchMatch")).isNull();
    }

    private static final String SLAPD_SNIPPET = """
            # a schema in OpenLDAP's own format
            objectidentifier LindenTest 1.3.6.1.4.1.99999.1
            objectidentifier LindenTestAttr LindenTest:1
            objectIdentifier LindenTestOC LindenTest:2

            attributetype ( LindenTestAttr:1 NAME 'favouriteTree'
            \tDESC 'a tree (with parentheses and a $ sign in the text)'
            \tEQUALITY caseIgnoreMatch
            \tSUBSTR caseIgnoreSubstringsMatch
            	# an indented comment inside a definition
            \tSYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64} )

            attributeType ( LindenTestAttr:2 NAME ( 'treeCount' 'numberOfTrees' )
              EQUALITY integerMatch ORDERING integerOrderingMatch
              SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )

            attributetype ( LindenTestAttr:3 NAME 'treeName' SUP name )

            objectclass ( LindenTestOC:1 NAME 'forester'
                DESC 'someone who looks after trees'
                SUP inetOrgPerson STRUCTURAL
                MUST favouriteTree
                MAY ( treeCount $ treeName ) )
            objectclass ( LindenTestOC:2 NAME 'treeHolder' AUXILIARY MAY treeName )
            """;

    @Test
    void slapdSchemaFormatWithOidMacros() throws Exception {
        SchemaBuilder builder = standardBuilder();
        SchemaLoader.addText(builder, SLAPD_SNIPPET, "trees.schema");
        Schema schema = builder.build();

        AttributeType tree = schema.attributeType("favouriteTree");
        assertThat(tree.oid()).isEqualTo("1.3.6.1.4.1.99999.1.1.1");
        assertThat(schema.attributeType("1.3.6.1.4.1.99999.1.1.1")).isSameAs(tree);
        assertThat(tree.syntaxOid()).isEqualTo("1.3.6.1.4.1.1466.115.121.1.15");
        assertThat(tree.equality().name()).isEqualTo("caseIgnoreMatch");
        assertThat(tree.definition()).startsWith("( 1.3.6.1.4.1.99999.1.1.1 NAME 'favouriteTree'");
        AttributeType count = schema.attributeType("numberOfTrees");
        assertThat(count).isSameAs(schema.attributeType("treeCount"));
        assertThat(count.isSingleValue()).isTrue();
        assertThat(count.ordering().name()).isEqualTo("integerOrderingMatch");
        assertThat(schema.attributeType("treeName").equality().name()).isEqualTo("caseIgnoreMatch");

        ObjectClass forester = schema.objectClass("forester");
        assertThat(forester.oid()).isEqualTo("1.3.6.1.4.1.99999.1.2.1");
        assertThat(names(forester.must())).contains("favouritetree", "cn", "sn", "objectclass");
        assertThat(names(forester.may())).contains("treecount", "treename", "mail");
        assertThat(schema.objectClass("treeHolder").kind()).isEqualTo(ObjectClassKind.AUXILIARY);
        // the standard schema is still all there
        assertThat(schema.objectClass("inetOrgPerson")).isNotNull();
        assertThat(schema.resolveOid("forester")).isEqualTo("1.3.6.1.4.1.99999.1.2.1");
    }

    @Test
    void ldifSchemaFormsSubschemaAndCnConfig() throws Exception {
        String subschema = """
                dn: cn=schema
                objectClass: top
                objectClass: subschema
                cn: schema
                attributeTypes: ( 1.3.6.1.4.1.99999.2.1 NAME 'shoeSize'
                  DESC 'in EU sizes' EQUALITY integerMatch ORDERING integerOrderingMatch
                  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
                # a comment
                attributeTypes:: KCAxLjMuNi4xLjQuMS45OTk5OS4yLjIgTkFNRSAnc2hvZUNvbG91cicgU1VQIG5hbWUgKQ==
                objectClasses: ( 1.3.6.1.4.1.99999.2.3 NAME 'shoeWearer' SUP top AUXILIARY
                  MAY ( shoeSize $ shoeColour ) )
                """;
        String cnConfig = """
                dn: cn=hats,cn=schema,cn=config
                objectClass: olcSchemaConfig
                cn: hats
                olcObjectIdentifier: {0}HatRoot 1.3.6.1.4.1.99999.3
                olcObjectIdentifier: {1}HatAttr HatRoot:1
                olcAttributeTypes: {0}( HatAttr:1 NAME 'hatSize' EQUALITY caseIgnoreMatch SYNTAX 1.3.6
                 .1.4.1.1466.115.121.1.15 )
                olcObjectClasses: {0}( HatRoot:2.1 NAME 'hatWearer' SUP top AUXILIARY MAY hatSize )
                """;
        SchemaBuilder builder = standardBuilder();
        SchemaLoader.addText(builder, subschema, "shoes.ldif");
        SchemaLoader.addText(builder, cnConfig, "hats.ldif");
        Schema schema = builder.build();

        assertThat(schema.attributeType("shoeSize").equality().name()).isEqualTo("integerMatch");
        assertThat(schema.attributeType("shoeColour").superior()).isSameAs(schema.attributeType("name"));
        assertThat(names(schema.objectClass("shoeWearer").may())).containsExactlyInAnyOrder("shoesize", "shoecolour");
        assertThat(schema.attributeType("hatSize").oid()).isEqualTo("1.3.6.1.4.1.99999.3.1.1");
        assertThat(schema.attributeType("hatSize").syntaxOid()).isEqualTo("1.3.6.1.4.1.1466.115.121.1.15");
        assertThat(schema.objectClass("hatWearer").oid()).isEqualTo("1.3.6.1.4.1.99999.3.2.1");
    }

    @Test
    void redefiningAnOidWithTheSameNameOverrides() throws Exception {
        SchemaBuilder builder = standardBuilder();
        SchemaLoader.addText(
                builder,
                "attributeTypes: ( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'mine' SUP name" + " SINGLE-VALUE )\n",
                "override.ldif");
        Schema schema = builder.build();

        assertThat(schema.attributeType("cn").isSingleValue()).isTrue();
        assertThat(schema.attributeType("commonName")).isSameAs(schema.attributeType("cn"));
    }

    private static String error(String text, String origin) throws IOException {
        SchemaBuilder builder;
        try {
            builder = standardBuilder();
        } catch (SchemaException e) {
            throw new AssertionError(e);
        }
        try {
            SchemaLoader.addText(builder, text, origin);
            builder.build();
        } catch (SchemaException e) {
            return e.getMessage();
        }
        throw new AssertionError("no SchemaException for " + text);
    }

    @Test
    void unknownSuperiorNamesFileAndLine() throws IOException {
        String ldif = "# first line\n\nattributeTypes: ( 1.3.6.1.4.1.99999.4.1 NAME 'orphan'\n  SUP noSuchParent )\n";
        assertThat(error(ldif, "bad.ldif")).startsWith("bad.ldif:3:").contains("orphan", "noSuchParent");

        String schema = "\nobjectclass ( 1.3.6.1.4.1.99999.4.2 NAME 'lost'\n\tSUP noSuchClass STRUCTURAL )\n";
        assertThat(error(schema, "bad.schema")).startsWith("bad.schema:2:").contains("lost", "noSuchClass");
    }

    @Test
    void unknownMatchingRuleNamesFileAndLine() throws IOException {
        String ldif = "attributeTypes: ( 1.3.6.1.4.1.99999.4.3 NAME 'fine' SUP name )\n"
                + "attributeTypes: ( 1.3.6.1.4.1.99999.4.4 NAME 'oddlyMatched'\n"
                + "  EQUALITY noSuchMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )\n";
        assertThat(error(ldif, "rules.ldif")).startsWith("rules.ldif:2:").contains("oddlyMatched", "noSuchMatch");
    }

    @Test
    void unknownAttributeInObjectClassNamesFileAndLine() throws IOException {
        String schema = "objectclass ( 1.3.6.1.4.1.99999.4.5 NAME 'needy' SUP top AUXILIARY MUST noSuchAttr )\n";
        assertThat(error(schema, "needy.schema")).startsWith("needy.schema:1:").contains("needy", "noSuchAttr");
    }

    @Test
    void unbalancedParenthesesNameFileAndLine() throws IOException {
        String missingClose = "attributetype ( 1.3.6.1.4.1.99999.4.6 NAME 'open'\n"
                + "\tSYNTAX 1.3.6.1.4.1.1466.115.121.1.15\n\n"
                + "attributetype ( 1.3.6.1.4.1.99999.4.7 NAME 'next' SUP name )\n";
        assertThat(error(missingClose, "open.schema"))
                .startsWith("open.schema:1:")
                .contains("')'");

        String extraClose = "attributeTypes: ( 1.3.6.1.4.1.99999.4.8 NAME 'closed' SUP name ) )\n";
        assertThat(error(extraClose, "closed.ldif"))
                .startsWith("closed.ldif:1:")
                .contains("after the closing");

        String openList = "\n\nobjectClasses: ( 1.3.6.1.4.1.99999.4.9 NAME 'listy' MAY ( cn $ sn )\n";
        assertThat(error(openList, "listy.ldif")).startsWith("listy.ldif:3:");

        String unclosedList = "objectClasses: ( 1.3.6.1.4.1.99999.4.10 NAME 'listy' MAY ( cn $ sn \n";
        assertThat(error(unclosedList, "list.ldif")).startsWith("list.ldif:1:").contains("unclosed list");

        String noOpen = "attributeTypes: 1.3.6.1.4.1.99999.4.11 NAME 'bare' SUP name )\n";
        assertThat(error(noOpen, "bare.ldif")).startsWith("bare.ldif:1:").contains("'('");
    }

    @Test
    void duplicateOidWithADifferentNameIsRefused() throws IOException {
        String schema = "attributetype ( 1.3.6.1.4.1.99999.5.1 NAME 'first' SUP name )\n"
                + "\n"
                + "attributetype ( 1.3.6.1.4.1.99999.5.1 NAME 'second' SUP name )\n";
        assertThat(error(schema, "twice.schema"))
                .startsWith("twice.schema:3:")
                .contains("second", "first", "1.3.6.1.4.1.99999.5.1", "twice.schema:1");

        // a standard OID taken by a new name
        String ldif = "attributeTypes: ( 2.5.4.3 NAME 'notCn' SUP name )\n";
        assertThat(error(ldif, "steal.ldif")).startsWith("steal.ldif:1:").contains("notCn", "01-core.ldif");

        String classes = "objectClasses: ( 2.5.6.6 NAME 'notPerson' SUP top STRUCTURAL )\n";
        assertThat(error(classes, "steal.ldif")).startsWith("steal.ldif:1:").contains("notPerson");
    }

    @Test
    void sameNameWithADifferentOidIsRefused() throws IOException {
        String ldif = "attributeTypes: ( 1.3.6.1.4.1.99999.5.2 NAME 'cn' SUP name )\n";
        assertThat(error(ldif, "dup.ldif")).startsWith("dup.ldif:1:").contains("cn", "already defined");
    }

    @Test
    void otherBrokenDefinitions() throws IOException {
        assertThat(error("attributeTypes: ( 1.3.6.1.4.1.99999.6.1 NAME 'nothing' )\n", "a.ldif"))
                .startsWith("a.ldif:1:")
                .contains("neither SYNTAX nor SUP");
        assertThat(error("attributeTypes: ( 1.3.6.1.4.1.99999.6.2 NAME 'usage' SUP name USAGE sometimes )\n", "b.ldif"))
                .startsWith("b.ldif:1:")
                .contains("USAGE");
        assertThat(error("attributeTypes: ( 1.3.6.1.4.1.99999.6.3 NAME 'twice' NAME 'again' SUP name )\n", "c.ldif"))
                .startsWith("c.ldif:1:")
                .contains("twice");
        assertThat(error("attributeTypes: ( 1.3.6.1.4.1.99999.6.4 NAME 'quote SUP name )\n", "d.ldif"))
                .startsWith("d.ldif:1:")
                .contains("unterminated");
        assertThat(error("attributeTypes:: %%%notbase64\n", "e.ldif")).startsWith("e.ldif:1:");
        assertThat(error("objectidentifier OnlyName\n", "f.schema")).startsWith("f.schema:1:");
        assertThat(error("attributetype ( 1.3.6.1.4.1.99999.6.5 NAME 'x' SUP name )\nfrobnicate ( 1.2 )\n", "g.schema"))
                .startsWith("g.schema:2:")
                .contains("frobnicate");
        assertThat(error("attributeTypes: ( 1.3.6.1.4.1.99999.6.6 NAME 'loop' SUP loop )\n", "h.ldif"))
                .startsWith("h.ldif:1:");
    }

    @Test
    void descriptionParserFields() throws SchemaException {
        SchemaDefinition def = DescriptionParser.parse(
                "( 1.2.3.4 NAME ( 'a' 'b' ) DESC 'it\\27s' SUP ( x $ y ) SINGLE-VALUE X-ORIGIN 'test' )", "t");
        assertThat(def.oid()).isEqualTo("1.2.3.4");
        assertThat(def.values("NAME")).containsExactly("a", "b");
        assertThat(def.values("SUP")).containsExactly("x", "y");
        assertThat(def.flag("SINGLE-VALUE")).isTrue();
        assertThat(def.flag("OBSOLETE")).isFalse();
        assertThat(def.value("X-ORIGIN")).isEqualTo("test");
        assertThat(def.value("DESC")).isEqualTo("it's");
        assertThat(def.origin()).isEqualTo("t");
    }

    // ---- the schema files of an installed OpenLDAP (Debian's slapd), when present ----

    /** Files that cannot load alone on top of the bundled schema, and why (checked below). */
    private static final Map<String, String> SLAPD_LONE_FAILURES = Map.of(
            // (slapd's built-in matching rules are declared in the bundled schema, so core, dyngroup and
            // pmi load alone) dependencies: cosine needs core's dSA, openldap needs cosine's pilotPerson
            "cosine.schema", "unknown superclass dsa",
            "openldap.schema", "unknown superclass pilotPerson");

    private static List<Path> slapdFiles(String extension) throws IOException {
        assumeTrue(Files.isDirectory(SLAPD_SCHEMA), "no OpenLDAP schema directory " + SLAPD_SCHEMA);
        try (Stream<Path> files = Files.list(SLAPD_SCHEMA)) {
            List<Path> list = files.filter(p -> p.getFileName().toString().endsWith("." + extension))
                    .sorted()
                    .toList();
            assumeTrue(!list.isEmpty(), "no ." + extension + " files in " + SLAPD_SCHEMA);
            return list;
        }
    }

    /** Loads each file alone on top of the bundled schema: file name to null (loaded) or the error. */
    private static Map<String, String> loadEachAlone(String extension) throws IOException, SchemaException {
        Map<String, String> results = new LinkedHashMap<>();
        for (Path file : slapdFiles(extension)) {
            SchemaBuilder builder = standardBuilder();
            try {
                SchemaLoader.addFile(builder, file);
                builder.build();
                results.put(file.getFileName().toString(), null);
            } catch (SchemaException e) {
                results.put(file.getFileName().toString(), e.getMessage());
            }
        }
        return results;
    }

    @Test
    void slapdSchemaFilesLoadAloneOrFailForAKnownReason() throws Exception {
        Map<String, String> results = loadEachAlone("schema");
        List<String> unexpected = new ArrayList<>();
        results.forEach((file, error) -> {
            String expected = SLAPD_LONE_FAILURES.get(file);
            if (expected == null ? error != null : error == null || !error.contains(expected)) {
                unexpected.add(file + ": " + (error == null ? "loaded, expected " + expected : error));
            }
        });
        assertThat(unexpected).isEmpty();
        // the errors name the file and the line of the definition
        results.values().stream()
                .filter(e -> e != null)
                .forEach(e -> assertThat(e).matches("/etc/ldap/schema/[a-z]+\\.schema:\\d+: .*"));
    }

    @Test
    void slapdLdifFilesBehaveLikeTheirSchemaTwins() throws Exception {
        Map<String, String> ldif = loadEachAlone("ldif");
        Map<String, String> schema = loadEachAlone("schema");
        for (var e : ldif.entrySet()) {
            String twin = e.getKey().replaceFirst("\\.ldif$", ".schema");
            if (schema.containsKey(twin)) {
                String expected = SLAPD_LONE_FAILURES.get(twin);
                if (expected == null) {
                    assertThat(e.getValue()).as(e.getKey()).isNull();
                } else {
                    assertThat(e.getValue()).as(e.getKey()).contains(expected);
                }
            }
        }
    }

    @Test
    void everySlapdSchemaFileLoadsWithItsDependencies() throws Exception {
        List<Path> files = slapdFiles("schema");
        List<String> base = List.of("core.schema", "cosine.schema", "inetorgperson.schema", "nis.schema");
        assumeTrue(files.stream().map(p -> p.getFileName().toString()).toList().containsAll(base));
        for (Path file : files) {
            SchemaBuilder builder = standardBuilder();
            for (String b : base) {
                SchemaLoader.addFile(builder, SLAPD_SCHEMA.resolve(b));
            }
            SchemaLoader.addFile(builder, file);
            Schema schema = builder.build();
            assertThat(schema.objectClass("inetOrgPerson")).as(file.toString()).isNotNull();
        }
        // and all of them at once
        SchemaBuilder all = standardBuilder();
        for (String b : base) {
            SchemaLoader.addFile(all, SLAPD_SCHEMA.resolve(b));
        }
        for (Path file : files) {
            if (!base.contains(file.getFileName().toString())) {
                SchemaLoader.addFile(all, file);
            }
        }
        Schema schema = all.build();
        assertThat(schema.objectClass("pilotPerson")).isNotNull();
        assertThat(schema.objectClass("dSA")).isNotNull();
        // macros were expanded: dsee.schema's SunDS OIDs and msuser.schema's Microsoft ones
        if (schema.attributeType("targetUniqueId") != null) {
            assertThat(schema.attributeType("targetUniqueId").oid()).matches("[0-9.]+");
        }
        for (AttributeType t : schema.attributeTypes()) {
            assertThat(t.oid()).as(t.displayName()).matches("[0-9]+(\\.[0-9]+)+");
        }
    }
}
