package main

import (
	"bytes"
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

	"tmkit.io/generated/tmclient"
	"tmkit.io/other-languages/go/tmtags"
	"tmkit.io/other-languages/go/volcsign"
)

// caseJSON is one case of the export (conformance-tests/interop/README.md, "The cases export").
type caseJSON struct {
	ID            string             `json:"id"`
	AppliesTo     []string           `json:"appliesTo"`
	AccountID     *string            `json:"accountId"`
	ResetBefore   bool               `json:"resetBefore"`
	Request       requestJSON        `json:"request"`
	Preconditions []preconditionJSON `json:"preconditions"`
	Expect        struct {
		Status          int                        `json:"status"`
		Code            *string                    `json:"code"`
		Message         *string                    `json:"message"`
		SameSessionAs   *string                    `json:"sameSessionAs"`
		SessionsCreated *int                       `json:"sessionsCreated"`
		Stored          map[string]json.RawMessage `json:"stored"`
	} `json:"expect"`
}

func (c caseJSON) appliesToClient() bool {
	for _, s := range c.AppliesTo {
		if s == "client" {
			return true
		}
	}
	return false
}

type requestJSON struct {
	Method   string      `json:"method"`
	Body     string      `json:"body"`
	RawQuery *string     `json:"rawQuery"`
	Params   [][2]string `json:"params"`
	Signing  struct {
		Kind      string  `json:"kind"`
		AccessKey *string `json:"accessKey"`
		SecretKey *string `json:"secretKey"`
		Region    string  `json:"region"`
		Service   string  `json:"service"`
	} `json:"signing"`
}

type preconditionJSON struct {
	Kind         string       `json:"kind"`
	As           string       `json:"as"`
	ExpectStatus int          `json:"expectStatus"`
	SettleMs     int          `json:"settleMs"`
	Request      *requestJSON `json:"request"`
	raw          map[string]json.RawMessage
}

func (p *preconditionJSON) UnmarshalJSON(data []byte) error {
	type plain preconditionJSON
	if err := json.Unmarshal(data, (*plain)(p)); err != nil {
		return err
	}
	return json.Unmarshal(data, &p.raw)
}

type runner struct {
	endpoint string
	admin    *adminAPI
	contract *contract
	dirty    bool
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

// outcome is what the generated client gave back, and the queries it sent for it.
type outcome struct {
	resp    *tmclient.CreateTrafficMirrorSessionResponse
	http    *http.Response
	err     error
	queries []string
}

// call makes one call through the generated client, as the README's quick start does: the hook in
// Configuration.HTTPClient, the server's URL as the configuration's server.
func (r *runner) call(req requestJSON) (outcome, string) {
	rec := &recorder{}
	cfg := tmclient.NewConfiguration()
	cfg.Servers = tmclient.ServerConfigurations{{URL: r.endpoint}}
	cfg.HTTPClient = &http.Client{Timeout: 60 * time.Second, Transport: &volcsign.Transport{
		Signer: volcsign.Signer{
			Credentials: volcsign.Credentials{AccessKey: deref(req.Signing.AccessKey), SecretKey: deref(req.Signing.SecretKey)},
			Region:      req.Signing.Region,
			Service:     req.Signing.Service,
		},
		Base: rec,
	}}
	api := tmclient.NewAPIClient(cfg).TrafficMirrorAPI
	call, why := request(api.CreateTrafficMirrorSession(context.Background()), req)
	if why != "" {
		return outcome{}, why
	}
	resp, httpResp, err := call.Execute()
	return outcome{resp: resp, http: httpResp, err: err, queries: rec.sent()}, ""
}

var tagName = regexp.MustCompile(`^Tags\.([1-9][0-9]*)\.(Key|Value)$`)

// request maps a case's request onto the generated request's setters, or says why the client cannot
// send it. The Java client surface (TypedRequestShape) lets only such requests through; the reasons
// here are for what the Go client adds (int32 fields, 20 tag setters).
func request(call tmclient.ApiCreateTrafficMirrorSessionRequest, req requestJSON) (tmclient.ApiCreateTrafficMirrorSessionRequest, string) {
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
		integer := func(set func(int32) tmclient.ApiCreateTrafficMirrorSessionRequest) string {
			n, err := strconv.ParseInt(value, 10, 32)
			if err != nil {
				return name + "=" + value + " is not a Go int32"
			}
			call = set(int32(n))
			return ""
		}
		why := ""
		switch name {
		case "Action":
			call = call.Action(value)
		case "Version":
			call = call.Version(value)
		case "NetworkInterfaceId":
			call = call.NetworkInterfaceId(value)
		case "TrafficMirrorTargetId":
			call = call.TrafficMirrorTargetId(value)
		case "TrafficMirrorFilterId":
			call = call.TrafficMirrorFilterId(value)
		case "TrafficMirrorSessionName":
			call = call.TrafficMirrorSessionName(value)
		case "Description":
			call = call.Description(value)
		case "ProjectName":
			call = call.ProjectName(value)
		case "ClientToken":
			call = call.ClientToken(value)
		case "Priority":
			why = integer(call.Priority)
		case "VirtualNetworkId":
			why = integer(call.VirtualNetworkId)
		case "PacketLength":
			why = integer(call.PacketLength)
		default:
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
		if why != "" {
			return call, why
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

func (r *runner) run(c caseJSON) verdict {
	if _, why := request(tmclient.ApiCreateTrafficMirrorSessionRequest{}, c.Request); why != "" {
		return verdict{"SKIP", "the Go client cannot send it: " + why}
	}
	for _, p := range c.Preconditions {
		if p.Request != nil {
			if _, why := request(tmclient.ApiCreateTrafficMirrorSessionRequest{}, *p.Request); why != "" {
				return verdict{"SKIP", "its " + p.Kind + " precondition: the Go client cannot send it: " + why}
			}
		}
	}
	if c.ResetBefore || r.dirty {
		if err := r.admin.reset(); err != nil {
			return verdict{"FAIL", err.Error()}
		}
	}
	r.dirty = c.ResetBefore
	remembered := map[string]string{}
	var inFlight chan outcome
	for _, p := range c.Preconditions {
		switch p.Kind {
		case "fault":
			body := map[string]json.RawMessage{}
			for _, k := range []string{"accountId", "code", "phase", "times"} {
				body[k] = p.raw[k]
			}
			if err := r.admin.fault(body); err != nil {
				return verdict{"FAIL", err.Error()}
			}
		case "priorRequest":
			o, _ := r.call(*p.Request)
			if status(o) != p.ExpectStatus {
				return verdict{"FAIL", fmt.Sprintf("precondition %s: %s, expected status %d", p.As, describe(o), p.ExpectStatus)}
			}
			if o.err == nil {
				remembered[p.As] = o.resp.Result.TrafficMirrorSessionId
			}
		case "inFlight":
			preq := *p.Request
			inFlight = make(chan outcome, 1)
			go func() { o, _ := r.call(preq); inFlight <- o }()
			time.Sleep(time.Duration(p.SettleMs) * time.Millisecond)
		default:
			return verdict{"SKIP", "unknown precondition kind " + p.Kind}
		}
	}
	count := c.Expect.SessionsCreated != nil && c.AccountID != nil
	before := 0
	if count {
		list, err := r.admin.sessions(*c.AccountID)
		if err != nil {
			return verdict{"FAIL", err.Error()}
		}
		before = len(list)
	}
	o, _ := r.call(c.Request)
	if inFlight != nil {
		if first := <-inFlight; first.err != nil {
			return verdict{"FAIL", "the in-flight request: " + describe(first) + ", expected status 200"}
		}
	}
	if len(o.queries) == 0 && o.err != nil {
		// The client refused before sending anything (its own required, maxLength and bounds checks
		// in Execute, from the contract's schema). A SKIP when the server refuses the request too.
		if c.Expect.Status != 200 {
			return verdict{"SKIP", "client refused locally: " + o.err.Error()}
		}
		return verdict{"FAIL", fmt.Sprintf("the client refused locally (%v), expected status %d", o.err, c.Expect.Status)}
	}
	if difference := r.sentDifference(c.Request.Params, o.queries); difference != "" {
		return verdict{"FAIL", difference}
	}
	v := r.judge(c, o, remembered)
	if v.word == "PASS" && count {
		list, err := r.admin.sessions(*c.AccountID)
		if err != nil {
			return verdict{"FAIL", err.Error()}
		}
		if created := len(list) - before; created != *c.Expect.SessionsCreated {
			return verdict{"FAIL", fmt.Sprintf("%s; but %d sessions were created, expected %d", v.detail, created, *c.Expect.SessionsCreated)}
		}
	}
	return v
}

// sentDifference is "" when the one query sent holds exactly the case's parameters, plus, for a
// parameter the case leaves out, the contract's default, which the generated client always sends.
func (r *runner) sentDifference(params [][2]string, queries []string) string {
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
			w, ok = r.contract.defaults[name]
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

func (r *runner) judge(c caseJSON, o outcome, remembered map[string]string) verdict {
	if c.Expect.Status == 200 {
		if o.err != nil {
			return verdict{"FAIL", describe(o) + ", expected status 200"}
		}
		if o.http.StatusCode != 200 {
			return verdict{"FAIL", fmt.Sprintf("status %d, expected 200", o.http.StatusCode)}
		}
		result := o.resp.Result
		id := result.TrafficMirrorSessionId
		if !strings.HasPrefix(id, "tms-") {
			return verdict{"FAIL", "status 200 without a TrafficMirrorSessionId"}
		}
		if result.RequestId != o.resp.ResponseMetadata.RequestId {
			return verdict{"FAIL", "Result.RequestId " + result.RequestId + " is not ResponseMetadata.RequestId " + o.resp.ResponseMetadata.RequestId}
		}
		if c.Expect.SameSessionAs != nil && remembered[*c.Expect.SameSessionAs] != id {
			return verdict{"FAIL", fmt.Sprintf("session %s, expected the one of %s (%s)", id, *c.Expect.SameSessionAs, remembered[*c.Expect.SameSessionAs])}
		}
		stored := ""
		if c.Expect.Stored != nil && c.AccountID != nil {
			if difference := r.storedDifference(id, c.Expect.Stored, *c.AccountID); difference != "" {
				return verdict{"FAIL", "session " + id + " holds " + difference}
			}
			stored = ", stored values byte-exact"
		}
		return verdict{"PASS", "200 " + id + stored}
	}
	if o.err == nil {
		return verdict{"FAIL", fmt.Sprintf("status 200 %s, expected %d %s", o.resp.Result.TrafficMirrorSessionId, c.Expect.Status, deref(c.Expect.Code))}
	}
	code, message, why := typedError(o)
	if why != "" {
		return verdict{"FAIL", why + fmt.Sprintf(", expected %d %s", c.Expect.Status, deref(c.Expect.Code))}
	}
	var wrong []string
	if o.http.StatusCode != c.Expect.Status {
		wrong = append(wrong, fmt.Sprintf("status %d, expected %d", o.http.StatusCode, c.Expect.Status))
	}
	if code != deref(c.Expect.Code) {
		wrong = append(wrong, fmt.Sprintf("code %s, expected %s", code, deref(c.Expect.Code)))
	}
	if !r.contract.codes[o.http.StatusCode][code] {
		wrong = append(wrong, fmt.Sprintf("code %s is not among the documented codes of %d", code, o.http.StatusCode))
	}
	if message != deref(c.Expect.Message) {
		wrong = append(wrong, fmt.Sprintf("message %q, expected %q", message, deref(c.Expect.Message)))
	}
	if len(wrong) > 0 {
		return verdict{"FAIL", strings.Join(wrong, "; ")}
	}
	return verdict{"PASS", fmt.Sprintf("%d %s", o.http.StatusCode, code)}
}

// typedError reads the code and message from the model the generated client decoded the error body
// into (ErrorResponse<status>, chosen by the client from the status), or says why there is none.
func typedError(o outcome) (code, message, why string) {
	var apiErr *tmclient.GenericOpenAPIError
	if !errors.As(o.err, &apiErr) || o.http == nil {
		return "", "", "no answer: " + o.err.Error()
	}
	model := apiErr.Model()
	if model == nil {
		return "", "", fmt.Sprintf("status %d without a typed error model (%s): %s", o.http.StatusCode, apiErr.Error(), apiErr.Body())
	}
	if name, want := reflect.TypeOf(model).Name(), fmt.Sprintf("ErrorResponse%d", o.http.StatusCode); name != want {
		return "", "", fmt.Sprintf("status %d typed as %s", o.http.StatusCode, name)
	}
	// Every ErrorResponse<status> has ResponseMetadata.Error.{Code,Message}; read them off the model.
	data, err := json.Marshal(model)
	if err != nil {
		return "", "", "cannot read the typed error: " + err.Error()
	}
	var e struct {
		ResponseMetadata struct {
			Error struct{ Code, Message string }
		}
	}
	if err := json.Unmarshal(data, &e); err != nil {
		return "", "", "cannot read the typed error: " + err.Error()
	}
	return e.ResponseMetadata.Error.Code, e.ResponseMetadata.Error.Message, ""
}

// storedDifference is "" when the session, as the admin API lists it, holds exactly the expected values.
func (r *runner) storedDifference(id string, expected map[string]json.RawMessage, accountID string) string {
	list, err := r.admin.sessions(accountID)
	if err != nil {
		return "nothing readable: " + err.Error()
	}
	for _, s := range list {
		var sid string
		_ = json.Unmarshal(s["trafficMirrorSessionId"], &sid)
		if sid != id {
			continue
		}
		for key, want := range expected {
			got := s[key]
			if key == "tags" {
				var a, b interface{}
				_ = json.Unmarshal(want, &a)
				_ = json.Unmarshal(got, &b)
				x, _ := json.Marshal(a)
				y, _ := json.Marshal(b)
				if !bytes.Equal(x, y) {
					return fmt.Sprintf("tags %s, expected %s", got, want)
				}
				continue
			}
			if asText(got) != asText(want) {
				return fmt.Sprintf("%s %s, expected %s", key, got, want)
			}
		}
		return ""
	}
	return "nothing: the admin API does not list it"
}

// asText is a JSON scalar written as text: 7 and "7" agree.
func asText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

func status(o outcome) int {
	if o.http != nil {
		return o.http.StatusCode
	}
	return 0
}

func describe(o outcome) string {
	if o.err == nil {
		return "status 200 " + o.resp.Result.TrafficMirrorSessionId
	}
	if code, message, why := typedError(o); why == "" {
		return fmt.Sprintf("status %d %s %q", o.http.StatusCode, code, message)
	}
	return "no typed answer: " + o.err.Error()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
