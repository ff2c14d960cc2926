package importer

import (
	"slices"
	"strings"
	"testing"
)

func TestStem(t *testing.T) {
	for _, c := range []struct{ label, az, azID, want string }{
		{"shop-app-us-east-1a", "us-east-1a", "use1-az1", "shop-app"},
		{"shop-app-a", "us-east-1a", "", "shop-app"},
		{"shop-app-1a", "us-east-1a", "", "shop-app"},
		{"PublicSubnet1", "us-east-1a", "", "public"},
		{"AppSubnet2", "us-east-1b", "", "app"},
		{"private-use1-az4", "us-east-1c", "use1-az4", "private"},
		{"data-az2", "us-east-1b", "", "data"},
		{"Prod Private Subnet (AZ1)", "us-east-1a", "", "prod-private"},
		{"web", "us-east-1a", "", "web"},
		{"tier2-b", "us-east-1b", "", "tier2"},
		{"", "us-east-1a", "", ""},
	} {
		if got := strings.Join(stem(c.label, c.az, c.azID), "-"); got != c.want {
			t.Errorf("stem(%q) = %q, want %q", c.label, got, c.want)
		}
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ALBSecurityGroup", "alb security group"},
		{"PublicSubnet1", "public subnet1"},
		{"us-east-1a", "us east 1a"},
		{"app_tier.v2", "app tier v2"},
	} {
		if got := strings.Join(words(c.in), " "); got != c.want {
			t.Errorf("words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTrimWords(t *testing.T) {
	split := func(ss ...string) [][]string {
		var out [][]string
		for _, s := range ss {
			if s == "" {
				out = append(out, nil)
				continue
			}
			out = append(out, strings.Split(s, "-"))
		}
		return out
	}
	join := func(ws [][]string) string {
		var out []string
		for _, w := range ws {
			out = append(out, strings.Join(w, "-"))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		stems []string
		vpc   string
		want  string
	}{
		{[]string{"shop-public", "shop-app", "shop-data"}, "web", "public app data"}, // common leading word
		{[]string{"prod-vpc-app", "prod-vpc-app"}, "prod", "app app"},                // VPC's own words
		{[]string{"app"}, "app", "app"},                                              // never emptied
		{[]string{"shop-app", "", "shop-db"}, "x", "app  db"},                        // unnamed subnets ignored
		{[]string{"a-x", "b-x"}, "y", "a-x b-x"},                                     // nothing in common
	} {
		if got := join(trimWords(split(c.stems...), strings.Split(c.vpc, "-"))); got != c.want {
			t.Errorf("trimWords(%q, %q) = %q, want %q", c.stems, c.vpc, got, c.want)
		}
	}
}

func TestUniqueName(t *testing.T) {
	taken := map[string]bool{}
	var got []string
	for range 3 {
		got = append(got, uniqueName("private", taken))
	}
	if strings.Join(got, " ") != "private private-2 private-3" {
		t.Errorf("got %q", got)
	}
}

// TestStems: the VPC's subnet labels together give each subnet its tier's
// name stem, whatever the naming convention: AZ letter or index before or
// after the name, AZ names and IDs inside it, and an AZ index with a set
// letter ("Private subnet 2A").
func TestStems(t *testing.T) {
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"}
	ids := []string{"use1-az1", "use1-az2", "use1-az4", "use1-az6"}
	for _, c := range []struct {
		name   string
		labels []string // one per AZ, in AZ order, for each set
		want   string   // the distinct stems, in order of first appearance
	}{
		{"Quick Start: index and set letter", []string{
			"Public subnet 1", "Public subnet 2", "Public subnet 3", "Public subnet 4",
			"Private subnet 1A", "Private subnet 2A", "Private subnet 3A", "Private subnet 4A",
			"Private subnet 1B", "Private subnet 2B", "Private subnet 3B", "Private subnet 4B"}, "public private-a private-b"},
		{"camel case index and set letter", []string{
			"PrivateSubnet1A", "PrivateSubnet2A", "PrivateSubnet3A", "PrivateSubnet4A",
			"PrivateSubnet1B", "PrivateSubnet2B", "PrivateSubnet3B", "PrivateSubnet4B"}, "private-a private-b"},
		{"trailing AZ letter", []string{"private-a", "private-b", "private-c", "private-d"}, "private"},
		{"index then AZ letter", []string{"app-1a", "app-1b", "app-1c", "app-1d"}, "app"},
		{"leading AZ letter", []string{"a-private", "b-private", "c-private", "d-private"}, "private"},
		{"AZ letter then index", []string{"data-a1", "data-b1", "data-c1", "data-d1"}, "data"},
		{"AZ name inside", []string{"shop-us-east-1a-web", "shop-us-east-1b-web", "shop-us-east-1c-web", "shop-us-east-1d-web"}, "shop-web"},
		{"AZ ID inside", []string{"use1-az1-db", "use1-az2-db", "use1-az4-db", "use1-az6-db"}, "db"},
		{"plain index", []string{"app 1", "app 2", "app 3", "app 4"}, "app"},
	} {
		var named []namedSubnet
		for i, l := range c.labels {
			named = append(named, namedSubnet{label: l, az: azs[i%4], azID: ids[i%4]})
		}
		var got []string
		for _, s := range stems(named) {
			if k := strings.Join(s, "-"); !slices.Contains(got, k) {
				got = append(got, k)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: stems %q, want %q", c.name, got, c.want)
		}
	}
}
