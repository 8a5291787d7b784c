module tmkit.io/other-languages/go

go 1.23

require (
	github.com/volcengine/volc-sdk-golang v1.0.23
	gopkg.in/yaml.v3 v3.0.1
	tmkit.io/conformance/caserun v0.0.0
	tmkit.io/generated/tmclient v0.0.0-00010101000000-000000000000
)

require github.com/google/uuid v1.3.0 // indirect

// The generated client, as run.sh generates it (generators/go.yaml: module tmkit.io/generated/tmclient).
replace tmkit.io/generated/tmclient => ../target/go-client

// The case runner shared with interop/go (conformance-tests/lib/go), used from the tree.
replace tmkit.io/conformance/caserun => ../../lib/go
