module tmkit.io/interop/go

go 1.22

require (
	github.com/volcengine/volc-sdk-golang v1.0.23
	github.com/volcengine/volcengine-go-sdk v1.1.35
)

require (
	github.com/google/uuid v1.3.0 // indirect
	github.com/jmespath/go-jmespath v0.4.0 // indirect
	gopkg.in/yaml.v2 v2.2.8 // indirect
)

// The case runner shared with other-languages/go (conformance-tests/lib/go), used from the tree.
require tmkit.io/conformance/caserun v0.0.0

replace tmkit.io/conformance/caserun => ../../lib/go
