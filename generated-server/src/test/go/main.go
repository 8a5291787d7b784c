// Command presign-url presigns requests with Volcengine's official Go SDK
// (github.com/volcengine/volc-sdk-golang/base, Credentials.SignUrl), used as published.
//
// It reads a JSON list of requests on stdin, each with method, query (a list of [name, value]),
// accessKey, secretKey, region, service and optionally sessionToken, and prints a JSON list with the
// query string SignUrl returned for each. The SDK reads its own clock.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/volcengine/volc-sdk-golang/base"
)

type request struct {
	Method       string      `json:"method"`
	Query        [][2]string `json:"query"`
	AccessKey    string      `json:"accessKey"`
	SecretKey    string      `json:"secretKey"`
	Region       string      `json:"region"`
	Service      string      `json:"service"`
	SessionToken string      `json:"sessionToken"`
}

func main() {
	var requests []request
	if err := json.NewDecoder(os.Stdin).Decode(&requests); err != nil {
		fmt.Fprintln(os.Stderr, "presign-url: bad input:", err)
		os.Exit(2)
	}
	out := make([]string, 0, len(requests))
	for _, r := range requests {
		query := url.Values{}
		for _, p := range r.Query {
			query.Add(p[0], p[1])
		}
		req, err := http.NewRequest(r.Method, "http://127.0.0.1/?"+query.Encode(), nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "presign-url:", err)
			os.Exit(2)
		}
		c := base.Credentials{AccessKeyID: r.AccessKey, SecretAccessKey: r.SecretKey, Region: r.Region,
			Service: r.Service, SessionToken: r.SessionToken}
		out = append(out, c.SignUrl(req))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "presign-url:", err)
		os.Exit(2)
	}
}
