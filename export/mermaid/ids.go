package mermaid

import "strconv"

// Ids are a short kind prefix and 1-based indexes into the design's
// slices: deterministic, unique, valid Mermaid ids ([A-Za-z][A-Za-z0-9_]*)
// whatever the names are, and never a keyword such as `end`. No prefix
// starts with o or x, which Mermaid could read as an edge's end marker.
func id(prefix string, idx ...int) string {
	b := make([]byte, 0, len(prefix)+4*len(idx))
	b = append(b, prefix...)
	for i, n := range idx {
		if i > 0 {
			b = append(b, '_')
		}
		b = strconv.AppendInt(b, int64(n+1), 10)
	}
	return string(b)
}

// Fixed ids.
const (
	idInternet = "inet"
)

// Id prefixes, one per kind of element.
const (
	pVPC       = "vpc"   // vpc{v}: a VPC's subgraph or node
	pIGW       = "igw"   // igw{v}
	pAZ        = "az"    // az{v}_{a}
	pSubnet    = "sn"    // sn{v}_{t}_{s}: subnet s of tier t
	pNAT       = "nat"   // nat{v}_{a}
	pWorkload  = "wl"    // wl{v}_{w}_{s}: workload w in its tier's subnet s
	pEndpoints = "eps"   // eps{v}: a VPC's endpoints
	pEndpoint  = "ep"    // ep{v}_{e}
	pTier      = "tr"    // tr{v}_{t}: a tier's node or subgraph
	pNetwork   = "net"   // net{n}
	pTGW       = "tgw"   // tgw{c}: a transit gateway's node, or its subgraph of route tables
	pTGWTable  = "tgwrt" // tgwrt{c}_{t}: route table t of transit gateway c
	pService   = "pls"   // pls{c}: a PrivateLink endpoint service
	pConsumer  = "ple"   // ple{c}: a PrivateLink interface endpoint
	pSG        = "sg"    // sg{v}_{g}
	pCIDR      = "cidr"  // cidr{k}: a CIDR peer
	pVPCPeer   = "vpcp"  // vpcp{v}: a whole VPC as a rule peer
	pTierPeer  = "tierp" // tierp{v}_{t}: a tier's subnets as a rule peer
	pMissing   = "miss"  // miss{k}: a reference to nothing
	pPeering   = "pcx"   // pcx{c}: a peering connection's node
	pVPN       = "vpn"   // vpn{c}: a Site-to-Site VPN's node
	pPLink     = "plk"   // plk{c}: a PrivateLink connection's node at VPC detail
	pRow       = "row"   // row{v}_{t}: tier t's row of subnets in VPC v
)
