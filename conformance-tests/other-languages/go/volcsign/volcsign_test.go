package volcsign

// The hook's tests: the contract's published test vector (read from api-spec/openapi.yaml's
// x-signing, not retyped), the differential against Volcengine's own Go signer
// (github.com/volcengine/volc-sdk-golang/base Credentials.Sign, v1.0.23 as interop/go pins it) on
// the conformance build's generated vectors, and planted one-byte mutants of the hook that each
// test must catch. Each test ends with one "figures:" log line, which run.sh reports.
//
// Inputs (the defaults are where `mvn -B -DskipTests package` writes them):
//   TMKIT_OPENAPI               api-spec/openapi.yaml
//   TMKIT_SIGNING_VECTORS       conformance-tests/target/signing-vectors.jsonl
//   TMKIT_SDK_SIGNING_VECTORS   conformance-tests/target/sdk-signing-vectors.jsonl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/volcengine/volc-sdk-golang/base"
	"gopkg.in/yaml.v3"

	"tmkit.io/conformance/caserun/signvec"
)

func input(t *testing.T, variable, fallback string) string {
	t.Helper()
	path := os.Getenv(variable)
	if path == "" {
		path = filepath.Join("..", "..", "..", "..", fallback)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s: %v (set %s, or run mvn -B -DskipTests package first)", path, err, variable)
	}
	return path
}

// mutants are the planted one-byte changes of the canonical request; every test must catch the
// ones that reach its inputs.
var mutants = []struct {
	name   string
	signer func(Signer) Signer
	// everywhere: the change reaches every request, so every vector must then mismatch.
	everywhere bool
}{
	{"the blank line before SignedHeaders dropped", func(s Signer) Signer {
		s.plant = func(c string) string {
			lines := strings.Split(c, "\n")
			// METHOD, path, query, headers..., "", SignedHeaders, hash: drop the "".
			i := len(lines) - 3
			return strings.Join(append(lines[:i:i], lines[i+1:]...), "\n")
		}
		return s
	}, true},
	{"* left bare instead of %2A in the canonical query", func(s Signer) Signer {
		s.escape = func(v string) string { return strings.ReplaceAll(rfc3986(v), "%2A", "*") }
		return s
	}, false},
}

type testVector struct {
	AccessKey              string `yaml:"accessKey"`
	SecretKey              string `yaml:"secretKey"`
	Method                 string `yaml:"method"`
	Host                   string `yaml:"host"`
	Region                 string `yaml:"region"`
	Service                string `yaml:"service"`
	Query                  string `yaml:"query"`
	ContentType            string `yaml:"contentType"`
	XDate                  string `yaml:"xDate"`
	SignedHeaders          string `yaml:"signedHeaders"`
	CanonicalRequestSha256 string `yaml:"canonicalRequestSha256"`
	Signature              string `yaml:"signature"`
}

func contractVector(t *testing.T) testVector {
	data, err := os.ReadFile(input(t, "TMKIT_OPENAPI", "api-spec/openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			SecuritySchemes map[string]struct {
				XSigning struct {
					TestVector testVector `yaml:"testVector"`
				} `yaml:"x-signing"`
			} `yaml:"securitySchemes"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	v := doc.Components.SecuritySchemes["volcengineSignature"].XSigning.TestVector
	if v.Signature == "" || v.CanonicalRequestSha256 == "" || v.XDate == "" {
		t.Fatalf("no x-signing.testVector under components.securitySchemes.volcengineSignature: %+v", v)
	}
	return v
}

func at(xDate string) func() time.Time {
	return func() time.Time {
		d, err := time.Parse(dateFormat, xDate)
		if err != nil {
			panic(err)
		}
		return d
	}
}

func signatureOf(authorization string) string {
	_, s, _ := strings.Cut(authorization, ", Signature=")
	return s
}

func TestContractVector(t *testing.T) {
	v := contractVector(t)
	signer := Signer{Credentials: Credentials{AccessKey: v.AccessKey, SecretKey: v.SecretKey},
		Region: v.Region, Service: v.Service, Now: at(v.XDate)}
	run := func(s Signer) (Canonical, string) {
		req, err := http.NewRequest(v.Method, "https://"+v.Host+"/?"+v.Query, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", v.ContentType)
		signed, c, err := s.sign(req)
		if err != nil {
			t.Fatal(err)
		}
		return c, signatureOf(signed.Header.Get("Authorization"))
	}
	c, signature := run(signer)
	if c.SignedHeaders != v.SignedHeaders {
		t.Errorf("SignedHeaders %q, the vector's %q", c.SignedHeaders, v.SignedHeaders)
	}
	if got := hexSHA256([]byte(c.Request)); got != v.CanonicalRequestSha256 {
		t.Errorf("canonical request hash %s, the vector's %s; canonical request:\n%s", got, v.CanonicalRequestSha256, c.Request)
	}
	if signature != v.Signature {
		t.Errorf("signature %s, the vector's %s", signature, v.Signature)
	}
	var caught []string
	for _, m := range mutants {
		_, s := run(m.signer(signer))
		switch {
		case s != v.Signature:
			caught = append(caught, m.name+": caught")
		case m.everywhere:
			t.Errorf("the planted mutant (%s) still matches the contract's vector: the test cannot fail", m.name)
		default:
			// Its change needs a character the vector's query does not hold; the differential catches it.
			caught = append(caught, m.name+": not reached by this query")
		}
	}
	if t.Failed() {
		return
	}
	t.Logf("figures: the contract's x-signing.testVector (%s %s, SignedHeaders %s): canonical request hash and signature equal; planted mutants: %s",
		v.Method, v.Host, v.SignedHeaders, strings.Join(caught, "; "))
}

// vector is one line of signing-vectors.jsonl or sdk-signing-vectors.jsonl, read by the conformance
// library that interop/go reads them with.
type vector = signvec.Vector

// request builds the vector's request as a Go client would send it (signvec, as interop/go does).
func request(t *testing.T, v vector) *http.Request {
	req, err := v.Request()
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func readVectors(t *testing.T, path string) []vector {
	list, err := signvec.Read(path, func(profile string) bool { return profile == "" || profile == "go-sdk" })
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// documentedDifference says why the Go signer may sign a vector otherwise than the contract's first
// form, in one of the two ways the contract's x-signing text records (its "canonical forms of
// Volcengine's own signers" interpretation): names sorted before encoding, a default port left out
// of the signed host. "" when neither applies, so the two signatures must be identical.
func documentedDifference(v vector, req *http.Request) string {
	raw := make([]string, len(v.Query))
	encoded := make([]string, len(v.Query))
	for i, p := range v.Query {
		raw[i], encoded[i] = p[0], p[0]
	}
	sort.SliceStable(raw, func(i, j int) bool { return raw[i] < raw[j] })
	sort.SliceStable(encoded, func(i, j int) bool { return rfc3986(encoded[i]) < rfc3986(encoded[j]) })
	var why []string
	if strings.Join(raw, "\x00") != strings.Join(encoded, "\x00") {
		why = append(why, "names sorted before encoding")
	}
	if strings.HasSuffix(req.Host, ":80") || strings.HasSuffix(req.Host, ":443") {
		why = append(why, "default port left out of host")
	}
	return strings.Join(why, ", ")
}

type differential struct {
	checked, identical, documented, ourForm int
	problems                                []string
}

// compare signs each vector with the official Go signer and with the hook, at the vector's X-Date.
func compare(t *testing.T, vectors []vector, hook func(Signer) Signer) differential {
	var d differential
	for _, v := range vectors {
		d.checked++
		official := request(t, v)
		official.Header.Set("X-Date", v.XDate) // the Go signer keeps an X-Date that is set
		creds := base.Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey, Region: v.Region, Service: v.Service}
		ours := Signer{Credentials: Credentials{AccessKey: v.AccessKey, SecretKey: v.SecretKey}, Region: v.Region, Service: v.Service, Now: at(v.XDate)}
		if v.SessionToken != nil {
			creds.SessionToken = *v.SessionToken
			ours.Credentials.SessionToken = *v.SessionToken
		}
		goSigned := creds.Sign(official)
		req := request(t, v)
		// The Go signer gives a request without Content-Type its default one (prepareRequestV4) and
		// signs it; the hook signs the request as it is, so it gets the same request.
		if req.Header.Get("Content-Type") == "" {
			req.Header.Set("Content-Type", goSigned.Header.Get("Content-Type"))
		}
		signed, c, err := hook(ours).sign(req)
		if err != nil {
			d.problems = append(d.problems, v.ID+": "+err.Error())
			continue
		}
		goAuth, hookAuth := goSigned.Header.Get("Authorization"), signed.Header.Get("Authorization")
		sum := sha256.Sum256([]byte(v.Body))
		if signed.Header.Get("X-Content-Sha256") != hex.EncodeToString(sum[:]) || signed.Header.Get("X-Date") != v.XDate {
			d.problems = append(d.problems, v.ID+": X-Date or X-Content-Sha256 not the vector's")
			continue
		}
		// Our canonicaliser's canonical request for the same SignedHeaders, where the vector has it.
		want := ""
		if form, ok := v.Ours[c.SignedHeaders]; ok {
			want = form.CanonicalRequest
		} else if v.SignedHeaders == c.SignedHeaders {
			want = v.CanonicalRequest
		}
		if want != "" && want == c.Request {
			d.ourForm++
		}
		if goAuth == hookAuth {
			d.identical++
			continue
		}
		why := documentedDifference(v, req)
		accepted := false
		for _, a := range v.Accepted {
			accepted = accepted || signatureOf(goAuth) == a.Signature
		}
		if why != "" && accepted && want == c.Request {
			d.documented++
			continue
		}
		if len(d.problems) < 3 {
			d.problems = append(d.problems, v.ID+": the Go signer and the hook differ\n  go:   "+goAuth+"\n  hook: "+hookAuth+
				"\n  hook's canonical request:\n    "+strings.ReplaceAll(c.Request, "\n", "\n    ")+"\n  our canonicaliser's:\n    "+strings.ReplaceAll(want, "\n", "\n    "))
		} else {
			d.problems = append(d.problems, v.ID)
		}
	}
	return d
}

func TestDifferentialAgainstTheGoSigner(t *testing.T) {
	files := []string{
		input(t, "TMKIT_SIGNING_VECTORS", "conformance-tests/target/signing-vectors.jsonl"),
		input(t, "TMKIT_SDK_SIGNING_VECTORS", "conformance-tests/target/sdk-signing-vectors.jsonl"),
	}
	var vectors []vector
	for _, f := range files {
		vectors = append(vectors, readVectors(t, f)...)
	}
	same := func(s Signer) Signer { return s }
	d := compare(t, vectors, same)
	if len(d.problems) > 0 {
		t.Errorf("%d of %d vectors: %s", len(d.problems), d.checked, strings.Join(d.problems, "\n"))
	}
	if d.identical < 1000 {
		t.Errorf("only %d of %d vectors signed byte-identically (at least 1,000 required)", d.identical, d.checked)
	}
	var caught []string
	for _, m := range mutants {
		md := compare(t, vectors, m.signer)
		wrong := md.checked - md.identical
		if wrong == 0 || (m.everywhere && wrong != md.checked) {
			t.Errorf("the planted mutant (%s) differs from the Go signer on %d of %d vectors: the test cannot catch it", m.name, wrong, md.checked)
		}
		caught = append(caught, m.name+": "+strconv.Itoa(wrong)+" differ")
	}
	if t.Failed() {
		return
	}
	t.Logf("figures: %d vectors (%d from %s, %d go-sdk from %s): %d Authorization headers byte-identical to volc-sdk-golang base.Credentials.Sign, %d differ only as the contract documents (Go's signature accepted, the hook's the first form); the hook's canonical request equals our canonicaliser's on %d; planted mutants: %s",
		d.checked, d.checked-len(readVectors(t, files[1])), filepath.Base(files[0]), len(readVectors(t, files[1])), filepath.Base(files[1]),
		d.identical, d.documented, d.ourForm, strings.Join(caught, "; "))
}

func TestTransportLeavesTheRequestAsItWas(t *testing.T) {
	req, _ := http.NewRequest("POST", "http://127.0.0.1:1/?Action=A", strings.NewReader("a=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var seen *http.Request
	var seenBody string
	tr := &Transport{Signer: Signer{Credentials: Credentials{AccessKey: "AK", SecretKey: "SK"}, Region: "cn-beijing", Service: "vpc"},
		Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			seen = r
			b := new(bytes.Buffer)
			_, _ = b.ReadFrom(r.Body)
			seenBody = b.String()
			return &http.Response{StatusCode: 204, Body: http.NoBody, Request: r}, nil
		})}
	if _, err := tr.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("Authorization") != "" || req.Header.Get("X-Date") != "" {
		t.Error("RoundTrip changed the caller's request")
	}
	if seen == nil || !strings.HasPrefix(seen.Header.Get("Authorization"), "HMAC-SHA256 Credential=AK/") || seenBody != "a=1" {
		t.Errorf("the request sent is not signed with its body: %v %q", seen, seenBody)
	}
	if got := seen.Header.Get("Authorization"); !strings.Contains(got, "SignedHeaders=content-type;host;x-content-sha256;x-date,") {
		t.Errorf("SignedHeaders: %s", got)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
