"""Says which requirements of the generated python client this interpreter lacks.

Reads the generator's own requirements.txt (lines such as `urllib3 >= 2.7.0, < 3.0.0`) and compares
each bound with the installed distribution. Prints one line per requirement; exits 1 if any is unmet.
"""
import importlib.metadata
import re
import sys


def release(version):
    """The leading release numbers of a version (`2.9.0.post0` -> (2, 9, 0))."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0].split(".post")[0])[:3])


def satisfied(installed, bounds):
    checks = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b,
              "<=": lambda a, b: a <= b, "==": lambda a, b: a == b}
    return all(checks[op](release(installed), release(bound)) for op, bound in bounds)


def main(requirements_file):
    unmet = 0
    with open(requirements_file, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            name = re.match(r"[A-Za-z0-9_.-]+", line).group(0)
            bounds = re.findall(r"(>=|<=|==|>|<)\s*([0-9][^,\s]*)", line)
            try:
                installed = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                print(f"python requirement {line}: MISSING")
                unmet += 1
                continue
            ok = satisfied(installed, bounds)
            unmet += 0 if ok else 1
            print(f"python requirement {line}: {installed} {'ok' if ok else 'TOO OLD/NEW'}")
    return 1 if unmet else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
