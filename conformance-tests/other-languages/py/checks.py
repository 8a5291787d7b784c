"""The signing hook's own checks, run by run.sh before the cases (each one line of the run's tally):

- `signing-constants`: the hook's constants equal the contract's `x-signing` (algorithm, service,
  terminator, header names, required signed headers).
- `signing-contract-vector`: the published test vector, read from the contract's `x-signing.testVector`
  (api-spec/openapi.yaml, parsed with PyYAML), gives its canonical request hash and signature, and the
  hook's `sign` writes exactly that Authorization header.
- `signing-vectors`: on every request of conformance-tests/target/signing-vectors.jsonl (1,000), the
  official Python signer (volcenginesdkcore.signv4.SignerV4, driven as for interop/python by the shared
  conformance-tests/lib/python/tmkit_cases/signerv4.py: its clock fixed to the vector's X-Date, its
  canonical request read from what it hashes) and the hook give
  the same canonical request and signature for the SignedHeaders list SignerV4 chose, and the hook's
  `sign` adds the same X-Date, X-Content-Sha256 and Authorization headers.
- `signing-vectors-sts`: the same with an STS session token (X-Security-Token signed too).
- `signing-mutant-*`: the hook's signature.py with one byte planted (loaded from a copy, the installed
  file untouched) must fail the checks above; a mutant that passes them is a FAIL.
"""
import datetime
import hashlib
import importlib.util
import re
from urllib.parse import parse_qsl

import yaml
from tmkit_cases.signerv4 import official

import tmkit_client_volcengine.signature as hook

STS_TOKEN = "STS2eyJ0ZXN0IjoidG1raXQifQ=="  # any text: what matters is that both sign it alike
# One-byte changes to the hook's source: (name, text in signature.py, its replacement, what it does).
MUTANTS = [
    ("signing-mutant-star", '_SAFE = ""', '_SAFE = "*"', "`*` left bare in the canonical query"),
    ("signing-mutant-colon", "f\"{name}:{by_name", "f\"{name}={by_name", "`=` for `:` in a canonical header line"),
]


def x_signing(openapi_path):
    with open(openapi_path, encoding="utf-8") as f:
        contract = yaml.safe_load(f)
    return contract["components"]["securitySchemes"]["volcengineSignature"]["x-signing"]


def constants_drift(signing, module=hook):
    wanted = {"ALGORITHM": signing["algorithm"], "SERVICE": signing["service"], "TERMINATOR": signing["terminator"],
              "DATE_HEADER": signing["dateHeader"], "CONTENT_HASH_HEADER": signing["contentHashHeader"],
              "SECURITY_TOKEN_HEADER": signing["securityTokenHeader"],
              "REQUIRED_SIGNED_HEADERS": tuple(signing["requiredSignedHeaders"])}
    return [f"{name} is {getattr(module, name)!r}, the contract's x-signing says {value!r}"
            for name, value in wanted.items() if getattr(module, name) != value]


def contract_vector(signing, module=hook):
    """Problems of the hook with the published vector (empty when it passes)."""
    tv = signing["testVector"]
    signer = module.VolcengineSigner(module.Credentials(tv["accessKey"], tv["secretKey"]), tv["region"], tv["service"])
    parameters = parse_qsl(tv["query"], keep_blank_values=True)
    headers = {"Host": tv["host"], "Content-Type": tv["contentType"], "X-Date": tv["xDate"],
               "X-Content-Sha256": hashlib.sha256(b"").hexdigest()}
    canonical = signer.canonical_request(tv["method"], "/", parameters, headers, tv["signedHeaders"].split(";"), b"")
    problems = []
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    if digest != tv["canonicalRequestSha256"]:
        problems.append(f"canonical request hash {digest}, the vector's {tv['canonicalRequestSha256']}")
    signature = signer.signature(canonical, tv["xDate"])
    if signature != tv["signature"]:
        problems.append(f"signature {signature}, the vector's {tv['signature']}")
    # The whole header as the hook writes it for that request (it signs host and content-type when given).
    moment = datetime.datetime.strptime(tv["xDate"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    added = signer.sign(tv["method"], "/", parameters, {"Host": tv["host"], "Content-Type": tv["contentType"]}, b"", moment)
    want = (f"{signing['algorithm']} Credential={tv['accessKey']}/{tv['xDate'][:8]}/{tv['region']}/{tv['service']}/"
            f"{signing['terminator']}, SignedHeaders={tv['signedHeaders']}, Signature={tv['signature']}")
    if added.get("Authorization") != want:
        problems.append(f"sign() wrote Authorization {added.get('Authorization')!r}, expected {want!r}")
    return problems


def differential(signed, module=hook, token=None):
    """(mismatches, first mismatch) of the hook against SignerV4's results: the canonical request and
    signature for the SignedHeaders list SignerV4 chose, and every header the hook's own `sign` adds
    (it chooses the same list for these requests: host and content-type when present, x-date,
    x-content-sha256, x-security-token)."""
    mismatched, first = 0, None
    for v, theirs, canonical in signed:
        names = re.search(r"SignedHeaders=([^,]*)", theirs["Authorization"]).group(1)
        signature = re.search(r"Signature=([0-9a-f]+)$", theirs["Authorization"]).group(1)
        signer = module.VolcengineSigner(module.Credentials(v["accessKey"], v["secretKey"], token),
                                         v["region"], v["service"])
        body = v["body"].encode("utf-8")
        ours = signer.canonical_request(v["method"], v["path"], [tuple(p) for p in v["query"]], theirs,
                                        names.split(";"), body)
        moment = datetime.datetime.strptime(v["xDate"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        given = {k: h for k, h in v["headers"].items() if k in ("Host", "Content-Type")}
        added = signer.sign(v["method"], v["path"], [tuple(p) for p in v["query"]], given, body, moment)
        problem = None
        if ours != canonical:
            problem = f"canonical request differs: SignerV4 {canonical!r}, hook {ours!r}"
        elif signer.signature(ours, v["xDate"]) != signature:
            problem = f"signature differs: SignerV4 {signature}, hook {signer.signature(ours, v['xDate'])}"
        else:
            differ = [f"{k}: SignerV4 {theirs.get(k)!r}, hook {h!r}" for k, h in added.items() if theirs.get(k) != h]
            if differ:
                problem = "sign() differs: " + "; ".join(differ)
        if problem:
            mismatched += 1
            first = first or f"{v['id']}: {problem}"
    return mismatched, first


def planted(name, original, replacement):
    """signature.py with one change, loaded as a module of its own."""
    with open(hook.__file__, encoding="utf-8") as f:
        source = f.read()
    if source.count(original) != 1:
        raise RuntimeError(f"{name}: {original!r} occurs {source.count(original)} times in {hook.__file__}, not once")
    if len(replacement.encode()) - len(original.encode()) not in (0, 1) or \
            sum(a != b for a, b in zip(original, replacement)) > 1:
        raise RuntimeError(f"{name}: not a one-byte change")
    spec = importlib.util.spec_from_loader(f"planted_{name.replace('-', '_')}", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source.replace(original, replacement), f"<{name}>", "exec"), module.__dict__)  # noqa: S102
    return module


def run(openapi_path, vectors_path, report):
    signing = x_signing(openapi_path)
    drift = constants_drift(signing)
    report("signing-constants", "FAIL" if drift else "PASS",
           "; ".join(drift) or "algorithm, service, terminator, header names and required signed headers as x-signing")
    problems = contract_vector(signing)
    tv = signing["testVector"]
    report("signing-contract-vector", "FAIL" if problems else "PASS", "; ".join(problems) or
           f"x-signing.testVector: canonical request hash {tv['canonicalRequestSha256'][:12]}…, signature "
           f"{tv['signature'][:12]}…, and sign() writes its Authorization header")
    signed = official(vectors_path)
    with_token = official(vectors_path, STS_TOKEN)
    lists = {}
    for _, headers, _ in signed:
        names = re.search(r"SignedHeaders=([^,]*)", headers["Authorization"]).group(1)
        lists[names] = lists.get(names, 0) + 1
    for check_id, results, token, what in (("signing-vectors", signed, None, "access key"),
                                           ("signing-vectors-sts", with_token, STS_TOKEN, "STS session token")):
        mismatched, first = differential(results, token=token)
        if len(results) < 1000:
            report(check_id, "FAIL", f"only {len(results)} vectors in {vectors_path}")
        elif mismatched:
            report(check_id, "FAIL", f"{mismatched} of {len(results)} vectors differ from SignerV4; first {first}")
        else:
            report(check_id, "PASS", f"{len(results)} vectors signed with an {what}: canonical request, signature and "
                   f"the headers sign() adds identical to volcenginesdkcore SignerV4"
                   + ("" if token else f" (SignedHeaders: {', '.join(f'{k} {n}' for k, n in sorted(lists.items()))})"))
    for name, original, replacement, what in MUTANTS:
        mutant = planted(name, original, replacement)
        vector = contract_vector(signing, mutant)
        caught, _ = differential(signed, mutant)
        verdict = f"{what}: contract vector {'fails' if vector else 'passes'}, {caught} of {len(signed)} vectors differ"
        report(name, "PASS" if vector or caught else "FAIL",
               ("caught: " if vector or caught else "NOT caught: ") + verdict)
