// The Go half of the differential signing test: each go-sdk vector of a JSON-lines file (written by
// the conformance suite's ExportSdkSigningVectors) signed with Volcengine's own Go signer,
// github.com/volcengine/volc-sdk-golang/base Credentials.Sign (the signer that volcengine-go-sdk's
// volc.SignRequestHandler calls), given the same X-Date. The Go signer does not expose its canonical
// request, so its signature (an HMAC of the canonical request's SHA-256) stands for it: the
// Authorization header must carry SignedHeaders exactly as the vector lists them and the signature of
// one of the vector's "accepted" forms (ours first). On a difference the vector's canonical request
// and the Go signer's canonical query (the sorted re-encoding it leaves on the request) are printed.

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/volcengine/volc-sdk-golang/base"

	"tmkit.io/conformance/caserun/signvec"
)

// checkVectors checks every go-sdk vector of a file: how many there were, how many matched, the
// first few differences.
func checkVectors(path string) (checked, matched int, differences []string, err error) {
	vectors, err := signvec.Read(path, func(profile string) bool { return profile == "go-sdk" })
	if err != nil {
		return 0, 0, nil, err
	}
	for _, v := range vectors {
		checked++
		if problem := check(v); problem == "" {
			matched++
		} else if len(differences) < 3 {
			differences = append(differences, v.ID+": "+problem+"\n  our canonical request:\n"+indent(v.CanonicalRequest))
		}
	}
	return checked, matched, differences, nil
}

// check signs the vector's request as volcengine-go-sdk would hand it to the signer and compares.
func check(v signvec.Vector) string {
	req, err := v.Request()
	if err != nil {
		return "cannot build the request: " + err.Error()
	}
	creds := base.Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey, Service: v.Service, Region: v.Region}
	if v.SessionToken != nil {
		creds.SessionToken = *v.SessionToken
	}
	signed := creds.Sign(req)
	if got := signed.Header.Get("X-Date"); got != v.XDate {
		return fmt.Sprintf("the signer replaced X-Date %q with %q", v.XDate, got)
	}
	sum := sha256.Sum256([]byte(v.Body))
	if got := signed.Header.Get("X-Content-Sha256"); got != hex.EncodeToString(sum[:]) {
		return "X-Content-Sha256 is not the body's hash: " + got
	}
	got := signed.Header.Get("Authorization")
	prefix := "HMAC-SHA256 Credential=" + v.AccessKey + "/" + v.XDate[:8] + "/" + v.Region + "/" + v.Service +
		"/request, SignedHeaders=" + v.SignedHeaders + ", Signature="
	if strings.HasPrefix(got, prefix) {
		for _, form := range v.Accepted {
			if got == prefix+form.Signature {
				return ""
			}
		}
	}
	// Sign leaves its sorted re-encoding of the query on the request (the wire form it sends); with
	// "+" as "%20" it is the canonical query the signer hashed: the one line of its canonical request
	// that can be shown.
	goQuery := strings.ReplaceAll(signed.URL.RawQuery, "+", "%20")
	ours := strings.Split(v.CanonicalRequest, "\n")[2]
	note := ""
	if goQuery != ours {
		note = fmt.Sprintf("\n  canonical query differs from ours:\n  go:   %s\n  ours: %s", goQuery, ours)
	}
	return fmt.Sprintf("Authorization is none of the %d our verifier accepts\n  go:   %s\n  ours: %s%s", len(v.Accepted), got, v.Authorization, note)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
