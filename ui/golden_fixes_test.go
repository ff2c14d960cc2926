package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/templates"
)

// Issue 15's fixes on the designer's screen: golden files of the moment
// each fix shows, at the three sizes the issue names.

// fixSizes are the sizes every fix is shown at.
var fixSizes = [][2]int{{80, 24}, {120, 40}, {200, 60}}

// fixGolden compares the screen with the golden fix-name-WxH.
func fixGolden(tt *tester, name string) {
	tt.t.Helper()
	tt.golden(fmt.Sprintf("fix-%s-%dx%d", name, tt.m.width, tt.m.height))
}

// foldCost is fakeCost with more categories and advice than the cost
// pane holds at any of fixSizes, so that advice falls below its fold.
var foldCost = EstimatorFunc(func(d *design.Design) (*cost.Breakdown, error) {
	items := []cost.Item{
		{Category: cost.NATGatewayHours, Monthly: 9855},
		{Category: cost.NATGatewayData, Monthly: 4500},
		{Category: cost.InterfaceEndpointHours, Monthly: 4380},
		{Category: cost.CrossAZData, Monthly: 200},
		{Category: cost.InternetEgressData, Monthly: 4500},
		{Category: cost.TransitGatewayAttachmentHours, Monthly: 10950},
		{Category: cost.FlowLogsData, Monthly: 250},
		{Category: cost.GatewayEndpoint},
	}
	return &cost.Breakdown{Currency: "USD", Items: items, MonthlyTotal: cost.Total(items), Advice: []cost.Advice{
		{Message: "Add S3 and DynamoDB gateway endpoints to save NAT processing.", MonthlyDifference: -450},
		{Message: "One NAT gateway instead of three saves its hours.", MonthlyDifference: -6570},
		{Message: "Per-AZ NAT avoids cross-AZ charges.", MonthlyDifference: 200},
	}}, nil
})

// TestGoldenFixes shows the fixes that have a model-level test elsewhere
// (design, ui/panes) on the designer's screen: each case opens its
// design, types its keys, checks what must be on the screen at every
// size (so that the test fails when the fix breaks), and records the
// golden fix-name-WxH.
func TestGoldenFixes(t *testing.T) {
	cases := []struct {
		name string
		opts func(t testing.TB) Options
		keys string
		// want must be on the screen, wantNot must not; small, keyed by
		// width where the wrapping differs.
		want    func(w int) []string
		wantNot []string
		sizes   [][2]int // nil: fixSizes
	}{
		{
			// ui/panes TestCostAdviceBelowFoldHint: the cut cost pane's
			// last line names the advice below it.
			name: "cost-advice-hint",
			opts: func(t testing.TB) Options { o := reference(t); o.Cost = foldCost; return o },
			keys: "<tab><tab><tab>",
			want: func(int) []string {
				return []string{"Cost / month", "more: advice (tab"}
			},
		},
		{
			// TestProblemsFollowNewError on another overlap: data's 1c
			// widened to a /20 covers 1a and 1b; the detail ends in the
			// free block of the subnet's size.
			name: "problems-free-block",
			opts: reference,
			keys: "jjjlllc10.0.192.0/20<enter><tab><tab>",
			want: func(int) []string { return []string{"10.0.3.0/24", "is free", "[subnet-overlap]"} },
		},
		{
			// design TestNATSingleAdviceReadsAsAKey: three-tier's VPC is
			// named production and has nat: single; the advice ends in
			// the key, not in "for production".
			name: "nat-single-reads-as-key",
			opts: func(t testing.TB) Options {
				d, err := templates.Load("three-tier")
				if err != nil {
					t.Fatal(err)
				}
				return Options{Path: "/work/three-tier.yaml", Design: d}
			},
			keys:    "<tab><tab>",
			want:    func(int) []string { return []string{"production: traffic", "set `nat: per-az` (a NAT", "[nat-single]"} },
			wantNot: []string{"for production"},
		},
		{
			// design TestDanglingPeeringSuggestsNoOtherEnd: peering
			// [prod, prd] does not suggest prod, its other end.
			name: "dangling-peering-no-other-end",
			opts: func(t testing.TB) Options {
				o := reference(t)
				o.Design.Connections[0].VPCs[1] = "prd" // prod-shared
				return o
			},
			keys:    "<tab><tab>",
			want:    func(int) []string { return []string{`refers to VPC "prd"`, "[unknown-reference]"} },
			wantNot: []string{`did you mean "prod"`},
		},
		{
			// The same typo on the first end, whose other end is shared:
			// prod is still suggested.
			name: "dangling-peering-first-end",
			opts: func(t testing.TB) Options {
				o := reference(t)
				o.Design.Connections[0].VPCs[0] = "prd"
				return o
			},
			keys: "<tab><tab>",
			want: func(int) []string { return []string{`refers to VPC "prd"`, `did you mean "prod"?`} },
		},
		{
			// design vpc-cidr-public: dev's CIDR set to Google's block. A
			// warning does not take the problems' selection: j selects it.
			name: "vpc-cidr-public",
			opts: reference,
			keys: "]]c8.8.0.0/16<enter><tab><tab>j",
			want: func(int) []string { return []string{"VPC dev CIDR 8.8.0.0/16", "publicly routable"} },
		},
		{
			// design vpc-cidr-reserved: multicast, an error, which takes
			// the selection.
			name: "vpc-cidr-multicast",
			opts: reference,
			keys: "]]c224.0.0.0/16<enter><tab><tab>",
			want: func(int) []string {
				return []string{"VPC dev CIDR 224.0.0.0", "224.0.0.0/4", "multicast", "[vpc-cidr-reserved]"}
			},
		},
		{
			name: "vpc-cidr-loopback",
			opts: reference,
			keys: "]]c127.0.0.0/16<enter><tab><tab>",
			want: func(int) []string {
				return []string{"VPC dev CIDR 127.0.0.0", "127.0.0.0/8", "loopback", "[vpc-cidr-reserved]"}
			},
		},
		{
			// The subnet inspector's effective route table: prod's app
			// subnet in us-east-1a (NAT, the peering, the VPN, the
			// gateway endpoints).
			//
			// At 80×24 the inspector under the diagram has six lines
			// inside: the routes are below its fold, which its last line
			// says ("↓ N more lines"); j reads on to them
			// (TestInspectorReadsOn). The case checks the lines that show.
			name: "subnet-routes",
			opts: reference,
			keys: "jjl",
			want: func(w int) []string {
				if w < rowLayoutWidth {
					return []string{"Subnet app · us-east-1a · VPC prod", "more lines (↓/j)"} // the routes below the fold, see above
				}
				return []string{"Subnet app · us-east-1a · VPC prod", "routes us-east-1a  0.0.0.0/0 → nat us-east-1a", "s3, dynamodb → endpoint"}
			},
		},
		{
			// The route table and the network ACL: routing.yaml's tgw
			// subnet in us-east-1a (a blackhole, the attachments ACL).
			name: "subnet-routes-nacl",
			opts: routingOptions,
			keys: "jjjl",
			want: func(w int) []string {
				if w < rowLayoutWidth {
					return []string{"Subnet tgw · us-east-1a · VPC inspection", "more lines (↓/j)"} // routes below the fold, see subnet-routes
				}
				return []string{"Subnet tgw · us-east-1a · VPC inspection", "10.99.0.0/16 → blackhole", "network acl        attachments: 2 in, 2 out"}
			},
		},
		{
			// The command palette at the size ui/palette_test.go leaves
			// out (palette-80x24-nat, palette-120x40).
			name:  "palette",
			opts:  reference,
			keys:  ":",
			want:  func(int) []string { return []string{"Commands", "enter run", "previous VPC"} },
			sizes: [][2]int{{200, 60}},
		},
		{
			// The help at the sizes TestGoldenHelp leaves out (help-120x40).
			name: "help",
			opts: reference,
			keys: "?",
			want: func(int) []string {
				return []string{"vpcsmith designer — keys", "change the CIDR", "?/esc close help"}
			},
			sizes: [][2]int{{80, 24}, {200, 60}},
		},
	}
	for _, c := range cases {
		sizes := c.sizes
		if sizes == nil {
			sizes = fixSizes
		}
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				tt := newTester(t, c.opts(t), size[0], size[1])
				tt.keys(c.keys)
				s := tt.screen()
				for _, w := range c.want(size[0]) {
					if !strings.Contains(s, w) {
						t.Errorf("the screen lacks %q:\n%s", w, s)
					}
				}
				for _, w := range c.wantNot {
					if strings.Contains(s, w) {
						t.Errorf("the screen has %q:\n%s", w, s)
					}
				}
				fixGolden(tt, c.name)
			})
		}
	}
}
