package mermaid

// Class names of the diagram's elements.
const (
	classVPC      = "vpc"
	classAZ       = "az"
	classPublic   = "public"
	classPrivate  = "private"
	classIsolated = "isolated"
	classGateway  = "gateway"
	classEndpoint = "endpoint"
	classWorkload = "workload"
	classNetwork  = "network"
	classInternet = "internet"
	classTier     = "tier"
	classSG       = "sg"
	classPeer     = "peer"
	classMissing  = "missing"
	classLegend   = "legend"
	classConn     = "conn"
)

// classOrder lists every class with its style, in the order the classDefs
// are written. Fills are mid-tone with near-black text and a darker stroke,
// so a box reads the same on GitHub's light and dark themes; nested boxes
// (VPC, AZ, subnet) step in lightness so the nesting shows on either.
var classOrder = []struct{ name, style string }{
	{classVPC, "fill:#8fa9c9,stroke:#1f3b5c,stroke-width:2px,color:#111111"},
	{classAZ, "fill:#b3c6dc,stroke:#3d5a80,stroke-dasharray:5 3,color:#111111"},
	{classPublic, "fill:#8fcf9a,stroke:#2d6b3a,color:#111111"},
	{classPrivate, "fill:#9ec3ea,stroke:#2c5a8c,color:#111111"},
	{classIsolated, "fill:#c4ade0,stroke:#5b3f86,color:#111111"},
	{classTier, "fill:#c9d3de,stroke:#4a5a6a,color:#111111"},
	{classGateway, "fill:#eeb36b,stroke:#8a5316,color:#111111"},
	{classEndpoint, "fill:#e6d27a,stroke:#7d6a12,color:#111111"},
	{classWorkload, "fill:#d4d4d4,stroke:#505050,color:#111111"},
	{classNetwork, "fill:#cfa886,stroke:#6e4a2c,color:#111111"},
	{classInternet, "fill:#a9b4bf,stroke:#39434d,color:#111111"},
	{classSG, "fill:#e8a3a3,stroke:#8c2f2f,color:#111111"},
	{classPeer, "fill:#c8c8c8,stroke:#505050,color:#111111"},
	{classMissing, "fill:#f2c94c,stroke:#8a6d00,stroke-dasharray:3 3,color:#111111"},
	{classConn, "fill:#f0f0f0,stroke:#39434d,stroke-width:2px,color:#111111"},
	{classLegend, "fill:#f7f7f7,stroke:#7a8794,stroke-dasharray:2 2,color:#111111,text-align:left"},
}

// linkStyle is every edge's style; hiddenLinkStyle undoes it for the
// invisible edges that only steer the layout.
const (
	linkStyle       = "stroke:#7a8794,stroke-width:1.5px"
	hiddenLinkStyle = "stroke:none,stroke-width:0"
	thickLinkStyle  = "stroke:#39434d,stroke-width:3.5px"
)
