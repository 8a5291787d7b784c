package caserun

import "fmt"

// Verdict is one line's word (PASS, FAIL or SKIP) and what it says.
type Verdict struct{ Word, Detail string }

func Pass(detail string) Verdict { return Verdict{"PASS", detail} }
func Fail(detail string) Verdict { return Verdict{"FAIL", detail} }
func Skip(detail string) Verdict { return Verdict{"SKIP", detail} }

// Tally prints one line per check or case, "<prefix> <id> <word> <detail>", and counts the words.
type Tally struct {
	Prefix                  string // "interop go:", "other-languages go:"
	Passed, Failed, Skipped int
}

func (t *Tally) Report(id string, v Verdict) {
	switch v.Word {
	case "PASS":
		t.Passed++
	case "FAIL":
		t.Failed++
	default:
		t.Skipped++
	}
	fmt.Printf("%s %s %s %s\n", t.Prefix, id, v.Word, v.Detail)
}

// Line is the closing tally line, "<prefix> N passed, N failed, N skipped".
func (t *Tally) Line() string {
	return fmt.Sprintf("%s %d passed, %d failed, %d skipped", t.Prefix, t.Passed, t.Failed, t.Skipped)
}
