// Command quickstart is the README's Go quick start as a program (run.sh builds, vets and runs it):
// one signed CreateTrafficMirrorSession through the generated client, printing the new session's ID
// or the error's status, code and message.
//
//	quickstart -endpoint http://127.0.0.1:PORT -ak AK -sk SK -region cn-beijing \
//	    -eni eni-... -target tmt-... -filter tmf-... -priority 7
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"

	"tmkit.io/generated/tmclient"
	"tmkit.io/other-languages/go/tmtags"
	"tmkit.io/other-languages/go/volcsign"
)

func main() {
	endpoint := flag.String("endpoint", "https://open.volcengineapi.com", "the service's URL")
	ak := flag.String("ak", os.Getenv("VOLC_ACCESSKEY"), "access key")
	sk := flag.String("sk", os.Getenv("VOLC_SECRETKEY"), "secret key")
	region := flag.String("region", "cn-beijing", "region of the credential scope")
	eni := flag.String("eni", "", "NetworkInterfaceId")
	target := flag.String("target", "", "TrafficMirrorTargetId")
	filter := flag.String("filter", "", "TrafficMirrorFilterId")
	priority := flag.Int("priority", 1, "Priority")
	flag.Parse()

	// 1. Sign: the hook is the http.Client's Transport in the generated Configuration.
	cfg := tmclient.NewConfiguration()
	cfg.Servers = tmclient.ServerConfigurations{{URL: *endpoint}}
	cfg.HTTPClient = &http.Client{Transport: &volcsign.Transport{Signer: volcsign.Signer{
		Credentials: volcsign.Credentials{AccessKey: *ak, SecretKey: *sk},
		Region:      *region,
		Service:     "vpc",
	}}}
	api := tmclient.NewAPIClient(cfg).TrafficMirrorAPI

	// 2. Call: Action and Version are required parameters of the generated client; tags by list.
	req := api.CreateTrafficMirrorSession(context.Background()).
		Action("CreateTrafficMirrorSession").Version("2020-04-01").
		NetworkInterfaceId(*eni).TrafficMirrorTargetId(*target).TrafficMirrorFilterId(*filter).
		Priority(int32(*priority)).TrafficMirrorSessionName("quickstart")
	req, err := tmtags.Apply(req, tmtags.KeyValue("env", "test"), tmtags.KeyOnly("team"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
	resp, httpResp, err := req.Execute()

	// 3. Read an error: the client decodes the body into ErrorResponse<status> (here 409's).
	var apiErr *tmclient.GenericOpenAPIError
	switch {
	case err == nil:
		fmt.Println("created", resp.Result.TrafficMirrorSessionId, "request", resp.ResponseMetadata.RequestId)
	case errors.As(err, &apiErr) && httpResp != nil:
		if conflict, ok := apiErr.Model().(tmclient.ErrorResponse409); ok {
			e := conflict.ResponseMetadata.Error
			fmt.Println("409", e.Code, e.Message)
		} else {
			fmt.Println(httpResp.StatusCode, string(apiErr.Body()))
		}
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "quickstart:", err) // refused locally, or no answer
		os.Exit(2)
	}
}
