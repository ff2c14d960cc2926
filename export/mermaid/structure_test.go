package mermaid_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/export/mermaid"
)

func loadReference(t testing.TB) *design.Design {
	t.Helper()
	d, err := design.Load(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNetworkNesting: in the reference, each tier is one row (subgraph)
// inside its VPC's subgraph, rows in the VPC's tier order, holding the
// tier's subnets in AZ order, with its workloads inside each subnet.
func TestNetworkNesting(t *testing.T) {
	d := parseOutput(t, render(t, loadReference(t), mermaid.Options{}).Text)
	prod := d.one(t, "prod · 10.0.0.0/16 · 100.64.0.0/16 · us-east-1")
	var rows []string
	for _, id := range d.order {
		if d.parent[id] == prod && d.groups[id] && d.label[id] != "Endpoints" {
			name, _, _ := strings.Cut(d.label[id], " · ")
			rows = append(rows, name)
			var azs []string
			for _, sn := range d.order {
				if d.parent[sn] == id {
					az, _, _ := strings.Cut(d.label[sn], "\n")
					azs = append(azs, az)
				}
			}
			if want := []string{"us-east-1a", "us-east-1b", "us-east-1c"}; !slices.Equal(azs, want) {
				t.Errorf("row %s holds subnets in AZs %v, want %v", name, azs, want)
			}
		}
	}
	if want := []string{"public", "app", "data"}; !slices.Equal(rows, want) {
		t.Errorf("prod has rows %v, want %v in the VPC's order", rows, want)
	}
	appRow := d.one(t, "app · private · 3 subnets /20")
	app := d.exact(t, "us-east-1a\n10.0.16.0/20")
	if got := d.ancestors(app); len(got) != 2 || got[0] != appRow || got[1] != prod {
		t.Errorf("subnet app 10.0.16.0/20 is nested in %v, want the app row inside prod", got)
	}
	if !d.groups[app] {
		t.Fatalf("subnet app should be a subgraph holding its workload")
	}
	apis := d.find("api")
	if len(apis) != 3 {
		t.Fatalf("workload api drawn %d times, want once in each of its tier's 3 subnets", len(apis))
	}
	if !slices.ContainsFunc(apis, func(id string) bool { return d.parent[id] == app }) {
		t.Errorf("workload api is in %s, want the app subnet %s", d.parent[apis[0]], app)
	}
	orders := d.find("orders")
	if len(orders) != 3 || !strings.HasPrefix(d.label[d.parent[d.parent[orders[0]]]], "data · isolated") {
		t.Errorf("workload orders should sit in the data subnets")
	}
	// Internet → IGW → every public subnet.
	igw := d.ancestorsOf(t, "Internet gateway", prod)
	if len(d.edgesBetween("inet", igw)) != 1 {
		t.Errorf("no edge internet → prod's internet gateway")
	}
	for _, id := range d.order {
		if d.parent[id] == d.one(t, "public · 3 subnets /24") && len(d.edgesBetween(igw, id)) != 1 {
			t.Errorf("no edge IGW → public subnet %q", d.label[id])
		}
	}
	// Endpoints: two gateway, four interface.
	var gw, iface int
	for _, id := range d.order {
		switch {
		case strings.HasSuffix(d.label[id], "\ngateway endpoint"):
			gw++
		case strings.Contains(d.label[id], "\ninterface endpoint · 3 AZs"):
			iface++
		}
	}
	if gw != 2 || iface != 4 {
		t.Errorf("prod has %d gateway and %d interface endpoints drawn, want 2 and 4", gw, iface)
	}
}

// ancestorsOf returns the one element labelled first inside group.
func (d *diagram) ancestorsOf(t testing.TB, first, group string) string {
	t.Helper()
	var out []string
	for _, id := range d.find(first) {
		if slices.Contains(d.ancestors(id), group) {
			out = append(out, id)
		}
	}
	if len(out) != 1 {
		t.Fatalf("want one %q inside %s, found %v", first, group, out)
	}
	return out[0]
}

// TestNATPerMode: per-az draws one NAT in each AZ's public subnet (and
// each private subnet uses its own AZ's), single one in the first AZ, none
// none.
func TestNATPerMode(t *testing.T) {
	for _, tc := range []struct {
		mode design.NATMode
		azs  []string // AZ of each NAT
	}{
		{design.NATPerAZ, []string{"us-east-1a", "us-east-1b", "us-east-1c"}},
		{design.NATSingle, []string{"us-east-1a"}},
		{design.NATNone, nil},
	} {
		t.Run(string(tc.mode), func(t *testing.T) {
			ref := loadReference(t)
			ref.VPCs = ref.VPCs[:1] // prod
			ref.VPCs[0].NAT = tc.mode
			d := parseOutput(t, render(t, ref, mermaid.Options{}).Text)
			nats := d.find("NAT gateway")
			var azs []string
			for _, n := range nats {
				anc := d.ancestors(n)
				if len(anc) != 3 || !strings.HasPrefix(d.label[anc[1]], "public · ") {
					t.Fatalf("NAT %s is not in a subnet of the public row inside the VPC: %v", n, anc)
				}
				az, _, _ := strings.Cut(d.label[anc[0]], "\n")
				azs = append(azs, az)
			}
			if !slices.Equal(azs, tc.azs) {
				t.Errorf("NATs in AZs %v, want %v", azs, tc.azs)
			}
			// Every private subnet reaches a NAT, in its own AZ when there is one.
			for _, id := range d.order {
				if !strings.HasPrefix(d.label[d.parent[id]], "app · private") {
					continue
				}
				var reached []string
				for _, e := range d.edges {
					if e.to == id && slices.Contains(nats, e.from) {
						reached = append(reached, e.from)
					}
				}
				switch {
				case len(nats) == 0 && len(reached) != 0:
					t.Errorf("private subnet %q routes to a NAT, but the VPC has none", d.label[id])
				case len(nats) > 0 && len(reached) != 1:
					t.Errorf("private subnet %q reaches %d NATs, want 1", d.label[id], len(reached))
				case tc.mode == design.NATPerAZ && azOf(d, d.ancestors(reached[0])[0]) != azOf(d, id):
					t.Errorf("private subnet %q uses a NAT in another AZ", d.label[id])
				}
			}
		})
	}
}

// azOf is the AZ a subnet's label starts with.
func azOf(d *diagram, id string) string {
	az, _, _ := strings.Cut(d.label[id], "\n")
	return az
}

// TestConnections: peering, transit gateway (VPCs and the VPN'd network),
// PrivateLink (provider endpoint service, consumer endpoint) and VPN.
func TestConnections(t *testing.T) {
	d := parseOutput(t, render(t, loadReference(t), mermaid.Options{}).Text)
	prod := d.one(t, "prod · 10.0.0.0/16 · 100.64.0.0/16 · us-east-1")
	shared := d.one(t, "shared · 10.1.0.0/16 · us-east-1")
	dev := d.one(t, "dev · 10.2.0.0/16 · us-east-1")
	corp := d.one(t, "corp")
	// A connection is a node of its own, so no label lies on an edge
	// that may run behind a VPC's box.
	pcx := d.exact(t, "peering\nprod-shared")
	if a, z := d.edgesBetween(prod, pcx), d.edgesBetween(pcx, shared); len(a) != 1 || len(z) != 1 || a[0].arrow != "<==>" || a[0].label != "" {
		t.Errorf("peering prod ↔ shared through its node: %v, %v", a, z)
	}
	tgw := d.one(t, "Transit gateway")
	for _, v := range []string{shared, dev} {
		if len(d.edgesBetween(v, tgw)) != 1 {
			t.Errorf("no attachment %s → transit gateway", d.label[v])
		}
	}
	if len(d.edgesBetween(tgw, corp)) != 1 {
		t.Errorf("no VPN transit gateway → corp")
	}
	svc, ep := d.ancestorsOf(t, "payments", shared), d.ancestorsOf(t, "payments", prod)
	if !strings.Contains(d.label[svc], "endpoint service") || !strings.Contains(d.label[ep], "interface endpoint") {
		t.Errorf("PrivateLink: provider %q, consumer %q", d.label[svc], d.label[ep])
	}
	if e := d.edgesBetween(ep, svc); len(e) != 1 || e[0].label != "" {
		t.Errorf("PrivateLink edge consumer → provider: %v", e)
	}
	vpn := d.exact(t, "Site-to-Site VPN\ncorp-vpn")
	if a, z := d.edgesBetween(prod, vpn), d.edgesBetween(vpn, corp); len(a) != 1 || len(z) != 1 {
		t.Errorf("VPN prod ↔ corp through its node: %v, %v", a, z)
	}
	for _, e := range d.edges {
		if e.label != "" {
			t.Errorf("the network view has a labelled edge %v", e)
		}
	}
}

// TestSecurityChain: the reference's chain internet →443→ alb →8080→ app
// →5432→ db, the corp admin range, and the cross-VPC vpc:prod peer.
func TestSecurityChain(t *testing.T) {
	d := parseOutput(t, render(t, loadReference(t), mermaid.Options{View: mermaid.ViewSecurity}).Text)
	alb, app, db := d.one(t, "sg alb"), d.one(t, "sg app"), d.one(t, "sg db")
	corp := d.one(t, "corp")
	for _, tc := range []struct{ from, to, label string }{
		{"inet", alb, "443"}, {alb, app, "8080"}, {app, db, "5432"}, {corp, app, "8000-8100"},
	} {
		e := d.edgesBetween(tc.from, tc.to)
		if len(e) != 1 || e[0].label != tc.label || e[0].arrow != "-->" {
			t.Errorf("edge %s → %s: got %v, want one labelled %q", d.label[tc.from], d.label[tc.to], e, tc.label)
		}
	}
	prod := d.one(t, "prod · 10.0.0.0/16 · 100.64.0.0/16 · us-east-1")
	if got := d.ancestors(app); len(got) != 2 || d.label[got[0]] != "app · private tier" || got[1] != prod {
		t.Errorf("sg app is nested in %v, want tier app inside prod", got)
	}
	payments := d.one(t, "sg payments")
	peer := d.one(t, "all of VPC prod")
	if e := d.edgesBetween(peer, payments); len(e) != 1 || e[0].label != "443" {
		t.Errorf("edge vpc:prod → payments: %v", e)
	}
	if d.parent[peer] != prod {
		t.Errorf("the vpc:prod peer should sit in prod's subgraph")
	}
	if !strings.Contains(d.label[alb], "web (alb)") {
		t.Errorf("sg alb label %q should name its workload", d.label[alb])
	}
}

// TestSecurityCrossVPC: an sg:VPC/NAME rule draws an edge from the group in
// the other VPC; an egress rule draws a dotted edge; an unknown reference
// is drawn as a "not found" node rather than dropped.
func TestSecurityCrossVPC(t *testing.T) {
	ref := loadReference(t)
	shared := ref.FindVPC("shared")
	shared.SecurityGroups[0].Ingress = append(shared.SecurityGroups[0].Ingress,
		design.Rule{From: "sg:prod/app", Ports: "443"},
		design.Rule{From: "sg:prod/ghost", Ports: "443"},
		design.Rule{From: "10.9.0.0/16", Ports: "53", Protocol: "udp"},
		design.Rule{From: "tier:public", Ports: "all"},
	)
	shared.SecurityGroups[0].Egress = []design.Rule{{To: "sg:prod/db", Ports: "5432"}}
	d := parseOutput(t, render(t, ref, mermaid.Options{View: mermaid.ViewSecurity}).Text)
	payments, app, db := d.one(t, "sg payments"), d.one(t, "sg app"), d.one(t, "sg db")
	check := func(from, to, label, arrow string) {
		t.Helper()
		e := d.edgesBetween(from, to)
		if len(e) != 1 || e[0].label != label || e[0].arrow != arrow {
			t.Errorf("edge %q → %q: got %v, want %s labelled %q", d.label[from], d.label[to], e, arrow, label)
		}
	}
	check(app, payments, "443", "-->")
	check(payments, db, "5432", "-.->")
	check(d.one(t, "sg prod/ghost"), payments, "443", "-->")
	check(d.one(t, "10.9.0.0/16"), payments, "udp 53", "-->")
	tierPeer := d.one(t, "all of tier public")
	check(tierPeer, payments, "all tcp", "-->")
	if !strings.HasPrefix(d.label[d.parent[tierPeer]], "public tier") {
		t.Errorf("tier:public peer sits in %q, want shared's public tier", d.label[d.parent[tierPeer]])
	}
}

// TestDeterministic: the same design gives the same bytes, also after a
// save and reload.
func TestDeterministic(t *testing.T) {
	ref := loadReference(t)
	again, err := design.Parse("again", design.Marshal(ref))
	if err != nil {
		t.Fatal(err)
	}
	for _, view := range mermaid.Views {
		a := render(t, ref, mermaid.Options{View: view}).Text
		for range 5 {
			if b := render(t, again, mermaid.Options{View: view}).Text; a != b {
				t.Fatalf("%s view differs between runs", view)
			}
		}
	}
	g := generated(60, 3)
	a := render(t, g, mermaid.Options{}).Text
	if b := render(t, g, mermaid.Options{}).Text; a != b {
		t.Fatalf("collapsed view differs between runs")
	}
}

// TestMarkdownFence: the Markdown document holds the diagram in a mermaid
// fence and a subnet table per VPC.
func TestMarkdownFence(t *testing.T) {
	ref := loadReference(t)
	plain := render(t, ref, mermaid.Options{}).Text
	md := render(t, ref, mermaid.Options{Markdown: true}).Text
	if !strings.Contains(md, "\n```mermaid\n"+plain+"```\n") || !strings.HasPrefix(md, "# shop · network\n") {
		t.Errorf("markdown output does not hold the diagram in a mermaid fence:\n%s", md)
	}
	for _, want := range []string{"### prod · 10.0.0.0/16 · 100.64.0.0/16\n", "| app | private | us-east-1b | 10.0.32.0/20 | 4091 |\n", "| workloads | isolated | us-east-1a | 10.2.0.0/24 | 251 |\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("the subnet tables lack %q", want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	if _, err := mermaid.Render(nil, mermaid.Options{}); err == nil {
		t.Error("Render(nil) should fail")
	}
	if _, err := mermaid.Render(design.Resolve(loadReference(t)), mermaid.Options{View: "sideways"}); err == nil || !strings.Contains(err.Error(), "sideways") {
		t.Errorf("unknown view: err %v", err)
	}
	empty := &design.Design{Version: 1, Name: "empty"}
	for _, view := range mermaid.Views {
		r := render(t, empty, mermaid.Options{View: view})
		d := parseOutput(t, r.Text)
		if len(d.order) == 0 {
			t.Errorf("%s view of an empty design draws nothing; Mermaid would show a blank", view)
		}
	}
}
