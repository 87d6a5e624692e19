package dev.linden.model.filter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every filter type against one inetOrgPerson, in three-valued logic. */
class FilterEvaluatorTest {
    private static final Schema SCHEMA = Schema.standard();
    private final FilterEvaluator evaluator = new FilterEvaluator(SCHEMA);
    private Entry alice;

    private static void put(Entry entry, String description, String... values) throws LdapException {
        List<byte[]> bytes =
                java.util.Arrays.stream(values).map(v -> v.getBytes(UTF_8)).toList();
        entry.put(new Attribute(AttributeDescription.parse(description, SCHEMA), bytes));
    }

    @BeforeEach
    void sampleEntry() throws LdapException {
        alice = new Entry(DnSyntax.parse("uid=alice,ou=People,dc=example,dc=com", SCHEMA));
        put(alice, "objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "posixAccount");
        put(alice, "uid", "alice");
        put(alice, "cn", "Alice Andersen", "Ally");
        put(alice, "cn;lang-de", "Alice Andersen-Deutsch");
        put(alice, "sn", "Andersen");
        put(alice, "givenName", "Alice");
        put(alice, "mail", "Alice@Example.com");
        put(alice, "description", "the quick brown fox");
        put(alice, "uidNumber", "1001");
        put(alice, "gidNumber", "100");
        put(alice, "homeDirectory", "/home/alice");
        put(alice, "telephoneNumber", "+1 555-0100");
        put(alice, "createTimestamp", "20240101120000Z");
        put(alice, "userPassword", "{SSHA}secret");
    }

    private Tristate eval(String filter) throws FilterSyntaxException {
        return evaluator.evaluate(FilterText.parse(filter), alice);
    }

    private void assertEval(String filter, Tristate expected) throws FilterSyntaxException {
        assertThat(eval(filter)).as(filter).isEqualTo(expected);
        assertThat(evaluator.matches(FilterText.parse(filter), alice))
                .as(filter)
                .isEqualTo(expected == Tristate.TRUE);
    }

    @Test
    void equality() throws Exception {
        assertEval("(uid=alice)", Tristate.TRUE);
        assertEval("(UID=ALICE)", Tristate.TRUE);
        assertEval("(uid=bob)", Tristate.FALSE);
        assertEval("(cn=alice   andersen)", Tristate.TRUE);
        assertEval("(cn=ally)", Tristate.TRUE);
        assertEval("(commonName=Ally)", Tristate.TRUE);
        assertEval("(2.5.4.3=Ally)", Tristate.TRUE);
        assertEval("(mail=alice@example.COM)", Tristate.TRUE);
        assertEval("(objectClass=inetOrgPerson)", Tristate.TRUE);
        assertEval("(objectClass=2.5.6.6)", Tristate.TRUE);
        assertEval("(objectClass=groupOfNames)", Tristate.FALSE);
        assertEval("(uidNumber=1001)", Tristate.TRUE);
        assertEval("(uidNumber=01001)", Tristate.UNDEFINED); // a leading zero is not an INTEGER (RFC 4517)
        assertEval("(telephoneNumber=+15550100)", Tristate.TRUE);
        assertEval("(homeDirectory=/HOME/ALICE)", Tristate.FALSE); // caseExactIA5Match
        assertEval("(userPassword={SSHA}secret)", Tristate.TRUE);
        assertEval("(description=*)", Tristate.TRUE);
    }

    @Test
    void present() throws Exception {
        assertEval("(mail=*)", Tristate.TRUE);
        assertEval("(cn=*)", Tristate.TRUE);
        assertEval("(objectClass=*)", Tristate.TRUE);
        assertEval("(telexNumber=*)", Tristate.FALSE);
        assertEval("(name=*)", Tristate.TRUE); // through cn and sn, its subtypes
        assertEval("(cn;lang-de=*)", Tristate.TRUE);
        assertEval("(cn;lang-fr=*)", Tristate.FALSE);
    }

    @Test
    void substrings() throws Exception {
        assertEval("(cn=Al*sen)", Tristate.TRUE);
        assertEval("(cn=*ander*)", Tristate.TRUE);
        assertEval("(cn=*ALICE*ANDERSEN*)", Tristate.TRUE);
        assertEval("(cn=*andersen*alice*)", Tristate.FALSE);
        assertEval("(cn=Bob*)", Tristate.FALSE);
        assertEval("(mail=*@example.com)", Tristate.TRUE);
        assertEval("(sn=And*s*n)", Tristate.TRUE);
        assertEval("(sn=Andersen*sen)", Tristate.FALSE); // initial and final overlap
        assertEval("(telephoneNumber=*0100)", Tristate.TRUE);
        // a type without a substring rule: Undefined
        assertEval("(uidNumber=10*)", Tristate.UNDEFINED);
    }

    @Test
    void ordering() throws Exception {
        assertEval("(uidNumber>=1000)", Tristate.TRUE);
        assertEval("(uidNumber>=1001)", Tristate.TRUE);
        assertEval("(uidNumber>=1002)", Tristate.FALSE);
        assertEval("(uidNumber<=999)", Tristate.FALSE);
        assertEval("(uidNumber<=10000)", Tristate.TRUE); // numbers, not strings
        assertEval("(gidNumber>=-5)", Tristate.TRUE);
        assertEval("(createTimestamp>=20240101110000Z)", Tristate.TRUE);
        assertEval("(createTimestamp>=20240101123000+0100)", Tristate.TRUE); // 11:30Z
        assertEval("(createTimestamp<=20240101115959Z)", Tristate.FALSE);
        assertEval("(sn>=B)", Tristate.UNDEFINED); // sn has no ordering rule
        assertThat(SCHEMA.attributeType("sn").ordering()).isNull();
        assertEval("(uidNumber>=many)", Tristate.UNDEFINED); // the rule refuses the assertion
    }

    @Test
    void approximate() throws Exception {
        assertEval("(cn~=Alice Andersen)", Tristate.TRUE); // equal is approximately equal
        assertEval("(cn~=Alise Andersan)", Tristate.TRUE);
        assertEval("(sn~=Andersson)", Tristate.TRUE);
        assertEval("(sn~=Brown)", Tristate.FALSE);
        assertEval("(cn~=Andersen)", Tristate.TRUE); // every word of the assertion in some value
        assertEval("(noSuchType~=x)", Tristate.UNDEFINED);
    }

    @Test
    void andOrNot() throws Exception {
        assertEval("(&(uid=alice)(sn=Andersen))", Tristate.TRUE);
        assertEval("(&(uid=alice)(sn=Smith))", Tristate.FALSE);
        assertEval("(|(uid=bob)(sn=Andersen))", Tristate.TRUE);
        assertEval("(|(uid=bob)(sn=Smith))", Tristate.FALSE);
        assertEval("(!(uid=bob))", Tristate.TRUE);
        assertEval("(!(uid=alice))", Tristate.FALSE);
        assertEval("(&(objectClass=person)(|(cn=Ally)(cn=Bob))(!(mail=bob*)))", Tristate.TRUE);
        // RFC 4526 absolute true and false
        assertEval("(&)", Tristate.TRUE);
        assertEval("(|)", Tristate.FALSE);
    }

    @Test
    void unknownAttributeIsUndefinedEvenForPresence() throws Exception {
        assertEval("(noSuchType=x)", Tristate.UNDEFINED);
        // presence too, so (!(noSuchType=*)) matches nothing, as in slapd
        assertEval("(noSuchType=*)", Tristate.UNDEFINED);
        assertEval("(!(noSuchType=*))", Tristate.UNDEFINED);
        assertEval("(noSuchType=x*)", Tristate.UNDEFINED);
        assertEval("(noSuchType>=x)", Tristate.UNDEFINED);
        // a known type the entry lacks is simply false
        assertEval("(title=x)", Tristate.FALSE);
        // but a type without an equality rule cannot be asserted
        assertThat(SCHEMA.attributeType("telexNumber").equality()).isNull();
        assertEval("(telexNumber=x)", Tristate.UNDEFINED);
    }

    @Test
    void threeValuedLogic() throws Exception {
        // NOT of Undefined is Undefined, so neither the filter nor its negation matches
        assertEval("(!(noSuchType=x))", Tristate.UNDEFINED);
        assertEval("(!(!(noSuchType=x)))", Tristate.UNDEFINED);
        // AND: false wins, then undefined
        assertEval("(&(noSuchType=x)(uid=bob))", Tristate.FALSE);
        assertEval("(&(noSuchType=x)(uid=alice))", Tristate.UNDEFINED);
        // OR: true wins, then undefined
        assertEval("(|(noSuchType=x)(uid=alice))", Tristate.TRUE);
        assertEval("(|(noSuchType=x)(uid=bob))", Tristate.UNDEFINED);
        assertEval("(!(|(noSuchType=x)(uid=bob)))", Tristate.UNDEFINED);
        assertEval("(!(&(noSuchType=x)(uid=bob)))", Tristate.TRUE);
        // an assertion value the rule refuses is Undefined too
        assertEval("(uidNumber=abc)", Tristate.UNDEFINED);
        assertEval("(!(uidNumber=abc))", Tristate.UNDEFINED);
        assertEval("(createTimestamp=yesterday)", Tristate.UNDEFINED);
    }

    @Test
    void subtypesMatchThroughTheirSuperior() throws Exception {
        assertEval("(name=Alice Andersen)", Tristate.TRUE); // a cn value
        assertEval("(name=andersen)", Tristate.TRUE); // an sn value
        assertEval("(name=Alice)", Tristate.TRUE); // a givenName value
        assertEval("(name=Ali*)", Tristate.TRUE);
        assertEval("(name=Bob)", Tristate.FALSE);
        // but not the other way round
        assertEval("(cn=Andersen)", Tristate.FALSE);
    }

    @Test
    void attributeOptions() throws Exception {
        assertEval("(cn;lang-de=Alice Andersen-Deutsch)", Tristate.TRUE);
        assertEval("(CN;LANG-DE=alice andersen-deutsch)", Tristate.TRUE);
        assertEval("(cn;lang-de=Alice Andersen)", Tristate.FALSE); // the plain value has no option
        assertEval("(cn;lang-fr=Alice Andersen-Deutsch)", Tristate.FALSE);
        assertEval("(cn=Alice Andersen-Deutsch)", Tristate.TRUE); // cn covers cn;lang-de
        assertEval("(name;lang-de=Alice Andersen-Deutsch)", Tristate.TRUE);
        assertEval("(cn;lang-de=*Deutsch)", Tristate.TRUE);
    }

    @Test
    void extensibleWithTypeAndRule() throws Exception {
        assertEval("(cn:caseExactMatch:=Alice Andersen)", Tristate.TRUE);
        assertEval("(cn:caseExactMatch:=alice andersen)", Tristate.FALSE);
        assertEval("(cn:2.5.13.5:=Ally)", Tristate.TRUE);
        assertEval("(cn:=ALLY)", Tristate.TRUE); // no rule: the type's equality rule
        assertEval("(uidNumber:integerMatch:=1001)", Tristate.TRUE);
        assertEval("(cn:noSuchMatch:=x)", Tristate.UNDEFINED);
        assertEval("(noSuchType:caseExactMatch:=x)", Tristate.UNDEFINED);
        assertEval("(description:wordMatch:=QUICK)", Tristate.TRUE);
        assertEval("(description:wordMatch:=qui)", Tristate.FALSE);
    }

    @Test
    void extensibleWithRuleOnly() throws Exception {
        // every attribute the rule can judge
        assertEval("(:caseExactMatch:=alice)", Tristate.TRUE); // uid
        assertEval("(:caseExactMatch:=ALICE)", Tristate.FALSE);
        assertEval("(:caseIgnoreMatch:=ANDERSEN)", Tristate.TRUE); // sn
        assertEval("(:integerMatch:=100)", Tristate.TRUE); // gidNumber
        assertEval("(:integerMatch:=12345)", Tristate.FALSE);
        assertEval("(:noSuchMatch:=x)", Tristate.UNDEFINED);
    }

    @Test
    void extensibleWithDnAttributes() throws Exception {
        // the entry has no ou attribute, but its DN has ou=People
        assertEval("(ou=People)", Tristate.FALSE);
        assertEval("(ou:dn:=people)", Tristate.TRUE);
        assertEval("(ou:dn:=Staff)", Tristate.FALSE);
        assertEval("(dc:dn:=example)", Tristate.TRUE);
        assertEval("(:dn:caseIgnoreMatch:=EXAMPLE)", Tristate.TRUE);
        assertEval("(:dn:caseExactMatch:=EXAMPLE)", Tristate.FALSE);
        assertEval("(name:dn:=People)", Tristate.TRUE); // ou is a subtype of name
        assertEval("(cn:dn:=People)", Tristate.FALSE);
        assertEval("(uid:dn:=alice)", Tristate.TRUE);
        assertEval("(&(objectClass=person)(ou:dn:=people))", Tristate.TRUE);
    }

    @Test
    void virtualAttributesTakePart() throws Exception {
        VirtualAttributes virtuals = (entry, type) -> type.name().equals("hassubordinates")
                ? List.of(new Attribute(AttributeDescription.of(type), List.of("FALSE".getBytes(UTF_8))))
                : List.of();
        FilterEvaluator withVirtuals = new FilterEvaluator(SCHEMA, virtuals);

        assertThat(withVirtuals.evaluate(FilterText.parse("(hasSubordinates=FALSE)"), alice))
                .isEqualTo(Tristate.TRUE);
        assertThat(withVirtuals.evaluate(FilterText.parse("(hasSubordinates=*)"), alice))
                .isEqualTo(Tristate.TRUE);
        assertThat(evaluator.evaluate(FilterText.parse("(hasSubordinates=*)"), alice))
                .isEqualTo(Tristate.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(uid=alice)", "(cn=*ander*)", "(uidNumber>=1000)", "(cn~=Alise)", "(ou:dn:=people)"})
    void theSameFilterBuiltByHandAgrees(String text) throws Exception {
        Filter parsed = FilterText.parse(text);
        assertThat(evaluator.evaluate(parsed, alice)).isEqualTo(Tristate.TRUE);
        assertThat(evaluator.evaluate(new Filter.Not(parsed), alice)).isEqualTo(Tristate.FALSE);
    }
}
