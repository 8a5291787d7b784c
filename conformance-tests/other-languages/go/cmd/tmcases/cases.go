package main

// The generated client as a surface of the shared case runner (conformance-tests/lib/go): each request
// through TrafficMirrorAPI.CreateTrafficMirrorSession, signed by the hook, and the checks only this
// client needs: the query it sent is the case's parameters, a success's RequestId, typed error models.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"tmkit.io/conformance/caserun"
	"tmkit.io/generated/tmclient"
	"tmkit.io/other-languages/go/tmtags"
	"tmkit.io/other-languages/go/volcsign"
)

type clientSurface struct {
	endpoint string
	contract *contract
}

// recorder observes what the signed request put on the wire (it changes nothing): the queries sent.
type recorder struct {
	mu      sync.Mutex
	queries []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.queries = append(r.queries, req.URL.RawQuery)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) sent() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.queries...)
}

// Refusal is why the generated request's setters cannot carry the request, or "".
func (s clientSurface) Refusal(req caserun.Request) string {
	if _, why := request(tmclient.ApiCreateTrafficMirrorSessionRequest{}, req); why != "" {
		return "the Go client cannot send it: " + why
	}
	return ""
}

// Call makes one call through the generated client, as the README's quick start does: the hook in
// Configuration.HTTPClient, the server's URL as the configuration's server.
func (s clientSurface) Call(_ caserun.Case, req caserun.Request) caserun.Answer {
	rec := &recorder{}
	cfg := tmclient.NewConfiguration()
	cfg.Servers = tmclient.ServerConfigurations{{URL: s.endpoint}}
	cfg.HTTPClient = &http.Client{Timeout: 60 * time.Second, Transport: &volcsign.Transport{
		Signer: volcsign.Signer{
			Credentials: volcsign.Credentials{AccessKey: caserun.Deref(req.Signing.AccessKey), SecretKey: caserun.Deref(req.Signing.SecretKey)},
			Region:      req.Signing.Region,
			Service:     req.Signing.Service,
		},
		Base: rec,
	}}
	api := tmclient.NewAPIClient(cfg).TrafficMirrorAPI
	call, why := request(api.CreateTrafficMirrorSession(context.Background()), req)
	if why != "" {
		return caserun.Answer{Unread: "not sent: the Go client cannot send it: " + why}
	}
	resp, httpResp, err := call.Execute()
	queries := rec.sent()
	a := caserun.Answer{Attempts: len(queries)}
	if httpResp != nil {
		a.Status = httpResp.StatusCode
	}
	if len(queries) == 0 && err != nil {
		// The client refused before sending anything (its own required, maxLength and bounds checks
		// in Execute, from the contract's schema).
		a.Refused = err.Error()
		return a
	}
	a.Wire = s.sentDifference(req.Params, queries)
	if err == nil {
		result := resp.Result
		a.OK, a.SessionID = true, result.TrafficMirrorSessionId
		if a.Status != 200 {
			a.Problems = append(a.Problems, fmt.Sprintf("status %d, expected 200", a.Status))
		}
		if result.RequestId != resp.ResponseMetadata.RequestId {
			a.Problems = append(a.Problems, "Result.RequestId "+result.RequestId+" is not ResponseMetadata.RequestId "+resp.ResponseMetadata.RequestId)
		}
		return a
	}
	code, message, why := typedError(err, httpResp)
	if why != "" {
		a.Unread = why
		return a
	}
	a.Code, a.Message = code, message
	if !s.contract.codes[a.Status][code] {
		a.Problems = append(a.Problems, fmt.Sprintf("code %s is not among the documented codes of %d", code, a.Status))
	}
	return a
}

type createRequest = tmclient.ApiCreateTrafficMirrorSessionRequest

// The generated request's setter of each parameter, by the parameter's name in the contract.
var textSetters = map[string]func(createRequest, string) createRequest{
	"Action":                   createRequest.Action,
	"Version":                  createRequest.Version,
	"NetworkInterfaceId":       createRequest.NetworkInterfaceId,
	"TrafficMirrorTargetId":    createRequest.TrafficMirrorTargetId,
	"TrafficMirrorFilterId":    createRequest.TrafficMirrorFilterId,
	"TrafficMirrorSessionName": createRequest.TrafficMirrorSessionName,
	"Description":              createRequest.Description,
	"ProjectName":              createRequest.ProjectName,
	"ClientToken":              createRequest.ClientToken,
}

var int32Setters = map[string]func(createRequest, int32) createRequest{
	"Priority":         createRequest.Priority,
	"VirtualNetworkId": createRequest.VirtualNetworkId,
	"PacketLength":     createRequest.PacketLength,
}

var tagName = regexp.MustCompile(`^Tags\.([1-9][0-9]*)\.(Key|Value)$`)

// request maps a case's request onto the generated request's setters, or says why the client cannot
// send it. The Java client surface (TypedRequestShape) lets only such requests through; the reasons
// here are for what the Go client adds (int32 fields, 20 tag setters).
func request(call tmclient.ApiCreateTrafficMirrorSessionRequest, req caserun.Request) (tmclient.ApiCreateTrafficMirrorSessionRequest, string) {
	if req.RawQuery != nil {
		return call, "a raw query string"
	}
	if req.Method != "GET" || req.Body != "query" {
		return call, "method " + req.Method + " with a " + req.Body + " body"
	}
	switch req.Signing.Kind {
	case "signed", "wrong-secret", "unknown-key":
	default:
		return call, "signing " + req.Signing.Kind
	}
	var tags []tmtags.Tag
	seen := map[string]bool{}
	for _, p := range req.Params {
		name, value := p[0], p[1]
		if seen[name] {
			return call, name + " given twice"
		}
		seen[name] = true
		if set, ok := textSetters[name]; ok {
			call = set(call, value)
			continue
		}
		if set, ok := int32Setters[name]; ok {
			n, err := strconv.ParseInt(value, 10, 32)
			if err != nil {
				return call, name + "=" + value + " is not a Go int32"
			}
			call = set(call, int32(n))
			continue
		}
		// Tags.N.Key / Tags.N.Value: collected, then set through the tags helper.
		m := tagName.FindStringSubmatch(name)
		if m == nil {
			return call, "unknown parameter " + name
		}
		i, _ := strconv.Atoi(m[1])
		if i > len(req.Params) {
			return call, "tag indices are not 1..N"
		}
		for len(tags) < i {
			tags = append(tags, tmtags.Tag{})
		}
		v := value
		if m[2] == "Key" {
			tags[i-1].Key = &v
		} else {
			tags[i-1].Value = &v
		}
	}
	for i, t := range tags {
		if t.Key == nil && t.Value == nil {
			return call, fmt.Sprintf("tag indices are not 1..N (none at %d)", i+1)
		}
	}
	call, err := tmtags.Apply(call, tags...)
	if err != nil {
		return call, "the generated client " + strings.TrimPrefix(err.Error(), "tmtags: the client ")
	}
	return call, ""
}

// sentDifference is "" when the one query sent holds exactly the case's parameters, plus, for a
// parameter the case leaves out, the contract's default, which the generated client always sends.
func (s clientSurface) sentDifference(params [][2]string, queries []string) string {
	if len(queries) != 1 {
		return fmt.Sprintf("the client sent %d requests, expected 1", len(queries))
	}
	sent, err := url.ParseQuery(queries[0])
	if err != nil {
		return "the client sent a query that does not parse: " + err.Error()
	}
	want := map[string]string{}
	for _, p := range params {
		want[p[0]] = p[1]
	}
	var wrong []string
	for name, values := range sent {
		w, ok := want[name]
		if !ok {
			w, ok = s.contract.defaults[name]
		}
		if !ok || len(values) != 1 || !sameValue(values[0], w) {
			wrong = append(wrong, fmt.Sprintf("%s=%q", name, values))
		}
	}
	for name := range want {
		if _, ok := sent[name]; !ok {
			wrong = append(wrong, name+" missing")
		}
	}
	if len(wrong) > 0 {
		sort.Strings(wrong)
		return "the query sent is not the case's parameters: " + strings.Join(wrong, ", ")
	}
	return ""
}

// sameValue: the text sent, or for an int32 field the same number (the client writes 035 as 35).
func sameValue(sent, want string) bool {
	if sent == want {
		return true
	}
	a, errA := strconv.ParseInt(sent, 10, 64)
	b, errB := strconv.ParseInt(want, 10, 64)
	return errA == nil && errB == nil && a == b
}

// typedError reads the code and message from the model the generated client decoded the error body
// into (ErrorResponse<status>, chosen by the client from the status), or says why there is none.
func typedError(err error, httpResp *http.Response) (code, message, why string) {
	var apiErr *tmclient.GenericOpenAPIError
	if !errors.As(err, &apiErr) || httpResp == nil {
		return "", "", "no answer: " + err.Error()
	}
	model := apiErr.Model()
	if model == nil {
		return "", "", fmt.Sprintf("status %d without a typed error model (%s): %s", httpResp.StatusCode, apiErr.Error(), apiErr.Body())
	}
	if name, want := reflect.TypeOf(model).Name(), fmt.Sprintf("ErrorResponse%d", httpResp.StatusCode); name != want {
		return "", "", fmt.Sprintf("status %d typed as %s", httpResp.StatusCode, name)
	}
	// Every ErrorResponse<status> has ResponseMetadata.Error.{Code,Message}; read them off the model.
	data, merr := json.Marshal(model)
	if merr != nil {
		return "", "", "cannot read the typed error: " + merr.Error()
	}
	var e struct {
		ResponseMetadata struct {
			Error struct{ Code, Message string }
		}
	}
	if uerr := json.Unmarshal(data, &e); uerr != nil {
		return "", "", "cannot read the typed error: " + uerr.Error()
	}
	return e.ResponseMetadata.Error.Code, e.ResponseMetadata.Error.Message, ""
}
