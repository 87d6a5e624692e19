package dev.linden.model.ldif;

import dev.linden.protocol.PartialAttribute;
import java.util.List;

/** One content record of an LDIF file: a DN and its attributes, with the line it starts on. */
public record LdifRecord(String dn, List<PartialAttribute> attributes, int line) {}
