module tmkit.io/conformance/caserun

go 1.22
