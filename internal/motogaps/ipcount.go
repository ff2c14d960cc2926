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

// moto counts an IPv6-only subnet's available addresses over its /64
// (2^64 - 5), which EC2's model (an Integer) cannot hold: the SDK then
// fails to decode every CreateSubnet and DescribeSubnets answer that
// names one. EC2 counts IPv4 addresses only, so an IPv6-only subnet has
// 0. ClampSubnetIPCount, an APIOptions entry (aws.Config.APIOptions),
// rewrites such a count to 0 before the SDK reads the answer.
func ClampSubnetIPCount(s *middleware.Stack) error {
	return s.Deserialize.Add(middleware.DeserializeMiddlewareFunc("motogaps.ClampSubnetIPCount", clampCount), middleware.After)
}

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
// cannot hold to 0.
func clampBody(body []byte) []byte {
	return ipCount.ReplaceAllFunc(body, func(m []byte) []byte {
		n := ipCount.FindSubmatch(m)[1]
		if _, err := strconv.ParseInt(string(n), 10, 32); err == nil {
			return m
		}
		return []byte("<availableIpAddressCount>0</availableIpAddressCount>")
	})
}
