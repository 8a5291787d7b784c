package caserun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Surface is how one suite sends a request and reads its answer: an official SDK, a generated client.
type Surface interface {
	// Refusal says why the surface cannot send the request at all (the case is then a SKIP), or "".
	Refusal(r Request) string
	// Call sends one request of case c (its own or a precondition's) and reads what came back.
	Call(c Case, r Request) Answer
}

// Answer is what a surface read back from one call, in the words the judge needs.
type Answer struct {
	OK        bool   // the surface gave back the operation's result
	Status    int    // the HTTP status; 0 when there was no answer
	SessionID string // a result's TrafficMirrorSessionId
	Shown     string // a result as the surface prints it, for a failure's detail (optional)
	// An error's code and message, as the surface reads them off the answer.
	Code, Message string
	// Unread: why the surface has no answer it can read (no answer, an untyped one); "" when it has.
	Unread string
	// Refused: the surface refused the request locally and sent nothing (its own checks); "" when it sent.
	Refused string
	// Wire: how what the surface sent differs from the case's request; "" when it is the request.
	Wire string
	// Problems: what else the surface finds wrong with the answer (checks of its own).
	Problems []string
	Attempts int    // the HTTP requests sent for the call (retries included)
	Note     string // added to a PASS detail (e.g. the surface's own retries)
}

// Runner runs cases through a surface against the reference server.
type Runner struct {
	Admin   *Admin
	Surface Surface
	// Retries429: the surface retries a 429 itself, so a 429 answer must come after two requests at least.
	Retries429 bool
	// dirty: the previous case changed the server's state without asking for a reset after it.
	dirty bool
}

func NewRunner(admin *Admin, s Surface) *Runner {
	return &Runner{Admin: admin, Surface: s, dirty: true}
}

// RunAll reports every case whose appliesTo lists surface ("" for every case), then resets the server.
func (r *Runner) RunAll(cases []Case, surface string, t *Tally) {
	selected := 0
	for _, c := range cases {
		if surface != "" && !c.Lists(surface) {
			continue
		}
		selected++
		t.Report(c.ID, r.Run(c))
	}
	if surface != "" && selected == 0 {
		t.Report("runner", Fail("no case of the export applies to the "+surface+" surface"))
	}
	if err := r.Admin.Reset(); err != nil {
		t.Report("runner", Fail(err.Error()))
	}
}

// Run runs one case: reset when due, its preconditions, the request, then the judge.
func (r *Runner) Run(c Case) Verdict {
	if why := r.Surface.Refusal(c.Request); why != "" {
		return Skip(why)
	}
	for _, p := range c.Preconditions {
		if p.Request != nil {
			if why := r.Surface.Refusal(*p.Request); why != "" {
				return Skip("its " + p.Kind + " precondition: " + why)
			}
		}
	}
	if c.ResetBefore || r.dirty {
		if err := r.Admin.Reset(); err != nil {
			return Fail(err.Error())
		}
	}
	r.dirty = c.ResetBefore
	remembered := map[string]string{}
	var inFlight chan Answer
	for _, p := range c.Preconditions {
		switch p.Kind {
		case "fault":
			body := map[string]json.RawMessage{}
			for _, k := range []string{"accountId", "code", "phase", "times"} {
				body[k] = p.raw[k]
			}
			if err := r.Admin.Fault(body); err != nil {
				return Fail(err.Error())
			}
		case "priorRequest":
			a := r.Surface.Call(c, *p.Request)
			if a.Status != p.ExpectStatus {
				return Fail(fmt.Sprintf("precondition %s: %s, expected status %d", p.As, describe(a), p.ExpectStatus))
			}
			if a.OK {
				remembered[p.As] = a.SessionID
			}
		case "inFlight":
			preq := *p.Request
			inFlight = make(chan Answer, 1)
			go func() { inFlight <- r.Surface.Call(c, preq) }()
			time.Sleep(time.Duration(p.SettleMs) * time.Millisecond)
		default:
			return Skip("unknown precondition kind " + p.Kind)
		}
	}
	count := c.Expect.SessionsCreated != nil && c.AccountID != nil
	before := 0
	if count {
		list, err := r.Admin.Sessions(*c.AccountID)
		if err != nil {
			return Fail(err.Error())
		}
		before = len(list)
	}
	a := r.Surface.Call(c, c.Request)
	if inFlight != nil {
		if first := <-inFlight; !first.OK {
			return Fail("the in-flight request: " + describe(first) + ", expected status 200")
		}
	}
	if a.Refused != "" {
		// A SKIP when the server refuses the request too: the surface only refused it earlier.
		if c.Expect.Status != 200 {
			return Skip("client refused locally: " + a.Refused)
		}
		return Fail(fmt.Sprintf("the client refused locally (%s), expected status %d", a.Refused, c.Expect.Status))
	}
	if a.Wire != "" {
		return Fail(a.Wire)
	}
	v := r.judge(c, a, remembered)
	if v.Word == "PASS" && count {
		list, err := r.Admin.Sessions(*c.AccountID)
		if err != nil {
			return Fail(err.Error())
		}
		if created := len(list) - before; created != *c.Expect.SessionsCreated {
			return Fail(fmt.Sprintf("%s; but %d sessions were created, expected %d", v.Detail, created, *c.Expect.SessionsCreated))
		}
	}
	return v
}

func (r *Runner) judge(c Case, a Answer, remembered map[string]string) Verdict {
	if c.Expect.Status == 200 {
		if !a.OK {
			return Fail(describe(a) + ", expected status 200")
		}
		if !strings.HasPrefix(a.SessionID, "tms-") {
			shown := ""
			if a.Shown != "" {
				shown = ": " + a.Shown
			}
			return Fail("status 200 without a TrafficMirrorSessionId" + shown)
		}
		if len(a.Problems) > 0 {
			return Fail(strings.Join(a.Problems, "; "))
		}
		if c.Expect.SameSessionAs != nil && remembered[*c.Expect.SameSessionAs] != a.SessionID {
			return Fail(fmt.Sprintf("session %s, expected the one of %s (%s)", a.SessionID, *c.Expect.SameSessionAs, remembered[*c.Expect.SameSessionAs]))
		}
		stored := ""
		if c.Expect.Stored != nil && c.AccountID != nil {
			if difference := r.storedDifference(a.SessionID, c.Expect.Stored, *c.AccountID); difference != "" {
				return Fail("session " + a.SessionID + " holds " + difference)
			}
			stored = ", stored values byte-exact"
		}
		return Pass("200 " + a.SessionID + stored + a.Note)
	}
	if a.OK {
		return Fail(fmt.Sprintf("status 200 %s, expected %d %s", a.SessionID, c.Expect.Status, Deref(c.Expect.Code)))
	}
	if a.Unread != "" {
		return Fail(fmt.Sprintf("%s, expected %d %s", a.Unread, c.Expect.Status, Deref(c.Expect.Code)))
	}
	var wrong []string
	if a.Status != c.Expect.Status {
		wrong = append(wrong, fmt.Sprintf("status %d, expected %d", a.Status, c.Expect.Status))
	}
	if a.Code != Deref(c.Expect.Code) {
		wrong = append(wrong, fmt.Sprintf("code %s, expected %s", a.Code, Deref(c.Expect.Code)))
	}
	if a.Message != Deref(c.Expect.Message) {
		wrong = append(wrong, fmt.Sprintf("message %q, expected %q", a.Message, Deref(c.Expect.Message)))
	}
	wrong = append(wrong, a.Problems...)
	if r.Retries429 && c.Expect.Status == 429 && a.Attempts < 2 {
		wrong = append(wrong, fmt.Sprintf("the SDK sent %d request(s): it did not retry the 429", a.Attempts))
	}
	if len(wrong) > 0 {
		return Fail(strings.Join(wrong, "; "))
	}
	return Pass(fmt.Sprintf("%d %s%s", a.Status, a.Code, a.Note))
}

// describe is an answer in a few words, for a precondition's or a failure's detail.
func describe(a Answer) string {
	switch {
	case a.OK:
		return "status 200 " + a.SessionID
	case a.Refused != "":
		return "refused locally: " + a.Refused
	case a.Unread != "":
		return a.Unread
	}
	return fmt.Sprintf("status %d %s %q", a.Status, a.Code, a.Message)
}

// storedDifference is "" when the session, as the admin API lists it, holds exactly the expected values.
func (r *Runner) storedDifference(id string, expected map[string]json.RawMessage, accountID string) string {
	list, err := r.Admin.Sessions(accountID)
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
				// A list of objects: the same once both are re-encoded (key order and spacing aside).
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
