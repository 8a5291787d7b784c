module tmkit.io/interop/go

go 1.22

require github.com/volcengine/volc-sdk-golang v1.0.23

require github.com/google/uuid v1.3.0 // indirect
