package design

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// PeerKind is what a security-group rule's from/to names.
type PeerKind int

// The kinds of rule peers.
const (
	PeerInternet PeerKind = iota + 1 // internet: 0.0.0.0/0 and ::/0
	PeerCIDR                         // a literal IPv4 CIDR
	PeerSG                           // sg:NAME or sg:VPC/NAME
	PeerTier                         // tier:NAME, the tier's subnets
	PeerVPC                          // vpc:NAME, the VPC's CIDRs
	PeerNetwork                      // network:NAME
)

// Peer is a parsed rule peer.
type Peer struct {
	Kind PeerKind
	CIDR netip.Prefix // PeerCIDR
	VPC  string       // PeerSG across VPCs (empty: same VPC), PeerVPC
	Name string       // PeerSG, PeerTier, PeerNetwork
}

// ParsePeer parses a rule's from/to value.
func ParsePeer(s string) (Peer, error) {
	switch {
	case s == "internet":
		return Peer{Kind: PeerInternet}, nil
	case strings.HasPrefix(s, "sg:"):
		ref := strings.TrimPrefix(s, "sg:")
		vpc, name, cross := strings.Cut(ref, "/")
		if !cross {
			vpc, name = "", ref
		}
		if name == "" || (cross && vpc == "") {
			return Peer{}, fmt.Errorf("%q names no security group; write sg:NAME or sg:VPC/NAME", s)
		}
		return Peer{Kind: PeerSG, VPC: vpc, Name: name}, nil
	case strings.HasPrefix(s, "tier:"), strings.HasPrefix(s, "vpc:"), strings.HasPrefix(s, "network:"):
		kind, name, _ := strings.Cut(s, ":")
		if name == "" {
			return Peer{}, fmt.Errorf("%q names no %s; write %s:NAME", s, kind, kind)
		}
		p := Peer{Name: name}
		switch kind {
		case "tier":
			p.Kind = PeerTier
		case "vpc":
			p.Kind, p.VPC, p.Name = PeerVPC, name, ""
		default:
			p.Kind = PeerNetwork
		}
		return p, nil
	}
	if strings.Contains(s, ":") {
		// An IPv6 CIDR (::/0 is the whole IPv6 internet, as `internet`
		// is both families).
		p, err := ParseIPv6CIDR(s)
		if err != nil {
			if _, isHost := err.(*HostBitsError); isHost {
				return Peer{}, err
			}
			return Peer{}, fmt.Errorf("%q is not a rule peer: use internet, an IPv4 or IPv6 CIDR, sg:NAME, sg:VPC/NAME, tier:NAME, vpc:NAME or network:NAME", s)
		}
		return Peer{Kind: PeerCIDR, CIDR: p}, nil
	}
	p, err := ParseCIDR(s)
	if err != nil {
		if s == "0.0.0.0/0" {
			return Peer{Kind: PeerCIDR, CIDR: netip.MustParsePrefix("0.0.0.0/0")}, nil
		}
		if _, isHost := err.(*HostBitsError); isHost {
			return Peer{}, err
		}
		return Peer{}, fmt.Errorf("%q is not a rule peer: use internet, a CIDR, sg:NAME, sg:VPC/NAME, tier:NAME, vpc:NAME or network:NAME", s)
	}
	return Peer{Kind: PeerCIDR, CIDR: p}, nil
}

// IsWorld reports whether the peer is the whole internet (internet, or a
// CIDR of 0.0.0.0/0 or ::/0).
func (p Peer) IsWorld() bool {
	return p.Kind == PeerInternet || (p.Kind == PeerCIDR && p.CIDR.Bits() == 0)
}

// PortRange is a rule's ports; All covers every port.
type PortRange struct {
	From, To int
	All      bool
}

// ParsePorts parses a rule's ports: a number, "from-to" or "all". Empty
// ports mean all ports.
func ParsePorts(s string) (PortRange, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "all" {
		return PortRange{From: 0, To: 65535, All: true}, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(lo))
	to := from
	var err2 error
	if isRange {
		to, err2 = strconv.Atoi(strings.TrimSpace(hi))
	}
	if err1 != nil || err2 != nil {
		return PortRange{}, fmt.Errorf("%q is not a port: write a number (443), a range (\"8000-8100\") or all", s)
	}
	if from < 0 || to > 65535 || from > to {
		return PortRange{}, fmt.Errorf("%q is not a valid port range: ports run from 0 to 65535, low to high", s)
	}
	if from == 0 && to == 65535 {
		return PortRange{From: 0, To: 65535, All: true}, nil
	}
	return PortRange{From: from, To: to}, nil
}

// Contains reports whether port is in the range.
func (r PortRange) Contains(port int) bool { return r.All || (port >= r.From && port <= r.To) }

func (r PortRange) String() string {
	switch {
	case r.All:
		return "all"
	case r.From == r.To:
		return strconv.Itoa(r.From)
	}
	return fmt.Sprintf("%d-%d", r.From, r.To)
}

// EffectiveProtocol is the rule's protocol with the default applied.
func (r *Rule) EffectiveProtocol() string {
	if r.Protocol == "" {
		return "tcp"
	}
	return r.Protocol
}

// Peer returns the rule's from (ingress) or to (egress) value.
func (r *Rule) Peer() string {
	if r.From != "" {
		return r.From
	}
	return r.To
}
