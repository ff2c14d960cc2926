// Package motogaps reads from moto's own state what its EC2 answers leave
// out, for the tests that compare networks deployed into moto.
//
// SearchTransitGatewayRoutes answers a static route's attachments as an
// empty element (`<transitGatewayAttachments/>`): moto keeps them as one
// struct where EC2's model has a list, and its serializer drops it. Neither
// the SDK nor the raw XML can say where such a route goes; moto's model
// dump (GET /moto-api/data.json) can.
package motogaps

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxDump bounds the read: a test server's dump is about 6 MB, most of it
// moto's built-in AMIs and instance types.
const maxDump = 64 << 20

// TGWRouteAttachments returns, for every transit gateway route table of
// the moto server at endpoint, each static route's destination CIDR → the
// attachment ID it goes to (blackholes and routes to nothing left out).
func TGWRouteAttachments(ctx context.Context, endpoint string) (map[string]map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(endpoint, "/")+"/moto-api/data.json", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("moto-api/data.json: %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDump))
	if err != nil {
		return nil, err
	}
	return parseTGWRoutes(body)
}

func parseTGWRoutes(body []byte) (map[string]map[string]string, error) {
	var doc struct {
		EC2 struct {
			Tables []struct {
				ID     string `json:"id"`
				Routes map[string]struct {
					State       string          `json:"state"`
					Attachments json.RawMessage `json:"transitGatewayAttachments"`
				} `json:"routes"`
			} `json:"TransitGatewayRouteTable"`
		} `json:"ec2"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("moto-api/data.json: %w", err)
	}
	out := map[string]map[string]string{}
	for _, t := range doc.EC2.Tables {
		routes := map[string]string{}
		for dest, r := range t.Routes {
			var a struct {
				ID string `json:"transitGatewayAttachmentId"`
			}
			if r.State == "active" && len(r.Attachments) > 0 && json.Unmarshal(r.Attachments, &a) == nil && a.ID != "" {
				routes[dest] = a.ID
			}
		}
		out[t.ID] = routes
	}
	return out, nil
}
