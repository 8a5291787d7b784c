package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/vpc"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/credentials"
	"github.com/volcengine/volcengine-go-sdk/volcengine/session"
	"github.com/volcengine/volcengine-go-sdk/volcengine/volcengineerr"
)

// caseJSON is one case of the export (../README.md, "The cases export").
type caseJSON struct {
	ID            string             `json:"id"`
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
	Kind         string                     `json:"kind"`
	As           string                     `json:"as"`
	ExpectStatus int                        `json:"expectStatus"`
	SettleMs     int                        `json:"settleMs"`
	Request      *requestJSON               `json:"request"`
	Fault        map[string]json.RawMessage `json:"-"`
	raw          map[string]json.RawMessage
}

func (p *preconditionJSON) UnmarshalJSON(data []byte) error {
	type plain preconditionJSON
	if err := json.Unmarshal(data, (*plain)(p)); err != nil {
		return err
	}
	return json.Unmarshal(data, &p.raw)
}

// outcome is what the SDK gave back, and how many HTTP requests it sent for it.
type outcome struct {
	out      *vpc.CreateTrafficMirrorSessionOutput
	err      error
	attempts int32
}

type runner struct {
	endpoint string
	admin    *adminAPI
	dirty    bool
}

// countingTransport observes what goes on the wire (it changes nothing): it counts the SDK's retries.
type countingTransport struct{ n *int32 }

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	atomic.AddInt32(c.n, 1)
	return http.DefaultTransport.RoundTrip(r)
}

// call makes one CreateTrafficMirrorSession call with the SDK, as its README shows.
func (r *runner) call(req requestJSON, input *vpc.CreateTrafficMirrorSessionInput, retries bool) outcome {
	var n int32
	config := volcengine.NewConfig().
		WithRegion(req.Signing.Region).
		WithCredentials(credentials.NewStaticCredentials(*req.Signing.AccessKey, *req.Signing.SecretKey, "")).
		WithEndpoint(strings.TrimPrefix(r.endpoint, "http://")).
		WithDisableSSL(true).
		WithHTTPClient(&http.Client{Transport: countingTransport{&n}, Timeout: 60 * time.Second})
	if !retries {
		config = config.WithMaxRetries(0)
	}
	sess, err := session.NewSession(config)
	if err != nil {
		return outcome{err: err}
	}
	out, err := vpc.New(sess).CreateTrafficMirrorSession(input)
	return outcome{out: out, err: err, attempts: atomic.LoadInt32(&n)}
}

var tagName = regexp.MustCompile(`^Tags\.([1-9][0-9]*)\.(Key|Value)$`)

// input maps a request's parameters onto the SDK's typed input, or says why the SDK cannot send them.
func input(req requestJSON) (*vpc.CreateTrafficMirrorSessionInput, string) {
	if req.RawQuery != nil {
		return nil, "the SDK builds the query itself: cannot send a raw query"
	}
	switch req.Signing.Kind {
	case "signed", "wrong-secret", "unknown-key":
	case "unsigned":
		return nil, "the SDK signs every request: cannot send an unsigned one"
	default:
		return nil, "the SDK signs every request itself: cannot send " + req.Signing.Kind
	}
	if req.Method != "GET" || req.Body != "query" {
		return nil, "the SDK's CreateTrafficMirrorSession is HTTPMethod GET with the parameters in the query: cannot send " + req.Method + " with a " + req.Body + " body"
	}
	in := &vpc.CreateTrafficMirrorSessionInput{}
	seen := map[string]bool{}
	var tags []*vpc.TagForCreateTrafficMirrorSessionInput
	for _, p := range req.Params {
		name, value := p[0], p[1]
		if seen[name] {
			return nil, "the SDK's input has one field per parameter: cannot send " + name + " twice"
		}
		seen[name] = true
		text := volcengine.String(value)
		var integer **int64
		switch name {
		case "Action":
			if value != "CreateTrafficMirrorSession" {
				return nil, "the SDK sends its own Action: cannot send Action=" + strconv.Quote(value)
			}
		case "Version":
			if value != "2020-04-01" {
				return nil, "the SDK sends its own Version (2020-04-01): cannot send Version=" + strconv.Quote(value)
			}
		case "ClientToken":
			in.ClientToken = text
		case "Description":
			in.Description = text
		case "NetworkInterfaceId":
			in.NetworkInterfaceId = text
		case "ProjectName":
			in.ProjectName = text
		case "TrafficMirrorFilterId":
			in.TrafficMirrorFilterId = text
		case "TrafficMirrorSessionName":
			in.TrafficMirrorSessionName = text
		case "TrafficMirrorTargetId":
			in.TrafficMirrorTargetId = text
		case "Priority":
			integer = &in.Priority
		case "PacketLength":
			integer = &in.PacketLength
		case "VirtualNetworkId":
			integer = &in.VirtualNetworkId
		default:
			m := tagName.FindStringSubmatch(name)
			if m == nil {
				return nil, "the SDK's input has no field for " + name
			}
			i, err := strconv.Atoi(m[1])
			if err != nil || i > len(req.Params) {
				// More tags than parameters: some index below it is missing.
				return nil, "the SDK numbers the tags of its list from 1 without gaps: cannot send " + name + " alone"
			}
			for len(tags) < i {
				tags = append(tags, nil)
			}
			if tags[i-1] == nil {
				tags[i-1] = &vpc.TagForCreateTrafficMirrorSessionInput{}
			}
			if m[2] == "Key" {
				tags[i-1].Key = text
			} else {
				tags[i-1].Value = text
			}
		}
		if integer != nil {
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil || strconv.FormatInt(n, 10) != value {
				return nil, "the SDK's " + name + " is an int64: cannot send " + name + "=" + strconv.Quote(value)
			}
			*integer = volcengine.Int64(n)
		}
	}
	for i, t := range tags {
		if t == nil {
			return nil, fmt.Sprintf("the SDK numbers the tags of its list from 1 without gaps: cannot send a tag %d after none at %d", len(tags), i+1)
		}
	}
	in.Tags = tags
	// A missing required field is sent as missing: session.initHandlers removes the SDK's own
	// parameter validation (volcengine/session/session.go, v1.1.35).
	if !seen["Action"] || !seen["Version"] {
		return nil, "the SDK always sends Action and Version: cannot leave one out"
	}
	return in, ""
}

func (r *runner) run(c caseJSON) verdict {
	in, why := input(c.Request)
	if why != "" {
		return verdict{"SKIP", why}
	}
	fault := false
	for _, p := range c.Preconditions {
		if p.Request != nil {
			if _, why := input(*p.Request); why != "" {
				return verdict{"SKIP", "its " + p.Kind + " precondition: " + why}
			}
		}
		fault = fault || p.Kind == "fault"
	}
	if c.ResetBefore || r.dirty {
		if err := r.admin.reset(); err != nil {
			return verdict{"FAIL", err.Error()}
		}
	}
	r.dirty = c.ResetBefore
	// The SDK retries a 500 itself: with an injected one-off InternalError that retry would succeed and
	// hide the answer the case is about. Everything else runs with the SDK's defaults (retries on).
	retries := !fault
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
			pin, _ := input(*p.Request)
			o := r.call(*p.Request, pin, retries)
			if status(o) != p.ExpectStatus {
				return verdict{"FAIL", fmt.Sprintf("precondition %s: %s, expected status %d", p.As, describe(o), p.ExpectStatus)}
			}
			if o.err == nil {
				remembered[p.As] = volcengine.StringValue(o.out.TrafficMirrorSessionId)
			}
		case "inFlight":
			pin, _ := input(*p.Request)
			preq := *p.Request
			inFlight = make(chan outcome, 1)
			go func() { inFlight <- r.call(preq, pin, retries) }()
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
	o := r.call(c.Request, in, retries)
	if inFlight != nil {
		if first := <-inFlight; first.err != nil {
			return verdict{"FAIL", "the in-flight request: " + describe(first) + ", expected status 200"}
		}
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

func (r *runner) judge(c caseJSON, o outcome, remembered map[string]string) verdict {
	retries := ""
	if o.attempts > 1 {
		retries = fmt.Sprintf(" after %d requests (the SDK's own retries)", o.attempts)
	}
	if c.Expect.Status == 200 {
		if o.err != nil {
			return verdict{"FAIL", describe(o) + ", expected status 200"}
		}
		id := volcengine.StringValue(o.out.TrafficMirrorSessionId)
		if !strings.HasPrefix(id, "tms-") {
			return verdict{"FAIL", "status 200 without a TrafficMirrorSessionId: " + o.out.String()}
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
		return verdict{"PASS", "200 " + id + stored + retries}
	}
	if o.err == nil {
		return verdict{"FAIL", fmt.Sprintf("status 200 %s, expected %d %s", volcengine.StringValue(o.out.TrafficMirrorSessionId), c.Expect.Status, deref(c.Expect.Code))}
	}
	failure, ok := o.err.(volcengineerr.RequestFailure)
	if !ok {
		return verdict{"FAIL", "the SDK failed without an answer: " + o.err.Error()}
	}
	var wrong []string
	if failure.StatusCode() != c.Expect.Status {
		wrong = append(wrong, fmt.Sprintf("status %d, expected %d", failure.StatusCode(), c.Expect.Status))
	}
	if failure.Code() != deref(c.Expect.Code) {
		wrong = append(wrong, fmt.Sprintf("code %s, expected %s", failure.Code(), deref(c.Expect.Code)))
	}
	if failure.Message() != deref(c.Expect.Message) {
		wrong = append(wrong, fmt.Sprintf("message %q, expected %q", failure.Message(), deref(c.Expect.Message)))
	}
	if c.Expect.Status == 429 && o.attempts < 2 {
		wrong = append(wrong, fmt.Sprintf("the SDK sent %d request(s): it did not retry the 429", o.attempts))
	}
	if len(wrong) > 0 {
		return verdict{"FAIL", strings.Join(wrong, "; ")}
	}
	return verdict{"PASS", fmt.Sprintf("%d %s%s", failure.StatusCode(), failure.Code(), retries)}
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
				if !jsonEqual(a, b) {
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

func jsonEqual(a, b interface{}) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func status(o outcome) int {
	if o.err == nil {
		return 200
	}
	if f, ok := o.err.(volcengineerr.RequestFailure); ok {
		return f.StatusCode()
	}
	return 0
}

func describe(o outcome) string {
	if o.err == nil {
		return "status 200 " + volcengine.StringValue(o.out.TrafficMirrorSessionId)
	}
	if f, ok := o.err.(volcengineerr.RequestFailure); ok {
		return fmt.Sprintf("status %d %s %q", f.StatusCode(), f.Code(), f.Message())
	}
	return "no answer: " + o.err.Error()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
