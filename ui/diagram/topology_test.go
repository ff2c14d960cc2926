package diagram

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/ui/edit"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// TestTopologyDrawn: every connection of the reference is drawn under the
// list (issue 15: connections were only a list): the peering as a link,
// the transit gateway as a hub with its attachments and VPN network, the
// PrivateLink arrow with its port, the VPN to its network; selecting a
// connection highlights its drawing, and a finding on it shows its glyph.
func TestTopologyDrawn(t *testing.T) {
	d := fixture.Reference(t)
	doc := build(t, d, 200)
	s := all(doc)
	for _, want := range []string{
		"Topology",
		"[prod] ══════ [shared]  prod-shared",
		"◆ hub (transit gateway hub)",
		"├── [shared]", "├── [dev]", "└── (corp) via VPN",
		"[prod] ──:443──▶ [shared]  payments (PrivateLink)",
		"[prod] ┄┄ VPN ┄┄ (corp)  corp-vpn",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("topology lacks %q:\n%s", want, s)
		}
	}

	st := styles.New(true, true)
	w, h := doc.Size()
	plain := doc.Render(st, edit.Ref{}, 0, 0, w, h)
	hub := doc.Render(st, edit.Ref{Kind: edit.Conn, I: 1}, 0, 0, w, h)
	y, ok := doc.TopologyY()
	if !ok {
		t.Fatal("TopologyY: none")
	}
	var lit []int
	for i := y; i < h; i++ {
		if hub[i] != plain[i] {
			lit = append(lit, i-y)
		}
	}
	// The hub's four lines: the hub and its three branches (lines 2-5
	// of the drawing, after the heading and the peering).
	if fmt.Sprint(lit) != "[2 3 4 5]" {
		t.Errorf("selecting the hub lights topology lines %v, want [2 3 4 5]", lit)
	}

	in := Input{Design: d, Layout: design.Resolve(d), Width: 200, Marks: Marks{{Kind: edit.Conn, I: 0}: 3}}
	if s := strings.Join(Build(in).Render(styles.Plain(), edit.Ref{}, 0, 0, w, h), "\n"); !strings.Contains(s, styles.GlyphError+" [prod] ══════ [shared]") {
		t.Errorf("an error on the peering is not marked in the topology:\n%s", s)
	}
}

// TestTopologyBounded: past maxTopoConns connections the drawing stops
// and says how many are left to the list.
func TestTopologyBounded(t *testing.T) {
	d := fixture.Reference(t)
	for i := range 250 {
		d.Connections = append(d.Connections, design.Connection{Name: fmt.Sprintf("p%d", i), Kind: design.ConnPeering, VPCs: []string{"prod", "dev"}})
	}
	s := all(build(t, d, 200))
	if want := fmt.Sprintf("… %d more connections (listed above)", len(d.Connections)-maxTopoConns); !strings.Contains(s, want) {
		t.Errorf("no %q", want)
	}
	if strings.Contains(s, "[prod] ══════ [dev]  p196") || !strings.Contains(s, "[prod] ══════ [dev]  p195") {
		t.Error("the drawing is not cut at the bound")
	}
}
