package edit

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// AddConnection appends a connection named name of the given kind, filled
// in from the design's first VPCs and networks so that it is close to
// valid, and returns its index.
func AddConnection(d *design.Design, name string, kind design.ConnectionKind) (int, error) {
	if err := CheckName("connection", name, ConnNames(d, -1)); err != nil {
		return 0, err
	}
	c := design.Connection{Name: name}
	fillConnection(d, &c, kind)
	d.Connections = append(d.Connections, c)
	return len(d.Connections) - 1, nil
}

// fillConnection sets c to kind, carrying over the VPCs and networks it
// already names where the new kind has room for them.
func fillConnection(d *design.Design, c *design.Connection, kind design.ConnectionKind) {
	vpcs := slices.Clone(c.VPCs)
	for _, n := range []string{c.Provider, c.Consumer, c.VPC} {
		if n != "" && !slices.Contains(vpcs, n) {
			vpcs = append(vpcs, n)
		}
	}
	for i := 0; len(vpcs) < 2 && i < len(d.VPCs); i++ {
		if !slices.Contains(vpcs, d.VPCs[i].Name) {
			vpcs = append(vpcs, d.VPCs[i].Name)
		}
	}
	nets := slices.Clone(c.Networks)
	if c.Network != "" && !slices.Contains(nets, c.Network) {
		nets = append(nets, c.Network)
	}
	if len(nets) == 0 && len(d.Networks) > 0 {
		nets = []string{d.Networks[0].Name}
	}
	pick := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return ""
	}
	port := c.Port
	*c = design.Connection{Name: c.Name, Kind: kind}
	switch kind {
	case design.ConnPeering:
		c.VPCs = vpcs[:min(2, len(vpcs))]
	case design.ConnTransitGateway:
		c.VPCs = vpcs
		c.Networks = nets
	case design.ConnPrivateLink:
		c.Provider, c.Consumer = pick(vpcs, 0), pick(vpcs, 1)
		c.Port = port
		if c.Port == 0 {
			c.Port = 443
		}
	case design.ConnVPN:
		c.VPC, c.Network = pick(vpcs, 0), pick(nets, 0)
	}
}

// RenameConnection renames a connection.
func RenameConnection(d *design.Design, ci int, name string) error {
	if err := CheckName("connection", name, ConnNames(d, ci)); err != nil {
		return err
	}
	d.Connections[ci].Name = name
	return nil
}

// RemoveConnection removes a connection.
func RemoveConnection(d *design.Design, ci int) {
	d.Connections = slices.Delete(d.Connections, ci, ci+1)
}

// SetConnKind changes a connection's kind, keeping the VPCs and networks it
// names where the new kind can use them.
func SetConnKind(d *design.Design, ci int, kind string) error {
	k := design.ConnectionKind(kind)
	if !slices.Contains(design.ConnectionKinds, k) {
		return fmt.Errorf("a connection is peering, transit-gateway, privatelink or vpn")
	}
	c := &d.Connections[ci]
	if c.Kind != k {
		fillConnection(d, c, k)
	}
	return nil
}

// CheckNames parses a typed list of names that must exist among known.
func CheckNames(what, s string, known []string) ([]string, error) {
	list := SplitList(s)
	for _, n := range list {
		if !slices.Contains(known, n) {
			return nil, fmt.Errorf("there is no %s named %q", what, n)
		}
	}
	return list, nil
}

// SetConnField sets one field of a connection from its typed value: "vpcs"
// and "networks" are lists, "provider", "consumer", "vpc" and "network"
// names, "port" a number.
func SetConnField(d *design.Design, ci int, key, s string) error {
	c := &d.Connections[ci]
	vpcs, nets := VPCNames(d, -1), NetworkNames(d, -1)
	s = strings.TrimSpace(s)
	one := func(what string, known []string) (string, error) {
		if s == "" {
			return "", nil
		}
		if !slices.Contains(known, s) {
			return "", fmt.Errorf("there is no %s named %q", what, s)
		}
		return s, nil
	}
	var err error
	switch key {
	case "vpcs":
		var list []string
		if list, err = CheckNames("VPC", s, vpcs); err == nil {
			if c.Kind == design.ConnPeering && len(list) != 2 {
				return fmt.Errorf("a peering joins exactly two VPCs")
			}
			c.VPCs = list
		}
	case "networks":
		var list []string
		if list, err = CheckNames("network", s, nets); err == nil {
			c.Networks = list
		}
	case "provider", "consumer", "vpc", "network":
		what, known := "VPC", vpcs
		if key == "network" {
			what, known = "network", nets
		}
		var v string
		if v, err = one(what, known); err == nil {
			*map[string]*string{"provider": &c.Provider, "consumer": &c.Consumer, "vpc": &c.VPC, "network": &c.Network}[key] = v
		}
	case "port":
		var p int
		if p, err = CheckPort(s); err == nil {
			c.Port = p
		}
	default:
		err = fmt.Errorf("a connection has no field %q", key)
	}
	return err
}

// CheckPort parses a PrivateLink port.
func CheckPort(s string) (int, error) {
	p, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("a port is a number from 1 to 65535")
	}
	return p, nil
}

// AddNetwork appends a network named name with the first free
// 192.168.N.0/24 and returns its index.
func AddNetwork(d *design.Design, name string) (int, error) {
	if err := CheckName("network", name, NetworkNames(d, -1)); err != nil {
		return 0, err
	}
	cidr := "192.168.0.0/24"
	for n := range 256 {
		cand := netip.PrefixFrom(netip.AddrFrom4([4]byte{192, 168, byte(n), 0}), 24)
		if !slices.ContainsFunc(d.Networks, func(nw design.Network) bool {
			p, err := design.ParseCIDR(nw.CIDR)
			return err == nil && p.Overlaps(cand)
		}) {
			cidr = cand.String()
			break
		}
	}
	d.Networks = append(d.Networks, design.Network{Name: name, CIDR: cidr})
	return len(d.Networks) - 1, nil
}

// RenameNetwork renames a network and the references to it.
func RenameNetwork(d *design.Design, ni int, name string) error {
	if err := CheckName("network", name, NetworkNames(d, ni)); err != nil {
		return err
	}
	old := d.Networks[ni].Name
	d.Networks[ni].Name = name
	renameNetworkRefs(d, old, name)
	return nil
}

// RemoveNetwork removes a network; references stay for validation.
func RemoveNetwork(d *design.Design, ni int) {
	d.Networks = slices.Delete(d.Networks, ni, ni+1)
}

// SetNetworkCIDR sets a network's CIDR (any IPv4 size: on-premises ranges
// are often larger than a VPC may be).
func SetNetworkCIDR(d *design.Design, ni int, s string) error {
	p, err := design.ParseCIDR(s)
	if err != nil {
		return err
	}
	d.Networks[ni].CIDR = p.String()
	return nil
}
