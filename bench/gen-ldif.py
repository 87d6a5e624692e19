#!/usr/bin/env python3
"""Writes the benchmark's LDIF: the suffix, ou=people, and N inetOrgPerson users uid=user.1 .. uid=user.N.

Every user has the password "password" as one {SSHA} hash (computed once here, so both servers verify the
same scheme). The values are deterministic apart from that hash's salt. With --groups P1,P2,...,
ou=groups follows, with one groupOfNames cn=group.<P> per percentage P holding the first P% of the users
(at least one) as members.

    gen-ldif.py N OUT.ldif [SUFFIX] [--groups 1,5,10,25,50]
"""
import base64
import hashlib
import os
import sys

FIRST = ["Aaron", "Beatrix", "Carlos", "Dana", "Emil", "Farah", "Gustav", "Hana", "Ivan", "Jun", "Kofi", "Lena",
         "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tamar", "Umar", "Vera", "Wen", "Yusuf", "Zoe"]
LAST = ["Abbott", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski",
        "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Santos", "Tanaka", "Usman", "Vogel",
        "Weber", "Xu", "Yilmaz", "Zimmermann"]


def ssha(password: str) -> str:
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def main() -> None:
    args = sys.argv[1:]
    groups = []
    if "--groups" in args:
        at = args.index("--groups")
        groups = [int(p) for p in args[at + 1].split(",")]
        del args[at:at + 2]
    n = int(args[0])
    out = args[1]
    suffix = args[2] if len(args) > 2 else "dc=example,dc=com"
    dc = suffix.split(",")[0].split("=", 1)[1]
    password = ssha("password")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(f"dn: {suffix}\nobjectClass: top\nobjectClass: domain\ndc: {dc}\n\n")
        f.write(f"dn: ou=people,{suffix}\nobjectClass: top\nobjectClass: organizationalUnit\nou: people\n\n")
        for i in range(1, n + 1):
            given = FIRST[i % len(FIRST)]
            sn = LAST[(i // len(FIRST)) % len(LAST)]
            f.write(f"dn: uid=user.{i},ou=people,{suffix}\n"
                    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
                    "objectClass: inetOrgPerson\n"
                    f"uid: user.{i}\ncn: {given} {sn} {i}\nsn: {sn}\ngivenName: {given}\n"
                    f"mail: user.{i}@example.com\nemployeeNumber: {i}\n"
                    f"description: This is the description for user number {i}.\n"
                    f"telephoneNumber: +1 555 {i // 10000:03d} {i % 10000:04d}\n"
                    f"userPassword: {password}\n\n")
        if groups:
            f.write(f"dn: ou=groups,{suffix}\nobjectClass: top\nobjectClass: organizationalUnit\nou: groups\n\n")
        for p in groups:
            f.write(f"dn: cn=group.{p},ou=groups,{suffix}\nobjectClass: top\nobjectClass: groupOfNames\ncn: group.{p}\n")
            for i in range(1, max(1, n * p // 100) + 1):
                f.write(f"member: uid=user.{i},ou=people,{suffix}\n")
            f.write("\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
