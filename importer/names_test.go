package importer

import (
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
