// Package signvec reads the differential signing vectors the conformance build writes
// (signing-vectors.jsonl, sdk-signing-vectors.jsonl; formats: conformance-tests/interop/README.md,
// "Differential signing") and builds each vector's request as a Go client sends it, for Volcengine's
// Go signer and for the hook under test alike.
package signvec

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// Vector is one line of either file.
type Vector struct {
	ID           string      `json:"id"`
	Profile      string      `json:"profile"`
	Method       string      `json:"method"`
	Path         string      `json:"path"`
	Host         string      `json:"host"`
	Query        [][2]string `json:"query"`
	Headers      Headers     `json:"headers"`
	Body         string      `json:"body"`
	AccessKey    string      `json:"accessKey"`
	SecretKey    string      `json:"secretKey"`
	SessionToken *string     `json:"sessionToken"`
	Region       string      `json:"region"`
	Service      string      `json:"service"`
	XDate        string      `json:"xDate"`
	// signing-vectors.jsonl: our canonical request for each SignedHeaders list.
	Ours map[string]struct {
		CanonicalRequest string `json:"canonicalRequest"`
	} `json:"ours"`
	// sdk-signing-vectors.jsonl: our canonical request and Authorization for the list the SDK's signer
	// picks, and every form our verifier accepts.
	SignedHeaders    string `json:"signedHeaders"`
	CanonicalRequest string `json:"canonicalRequest"`
	Authorization    string `json:"authorization"`
	Accepted         []struct {
		CanonicalRequest string `json:"canonicalRequest"`
		Signature        string `json:"signature"`
	} `json:"accepted"`
}

// Headers are a vector's headers in order: a list of [name, value] pairs, or an object (read in any order).
type Headers [][2]string

func (h *Headers) UnmarshalJSON(data []byte) error {
	var list [][2]string
	if json.Unmarshal(data, &list) == nil {
		*h = list
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*h = nil
	for k, v := range m {
		*h = append(*h, [2]string{k, v})
	}
	return nil
}

// Read reads a file's vectors whose profile keep accepts.
func Read(path string, keep func(profile string) bool) ([]Vector, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var list []Vector
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for scanner.Scan() {
		line++
		var v Vector
		if err := json.Unmarshal(scanner.Bytes(), &v); err != nil {
			return list, fmt.Errorf("%s: line %d: %v", path, line, err)
		}
		if keep(v.Profile) {
			list = append(list, v)
		}
	}
	return list, scanner.Err()
}

// Request is the vector's request as a Go client sends it: the query form-encoded in the vector's
// order, the headers set as listed, a Host header as the request's host.
func (v Vector) Request() (*http.Request, error) {
	var query []string
	for _, p := range v.Query {
		query = append(query, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	host := v.Host
	if host == "" {
		host = "open.volcengineapi.com"
	}
	req, err := http.NewRequest(v.Method, "http://"+host+v.Path+"?"+strings.Join(query, "&"), bytes.NewReader([]byte(v.Body)))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", v.ID, err)
	}
	for _, h := range v.Headers {
		if strings.EqualFold(h[0], "Host") {
			req.Host = h[1]
			continue
		}
		req.Header.Set(h[0], h[1])
	}
	return req, nil
}
