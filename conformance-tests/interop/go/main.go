// Command interop-go runs the conformance cases through Volcengine's Go SDK,
// github.com/volcengine/volcengine-go-sdk (service/vpc, pinned in go.mod), used as its README shows:
// vpc.New(session).CreateTrafficMirrorSession(&vpc.CreateTrafficMirrorSessionInput{...}), signatures
// on, against the reference server; then the differential signing check of its signer (signing.go) on
// sdk-signing-vectors.jsonl and the planted mutant's sdk-signing-vectors-mutant.jsonl beside the export
// (or INTEROP_SDK_SIGNING_VECTORS / INTEROP_SDK_SIGNING_MUTANT).
//
// Usage: interop-go <endpoint> <admin-token> <cases.json>. One line per case and the tally
// "interop go: N passed, N failed, N skipped" (format: ../README.md); exit 1 when anything failed.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const sdk = "go"

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: run.sh <endpoint> <admin-token> <cases.json>")
		os.Exit(2)
	}
	endpoint := strings.TrimSuffix(os.Args[1], "/")
	admin := &adminAPI{endpoint: endpoint, token: os.Args[2]}
	t := &tally{}
	data, err := os.ReadFile(os.Args[3])
	var cases []caseJSON
	if err == nil {
		err = json.Unmarshal(data, &cases)
	}
	if err != nil {
		t.report("runner", verdict{"FAIL", "cannot read the cases: " + err.Error()})
	} else {
		r := &runner{endpoint: endpoint, admin: admin, dirty: true}
		for _, c := range cases {
			t.report(c.ID, r.run(c))
		}
		if err := admin.reset(); err != nil {
			t.report("runner", verdict{"FAIL", err.Error()})
		}
	}
	dir := filepath.Dir(os.Args[3])
	t.report("signing-vectors", vectorsVerdict(file("INTEROP_SDK_SIGNING_VECTORS", filepath.Join(dir, "sdk-signing-vectors.jsonl")), false))
	t.report("signing-mutant", vectorsVerdict(file("INTEROP_SDK_SIGNING_MUTANT", filepath.Join(dir, "sdk-signing-vectors-mutant.jsonl")), true))
	fmt.Printf("interop %s: %d passed, %d failed, %d skipped\n", sdk, t.passed, t.failed, t.skipped)
	if t.failed > 0 {
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

type verdict struct{ word, detail string }

type tally struct{ passed, failed, skipped int }

func (t *tally) report(id string, v verdict) {
	switch v.word {
	case "PASS":
		t.passed++
	case "FAIL":
		t.failed++
	default:
		t.skipped++
	}
	fmt.Printf("interop %s: %s %s %s\n", sdk, id, v.word, v.detail)
}

// vectorsVerdict runs the differential on one vector file: ours must match in full (at least 1,000
// vectors), the planted mutant's must not.
func vectorsVerdict(path string, mutant bool) verdict {
	if _, err := os.Stat(path); err != nil {
		return verdict{"SKIP", "no signing vectors at " + path + " (mvn -DskipTests package writes them)"}
	}
	checked, matched, differences, err := checkVectors(path)
	if err != nil {
		return verdict{"FAIL", "cannot read " + path + ": " + err.Error()}
	}
	if mutant {
		what := fmt.Sprintf("a canonicaliser one byte off (~ encoded): %d of %d vectors differ from the SDK", checked-matched, checked)
		if checked > 0 && matched < checked {
			return verdict{"PASS", what}
		}
		return verdict{"FAIL", what + ": the check cannot fail"}
	}
	what := fmt.Sprintf("volc-sdk-golang base.Credentials.Sign vs our verifier: %d of %d go-sdk vectors byte-identical (signature over the canonical request)", matched, checked)
	if checked >= 1000 && matched == checked {
		return verdict{"PASS", what}
	}
	return verdict{"FAIL", what + "; " + strings.Join(differences, "\n")}
}
