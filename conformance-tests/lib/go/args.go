package caserun

import (
	"fmt"
	"os"
	"strings"
)

// Args are what every case program is started with: <endpoint> <admin-token> <cases.json>, then the
// surface's own arguments.
type Args struct {
	Endpoint  string // the reference server, without a trailing slash
	Admin     *Admin
	CasesPath string
	More      []string
}

// ParseArgs reads the program's arguments; a wrong count prints the usage line and exits 2.
func ParseArgs(usage string, more int) Args {
	if len(os.Args) != 4+more {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	endpoint := strings.TrimSuffix(os.Args[1], "/")
	return Args{Endpoint: endpoint, Admin: &Admin{Endpoint: endpoint, Token: os.Args[2]}, CasesPath: os.Args[3], More: os.Args[4:]}
}
