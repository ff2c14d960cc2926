package motogaps

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// IPv6Answers, an APIOptions entry (aws.Config.APIOptions), mends two
// faults of moto's EC2 answers about IPv6 before the SDK reads them:
//   - moto counts an IPv6-only subnet's available addresses over its /64
//     (2^64 - 5), which EC2's model (an Integer) cannot hold, so the SDK
//     fails to decode every answer that names one; EC2 counts IPv4
//     addresses only, so such a count becomes 0;
//   - moto writes a subnet's IPv6 block state as a Python dict
//     (`{'State': 'associated'}`) where EC2 writes the state itself.
func IPv6Answers(s *middleware.Stack) error {
	return s.Deserialize.Add(middleware.DeserializeMiddlewareFunc("motogaps.IPv6Answers", clampCount), middleware.After)
}

var pyState = regexp.MustCompile(`<state>\{'State': '([a-z-]+)'\}</state>`)

var ipCount = regexp.MustCompile(`<availableIpAddressCount>(\d+)</availableIpAddressCount>`)

// maxBody bounds the answer read into memory (a Describe page).
const maxBody = 64 << 20

func clampCount(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if err != nil {
		return out, md, err
	}
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok || resp.Body == nil {
		return out, md, err
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if rerr != nil {
		return out, md, rerr
	}
	body = clampBody(body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return out, md, err
}

// clampBody rewrites every available-address count that an Integer
// cannot hold to 0, and every state written as a Python dict to the state.
func clampBody(body []byte) []byte {
	body = pyState.ReplaceAll(body, []byte("<state>$1</state>"))
	return ipCount.ReplaceAllFunc(body, func(m []byte) []byte {
		n := ipCount.FindSubmatch(m)[1]
		if _, err := strconv.ParseInt(string(n), 10, 32); err == nil {
			return m
		}
		return []byte("<availableIpAddressCount>0</availableIpAddressCount>")
	})
}
