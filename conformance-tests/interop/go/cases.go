package main

// The Go SDK as a surface of the shared case runner (conformance-tests/lib/go): each request through
// vpc.New(session).CreateTrafficMirrorSession, its output or error read back as an answer.

import (
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

	"tmkit.io/conformance/caserun"
)

type sdkSurface struct{ endpoint string }

// countingTransport observes what goes on the wire (it changes nothing): it counts the SDK's retries.
type countingTransport struct{ n *int32 }

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	atomic.AddInt32(c.n, 1)
	return http.DefaultTransport.RoundTrip(r)
}

// Refusal is why the SDK's typed input cannot carry the request, or "".
func (s sdkSurface) Refusal(req caserun.Request) string {
	_, why := input(req)
	return why
}

// Call makes one CreateTrafficMirrorSession call with the SDK, as its README shows.
func (s sdkSurface) Call(c caserun.Case, req caserun.Request) caserun.Answer {
	in, why := input(req)
	if why != "" {
		return caserun.Answer{Unread: "not sent: " + why}
	}
	// The SDK retries a 500 itself: with an injected one-off InternalError that retry would succeed and
	// hide the answer the case is about. Everything else runs with the SDK's defaults (retries on).
	retries := true
	for _, p := range c.Preconditions {
		retries = retries && p.Kind != "fault"
	}
	var n int32
	config := volcengine.NewConfig().
		WithRegion(req.Signing.Region).
		WithCredentials(credentials.NewStaticCredentials(*req.Signing.AccessKey, *req.Signing.SecretKey, "")).
		WithEndpoint(strings.TrimPrefix(s.endpoint, "http://")).
		WithDisableSSL(true).
		WithHTTPClient(&http.Client{Transport: countingTransport{&n}, Timeout: 60 * time.Second})
	if !retries {
		config = config.WithMaxRetries(0)
	}
	sess, err := session.NewSession(config)
	if err != nil {
		return caserun.Answer{Unread: "no answer: " + err.Error()}
	}
	out, err := vpc.New(sess).CreateTrafficMirrorSession(in)
	a := caserun.Answer{Attempts: int(atomic.LoadInt32(&n))}
	if a.Attempts > 1 {
		a.Note = fmt.Sprintf(" after %d requests (the SDK's own retries)", a.Attempts)
	}
	if err == nil {
		a.OK, a.Status, a.SessionID, a.Shown = true, 200, volcengine.StringValue(out.TrafficMirrorSessionId), out.String()
		return a
	}
	failure, ok := err.(volcengineerr.RequestFailure)
	if !ok {
		a.Unread = "the SDK failed without an answer: " + err.Error()
		return a
	}
	a.Status, a.Code, a.Message = failure.StatusCode(), failure.Code(), failure.Message()
	return a
}

var tagName = regexp.MustCompile(`^Tags\.([1-9][0-9]*)\.(Key|Value)$`)

// input maps a request's parameters onto the SDK's typed input, or says why the SDK cannot send them.
func input(req caserun.Request) (*vpc.CreateTrafficMirrorSessionInput, string) {
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
