// Package caserun is the Go case runner that conformance-tests/interop/go (Volcengine's Go SDK) and
// conformance-tests/other-languages/go (the generated Go client) share: the case model of the export
// (conformance-tests/interop/README.md, "The cases export"), the admin client, the preconditions and
// resets, the judge of status, code, message, sameSessionAs, sessionsCreated and stored values, and
// the tally lines. Each suite supplies only its Surface: how to make the call and read its answer.
// Standard library only, so that both modules use it through a `replace` without new pins.
package caserun

import (
	"encoding/json"
	"os"
)

// Case is one case of the export.
type Case struct {
	ID            string         `json:"id"`
	AppliesTo     []string       `json:"appliesTo"`
	AccountID     *string        `json:"accountId"`
	ResetBefore   bool           `json:"resetBefore"`
	Request       Request        `json:"request"`
	Preconditions []Precondition `json:"preconditions"`
	Expect        Expect         `json:"expect"`
}

// Expect is what a case's request must be answered with.
type Expect struct {
	Status          int                        `json:"status"`
	Code            *string                    `json:"code"`
	Message         *string                    `json:"message"`
	SameSessionAs   *string                    `json:"sameSessionAs"`
	SessionsCreated *int                       `json:"sessionsCreated"`
	Stored          map[string]json.RawMessage `json:"stored"`
}

// Request is a CreateTrafficMirrorSession request of the export: its parameters, how it is sent and signed.
type Request struct {
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

// Precondition is what happens before a case's request: a fault injected, a prior or in-flight request.
type Precondition struct {
	Kind         string   `json:"kind"`
	As           string   `json:"as"`
	ExpectStatus int      `json:"expectStatus"`
	SettleMs     int      `json:"settleMs"`
	Request      *Request `json:"request"`
	// raw keeps every field, so that a fault is passed on to the admin API as the export writes it.
	raw map[string]json.RawMessage
}

func (p *Precondition) UnmarshalJSON(data []byte) error {
	type plain Precondition
	if err := json.Unmarshal(data, (*plain)(p)); err != nil {
		return err
	}
	return json.Unmarshal(data, &p.raw)
}

// Lists is whether the case's appliesTo lists the surface.
func (c Case) Lists(surface string) bool {
	for _, s := range c.AppliesTo {
		if s == surface {
			return true
		}
	}
	return false
}

// ReadCases reads the export.
func ReadCases(path string) ([]Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cases []Case
	return cases, json.Unmarshal(data, &cases)
}

// Deref is the string, or "" for none.
func Deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
