// Package tmtags turns a list of tags into the indexed Tags.N.Key / Tags.N.Value parameters of the
// generated client's request, so that no caller writes Tags17Key by hand. The stock go generator
// gives each indexed parameter of the contract its own setter (Tags1Key ... Tags20Value, one per
// index the contract lists); Apply calls the setter of each index by name, so the number of tags is
// the contract's, not a second table here: a tag beyond the last index the client has is an error.
package tmtags

import (
	"fmt"
	"reflect"

	"tmkit.io/generated/tmclient"
)

// Tag is one tag; Key or Value may be absent (nil): a key without a value is stored with "", and a
// value without its key is the contract's own error to report, so the helper lets it through.
type Tag struct {
	Key, Value *string
}

// KeyValue is a tag with a key and a value.
func KeyValue(key, value string) Tag { return Tag{Key: &key, Value: &value} }

// KeyOnly is a tag with a key and no value.
func KeyOnly(key string) Tag { return Tag{Key: &key} }

// ValueOnly is a value without its key (the server refuses it; here so that a test can send it).
func ValueOnly(value string) Tag { return Tag{Value: &value} }

// Apply sets tags[i] as Tags.(i+1).Key and Tags.(i+1).Value of req and returns the request.
func Apply(req tmclient.ApiCreateTrafficMirrorSessionRequest, tags ...Tag) (tmclient.ApiCreateTrafficMirrorSessionRequest, error) {
	v := reflect.ValueOf(req)
	for i, tag := range tags {
		for _, part := range []struct {
			name  string
			value *string
		}{{"Key", tag.Key}, {"Value", tag.Value}} {
			if part.value == nil {
				continue
			}
			// The generator names the setter of parameter Tags.N.Key TagsNKey.
			setter := v.MethodByName(fmt.Sprintf("Tags%d%s", i+1, part.name))
			if !setter.IsValid() {
				return req, fmt.Errorf("tmtags: the client has no parameter Tags.%d.%s: %d tags are more than the contract allows", i+1, part.name, len(tags))
			}
			v = setter.Call([]reflect.Value{reflect.ValueOf(*part.value)})[0]
		}
	}
	return v.Interface().(tmclient.ApiCreateTrafficMirrorSessionRequest), nil
}
