package cloudformation

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
)

// resources returns the template's resources by id, and their ids in order.
func resources(t testing.TB, tpl *Template) (map[string]object, []string) {
	t.Helper()
	byID := map[string]object{}
	var order []string
	for _, f := range tpl.body.get("Resources").(object) {
		byID[f.key] = f.value.(object)
		order = append(order, f.key)
	}
	return byID, order
}

func props(r object) object { return r.get("Properties").(object) }

func refTo(v any) string {
	if fn, ok := v.(intrinsic); ok && fn.name == "Ref" {
		return fn.arg.(string)
	}
	return ""
}

// TestSubnetsAssociated checks what moto cannot show: every subnet has
// exactly one route table association, public subnets (and only they)
// assign public IPs, and the associated table's default route goes to an
// internet gateway (public), a NAT gateway (private, when the VPC has NAT)
// or nowhere.
func TestSubnetsAssociated(t *testing.T) {
	for _, c := range exportCases(t) {
		d, ts := buildCase(t, c)
		l := design.Resolve(d)
		kind := map[string]design.TierKind{} // VPC name + CIDR → tier kind
		// written: the default route's target property in the subnets of
		// tiers with routes, from their effective tables.
		written := map[string]string{}
		r := design.NewRouting(l)
		for vi, vl := range l.VPCs {
			for ti, tl := range vl.Tiers {
				for _, s := range tl.Subnets {
					key := vl.VPC.Name + " " + s.Prefix.String()
					kind[key] = tl.Tier.Kind
					if tl.Tier.Routes == nil {
						continue
					}
					written[key] = ""
					for _, e := range r.Table(vi, ti, s.AZ).Entries {
						switch {
						case e.Dest.IsValid() && e.Dest.Bits() == 0 && e.Target == design.TargetInternetGateway:
							written[key] = "GatewayId"
						case e.Dest.IsValid() && e.Dest.Bits() == 0 && e.Target == design.TargetNAT:
							written[key] = "NatGatewayId"
						}
					}
				}
			}
		}
		for _, tpl := range ts {
			res, order := resources(t, tpl)
			vpcName := map[string]string{} // VPC id → design name (its Name tag)
			assoc := map[string][]string{} // subnet id → route tables
			defaultRoute := map[string]string{}
			for _, id := range order {
				r := res[id]
				switch r.get("Type") {
				case "AWS::EC2::VPC":
					vpcName[id], _ = nameTagText(props(r).get("Tags").([]any)[0].(object).get("Value"))
				case "AWS::EC2::SubnetRouteTableAssociation":
					p := props(r)
					assoc[refTo(p.get("SubnetId"))] = append(assoc[refTo(p.get("SubnetId"))], refTo(p.get("RouteTableId")))
				case "AWS::EC2::Route":
					p := props(r)
					if p.get("DestinationCidrBlock") == "0.0.0.0/0" {
						for _, k := range []string{"GatewayId", "NatGatewayId"} {
							if p.get(k) != nil {
								defaultRoute[refTo(p.get("RouteTableId"))] = k
							}
						}
					}
				}
			}
			subnets := 0
			for _, id := range order {
				r := res[id]
				if r.get("Type") != "AWS::EC2::Subnet" {
					continue
				}
				subnets++
				p := props(r)
				v := d.FindVPC(vpcName[refTo(p.get("VpcId"))])
				k, ok := kind[v.Name+" "+p.get("CidrBlock").(string)]
				if !ok {
					t.Errorf("%s: subnet %s (%s) is not in the layout", c.name, id, p.get("CidrBlock"))
					continue
				}
				if p.get("MapPublicIpOnLaunch") != (k == design.TierPublic) {
					t.Errorf("%s: %s subnet %s: MapPublicIpOnLaunch %v", c.name, k, id, p.get("MapPublicIpOnLaunch"))
				}
				if len(assoc[id]) != 1 {
					t.Errorf("%s: subnet %s has %d route table associations, want 1", c.name, id, len(assoc[id]))
					continue
				}
				want, isWritten := written[v.Name+" "+p.get("CidrBlock").(string)]
				switch {
				case isWritten:
				case k == design.TierPublic:
					want = "GatewayId"
				case k == design.TierPrivate && v.NAT != design.NATNone:
					want = "NatGatewayId"
				}
				if got := defaultRoute[assoc[id][0]]; got != want {
					t.Errorf("%s: %s subnet %s: default route via %q, want %q", c.name, k, id, got, want)
				}
			}
			if subnets == 0 {
				t.Errorf("%s: no subnets", c.name)
			}
		}
	}
}

const egressDesign = `version: 1
name: egress
region: us-east-1
vpcs:
  - name: v
    cidr: 10.0.0.0/16
    azs: 2
    nat: none
    tiers:
      - {name: app, kind: private, prefix: 24}
    security_groups:
      - name: default-egress
        tier: app
        ingress:
          - {from: 10.9.0.0/16, ports: all, protocol: all, description: everything from the lab}
          - {from: tier:app, ports: 8, protocol: icmp}
      - name: no-egress
        tier: app
        egress: []
      - name: cidr-egress
        tier: app
        egress:
          - {to: 10.0.0.0/8, ports: 443}
      - name: group-egress
        tier: app
        egress:
          - {to: sg:no-egress, ports: 5432, protocol: udp}
`

// TestSecurityGroupEgress checks the egress forms, which moto ignores: no
// egress key keeps AWS's default (no SecurityGroupEgress at all),
// `egress: []` replaces it with the loopback rule, a CIDR rule replaces it
// by itself, and a group-only egress gets the loopback rule plus a separate
// SecurityGroupEgress resource. It also checks the protocol forms
// (TestCfnLint lints the template).
func TestSecurityGroupEgress(t *testing.T) {
	d, err := design.Parse("egress.yaml", []byte(egressDesign))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := resources(t, ts[0])
	egress := func(id string) string {
		e, _ := props(res[id]).get("SecurityGroupEgress").([]any)
		var s []string
		for _, x := range e {
			s = append(s, fmt.Sprint(x.(object).get("IpProtocol"), " ", x.(object).get("CidrIp"), " ", x.(object).get("FromPort")))
		}
		return strings.Join(s, "; ")
	}
	for id, want := range map[string]string{
		"VDefaultEgressSecurityGroup": "",
		"VNoEgressSecurityGroup":      "-1 127.0.0.1/32 <nil>",
		"VCidrEgressSecurityGroup":    "tcp 10.0.0.0/8 443",
		"VGroupEgressSecurityGroup":   "-1 127.0.0.1/32 <nil>",
	} {
		if _, ok := res[id]; !ok {
			t.Fatalf("no resource %s", id)
		}
		if got := egress(id); got != want {
			t.Errorf("%s egress: %q, want %q", id, got, want)
		}
	}
	sep := props(res["VGroupEgressEgress1"])
	if res["VGroupEgressEgress1"].get("Type") != "AWS::EC2::SecurityGroupEgress" ||
		sep.get("IpProtocol") != "udp" || sep.get("FromPort") != 5432 ||
		fmt.Sprint(sep.get("DestinationSecurityGroupId")) != fmt.Sprint(getAtt("VNoEgressSecurityGroup", "GroupId")) {
		t.Errorf("group egress resource: %v", res["VGroupEgressEgress1"])
	}
	in := props(res["VDefaultEgressSecurityGroup"]).get("SecurityGroupIngress").([]any)
	if len(in) != 3 {
		t.Fatalf("want 3 inline ingress rules (all from a CIDR, icmp from 2 subnets), got %v", in)
	}
	if all := in[0].(object); all.get("IpProtocol") != "-1" || all.get("FromPort") != nil || all.get("Description") != "everything from the lab" {
		t.Errorf("protocol all: %v", all)
	}
	if icmp := in[1].(object); icmp.get("IpProtocol") != "icmp" || icmp.get("FromPort") != 8 || icmp.get("ToPort") != -1 {
		t.Errorf("icmp type 8: %v", icmp)
	}
}

// TestRefusesInvalidDesign: a design with validation errors gets no
// template, and the error carries the findings.
func TestRefusesInvalidDesign(t *testing.T) {
	d, err := design.Load("../../design/testdata/reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d.VPCs[1].CIDR = "10.0.128.0/17" // overlaps prod, which it peers with
	ts, err := Build(design.Resolve(d))
	var fe *FindingsError
	if !errors.As(err, &fe) || ts != nil {
		t.Fatalf("want a *FindingsError and no templates, got %v, %d templates", err, len(ts))
	}
	if !design.HasErrors(fe.Findings) {
		t.Errorf("the error holds no error findings: %v", fe.Findings)
	}
}

// manyVPCs makes a design of n VPCs spread over regions, perRegion each,
// every VPC with three tiers in three AZs, per-AZ NAT, endpoints, flow logs
// and security groups, peered with the previous VPC of its region.
func manyVPCs(n, perRegion int) string {
	regions := []string{"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "ca-central-1"}
	var b strings.Builder
	b.WriteString("version: 1\nname: many\nregion: us-east-1\nvpcs:\n")
	for i := range n {
		fmt.Fprintf(&b, `  - name: vpc%d
    region: %s
    cidr: 10.%d.0.0/16
    azs: 3
    nat: per-az
    flow_logs: true
    endpoints: [s3, dynamodb, ecr.api, logs]
    tiers:
      - {name: public, kind: public, prefix: 24}
      - {name: app, kind: private, prefix: 20}
      - {name: data, kind: isolated, prefix: 24}
    security_groups:
      - name: alb
        tier: public
        ingress:
          - {from: internet, ports: 443}
      - name: app
        tier: app
        ingress:
          - {from: sg:alb, ports: 8080}
      - name: db
        tier: data
        ingress:
          - {from: sg:app, ports: 5432}
        egress: []
`, i, regions[(i/perRegion)%len(regions)], i)
	}
	b.WriteString("connections:\n")
	for i := range n {
		if i%perRegion != 0 {
			fmt.Fprintf(&b, "  - {name: peer%d, kind: peering, vpcs: [vpc%d, vpc%d]}\n", i, i-1, i)
		}
	}
	return b.String()
}

// TestSplitsOverQuota: more than CloudFormation's 500 resources in one
// region are split into stacks, each within the quotas; one VPC that
// alone is over them is refused with a *LimitError naming its stack.
func TestSplitsOverQuota(t *testing.T) {
	d, err := design.Parse("many.yaml", []byte(manyVPCs(12, 12)))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	if ts[0].Resources <= MaxResources || len(ts[0].Stacks) != 12 {
		t.Fatalf("%d resources in %d stacks: want over %d, in one stack per VPC", ts[0].Resources, len(ts[0].Stacks), MaxResources)
	}
	sum := 0
	for i, s := range ts[0].Stacks {
		sum += s.Resources
		if s.Resources > MaxResources || s.Order != i+1 {
			t.Errorf("stack %s: %d resources, number %d at place %d", s.StackName, s.Resources, s.Order, i+1)
		}
	}
	if sum != ts[0].Resources {
		t.Errorf("the stacks hold %d resources, the template %d", sum, ts[0].Resources)
	}
	if _, err := ts[0].YAML(); err == nil {
		t.Error("a split template renders as one")
	}

	// One VPC of 45 tiers in 6 AZs: 270 subnets and their associations.
	var one strings.Builder
	one.WriteString("version: 1\nname: big\nregion: us-east-1\nvpcs:\n  - name: big\n    cidr: 10.0.0.0/16\n    azs: 6\n    tiers:\n")
	for i := range 45 {
		fmt.Fprintf(&one, "      - {name: t%d, kind: isolated, prefix: 25}\n", i)
	}
	big, err := design.Parse("big.yaml", []byte(one.String()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(design.Resolve(big))
	var le *LimitError
	if !errors.As(err, &le) || !strings.HasPrefix(le.What, "resources in stack ") || le.Count <= MaxResources {
		t.Fatalf("one VPC over the quota: want a resources *LimitError for its stack, got %v", err)
	}
	if !strings.Contains(err.Error(), "split the design") {
		t.Errorf("the error gives no advice: %v", err)
	}
	tooBig := &Template{Region: "us-east-1", body: object{{"Description", strings.Repeat("x", MaxBodyBytes)}}}
	if _, err := tooBig.YAML(); !errors.As(err, &le) || le.What != "template size in bytes" {
		t.Errorf("a template over 1 MB: want a size *LimitError, got %v", err)
	}
}

const multiRegion = `version: 1
name: multi
region: us-east-1
vpcs:
  - name: east
    cidr: 10.0.0.0/16
    azs: 2
    nat: none
    tiers:
      - {name: app, kind: private, prefix: 24}
    workloads:
      - {name: api, kind: nlb, tier: app}
  - name: west
    region: eu-west-1
    cidr: 10.1.0.0/16
    azs: 2
    nat: none
    tiers:
      - {name: app, kind: private, prefix: 24}
connections:
  - {name: east-west, kind: peering, vpcs: [east, west]}
  - {name: api, kind: privatelink, provider: east, consumer: west, port: 8443}
`

// TestMultiRegion: one template per region; a cross-region peering is
// requested from the first VPC's region (PeerRegion, the peer's VPC id as a
// parameter) and routed in the other once its id is passed (conditional
// routes); a cross-region PrivateLink names the consumer's region on the
// service and the provider's on the endpoint. TestCfnLint lints both.
func TestMultiRegion(t *testing.T) {
	d, err := design.Parse("multi.yaml", []byte(multiRegion))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Region != "eu-west-1" || ts[1].Region != "us-east-1" {
		t.Fatalf("want templates for eu-west-1 and us-east-1, got %d", len(ts))
	}
	west, _ := resources(t, ts[0])
	east, _ := resources(t, ts[1])

	pcx := props(east["EastWestPeeringConnection"])
	if pcx.get("PeerRegion") != "eu-west-1" || refTo(pcx.get("PeerVpcId")) != "EastWestPeerVpcId" {
		t.Errorf("requester side: %v", pcx)
	}
	if _, ok := west["EastWestPeeringConnection"]; ok {
		t.Error("the accepter's template must not create the peering too")
	}
	route := west["WestPrivateRouteTableToEast"]
	if route.get("Condition") != "EastWestPeeringAccepted" || refTo(props(route).get("VpcPeeringConnectionId")) != "EastWestPeeringConnectionId" {
		t.Errorf("accepter route: %v", route)
	}
	if ts[0].body.get("Conditions") == nil || len(ts[0].Notes) == 0 || len(ts[1].Notes) == 0 {
		t.Error("cross-region templates need their condition and deployment notes")
	}
	if regions := props(east["ApiEndpointService"]).get("SupportedRegions"); fmt.Sprint(regions) != "[eu-west-1]" {
		t.Errorf("endpoint service SupportedRegions: %v", regions)
	}
	ep := props(west["ApiEndpoint"])
	if ep.get("ServiceRegion") != "us-east-1" || !strings.Contains(fmt.Sprint(ep.get("ServiceName")), "com.amazonaws.vpce.us-east-1.${ApiServiceId}") {
		t.Errorf("consumer endpoint: %v", ep)
	}
}

// TestTransitGatewayAcrossRegionsRefused: a transit gateway is regional; the
// exporter says so instead of routing into a gateway that cannot reach.
func TestTransitGatewayAcrossRegionsRefused(t *testing.T) {
	src := strings.Replace(multiRegion, "  - {name: east-west, kind: peering, vpcs: [east, west]}\n  - {name: api, kind: privatelink, provider: east, consumer: west, port: 8443}\n",
		"  - {name: hub, kind: transit-gateway, vpcs: [east, west]}\n", 1)
	d, err := design.Parse("tgw.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(design.Resolve(d))
	var fe *FindingsError
	if errors.As(err, &fe) {
		return // validation refuses it itself: refused either way
	}
	if err == nil || !strings.Contains(err.Error(), "transit gateway is regional") || !strings.Contains(err.Error(), `"hub"`) {
		t.Fatalf("want a refusal naming connection hub, got %v", err)
	}
}

// TestRefusesOddRegion: validation only warns about a region name it does
// not know, but a region goes into !Sub strings, ARNs and file names, so
// the exporter takes only names shaped like AWS's.
func TestRefusesOddRegion(t *testing.T) {
	src := strings.Replace(multiRegion, "region: eu-west-1", "region: \"eu-west-1${AWS::AccountId}\"", 1)
	d, err := design.Parse("odd.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(design.Resolve(d)); err == nil || !strings.Contains(err.Error(), "not an AWS region name") {
		t.Fatalf("want a refusal of the region, got %v", err)
	}
}
