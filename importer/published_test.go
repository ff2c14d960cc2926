package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/ec2state"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
)

// The published layouts: networks built from public CloudFormation
// templates (testdata/published, with their sources, licences and
// reductions in its README), deployed into moto as AWS would deploy them.

// motoEnv is one private moto server.
type motoEnv struct {
	t   *testing.T
	ctx context.Context
	cfg aws.Config
	ec2 *ec2.Client
}

func newMotoEnv(t *testing.T) *motoEnv {
	t.Helper()
	url := testtools.MotoServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	cfg := testConfig(url)
	return &motoEnv{t: t, ctx: ctx, cfg: cfg, ec2: ec2.NewFromConfig(cfg)}
}

func (e *motoEnv) template(file string) cfndeploy.Template {
	e.t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "published", file))
	if err != nil {
		e.t.Fatal(err)
	}
	tpl, err := cfndeploy.Parse(body)
	if err != nil {
		e.t.Fatalf("%s: %v", file, err)
	}
	return tpl
}

func (e *motoEnv) deploy(name string, tpl cfndeploy.Template, params map[string]string) *cfndeploy.Stack {
	e.t.Helper()
	s, err := cfndeploy.Deploy(e.ctx, e.cfg, name, tpl, params)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func (e *motoEnv) state(vpcs ...string) *ec2state.State {
	e.t.Helper()
	s, err := ec2state.Read(e.ctx, e.ec2, vpcs...)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// publishedLayout builds one layout into moto and returns its VPCs' IDs.
type publishedLayout struct {
	name  string
	build func(e *motoEnv) []string
}

var publishedLayouts = []publishedLayout{
	// (1) Quick Start VPC: 4 AZs, a public tier and two private subnet
	// groups (A and B, the B ones with their own network ACLs), Name tags
	// "Private subnet 1A" … "Private subnet 4B", an S3 gateway endpoint on
	// the private A tables only.
	{"quickstart-4az", func(e *motoEnv) []string {
		s := e.deploy("qs4az", e.template("quickstart-aws-vpc.template.yaml"), map[string]string{
			"AvailabilityZones": "us-east-1a,us-east-1b,us-east-1c,us-east-1d", "NumberOfAZs": "4",
			"CreateAdditionalPrivateSubnets": "true", "CreateVPCFlowLogsToCloudWatch": "false"})
		return []string{s.ID("VPC")}
	}},
	// (2) A transit gateway with default association and propagation
	// disabled and two route tables that send the spokes through an
	// inspection VPC and then out through an egress VPC.
	{"tgw-inspection", func(e *motoEnv) []string {
		tpl := withoutTypes(e.template("aws-nw-fw-tgw.yml"), "AWS::NetworkFirewall::Firewall", "AWS::NetworkFirewall::FirewallPolicy", "AWS::IAM::Policy")
		s := e.deploy("tgwinspect", tpl, nil)
		return vpcsOf(s)
	}},
	// (3) Two VPCs peered, the peering routed from their private route
	// tables only.
	{"peering-private", func(e *motoEnv) []string {
		vpc := withoutOutputs(e.template("cfn-templates-vpc-nat-private.yaml"))
		a := e.deploy("peera", vpc, map[string]string{"VPCName": "peer-a"})
		b := e.deploy("peerb", renumbered(vpc, "10.0.", "10.1."), map[string]string{"VPCName": "peer-b"})
		out, err := e.ec2.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: aws.String(a.ID("VPC")), PeerVpcId: aws.String(b.ID("VPC"))})
		if err != nil {
			e.t.Fatal(err)
		}
		pcx := aws.ToString(out.VpcPeeringConnection.VpcPeeringConnectionId)
		if _, err := e.ec2.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(pcx)}); err != nil {
			e.t.Fatal(err)
		}
		updates := e.template("cfn-templates-vpcpeering-updates.yaml")
		for i, side := range []struct {
			s    *cfndeploy.Stack
			peer string
		}{{a, "10.1.0.0/16"}, {b, "10.0.0.0/16"}} {
			g, err := e.ec2.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{VpcId: aws.String(side.s.ID("VPC")), GroupName: aws.String("app"), Description: aws.String("app servers")})
			if err != nil {
				e.t.Fatal(err)
			}
			e.deploy("peerroutes"+string(rune('a'+i)), updates, map[string]string{
				"NumberOfRouteTables": "2", "RouteTableIds": side.s.ID("PrivateRouteTable0") + "," + side.s.ID("PrivateRouteTable1"),
				"NumberOfSecurityGroups": "1", "SecurityGroupIds": aws.ToString(g.GroupId),
				"PeerName": "peer", "PeerVPCCIDR": side.peer, "VPCPeeringConnectionId": pcx})
		}
		return []string{a.ID("VPC"), b.ID("VPC")}
	}},
	// (4) widdix's 3-AZ VPC, dual-stack: public and private network ACLs
	// with their IPv4 and IPv6 entries on six subnets, ::/0 routes to the
	// internet gateway and the egress-only gateway, subnets that do not
	// assign IPv6 on creation.
	{"widdix-3az-nacl", func(e *motoEnv) []string {
		s := e.deploy("widdix3", e.template("widdix-vpc-3azs.yaml"), nil)
		return []string{s.ID("VPC")}
	}},
	// (5) Quick Start VPC with 2 AZs: the S3 gateway endpoint is on the two
	// private tables and not on the public one.
	{"quickstart-gateway-endpoint", func(e *motoEnv) []string {
		s := e.deploy("qs2az", e.template("quickstart-aws-vpc.template.yaml"), map[string]string{
			"AvailabilityZones": "us-east-1a,us-east-1b", "NumberOfAZs": "2", "CreateVPCFlowLogsToCloudWatch": "false"})
		return []string{s.ID("VPC")}
	}},
	// (6) widdix's 2-AZ VPC with its flow-log stack logging REJECT only.
	{"widdix-reject-flow-log", func(e *motoEnv) []string {
		s := e.deploy("widdix2", e.template("widdix-vpc-2azs.yaml"), nil)
		e.deploy("widdix2logs", e.template("widdix-vpc-flow-logs.yaml"), map[string]string{"ParentVPCStack": "widdix2", "TrafficType": "REJECT"})
		return []string{s.ID("VPC")}
	}},
}

func vpcsOf(s *cfndeploy.Stack) []string {
	var ids []string
	for _, l := range s.OfType("AWS::EC2::VPC") {
		ids = append(ids, s.ID(l))
	}
	return ids
}

// withoutTypes removes the resources of the given types, and the outputs
// that name them. Moto's CloudFormation cannot create AWS Network
// Firewall, and nothing in the network refers to it; moto refuses the flow
// log role's IAM policy, which has no Version (AWS takes it as 2008-10-17).
func withoutTypes(t cfndeploy.Template, typs ...string) cfndeploy.Template {
	out := cfndeploy.Template{}
	for k, v := range t {
		out[k] = v
	}
	res, gone := map[string]any{}, []string{}
	for id, r := range t.Resources() {
		if typ := cfndeploy.TypeOf(r); contains(typs, typ) {
			gone = append(gone, id)
			continue
		}
		res[id] = r
	}
	out["Resources"] = res
	dropOutputsNaming(out, gone)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dropOutputsNaming removes the outputs that name one of ids (as a
// reference or in a ${…} of Fn::Sub).
func dropOutputsNaming(t cfndeploy.Template, ids []string) {
	outs, _ := t["Outputs"].(map[string]any)
	kept := map[string]any{}
	for k, o := range outs {
		js := string(cfndeploy.Template{"o": o}.JSON())
		named := false
		for _, id := range ids {
			named = named || strings.Contains(js, `"`+id+`"`) || strings.Contains(js, "${"+id)
		}
		if !named {
			kept[k] = o
		}
	}
	if outs != nil {
		t["Outputs"] = kept
	}
}

// withoutOutputs removes a template's outputs: moto fails to evaluate the
// VPC-with-NAT template's exports (a KeyError on PrivateSubnet0, an output
// and a resource of the same name) and the layout reads no output.
func withoutOutputs(t cfndeploy.Template) cfndeploy.Template {
	out := cfndeploy.Template{}
	for k, v := range t {
		if k != "Outputs" {
			out[k] = v
		}
	}
	return out
}

// renumbered replaces a CIDR prefix in the template's Mappings: the
// published VPC template has its CIDRs in a mapping, not in parameters, so
// a second copy would overlap the first and could not peer with it.
func renumbered(t cfndeploy.Template, from, to string) cfndeploy.Template {
	out := cfndeploy.Template{}
	for k, v := range t {
		out[k] = v
	}
	out["Mappings"] = replaceStrings(t["Mappings"], from, to)
	return out
}

func replaceStrings(v any, from, to string) any {
	switch x := v.(type) {
	case string:
		return strings.Replace(x, from, to, 1)
	case map[string]any:
		m := map[string]any{}
		for k, e := range x {
			m[k] = replaceStrings(e, from, to)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = replaceStrings(e, from, to)
		}
		return l
	}
	return v
}
