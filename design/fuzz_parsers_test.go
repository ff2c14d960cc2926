package design

import (
	"errors"
	"strings"
	"testing"
)

// The fuzz targets of the small parsers a design's values go through:
// CIDRs, ports and rule peers. None may panic, and what they accept must
// come back the same through its canonical form. `go test` runs the seeds
// (and testdata/fuzz); `go test -fuzz FuzzParseCIDR ./design` searches
// further.

// FuzzParseCIDR: a parsed CIDR is a masked IPv4 prefix whose String()
// parses back to the same prefix; a host-bits error names a network that
// parses.
func FuzzParseCIDR(f *testing.F) {
	for _, s := range []string{
		"10.0.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "10.0.0.1/16", "10.0.0.0", "10.0.0.0/33",
		" 10.0.0.0/8\n", "::/0", "::ffff:10.0.0.0/104", "fe80::1%eth0/64", "010.0.0.0/8", "10.0.0.0/08",
		"10.0.0.0/-1", "10.0.0.0/+8", "1.2.3.4/", "/8", "", "10.0.0.0/16/16", "١٠.0.0.0/8", "10.0.0.0/٨",
		"\x1b]0;x\x07/8", "10.0.0.0 /8",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseCIDR(s)
		if err != nil {
			if p.IsValid() {
				t.Fatalf("ParseCIDR(%q) failed (%v) but returned %v", s, err, p)
			}
			var hb *HostBitsError
			if errors.As(err, &hb) {
				n, err := ParseCIDR(hb.Network.String())
				if err != nil || n != hb.Network || n.Bits() != hb.Network.Bits() {
					t.Fatalf("ParseCIDR(%q): the suggested network %v does not parse back (%v, %v)", s, hb.Network, n, err)
				}
			}
			return
		}
		if !p.IsValid() || !p.Addr().Is4() {
			t.Fatalf("ParseCIDR(%q) = %v: not a valid IPv4 prefix", s, p)
		}
		if p.Masked() != p {
			t.Fatalf("ParseCIDR(%q) = %v: host bits set", s, p)
		}
		again, err := ParseCIDR(p.String())
		if err != nil || again != p {
			t.Fatalf("ParseCIDR(%q) = %v, but its String() %q parses to %v, %v", s, p, p.String(), again, err)
		}
	})
}

// FuzzParsePorts: a parsed range runs low to high within 0..65535, All is
// exactly the full range, and String() parses back to the same range.
func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{
		"443", "8000-8100", "all", "", " ", "0-65535", "0", "65535", "65536", "-1", "1-", "-", "10-1",
		"+443", " 80 - 90 ", "1-2-3", "0x1bb", "99999999999999999999", "٤٤٣", "all-all", "ALL", "\t22\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParsePorts(s)
		if err != nil {
			if r != (PortRange{}) {
				t.Fatalf("ParsePorts(%q) failed (%v) but returned %+v", s, err, r)
			}
			return
		}
		if r.From < 0 || r.To > 65535 || r.From > r.To {
			t.Fatalf("ParsePorts(%q) = %+v: not a range within 0..65535", s, r)
		}
		if r.All != (r.From == 0 && r.To == 65535) {
			t.Fatalf("ParsePorts(%q) = %+v: All does not match the range", s, r)
		}
		if !r.Contains(r.From) || !r.Contains(r.To) {
			t.Fatalf("ParsePorts(%q) = %+v does not contain its own ends", s, r)
		}
		again, err := ParsePorts(r.String())
		if err != nil || again != r {
			t.Fatalf("ParsePorts(%q) = %+v, but its String() %q parses to %+v, %v", s, r, r.String(), again, err)
		}
	})
}

// formatPeer writes a peer back in the format's syntax.
func formatPeer(p Peer) string {
	switch p.Kind {
	case PeerInternet:
		return "internet"
	case PeerCIDR:
		return p.CIDR.String()
	case PeerSG:
		if p.VPC != "" {
			return "sg:" + p.VPC + "/" + p.Name
		}
		return "sg:" + p.Name
	case PeerTier:
		return "tier:" + p.Name
	case PeerVPC:
		return "vpc:" + p.VPC
	case PeerNetwork:
		return "network:" + p.Name
	}
	return ""
}

// FuzzParsePeer: a parsed peer has a known kind and only the fields that
// kind uses, and written back in the format's syntax it parses to the same
// peer.
func FuzzParsePeer(f *testing.F) {
	for _, s := range []string{
		"internet", "Internet", " internet", "0.0.0.0/0", "10.0.0.0/8", "10.0.0.1/8", "10.0.0.0", "::/0", "2001:db8::/32", "2001:db8::1/32", "::ffff:10.0.0.0/104",
		"sg:app", "sg:prod/app", "sg:", "sg:/app", "sg:prod/", "sg:a/b/c", "sg:/", "sg:sg:x",
		"tier:app", "tier:", "tier:a:b", "vpc:prod", "vpc:", "network:corp", "network:", "network:a/b",
		"sg:\x1b[31m/\u202e", "tier: ", "vpc:prod/x", "", ":", "sg", "tier", "sg :x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeer(s)
		if err != nil {
			if p != (Peer{}) {
				t.Fatalf("ParsePeer(%q) failed (%v) but returned %+v", s, err, p)
			}
			return
		}
		switch p.Kind {
		case PeerInternet:
			if p != (Peer{Kind: PeerInternet}) {
				t.Fatalf("ParsePeer(%q) = %+v: internet with fields set", s, p)
			}
		case PeerCIDR:
			// IPv6 CIDRs are peers since issue 13; an IPv4-mapped one is not.
			if !p.CIDR.IsValid() || p.CIDR.Addr().Is4In6() || p.CIDR.Masked() != p.CIDR || p.VPC != "" || p.Name != "" {
				t.Fatalf("ParsePeer(%q) = %+v: not a masked IPv4 or IPv6 CIDR alone", s, p)
			}
		case PeerSG:
			if p.Name == "" || p.CIDR.IsValid() || (p.VPC == "" && strings.Contains(p.Name, "/")) {
				t.Fatalf("ParsePeer(%q) = %+v: not a security-group reference", s, p)
			}
		case PeerTier, PeerNetwork:
			if p.Name == "" || p.VPC != "" || p.CIDR.IsValid() {
				t.Fatalf("ParsePeer(%q) = %+v: not a tier or network reference", s, p)
			}
		case PeerVPC:
			if p.VPC == "" || p.Name != "" || p.CIDR.IsValid() {
				t.Fatalf("ParsePeer(%q) = %+v: not a VPC reference", s, p)
			}
		default:
			t.Fatalf("ParsePeer(%q) = %+v: unknown kind", s, p)
		}
		if p.IsWorld() != (p.Kind == PeerInternet || (p.Kind == PeerCIDR && p.CIDR.Bits() == 0)) {
			t.Fatalf("ParsePeer(%q) = %+v: IsWorld is %v", s, p, p.IsWorld())
		}
		out := formatPeer(p)
		again, err := ParsePeer(out)
		if err != nil || again != p {
			t.Fatalf("ParsePeer(%q) = %+v, written back as %q, parses to %+v, %v", s, p, out, again, err)
		}
	})
}
