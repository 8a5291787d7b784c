// Package volcsign signs HTTP requests with Volcengine's HMAC-SHA256 scheme, the contract's
// `volcengineSignature` (api-spec/openapi.yaml, components.securitySchemes, whose description and
// `x-signing` give the steps). It plugs into the generated Go client as an http.RoundTripper:
//
//	cfg := tmclient.NewConfiguration()
//	cfg.HTTPClient = &http.Client{Transport: &volcsign.Transport{Signer: volcsign.Signer{...}}}
//
// The canonical request is the contract's first form: parameters percent-encoded as RFC 3986 does
// and sorted by encoded name (the values of a repeated name in request order), the host signed as
// sent. The headers signed are the ones Volcengine's Go signer signs (volc-sdk-golang base/sign.go,
// hashedCanonicalRequestV4): host, Content-Type and Content-Md5 when present, and every X-* header
// (X-Date, X-Content-Sha256, X-Security-Token among them), so that for the same request both
// write the same Authorization header.
package volcsign

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Credentials are an access key pair, with the session token of temporary (STS) credentials.
type Credentials struct {
	AccessKey, SecretKey, SessionToken string
}

// Signer signs requests for one credential scope (region and service, e.g. "vpc").
type Signer struct {
	Credentials Credentials
	Region      string
	Service     string
	// Now is the clock X-Date is read from; nil means time.Now.
	Now func() time.Time

	// escape percent-encodes a name or value of the canonical query; nil means rfc3986. Only the
	// tests set it (to plant a one-byte mutant and prove the vector tests can fail).
	escape func(string) string
	// plant rewrites the canonical request before it is hashed; nil leaves it. Tests only, as escape.
	plant func(string) string
}

// Canonical is what a signature covers, kept for tests and diagnostics.
type Canonical struct {
	Request       string // the canonical request
	SignedHeaders string // lower-case names joined with ";"
	XDate         string // YYYYMMDD'T'HHMMSS'Z'
}

const (
	algorithm  = "HMAC-SHA256"
	terminator = "request"
	dateFormat = "20060102T150405Z"
)

// Sign returns a copy of req with X-Date, X-Content-Sha256, X-Security-Token (STS only) and
// Authorization set. req itself is not changed; its body is read and the copy gets an equal one.
func (s Signer) Sign(req *http.Request) (*http.Request, error) {
	signed, _, err := s.sign(req)
	return signed, err
}

func (s Signer) sign(req *http.Request) (*http.Request, Canonical, error) {
	if s.Credentials.AccessKey == "" || s.Credentials.SecretKey == "" || s.Region == "" || s.Service == "" {
		if req.Body != nil {
			req.Body.Close() // a RoundTripper closes the body, also on an error
		}
		return nil, Canonical{}, errors.New("volcsign: a Signer needs an access key, a secret key, a region and a service")
	}
	body, err := readBody(req)
	if err != nil {
		return nil, Canonical{}, err
	}
	out := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		out.Body = io.NopCloser(bytes.NewReader(body))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		out.ContentLength = int64(len(body))
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	xDate := now().UTC().Format(dateFormat)
	out.Header.Set("X-Date", xDate)
	out.Header.Set("X-Content-Sha256", hexSHA256(body))
	if s.Credentials.SessionToken != "" {
		out.Header.Set("X-Security-Token", s.Credentials.SessionToken)
	}
	out.Header.Del("Authorization")
	c, err := s.canonical(out, xDate, body)
	if err != nil {
		return nil, Canonical{}, err
	}
	if s.plant != nil {
		c.Request = s.plant(c.Request)
	}
	scope := xDate[:8] + "/" + s.Region + "/" + s.Service + "/" + terminator
	stringToSign := algorithm + "\n" + xDate + "\n" + scope + "\n" + hexSHA256([]byte(c.Request))
	key := hmacSHA256([]byte(s.Credentials.SecretKey), xDate[:8])
	for _, part := range []string{s.Region, s.Service, terminator} {
		key = hmacSHA256(key, part)
	}
	signature := hex.EncodeToString(hmacSHA256(key, stringToSign))
	out.Header.Set("Authorization", algorithm+" Credential="+s.Credentials.AccessKey+"/"+scope+
		", SignedHeaders="+c.SignedHeaders+", Signature="+signature)
	return out, c, nil
}

// canonical writes the canonical request of a request whose X-* headers are already set.
func (s Signer) canonical(req *http.Request, xDate string, body []byte) (Canonical, error) {
	escape := s.escape
	if escape == nil {
		escape = rfc3986
	}
	query, err := canonicalQuery(req.URL.RawQuery, escape)
	if err != nil {
		return Canonical{}, err
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	values := map[string]string{"host": strings.TrimSpace(host)}
	for name, v := range req.Header {
		lower := strings.ToLower(name)
		if lower == "content-type" || lower == "content-md5" || strings.HasPrefix(lower, "x-") {
			if len(v) > 0 {
				values[lower] = strings.TrimSpace(v[0])
			}
		}
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var headers strings.Builder
	for _, name := range names {
		headers.WriteString(name + ":" + values[name] + "\n")
	}
	signedHeaders := strings.Join(names, ";")
	request := req.Method + "\n/\n" + query + "\n" + headers.String() + "\n" + signedHeaders + "\n" + hexSHA256(body)
	return Canonical{Request: request, SignedHeaders: signedHeaders, XDate: xDate}, nil
}

// canonicalQuery reads a query string as the server does (form encoding: "+" is a space, empty
// segments ignored) and writes it RFC 3986-encoded, sorted by encoded name; a name's values keep
// their order (sort.SliceStable).
func canonicalQuery(raw string, escape func(string) string) (string, error) {
	type pair struct{ name, value string }
	var pairs []pair
	for _, segment := range strings.Split(raw, "&") {
		if segment == "" {
			continue
		}
		name, value, _ := strings.Cut(segment, "=")
		n, err := url.QueryUnescape(name)
		if err != nil {
			return "", fmt.Errorf("volcsign: the query's name %q: %v", name, err)
		}
		v, err := url.QueryUnescape(value)
		if err != nil {
			return "", fmt.Errorf("volcsign: the query's value %q: %v", value, err)
		}
		pairs = append(pairs, pair{escape(n), escape(v)})
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].name < pairs[j].name })
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.name + "=" + p.value
	}
	return strings.Join(parts, "&"), nil
}

// rfc3986 percent-encodes every byte of s's UTF-8 form but A-Z a-z 0-9 - _ . ~ (upper-case hex).
func rfc3986(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, fmt.Errorf("volcsign: reading the body to sign: %v", err)
	}
	return body, nil
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, content string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(content))
	return mac.Sum(nil)
}

// Transport is the hook: an http.RoundTripper that signs every request, then sends it with Base.
type Transport struct {
	Signer Signer
	// Base sends the signed request; nil means http.DefaultTransport.
	Base http.RoundTripper
}

// RoundTrip signs a copy of req and sends it; req is left as it was (http.RoundTripper's rule).
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	signed, err := t.Signer.Sign(req)
	if err != nil {
		return nil, err
	}
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(signed)
}
