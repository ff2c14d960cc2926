package cost

import (
	"github.com/vpcsmith/vpcsmith/design"
)

// warn records what the main estimate could not price. Partial estimates
// of the adviser (describe off, or a sink) never warn: their design is a
// variation of one already warned about.
func (e *estimator) warn(vpc, conn, msg string) {
	if !e.describe || e.sink != nil {
		return
	}
	e.warnings = append(e.warnings, Warning{VPC: vpc, Connection: conn, Message: msg})
}

// connectionWarnings warns about traffic a VPC states for a kind of
// connection it is not on, which the estimate therefore leaves out.
func (e *estimator) connectionWarnings() {
	onTGW := map[string]bool{}
	onPrem := map[string]bool{} // VPCs with a VPN, their own or a transit gateway's
	peered := map[string]bool{}
	for ci := range e.d.Connections {
		c := &e.d.Connections[ci]
		switch c.Kind {
		case design.ConnTransitGateway:
			for _, n := range c.VPCs {
				onTGW[n] = true
				if len(c.Networks) > 0 {
					onPrem[n] = true
				}
			}
		case design.ConnPeering:
			for _, n := range c.VPCs {
				peered[n] = true
			}
		case design.ConnVPN:
			onPrem[c.VPC] = true
		}
	}
	for i := range e.facts {
		f := &e.facts[i]
		if f.rp == nil {
			continue
		}
		name := f.v.Name
		t := &f.traffic
		if t.TransitGatewayGB > 0 && !onTGW[name] {
			e.warn(name, "", "transit_gateway_gb of "+name+" ("+FormatQuantity(t.TransitGatewayGB)+" GB) is not priced: "+name+" is on no transit gateway (the advice prices attaching it where it is peered)")
		}
		if t.PeeringGB > 0 && !peered[name] {
			e.warn(name, "", "peering_gb of "+name+" ("+FormatQuantity(t.PeeringGB)+" GB) is not priced: "+name+" has no peering connection")
		}
		if t.OnPremisesIngressGB > 0 && !onPrem[name] {
			e.warn(name, "", "on_premises_ingress_gb of "+name+" ("+FormatQuantity(t.OnPremisesIngressGB)+" GB) is not priced: "+name+" has no VPN, of its own or on a transit gateway")
		}
		if t.FlowLogsGB > 0 && !f.v.FlowLogs {
			e.warn(name, "", "flow_logs_gb of "+name+" ("+FormatQuantity(t.FlowLogsGB)+" GB) is not priced: "+name+" has no flow log")
		}
		if t.EndpointGB > 0 && f.interfaces == 0 && f.nats == 0 {
			e.warn(name, "", "endpoint_gb of "+name+" ("+FormatQuantity(t.EndpointGB)+" GB) is not priced: "+name+" has neither an interface endpoint nor a NAT gateway to carry it")
		}
		if t.S3GB > 0 && f.gateways == 0 && f.nats == 0 {
			e.warn(name, "", "s3_gb of "+name+" ("+FormatQuantity(t.S3GB)+" GB) is not priced: "+name+" has neither a gateway endpoint nor a NAT gateway (from a public tier it reaches S3 through the internet gateway, free within the region)")
		}
	}
}
