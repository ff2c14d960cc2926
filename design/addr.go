package design

import (
	"fmt"
	"net/netip"
	"strings"
)

// ParseCIDR parses an IPv4 CIDR as the format writes it. A CIDR with host
// bits set is an error whose message suggests the network address.
func ParseCIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil {
		if !strings.Contains(s, "/") {
			return netip.Prefix{}, fmt.Errorf("%q is not a CIDR: it needs a prefix length, such as %s/24", s, s)
		}
		return netip.Prefix{}, fmt.Errorf("%q is not a valid IPv4 CIDR (write it like 10.0.0.0/16)", s)
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%q is not IPv4: the format's CIDRs are IPv4", s)
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, &HostBitsError{Input: s, Network: m}
	}
	return p, nil
}

// HostBitsError is a CIDR whose address has bits set beyond its prefix.
type HostBitsError struct {
	Input   string
	Network netip.Prefix
}

func (e *HostBitsError) Error() string {
	return fmt.Sprintf("%q has host bits set; the network address is %s", e.Input, e.Network)
}

// UsableAddresses is how many addresses of a subnet AWS leaves for
// resources: it reserves five in every subnet (network, router, DNS, future
// use, broadcast).
func UsableAddresses(p netip.Prefix) int {
	n := 1 << (32 - p.Bits())
	return max(n-5, 0)
}

// AddressCount is the number of addresses in p.
func AddressCount(p netip.Prefix) uint64 { return 1 << (32 - p.Bits()) }

// span is an inclusive IPv4 range as integers: cheap to sort and compare.
type span struct{ lo, hi uint32 }

func spanOf(p netip.Prefix) span {
	a := p.Masked().Addr().As4()
	lo := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	return span{lo, lo + uint32(AddressCount(p)-1)}
}

func (s span) contains(o span) bool { return s.lo <= o.lo && o.hi <= s.hi }

func prefixAt(lo uint32, bits int) netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(lo >> 24), byte(lo >> 16), byte(lo >> 8), byte(lo)}), bits)
}
