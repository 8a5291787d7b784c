package main

// What the runner reads from the contract itself (api-spec/openapi.yaml): the defaults the generated
// client fills in for parameters the caller left out, and the documented error codes of each status.

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

type contract struct {
	// defaults: parameter name -> its schema's default, as text (PacketLength 1500, ProjectName default).
	defaults map[string]string
	// codes: HTTP status -> the documented codes (components.schemas.Error<status>.properties.Code.enum).
	codes map[int]map[string]bool
}

func readContract(path string) (*contract, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Components struct {
			Parameters map[string]struct {
				Name   string `yaml:"name"`
				Schema struct {
					Default yaml.Node `yaml:"default"`
				} `yaml:"schema"`
			} `yaml:"parameters"`
			Schemas map[string]struct {
				Properties map[string]struct {
					Enum []string `yaml:"enum"`
				} `yaml:"properties"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c := &contract{defaults: map[string]string{}, codes: map[int]map[string]bool{}}
	for _, p := range doc.Components.Parameters {
		if p.Schema.Default.Kind == yaml.ScalarNode {
			c.defaults[p.Name] = p.Schema.Default.Value
		}
	}
	for name, s := range doc.Components.Schemas {
		status, err := strconv.Atoi(strings.TrimPrefix(name, "Error"))
		if !strings.HasPrefix(name, "Error") || err != nil {
			continue
		}
		c.codes[status] = map[string]bool{}
		for _, code := range s.Properties["Code"].Enum {
			c.codes[status][code] = true
		}
	}
	if len(c.codes) == 0 {
		return nil, fmt.Errorf("%s: no components.schemas.Error<status> with a Code enum", path)
	}
	return c, nil
}
