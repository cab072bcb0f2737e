#!/usr/bin/env python3
"""Writes the converter's token resource from listings of the Java Card API export files.

Usage: api-tokens.py OUT LISTING...   (one listing per API package, e.g. javacard.framework-3.0.4.txt)

A listing is the text form of one export file (*.exp) of the Java Card Development Kit; its first
line names the export file. The resource keeps the facts a converter needs, one per line:

  source <export file>
  package <name> <AID hex> <major>.<minor>
  class <token> <name> <super|-> <interfaces,|-> <flags,> <inheritable public method count>
  v <token> <name><descriptor> <flags,>     virtual (or interface) method
  s <token> <name><descriptor> <flags,>     static method or constructor
  f <token> <name> <descriptor> <flags,> [<constant value>]
"""
import re
import sys

out, listings = sys.argv[1], sys.argv[2:]
lines = ["# Java Card API tokens (format: see card-applets/converter/README.md), written by tools/api-tokens.py",
         "# from the listings of these export files of the Java Card Development Kit:"]
body = []
for listing in listings:
    text = open(listing, encoding="utf-8").read().splitlines()
    assert text[0].startswith("# "), listing
    source = text[0][2:]
    lines.append("#   " + source)
    body.append("source " + source)
    cls = None
    for line in text[1:]:
        if line.startswith("package "):
            m = re.match(r"package (\S+) AID=(\S+) version=(\S+)", line)
            body.append("package %s %s %s" % (m.group(1), m.group(2).replace(":", ""), m.group(3)))
        elif line.startswith("class "):
            m = re.match(r"class (\S+)\s+token=(\d+)\s+\[(.*)\]", line)
            cls = {"name": m.group(1), "token": m.group(2), "flags": m.group(3).replace(" ", ","),
                   "super": "-", "interfaces": "-", "members": []}
        elif line.startswith("  supers: "):
            supers = line[len("  supers: "):].split(", ")
            cls["super"] = supers[-1]
        elif line.startswith("  interfaces: "):
            cls["interfaces"] = ",".join(line[len("  interfaces: "):].split(", "))
        elif line.startswith("  method "):
            m = re.match(r"  method (\S+)\s+token=(\d+)\s+\[(.*)\]", line)
            sig, token, flags = m.groups()
            kind = "s" if ("static" in flags.split() or sig.startswith("<init>")) else "v"
            cls["members"].append("%s %s %s %s" % (kind, token, sig, flags.replace(" ", ",")))
        elif line.startswith("  field "):
            m = re.match(r"  field\s+(\S+)\s+(\S+)\s+token=(\d+)\s+\[(.*?)\](?: = (\S+))?", line)
            name, desc, token, flags, value = m.groups()
            cls["members"].append("f %s %s %s %s%s" % (token, name, desc, flags.replace(" ", ","),
                                                        "" if value is None else " " + value))
        elif line.startswith("  CAP22_inheritable_public_method_token_count="):
            count = line.split("=")[1]
            body.append("class %s %s %s %s %s %s" % (cls["token"], cls["name"], cls["super"], cls["interfaces"],
                                                    cls["flags"], count))
            body.extend(cls["members"])
            cls = None
open(out, "w", encoding="utf-8").write("\n".join(lines + body) + "\n")
