// Command interop-go runs the conformance cases through Volcengine's Go SDK,
// github.com/volcengine/volcengine-go-sdk (service/vpc, pinned in go.mod), used as its README shows:
// vpc.New(session).CreateTrafficMirrorSession(&vpc.CreateTrafficMirrorSessionInput{...}), signatures
// on, against the reference server; then the differential signing check of its signer (signing.go) on
// sdk-signing-vectors.jsonl and the planted mutant's sdk-signing-vectors-mutant.jsonl beside the export
// (or INTEROP_SDK_SIGNING_VECTORS / INTEROP_SDK_SIGNING_MUTANT).
//
// Usage: interop-go <endpoint> <admin-token> <cases.json>. One line per case and the tally
// "interop go: N passed, N failed, N skipped" (format: ../README.md); exit 1 when anything failed.
// The case runner (the case model, admin API, preconditions, judge, tally) is the one
// other-languages/go uses too, conformance-tests/lib/go (tmkit.io/conformance/caserun); cases.go is
// this SDK's surface.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tmkit.io/conformance/caserun"
)

func main() {
	args := caserun.ParseArgs("usage: run.sh <endpoint> <admin-token> <cases.json>", 0)
	t := &caserun.Tally{Prefix: "interop go:"}
	if cases, err := caserun.ReadCases(args.CasesPath); err != nil {
		t.Report("runner", caserun.Fail("cannot read the cases: "+err.Error()))
	} else {
		r := caserun.NewRunner(args.Admin, sdkSurface{endpoint: args.Endpoint})
		r.Retries429 = true // the SDK retries a 429 itself (its DefaultRetryer)
		r.RunAll(cases, "", t)
	}
	dir := filepath.Dir(args.CasesPath)
	t.Report("signing-vectors", vectorsVerdict(file("INTEROP_SDK_SIGNING_VECTORS", filepath.Join(dir, "sdk-signing-vectors.jsonl")), false))
	t.Report("signing-mutant", vectorsVerdict(file("INTEROP_SDK_SIGNING_MUTANT", filepath.Join(dir, "sdk-signing-vectors-mutant.jsonl")), true))
	fmt.Println(t.Line())
	if t.Failed > 0 {
		os.Exit(1)
	}
}

// file is the environment variable's value, or the fallback when it is unset.
func file(variable, fallback string) string {
	if v := os.Getenv(variable); v != "" {
		return v
	}
	return fallback
}

// vectorsVerdict runs the differential on one vector file: ours must match in full (at least 1,000
// vectors), the planted mutant's must not.
func vectorsVerdict(path string, mutant bool) caserun.Verdict {
	if _, err := os.Stat(path); err != nil {
		return caserun.Skip("no signing vectors at " + path + " (mvn -DskipTests package writes them)")
	}
	checked, matched, differences, err := checkVectors(path)
	if err != nil {
		return caserun.Fail("cannot read " + path + ": " + err.Error())
	}
	if mutant {
		what := fmt.Sprintf("a canonicaliser one byte off (~ encoded): %d of %d vectors differ from the SDK", checked-matched, checked)
		if checked > 0 && matched < checked {
			return caserun.Pass(what)
		}
		return caserun.Fail(what + ": the check cannot fail")
	}
	what := fmt.Sprintf("volc-sdk-golang base.Credentials.Sign vs our verifier: %d of %d go-sdk vectors byte-identical (signature over the canonical request)", matched, checked)
	if checked >= 1000 && matched == checked {
		return caserun.Pass(what)
	}
	return caserun.Fail(what + "; " + strings.Join(differences, "\n"))
}
