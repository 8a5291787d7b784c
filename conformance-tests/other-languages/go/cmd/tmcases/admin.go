package main

// The reference server's admin API (reset, faults, sessions), guarded by the admin token: the same
// calls as conformance-tests/interop/go/admin.go, which lives in another module (package main).

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type adminAPI struct {
	endpoint, token string
}

var adminClient = &http.Client{Timeout: 30 * time.Second}

func (a *adminAPI) send(method, path, body string) ([]byte, error) {
	req, err := http.NewRequest(method, a.endpoint+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Admin-Token", a.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := adminClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("admin %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("admin %s %s answered %d: %s", method, path, resp.StatusCode, data)
	}
	return data, nil
}

func (a *adminAPI) reset() error {
	_, err := a.send("POST", "/_admin/reset", "")
	return err
}

func (a *adminAPI) fault(body map[string]json.RawMessage) error {
	data, _ := json.Marshal(body)
	_, err := a.send("POST", "/_admin/faults", string(data))
	return err
}

// sessions lists an account's sessions as the admin API does.
func (a *adminAPI) sessions(accountID string) ([]map[string]json.RawMessage, error) {
	data, err := a.send("GET", "/_admin/sessions?accountId="+url.QueryEscape(accountID), "")
	if err != nil {
		return nil, err
	}
	var list []map[string]json.RawMessage
	return list, json.Unmarshal(data, &list)
}
