module tmkit.test/presign-url

go 1.21

require github.com/volcengine/volc-sdk-golang v1.0.23

require github.com/google/uuid v1.3.0 // indirect
