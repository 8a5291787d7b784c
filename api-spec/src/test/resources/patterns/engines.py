"""Reads the contract's patterns and the sample values (as UTF-16 code units) from the JSON file named
by the first argument and prints, per reading, each pattern's verdict on each sample.

- "python-re": Python's `re` (code points), with each `$` outside a class read as `\\Z`, since
  Python's `$` also matches before a final newline and ECMA-262's does not (the same translation as
  the contract library's SchemaRegex for Java).
- "pydantic-rust": pydantic-core's `str` schema with its default engine, Rust's `regex` (code points).
  A pattern it cannot compile is reported as such; a sample that is not text (a lone surrogate) is
  refused before any pattern, since Rust strings cannot hold one.

Run by PatternEnginesTest; needs only the standard library and pydantic-core (which the generated
python client needs anyway).
"""
import json
import re
import struct
import sys


def ecma_to_python(pattern):
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        elif c == "$" and not in_class:
            c = "\\Z"
        out.append(c)
        i += 1
    return "".join(out)


def from_units(units):
    # surrogatepass joins a high and a low surrogate into one code point and keeps a lone one as is,
    # which is how Python holds text that came as UTF-16.
    return struct.pack("<%dH" % len(units), *units).decode("utf-16-le", "surrogatepass")


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    values = [from_units(s["units"]) for s in data["samples"]]
    out = {"engine": "python " + sys.version.split()[0], "python-re": {}, "pydantic-rust": {}}
    for label, pattern in data["patterns"].items():
        compiled = re.compile(ecma_to_python(pattern))
        out["python-re"][label] = [compiled.search(v) is not None for v in values]
    try:
        import pydantic_core
        from pydantic_core import SchemaValidator, ValidationError, core_schema
    except ImportError as e:
        out["pydantic-rust"] = "pydantic-core is not installed: %s" % e
    else:
        out["engine"] += ", pydantic-core " + pydantic_core.__version__
        for label, pattern in data["patterns"].items():
            try:
                validator = SchemaValidator(core_schema.str_schema(pattern=pattern, regex_engine="rust-regex"))
            except Exception as e:  # SchemaError: the pattern does not compile
                out["pydantic-rust"][label] = "does not compile: " + str(e).replace("\n", " ")[:300]
                continue
            verdicts = []
            for v in values:
                try:
                    validator.validate_python(v)
                    verdicts.append(True)
                except ValidationError:
                    verdicts.append(False)
            out["pydantic-rust"][label] = verdicts
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
