package importer

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/ec2state"
)

// roundTripOnce makes TestPublishedRoundTrip run once per test process:
// its twelve moto servers take most of a minute of the importer package's
// time on two cores, and CI runs the package with -count=2, whose second
// run would deploy the same templates again to prove nothing new.
var roundTripOnce sync.Once

// TestPublishedRoundTrip (issue 12): each published layout is deployed
// into a moto, imported, exported as CloudFormation and deployed into a
// fresh moto (the same steps moto skips applied); the two deployments'
// normalised EC2 states must be equal. The layouts run in parallel, each
// with its own two servers.
func TestPublishedRoundTrip(t *testing.T) {
	first := false
	roundTripOnce.Do(func() { first = true })
	if !first {
		t.Skip("the published round trip runs once per test process (it ran in this one already)")
	}
	for _, l := range publishedLayouts {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			src := newMotoEnv(t)
			vpcs := l.build(src)
			before := src.state(vpcs...)
			if strings.HasPrefix(l.name, "widdix") {
				// widdix deploys dual-stack: what is compared holds its IPv6.
				for _, want := range []string{"ipv6 #", "-> egress-only", "proto -1 ::/0"} {
					if len(before.Grep(want)) == 0 {
						t.Errorf("the published state has no %q:\n%s", want, before)
					}
				}
			}
			res, err := Import(src.ctx, newMotoAPI(src.ec2), Options{Region: testRegion, VPCIDs: vpcs})
			if err != nil {
				t.Fatal(err)
			}
			ts, err := cloudformation.Build(design.Resolve(res.Design))
			if err != nil {
				t.Fatalf("export: %v\n--- design:\n%s", err, design.Marshal(res.Design))
			}
			dst := newMotoEnv(t)
			for i, tpl := range ts {
				body, err := tpl.JSON()
				if err != nil {
					t.Fatal(err)
				}
				parsed, err := cfndeploy.Parse(body)
				if err != nil {
					t.Fatal(err)
				}
				params := map[string]string{}
				for _, p := range tpl.Parameters {
					if !p.HasDefault {
						params[p.Name] = "203.0.113.10"
					}
				}
				dst.deploy(fmt.Sprintf("export%d", i), parsed, params)
			}
			after := dst.state()
			if d := ec2state.Diff(before, after); len(d) > 0 {
				t.Errorf("the round trip changed the network (- published, + after import and export):\n%s\n--- design:\n%s", strings.Join(d, "\n"), design.Marshal(res.Design))
			}
		})
	}
}
