package cloudformation

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/cfndeploy"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/templates"
)

// TestTagParameters (issue 16): every template of every case leads with
// the EnvironmentName parameter (default: the design's name) and the
// TagPrefix parameter (default: empty), both with defaults so the
// template deploys with no parameter given; every Tags list carries the
// prefixed Name tag and the Environment tag.
func TestTagParameters(t *testing.T) {
	for _, c := range exportCases(t) {
		d, ts := buildCase(t, c)
		for _, tpl := range ts {
			ps := tpl.Parameters
			if len(ps) < 2 || ps[0].Name != environmentParam || ps[1].Name != tagPrefixParam {
				t.Fatalf("%s: parameters %+v: want EnvironmentName and TagPrefix first", c.name, ps)
			}
			if !ps[0].HasDefault || ps[0].Default != environmentDefault(d.Name) || ps[0].Default == "" {
				t.Errorf("%s: EnvironmentName default %q, want %q", c.name, ps[0].Default, environmentDefault(d.Name))
			}
			if !ps[1].HasDefault || ps[1].Default != "" {
				t.Errorf("%s: TagPrefix default %q (has %v), want empty", c.name, ps[1].Default, ps[1].HasDefault)
			}
			lists := 0
			walkTagLists(tpl.body, func(l []any) {
				lists++
				var name, env bool
				for _, x := range l {
					o := x.(object)
					switch o.get("Key") {
					case "Name":
						_, name = nameTagText(o.get("Value"))
					case "Environment":
						env = o.get("Value") == ref(environmentParam)
					}
				}
				if !name || !env {
					t.Errorf("%s: tags %v: want a Name after ${TagPrefix} and Environment !Ref EnvironmentName", c.name, l)
				}
			})
			if lists == 0 {
				t.Errorf("%s: no Tags at all", c.name)
			}
		}
	}
}

// walkTagLists calls f with every Tags list of the tree.
func walkTagLists(v any, f func([]any)) {
	switch v := v.(type) {
	case object:
		for _, x := range v {
			if l, ok := x.value.([]any); ok && x.key == "Tags" {
				f(l)
				continue
			}
			walkTagLists(x.value, f)
		}
	case []any:
		for _, x := range v {
			walkTagLists(x, f)
		}
	}
}

func TestEnvironmentDefault(t *testing.T) {
	for in, want := range map[string]string{
		"shop":                   "shop",
		"payments prod":          "payments prod",
		"名前 ✓ x!y":               "xy",
		"":                       defaultEnvironment,
		"${AWS::Region}":         "AWS::Region",
		strings.Repeat("a", 100): strings.Repeat("a", maxEnvironmentName),
		"  -x- ":                 "-x-",
	} {
		if got := environmentDefault(in); got != want {
			t.Errorf("environmentDefault(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTagParametersDeploy deploys three-tier into moto with both
// parameters given and reads the tags back through EC2: the prefix leads
// every Name tag, the environment is every Environment tag. Deployed with
// no parameter, TestDeployToMoto finds the groups by the design's names.
func TestTagParametersDeploy(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	d, err := templates.Load("three-tier")
	if err != nil {
		t.Fatal(err)
	}
	moveToUSEast1(d)
	ts, err := Build(design.Resolve(d))
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := cfndeploy.Parse(render(t, withoutMotoGaps(ts[0]), "yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := testtools.MotoConfig(endpoint)
	if _, err := cfndeploy.Deploy(ctx(t), cfg, "tag-params", parsed, map[string]string{environmentParam: "staging", tagPrefixParam: "stg-"}); err != nil {
		t.Fatal(err)
	}
	api := ec2.NewFromConfig(cfg)
	vpcs, err := api.DescribeVpcs(ctx(t), &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatal(err)
	}
	subnets, err := api.DescribeSubnets(ctx(t), &ec2.DescribeSubnetsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var tagged [][]ec2types.Tag
	for _, v := range vpcs.Vpcs {
		if !aws.ToBool(v.IsDefault) {
			tagged = append(tagged, v.Tags)
		}
	}
	want := "stg-" + d.VPCs[0].Name
	if len(tagged) != 1 || nameTag(tagged[0]) != want {
		t.Fatalf("VPCs' tags %v: want one VPC named %q", tagged, want)
	}
	for _, s := range subnets.Subnets {
		if !aws.ToBool(s.DefaultForAz) {
			tagged = append(tagged, s.Tags)
		}
	}
	for _, tags := range tagged {
		env := ""
		for _, tg := range tags {
			if aws.ToString(tg.Key) == "Environment" {
				env = aws.ToString(tg.Value)
			}
		}
		if !strings.HasPrefix(nameTag(tags), "stg-"+d.VPCs[0].Name) || env != "staging" {
			t.Errorf("tags %v: want Name stg-%s... and Environment staging", tags, d.VPCs[0].Name)
		}
	}
}
