package tmtags

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tmkit.io/generated/tmclient"
)

// The tags land in the query the generated client sends, by index, through a real server on loopback.
func TestApplySetsIndexedTagParameters(t *testing.T) {
	var query string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.WriteHeader(204)
	}))
	defer server.Close()
	cfg := tmclient.NewConfiguration()
	cfg.Servers = tmclient.ServerConfigurations{{URL: server.URL}}
	req := tmclient.NewAPIClient(cfg).TrafficMirrorAPI.CreateTrafficMirrorSession(context.Background()).
		Action("CreateTrafficMirrorSession").Version("2020-04-01").NetworkInterfaceId("eni-1").
		TrafficMirrorTargetId("tmt-1").TrafficMirrorFilterId("tmf-1").Priority(1)
	req, err := Apply(req, KeyValue("env", "prod"), KeyOnly("team"), ValueOnly("orphan"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, _ = req.Execute()
	for _, want := range []string{"Tags.1.Key=env", "Tags.1.Value=prod", "Tags.2.Key=team", "Tags.3.Value=orphan"} {
		if !strings.Contains(query, want) {
			t.Errorf("query %q lacks %s", query, want)
		}
	}
	for _, absent := range []string{"Tags.2.Value", "Tags.3.Key", "Tags.4."} {
		if strings.Contains(query, absent) {
			t.Errorf("query %q has %s", query, absent)
		}
	}
}

// More tags than the client has setters for is an error that names the first missing parameter.
func TestApplyRefusesMoreTagsThanTheClientHas(t *testing.T) {
	var tags []Tag
	for i := 0; i < 21; i++ {
		tags = append(tags, KeyOnly("k"))
	}
	_, err := Apply(tmclient.ApiCreateTrafficMirrorSessionRequest{}, tags...)
	if err == nil || !strings.Contains(err.Error(), "Tags.21.Key") {
		t.Fatalf("21 tags: %v", err)
	}
	if _, err := Apply(tmclient.ApiCreateTrafficMirrorSessionRequest{}, tags[:20]...); err != nil {
		t.Fatalf("20 tags: %v", err)
	}
}
