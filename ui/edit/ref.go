package edit

import "github.com/vpcsmith/vpcsmith/design"

// Kind is the kind of design element a Ref points at.
type Kind int

// The kinds of element the designer selects and edits.
const (
	None    Kind = iota
	VPC          // a VPC (its header)
	Tier         // a tier (its row label)
	Subnet       // one cell: a tier's subnet in one AZ
	SG           // a security group
	Conn         // a connection
	Network      // a network outside AWS
	// DesignKind is the design itself (its name, description and region).
	DesignKind
)

func (k Kind) String() string {
	switch k {
	case VPC:
		return "VPC"
	case Tier:
		return "tier"
	case Subnet:
		return "subnet"
	case SG:
		return "security group"
	case Conn:
		return "connection"
	case Network:
		return "network"
	case DesignKind:
		return "design"
	}
	return "nothing"
}

// Ref names one element by its indices in the design's slices (and, for a
// subnet, the AZ name). Indices, not pointers: a Ref stays meaningful across
// the copies that undo keeps, and Valid says whether it still points
// somewhere after an edit.
type Ref struct {
	Kind Kind
	V    int    // VPC index (VPC, Tier, Subnet, SG)
	T    int    // tier index (Tier, Subnet)
	G    int    // security-group index (SG)
	I    int    // connection or network index (Conn, Network)
	AZ   string // Subnet
}

// InVPC reports whether r is an element of a VPC, so that its V is the
// VPC's index (which moves when a VPC before it is inserted or removed).
func (r Ref) InVPC() bool {
	switch r.Kind {
	case VPC, Tier, Subnet, SG:
		return true
	}
	return false
}

// Valid reports whether r points at an element of d.
func (r Ref) Valid(d *design.Design) bool {
	if d == nil {
		return false
	}
	inVPC := r.V >= 0 && r.V < len(d.VPCs)
	switch r.Kind {
	case VPC:
		return inVPC
	case Tier, Subnet:
		return inVPC && r.T >= 0 && r.T < len(d.VPCs[r.V].Tiers)
	case SG:
		return inVPC && r.G >= 0 && r.G < len(d.VPCs[r.V].SecurityGroups)
	case Conn:
		return r.I >= 0 && r.I < len(d.Connections)
	case Network:
		return r.I >= 0 && r.I < len(d.Networks)
	case DesignKind:
		return true
	}
	return false
}

// Path returns the validation path of the element r points at
// ("vpcs.prod.tiers.app"), as design.Finding.Path writes it.
func (r Ref) Path(d *design.Design) string {
	if !r.Valid(d) {
		return ""
	}
	switch r.Kind {
	case DesignKind:
		return ""
	case Conn:
		return "connections." + orUnnamed(d.Connections[r.I].Name)
	case Network:
		return "networks." + orUnnamed(d.Networks[r.I].Name)
	}
	v := &d.VPCs[r.V]
	p := "vpcs." + orUnnamed(v.Name)
	switch r.Kind {
	case Tier:
		return p + ".tiers." + orUnnamed(v.Tiers[r.T].Name)
	case Subnet:
		return p + ".tiers." + orUnnamed(v.Tiers[r.T].Name) + ".subnets." + r.AZ
	case SG:
		return p + ".security_groups." + orUnnamed(v.SecurityGroups[r.G].Name)
	}
	return p
}

func orUnnamed(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	return name
}
