package caserun

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Admin is the reference server's admin API (reset, faults, sessions), guarded by the admin token.
type Admin struct {
	Endpoint, Token string
}

var adminClient = &http.Client{Timeout: 30 * time.Second}

func (a *Admin) send(method, path, body string) ([]byte, error) {
	req, err := http.NewRequest(method, a.Endpoint+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Admin-Token", a.Token)
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

// Reset brings the server back to its world: no sessions, no faults, fresh rate limits.
func (a *Admin) Reset() error {
	_, err := a.send("POST", "/_admin/reset", "")
	return err
}

// Fault injects a fault as the export's precondition describes it.
func (a *Admin) Fault(body map[string]json.RawMessage) error {
	data, _ := json.Marshal(body)
	_, err := a.send("POST", "/_admin/faults", string(data))
	return err
}

// Sessions lists an account's sessions as the admin API does.
func (a *Admin) Sessions(accountID string) ([]map[string]json.RawMessage, error) {
	data, err := a.send("GET", "/_admin/sessions?accountId="+url.QueryEscape(accountID), "")
	if err != nil {
		return nil, err
	}
	var list []map[string]json.RawMessage
	return list, json.Unmarshal(data, &list)
}
